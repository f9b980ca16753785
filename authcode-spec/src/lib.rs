//! Reads and validates authcode scope spec files.
//!
//! This crate is the front end of `#[derive(AuthScopes)]`: it turns the text of a spec file into a
//! validated [`Spec`], or into the problems the file has, each with the line and column it sits
//! at. It is ordinary Rust (no proc-macro types), so the same code that runs inside the compiler
//! is unit-tested, property-tested and fuzzed directly. Users never depend on it themselves; they
//! reach it through `authcode-runtime`.
//!
//! ```
//! let text = r#"{
//!   "spec_version": 1,
//!   "scopes": [
//!     { "name": "USER_ID", "description": "The user ID.", "authorization": "silent",
//!       "grants": ["userId"] }
//!   ]
//! }"#;
//! let spec = authcode_spec::parse(text).unwrap();
//! assert_eq!(spec.scopes[0].variant, "UserId");
//! assert!(spec.scopes[0].authorization.is_silent());
//! // Without `user_info`, grants name paths of the Alipay+ userInfo model.
//! assert!(spec.user_info.is_default);
//! ```
//!
//! The reader makes one pass over the text and every check after it is linear (or `n log n`)
//! in the size of the file, so even a spec generated wrong, megabytes on one line, is rejected
//! in a fraction of a second, with at most [`MAX_PROBLEMS`] messages.
#![forbid(unsafe_code)]

mod error;
mod ident;
mod json;
mod keys;
mod location;
mod model;
mod parse;
mod problems;
mod reader;
mod user_info;
mod validate;
pub mod wallets;

pub use authcode_names::{Authorization, closest};
pub use error::{SpecError, SpecErrorKind};
pub use ident::{
    IdentProblem, RESERVED_VARIANTS, check_field_identifier, check_identifier, field_name_for,
    variant_name_for,
};
pub use keys::{FIELD_KEYS, FIELD_TYPES, ITEM_KEYS, OPENAPI_KEYS, SCOPE_KEYS, TOP_LEVEL_KEYS};
pub use location::Location;
pub use model::{
    ApiVersion, FieldType, ModelField, ModelPath, ObjectType, OpenApiProfile, RevokeApi, ScopeDef,
    Spec, UserInfoModel,
};

/// The only spec format version this crate reads.
pub const SPEC_VERSION: u64 = 1;

/// The largest spec file accepted, in bytes. Specs are hand-written lists of scopes; anything
/// this large is a mistake (a wrong path, a generated file gone wrong) and would only slow the
/// build down.
pub const MAX_SPEC_BYTES: usize = 8 * 1024 * 1024;

/// The most problems reported for one spec; past them, one last problem counts the rest. The
/// first problems in the file are the ones to fix first, and a flood of messages would bury
/// them.
pub const MAX_PROBLEMS: usize = 50;

/// How deep arrays and objects may nest in a spec file. A valid spec nests about 20 deep at
/// most (a user-info model [`MAX_MODEL_DEPTH`] deep); the limit keeps the reader's recursion
/// far from the end of the compiler's stack.
pub const MAX_JSON_DEPTH: usize = 64;

/// How deep objects and arrays may nest in `user_info`.
pub const MAX_MODEL_DEPTH: usize = 8;

/// The most fields `user_info` may have, nested ones included. Wallets' user-info models have
/// a few dozen; the limit bounds the work of suggesting a path for a misspelt grant.
pub const MAX_MODEL_FIELDS: usize = 1000;

/// Parses and validates spec text.
///
/// On failure it returns the problems found in file order (at most [`MAX_PROBLEMS`] of them,
/// then one that counts the rest), so that a user fixes a spec in one round instead of one
/// error per build.
///
/// ```
/// let errors = authcode_spec::parse(r#"{ "spec_version": 1, "scopes": [ { "name": "USER_ID",
///   "description": "The user ID.", "authorisation": "silent" } ] }"#).unwrap_err();
/// let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
/// assert_eq!(messages, [
///     "1:34: scope \"USER_ID\" is missing `authorization`",
///     "2:34: unknown key `authorisation` in scope \"USER_ID\"; did you mean `authorization`?",
/// ]);
/// ```
pub fn parse(text: &str) -> Result<Spec, Vec<SpecError>> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(vec![SpecError::whole_file(
            SpecErrorKind::TooLarge,
            format!(
                "the spec is {} bytes; the limit is {MAX_SPEC_BYTES} bytes",
                text.len()
            ),
        )]);
    }
    if text.starts_with('\u{feff}') {
        return Err(vec![SpecError::at(
            SpecErrorKind::ByteOrderMark,
            Location { line: 1, column: 1 },
            "the spec starts with a byte order mark (U+FEFF), which JSON does not allow; save \
             it as UTF-8 without one"
                .to_owned(),
        )]);
    }
    let root = json::parse(text).map_err(|err| vec![err])?;
    let mut problems = problems::Problems::new();
    let spec = parse::read(&root, &mut problems);
    if let Some(spec) = &spec {
        validate::check(spec, &mut problems);
    }
    match spec {
        Some(spec) if problems.count() == 0 => Ok(spec),
        _ => Err(problems.into_errors()),
    }
}

/// Parses and validates spec bytes as read from disk, reporting text that is not UTF-8 at the
/// line and column of the first bad byte.
///
/// ```
/// let errors = authcode_spec::parse_bytes(b"{ \"wallet\": \"caf\xe9\" }").unwrap_err();
/// assert_eq!(errors[0].to_string(), "1:17: the spec is not valid UTF-8 text");
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<Spec, Vec<SpecError>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            // `valid` is proven UTF-8 by `valid_up_to`, so this conversion cannot fail.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            // A UTF-16 file starts with its byte order mark, which is never UTF-8.
            let hint = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                " (it looks like UTF-16: save it as UTF-8)"
            } else {
                ""
            };
            Err(vec![SpecError::at(
                SpecErrorKind::NotUtf8,
                Location::at_end_of(prefix),
                format!("the spec is not valid UTF-8 text{hint}"),
            )])
        }
    }
}
