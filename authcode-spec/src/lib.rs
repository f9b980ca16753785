//! Reads and validates authcode scope spec files.
//!
//! This crate is the front end of `#[derive(AuthScopes)]`: it turns the text of a spec file into a
//! validated [`Spec`], or into every problem the file has, each with the line and column it sits
//! at. It is ordinary Rust (no proc-macro types), so the same code that runs inside the compiler
//! is unit-tested, property-tested and fuzzed directly. Users never depend on it themselves; they
//! reach it through `authcode-runtime`.
//!
//! ```
//! let text = r#"{
//!   "spec_version": 1,
//!   "scopes": [
//!     { "name": "USER_ID", "description": "The user ID.", "authorization": "silent" }
//!   ]
//! }"#;
//! let spec = authcode_spec::parse(text).unwrap();
//! assert_eq!(spec.scopes[0].variant, "UserId");
//! assert!(spec.scopes[0].authorization.is_silent());
//! ```
#![forbid(unsafe_code)]

mod error;
mod ident;
mod keys;
mod location;
mod model;
mod parse;
mod raw;
mod validate;

pub use authcode_names::closest;
pub use error::SpecError;
pub use ident::{IdentProblem, check_identifier, variant_name_for};
pub use keys::{SCOPE_KEYS, TOP_LEVEL_KEYS, USER_INFO_FIELDS, user_info_field_variant};
pub use location::Location;
pub use model::{Authorization, ScopeDef, Spec};

/// The only spec format version this crate reads.
pub const SPEC_VERSION: u64 = 1;

/// The largest spec file accepted, in bytes. Specs are hand-written lists of scopes; anything
/// this large is a mistake (a wrong path, a generated file gone wrong) and would only slow the
/// build down.
pub const MAX_SPEC_BYTES: usize = 8 * 1024 * 1024;

/// Parses and validates spec text.
///
/// On failure it returns every problem found, in file order, so that a user fixes a spec in one
/// round instead of one error per build.
pub fn parse(text: &str) -> Result<Spec, Vec<SpecError>> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(vec![SpecError::whole_file(format!(
            "the spec is {} bytes; the limit is {MAX_SPEC_BYTES} bytes",
            text.len()
        ))]);
    }
    let (spec, mut errors) = parse::read(text);
    if let Some(spec) = &spec {
        errors.extend(validate::check(spec));
    }
    match spec {
        Some(spec) if errors.is_empty() => Ok(spec),
        _ => {
            // Report in file order, as a reader of the file would meet them.
            errors.sort_by_key(|err| err.location);
            Err(errors)
        }
    }
}

/// Parses and validates spec bytes as read from disk, reporting text that is not UTF-8 at the
/// line and column of the first bad byte.
pub fn parse_bytes(bytes: &[u8]) -> Result<Spec, Vec<SpecError>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            // `valid` is proven UTF-8 by `valid_up_to`, so this conversion cannot fail.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            Err(vec![SpecError::at(
                Location::at_end_of(prefix),
                "the spec is not valid UTF-8 text".to_owned(),
            )])
        }
    }
}
