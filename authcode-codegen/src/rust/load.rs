//! Pass 2: finds, reads and validates the spec file. Every problem is reported on the
//! attribute's string literal, prefixed with the spec path and the line and column in it.

use std::path::PathBuf;

use authcode_spec::{MAX_SPEC_BYTES, Spec};
use syn::LitStr;

use super::attr::Source;

/// The outcome of loading: the file (when it exists, so that the expansion can track it and
/// Cargo rebuilds once it changes) and the spec (when it is valid).
pub(crate) struct Loaded {
    pub tracked_file: Option<String>,
    pub spec: syn::Result<Spec>,
}

pub(crate) fn load(source: &Source) -> Loaded {
    match source {
        Source::File(literal) => load_file(literal),
        Source::Shipped(literal) => load_shipped(literal),
    }
}

/// A shipped wallet: its spec is part of `authcode-spec`, so nothing is read or tracked here
/// (a new release of the spec crate rebuilds the deriving crate anyway).
fn load_shipped(literal: &LitStr) -> Loaded {
    let spec = match authcode_spec::wallets::find(&literal.value()) {
        Ok(wallet) => parse(wallet.path, wallet.text.as_bytes(), literal),
        Err(unknown) => Err(syn::Error::new(literal.span(), unknown.to_string())),
    };
    Loaded {
        tracked_file: None,
        spec,
    }
}

fn load_file(literal: &LitStr) -> Loaded {
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
    let spec = parse(&shown, &bytes, literal);
    Loaded { tracked_file, spec }
}

/// The spec, or its problems as errors on the literal, each prefixed with `file:line:col`.
fn parse(shown: &str, bytes: &[u8], literal: &LitStr) -> syn::Result<Spec> {
    let fail = |message: String| syn::Error::new(literal.span(), message);
    authcode_spec::parse_bytes(bytes).map_err(|errors| {
        errors
            .iter()
            .map(|err| fail(crate::diagnostics::line(shown, err)))
            .reduce(|mut all, next| {
                all.combine(next);
                all
            })
            // `parse_bytes` never fails with an empty list; this arm only keeps the macro
            // panic-free should that ever change.
            .unwrap_or_else(|| fail(format!("{shown}: invalid spec")))
    })
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
