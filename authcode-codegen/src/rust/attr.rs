//! Pass 1: reads `#[auth_scopes(wallet = "..." | spec = "...", crate = "...")]`.

use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, LitStr, Path};

/// Where the spec comes from. Errors about it point at the literal.
pub(crate) enum Source {
    /// `spec = "path"`: a file, relative to the deriving crate's `CARGO_MANIFEST_DIR`.
    File(LitStr),
    /// `wallet = "name"`: a spec that ships with authcode (`authcode_spec::wallets`).
    Shipped(LitStr),
}

/// What the attribute says.
pub(crate) struct Options {
    /// The spec.
    pub source: Source,
    /// The path generated code uses to reach `authcode-runtime`.
    pub krate: Path,
}

const OPTIONS: [&str; 3] = ["wallet", "spec", "crate"];

const USAGE: &str = "expected `#[auth_scopes(wallet = \"gcash\")]` for a shipped wallet or \
                     `#[auth_scopes(spec = \"path/to/spec.json\")]`";

pub(crate) fn options(input: &DeriveInput) -> syn::Result<Options> {
    let attrs: Vec<&Attribute> = input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("auth_scopes"))
        .collect();
    let Some((first, rest)) = attrs.split_first() else {
        return Err(syn::Error::new(
            input.ident.span(),
            format!(
                "missing `#[auth_scopes(...)]`: {USAGE} (a path relative to CARGO_MANIFEST_DIR)"
            ),
        ));
    };

    let mut source: Option<Source> = None;
    let mut krate: Option<Path> = None;
    let mut errors: Vec<syn::Error> = Vec::new();
    for extra in rest {
        errors.push(syn::Error::new_spanned(
            extra,
            "duplicate `#[auth_scopes(...)]`: put all options in one attribute",
        ));
    }

    let parsed = first.parse_nested_meta(|meta| {
        if meta.path.is_ident("spec") || meta.path.is_ident("wallet") {
            let is_file = meta.path.is_ident("spec");
            let value = if is_file {
                string_value(&meta, "spec = \"path/to/spec.json\"")?
            } else {
                string_value(&meta, "wallet = \"gcash\"")?
            };
            match &source {
                Some(Source::File(_)) if is_file => return Err(meta.error("`spec` is given twice")),
                Some(Source::Shipped(_)) if !is_file => {
                    return Err(meta.error("`wallet` is given twice"));
                }
                Some(_) => {
                    return Err(meta.error(
                        "give either `wallet` (a shipped wallet) or `spec` (a file), not both",
                    ));
                }
                None => {}
            }
            if value.value().trim().is_empty() {
                let what = if is_file {
                    "`spec` path"
                } else {
                    "`wallet` name"
                };
                return Err(syn::Error::new(value.span(), format!("{what} is empty")));
            }
            source = Some(if is_file {
                Source::File(value)
            } else {
                Source::Shipped(value)
            });
        } else if meta.path.is_ident("crate") {
            let value = string_value(&meta, "crate = \"path::to::authcode_runtime\"")?;
            if krate.is_some() {
                return Err(meta.error("`crate` is given twice"));
            }
            krate = Some(value.parse()?);
        } else {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let hint = match authcode_names::closest(&key, OPTIONS) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "expected `wallet`, `spec` or `crate`".to_owned(),
            };
            return Err(meta.error(format!(
                "unknown option `{key}` in `#[auth_scopes(...)]`; {hint}"
            )));
        }
        Ok(())
    });
    if let Err(err) = parsed {
        errors.push(err);
    }
    if source.is_none() && errors.is_empty() {
        errors.push(syn::Error::new(
            first.span(),
            format!("`#[auth_scopes(...)]` names no spec: {USAGE}"),
        ));
    }
    if let Some(combined) = errors.into_iter().reduce(|mut all, next| {
        all.combine(next);
        all
    }) {
        return Err(combined);
    }
    match source {
        Some(source) => Ok(Options {
            source,
            krate: krate.unwrap_or_else(default_crate),
        }),
        // The branch above turned a missing source into an error, so this is unreachable; an
        // error rather than a panic keeps the macro panic-free regardless.
        None => Err(syn::Error::new(first.span(), USAGE)),
    }
}

/// The string literal after `key =`, with an error that shows the expected form.
fn string_value(meta: &syn::meta::ParseNestedMeta<'_>, form: &str) -> syn::Result<LitStr> {
    meta.value()
        .and_then(|value| value.parse::<LitStr>())
        .map_err(|err| syn::Error::new(err.span(), format!("expected `{form}`")))
}

/// The runtime's path when `crate = "..."` does not say otherwise.
pub(crate) fn default_crate() -> Path {
    syn::parse_quote!(::authcode_runtime)
}
