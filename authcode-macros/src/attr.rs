//! Pass 1: reads `#[auth_scopes(spec = "...", crate = "...")]`.

use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, LitStr, Path};

/// What the attribute says.
pub(crate) struct Options {
    /// The spec path as written, relative to the deriving crate's `CARGO_MANIFEST_DIR`; errors
    /// about the file point at this literal.
    pub spec: LitStr,
    /// The path generated code uses to reach `authcode-runtime`.
    pub krate: Path,
}

const USAGE: &str = "expected `#[auth_scopes(spec = \"path/to/spec.json\")]`";

pub(crate) fn options(input: &DeriveInput) -> syn::Result<Options> {
    let attrs: Vec<&Attribute> = input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("auth_scopes"))
        .collect();
    let Some((first, rest)) = attrs.split_first() else {
        return Err(syn::Error::new(
            input.ident.span(),
            format!("missing `#[auth_scopes(...)]`: {USAGE} (relative to CARGO_MANIFEST_DIR)"),
        ));
    };

    let mut spec: Option<LitStr> = None;
    let mut krate: Option<Path> = None;
    let mut errors: Vec<syn::Error> = Vec::new();
    for extra in rest {
        errors.push(syn::Error::new(
            extra.span(),
            "duplicate `#[auth_scopes(...)]`: put all options in one attribute",
        ));
    }

    let parsed = first.parse_nested_meta(|meta| {
        if meta.path.is_ident("spec") {
            let value: LitStr = meta.value()?.parse()?;
            if spec.is_some() {
                return Err(meta.error("`spec` is given twice"));
            }
            if value.value().trim().is_empty() {
                return Err(syn::Error::new(value.span(), "`spec` path is empty"));
            }
            spec = Some(value);
        } else if meta.path.is_ident("crate") {
            let value: LitStr = meta.value()?.parse()?;
            if krate.is_some() {
                return Err(meta.error("`crate` is given twice"));
            }
            krate = Some(value.parse()?);
        } else {
            let key = meta
                .path
                .get_ident()
                .map_or_else(|| "this path".to_owned(), |ident| format!("`{ident}`"));
            return Err(meta.error(format!(
                "unknown option {key} in `#[auth_scopes(...)]`; expected `spec` or `crate`"
            )));
        }
        Ok(())
    });
    if let Err(err) = parsed {
        errors.push(err);
    }
    if spec.is_none() && errors.is_empty() {
        errors.push(syn::Error::new(
            first.span(),
            format!("`#[auth_scopes(...)]` is missing `spec`: {USAGE}"),
        ));
    }
    if let Some(combined) = errors.into_iter().reduce(|mut all, next| {
        all.combine(next);
        all
    }) {
        return Err(combined);
    }
    match spec {
        Some(spec) => Ok(Options {
            spec,
            krate: krate.unwrap_or_else(|| syn::parse_quote!(::authcode_runtime)),
        }),
        // The branch above turned a missing `spec` into an error, so this is unreachable; an
        // error rather than a panic keeps the macro panic-free regardless.
        None => Err(syn::Error::new(first.span(), USAGE)),
    }
}
