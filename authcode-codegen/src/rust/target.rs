//! Pass 1b: checks the item the derive is attached to. The derive describes a wallet, so it
//! takes a plain, non-generic struct (usually a unit struct) and generates the scope enum
//! beside it.

use syn::{Data, DeriveInput, Ident, Visibility};

/// The struct that carries the derive.
pub(crate) struct Target<'a> {
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    /// The name of the generated enum: the struct's name + `Scope`.
    pub scope_ident: Ident,
}

pub(crate) fn target(input: &DeriveInput) -> syn::Result<Target<'_>> {
    let kind = match &input.data {
        Data::Struct(_) => None,
        Data::Enum(data) => Some((data.enum_token.span, "an enum")),
        Data::Union(data) => Some((data.union_token.span, "a union")),
    };
    if let Some((span, kind)) = kind {
        return Err(syn::Error::new(
            span,
            format!(
                "#[derive(AuthScopes)] cannot be used on {kind}: it goes on a struct that names \
                 the wallet, e.g. `pub struct AlipayPlus;`, and generates the scope enum beside it"
            ),
        ));
    }
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "#[derive(AuthScopes)] does not support generic structs: use a plain struct such as \
             `pub struct AlipayPlus;`",
        ));
    }
    Ok(Target {
        ident: &input.ident,
        vis: &input.vis,
        scope_ident: quote::format_ident!("{}Scope", input.ident),
    })
}
