//! Pass 2: finds, reads and validates the spec file. Every problem is reported on the
//! attribute's string literal, prefixed with the spec path and the line and column in it.

use std::path::PathBuf;

use authcode_spec::{MAX_SPEC_BYTES, Spec};
use syn::LitStr;

/// The outcome of loading: the file (when it exists, so that the expansion can track it and
/// Cargo rebuilds once it changes) and the spec (when it is valid).
pub(crate) struct Loaded {
    pub tracked_file: Option<String>,
    pub spec: syn::Result<Spec>,
}

pub(crate) fn load(literal: &LitStr) -> Loaded {
    let shown = literal.value();
    let path = match resolve(&shown) {
        Ok(path) => path,
        Err(message) => return failed(None, syn::Error::new(literal.span(), message)),
    };
    let fail = |message: String| syn::Error::new(literal.span(), message);

    let metadata = match std::fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return failed(
                None,
                // The path as written, and where relative paths start: the resolved path
                // names wherever the crate happens to be checked out, and says no more.
                fail(format!(
                    "spec file not found: {shown} (a relative path starts from \
                     CARGO_MANIFEST_DIR, the directory of this crate's Cargo.toml)"
                )),
            );
        }
        Err(err) => {
            return failed(None, fail(format!("cannot read spec file {shown}: {err}")));
        }
    };
    if metadata.is_dir() {
        return failed(
            None,
            fail(format!(
                "spec path {shown} is a directory; name the JSON spec file inside it"
            )),
        );
    }
    let tracked_file = path.to_str().map(str::to_owned);
    if metadata.len() > MAX_SPEC_BYTES as u64 {
        return failed(
            tracked_file,
            fail(format!(
                "{shown}: the spec is {} bytes; the limit is {MAX_SPEC_BYTES} bytes",
                metadata.len()
            )),
        );
    }
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return failed(
                tracked_file,
                fail(format!("cannot read spec file {shown}: {err}")),
            );
        }
    };
    let spec = authcode_spec::parse_bytes(&bytes).map_err(|errors| {
        errors
            .iter()
            .map(|err| fail(crate::diagnostics::line(&shown, err)))
            .reduce(|mut all, next| {
                all.combine(next);
                all
            })
            // `parse_bytes` never fails with an empty list; this arm only keeps the macro
            // panic-free should that ever change.
            .unwrap_or_else(|| fail(format!("{shown}: invalid spec")))
    });
    Loaded { tracked_file, spec }
}

fn failed(tracked_file: Option<String>, err: syn::Error) -> Loaded {
    Loaded {
        tracked_file,
        spec: Err(err),
    }
}

/// The spec path relative to the deriving crate's manifest directory, as pest_derive and typify
/// resolve theirs: builds then do not depend on the directory cargo was started from.
fn resolve(spec: &str) -> Result<PathBuf, String> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").ok_or_else(|| {
        "CARGO_MANIFEST_DIR is not set, so the spec path cannot be resolved; build with cargo"
            .to_owned()
    })?;
    Ok(PathBuf::from(manifest_dir).join(spec))
}
