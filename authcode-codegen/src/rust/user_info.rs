//! The wallet's user-info model: `<Wallet>UserInfo`, a struct per object of the spec's
//! `user_info` (fields `Option`s named in snake_case, unknown fields kept in `extra`), the
//! enum of its paths `<Wallet>UserInfoField`, and the release of a profile to the paths a
//! grant's scopes name.
//!
//! A spec without `user_info` gets the Alipay+ model, which the runtime compiles once
//! (`authcode_runtime::UserInfo`, from [`default_model`]); the derive then names it with a
//! type alias.

use std::collections::HashMap;

use authcode_spec::{FieldType, ModelField, ObjectType, ScopeDef, Spec, UserInfoModel};
use heck::ToUpperCamelCase;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

use crate::escape;
use crate::rust::Paths;
use crate::rust::target::Target;

/// The names of a wallet's model types.
pub(crate) struct ModelIdents {
    /// `<Wallet>UserInfo`.
    pub(crate) model: Ident,
    /// `<Wallet>UserInfoField`.
    pub(crate) field: Ident,
}

pub(crate) fn model_idents(target: &Target<'_>) -> ModelIdents {
    ModelIdents {
        model: format_ident!("{}UserInfo", target.ident),
        field: format_ident!("{}UserInfoField", target.ident),
    }
}

/// The model of the spec: its own, or aliases of the runtime's Alipay+ model.
pub(crate) fn generate(target: &Target<'_>, paths: &Paths, spec: Option<&Spec>) -> TokenStream {
    let idents = model_idents(target);
    let vis = target.vis;
    let krate = &paths.krate;
    match spec {
        Some(spec) if !spec.user_info.is_default => {
            let wallet = spec.wallet.as_deref().unwrap_or("the wallet");
            let generator = ModelGenerator {
                paths,
                vis: quote! { #vis },
                model: &spec.user_info,
                scopes: &spec.scopes,
                idents,
                wallet: wallet.to_owned(),
            };
            generator.generate()
        }
        _ => {
            let (model, field) = (&idents.model, &idents.field);
            let doc = format!(
                " The `userInfo` model of {}: the Alipay+ model (the spec has no `user_info`).",
                escape::rustdoc(
                    spec.and_then(|spec| spec.wallet.as_deref())
                        .unwrap_or("the wallet")
                )
            );
            quote! {
                #[doc = #doc]
                #vis type #model = #krate::UserInfo;
                #[doc = " The paths of the Alipay+ `userInfo` model."]
                #vis type #field = #krate::UserInfoField;
            }
        }
    }
}

/// The runtime's Alipay+ model, generated into the runtime itself.
pub(crate) fn default_model(paths: &Paths) -> TokenStream {
    let model = UserInfoModel::alipay_plus();
    let generator = ModelGenerator {
        paths,
        vis: quote! { pub },
        model: &model,
        scopes: &[],
        idents: ModelIdents {
            model: format_ident!("UserInfo"),
            field: format_ident!("UserInfoField"),
        },
        wallet: "Alipay+".to_owned(),
    };
    generator.generate()
}

struct ModelGenerator<'a> {
    paths: &'a Paths,
    vis: TokenStream,
    model: &'a UserInfoModel,
    scopes: &'a [ScopeDef],
    idents: ModelIdents,
    wallet: String,
}

/// An object of the model, and where it sits.
struct ObjectSite<'m> {
    /// The dotted wire path to the object (empty for the model itself).
    path: String,
    /// The Rust field names on the way, for the struct's default name.
    rust_path: String,
    /// `true` when the object is an array's item.
    item: bool,
    fields: &'m [ModelField],
    rust_type: Option<&'m str>,
}

impl ModelGenerator<'_> {
    fn generate(&self) -> TokenStream {
        let paths = self.model.paths();
        let variants: HashMap<&str, Ident> = paths
            .iter()
            .map(|p| (p.path.as_str(), Ident::new(&p.variant, Span::call_site())))
            .collect();
        let mut sites = Vec::new();
        collect_objects(
            self.model.fields.as_slice(),
            String::new(),
            String::new(),
            false,
            None,
            &mut sites,
        );
        let names: Vec<Ident> = sites.iter().map(|site| self.struct_name(site)).collect();
        let by_path: HashMap<(&str, bool), &Ident> = sites
            .iter()
            .zip(&names)
            .map(|(site, name)| ((site.path.as_str(), site.item), name))
            .collect();
        let eq = if uses_numbers(&self.model.fields) {
            TokenStream::new()
        } else {
            quote! { Eq, }
        };
        let structs = sites
            .iter()
            .zip(&names)
            .map(|(site, name)| self.object_struct(site, name, &by_path, &eq));
        let field_enum = self.field_enum(&paths);
        let release = self.release_impl(&variants, &by_path);
        quote! {
            #(#structs)*
            #field_enum
            #release
        }
    }

    /// A nested struct's name: the spec's `rust_type`, or the model's name and the path.
    fn struct_name(&self, site: &ObjectSite<'_>) -> Ident {
        if let Some(name) = site.rust_type {
            return Ident::new(name, Span::call_site());
        }
        if site.path.is_empty() {
            return self.idents.model.clone();
        }
        let suffix = if site.item { "Item" } else { "" };
        format_ident!("{}{}{}", self.idents.model, site.rust_path, suffix)
    }

    fn object_struct(
        &self,
        site: &ObjectSite<'_>,
        name: &Ident,
        by_path: &HashMap<(&str, bool), &Ident>,
        eq: &TokenStream,
    ) -> TokenStream {
        let vis = &self.vis;
        let private = &self.paths.private;
        let serde_crate = quote! { #private::serde }.to_string();
        let doc = if site.path.is_empty() {
            format!(
                " The `userInfo` of {}, as inquiryUserInfo returns it: every field optional (a \
                 response carries only what the token's scopes release); fields this model does \
                 not know are kept in `extra` and written back.",
                escape::rustdoc(&self.wallet)
            )
        } else if site.item {
            format!(" An item of {}.", escape::rustdoc_code(&site.path))
        } else {
            format!(" {}.", escape::rustdoc_code(&site.path))
        };
        let fields = site.fields.iter().map(|field| {
            let path = join(&site.path, &field.wire_name);
            let ident = rust_ident(&field.rust_name);
            let ty = self.rust_type(&field.ty, &path, by_path);
            let wire = &field.wire_name;
            let shown = escape::rustdoc_code(wire);
            let mut doc = match &field.description {
                Some(description) => format!(" {shown}: {}", escape::rustdoc(description)),
                None => format!(" {shown}."),
            };
            if let Some(released) = self.released_by(&path) {
                doc.push_str(&released);
            }
            quote! {
                #[doc = #doc]
                #[serde(
                    rename = #wire,
                    default,
                    skip_serializing_if = "::core::option::Option::is_none"
                )]
                pub #ident: ::core::option::Option<#ty>,
            }
        });
        quote! {
            #[doc = #doc]
            #[derive(
                ::core::clone::Clone,
                ::core::fmt::Debug,
                ::core::default::Default,
                ::core::cmp::PartialEq,
                #eq
                #private::serde::Serialize,
                #private::serde::Deserialize,
            )]
            #[serde(crate = #serde_crate)]
            #vis struct #name {
                #(#fields)*
                /// Fields this model does not know, kept as they arrived and written back.
                #[serde(flatten)]
                pub extra: #private::serde_json::Map<::std::string::String, #private::serde_json::Value>,
            }
        }
    }

    fn rust_type(
        &self,
        ty: &FieldType,
        path: &str,
        by_path: &HashMap<(&str, bool), &Ident>,
    ) -> TokenStream {
        self.rust_type_at(ty, path, false, by_path)
    }

    fn rust_type_at(
        &self,
        ty: &FieldType,
        path: &str,
        item: bool,
        by_path: &HashMap<(&str, bool), &Ident>,
    ) -> TokenStream {
        match ty {
            FieldType::String => quote! { ::std::string::String },
            FieldType::Integer => quote! { i64 },
            FieldType::Number => quote! { f64 },
            FieldType::Boolean => quote! { bool },
            FieldType::Object(_) => {
                let name = by_path.get(&(path, item)).map(|name| quote! { #name });
                name.unwrap_or_else(|| quote! { () })
            }
            FieldType::Array(items) => {
                let inner = self.rust_type_at(items, path, true, by_path);
                quote! { ::std::vec::Vec<#inner> }
            }
        }
    }

    /// "Released by" for a field's documentation: the scopes whose grants cover it, whole or
    /// in part.
    fn released_by(&self, path: &str) -> Option<String> {
        let mut whole = Vec::new();
        let mut part = Vec::new();
        for scope in self.scopes {
            let covers = scope
                .grants
                .iter()
                .any(|grant| path == grant || path.starts_with(&format!("{grant}.")));
            let inside = scope
                .grants
                .iter()
                .any(|grant| grant.starts_with(&format!("{path}.")));
            if covers {
                whole.push(escape::rustdoc_code(&scope.name));
            } else if inside {
                part.push(escape::rustdoc_code(&scope.name));
            }
        }
        let mut text = String::new();
        if !whole.is_empty() {
            text.push_str(&format!(" Released by {}.", whole.join(", ")));
        }
        if !part.is_empty() {
            text.push_str(&format!(" Released in part by {}.", part.join(", ")));
        }
        if self.scopes.is_empty() || !text.is_empty() {
            (!text.is_empty()).then_some(text)
        } else {
            Some(" Released by no scope.".to_owned())
        }
    }

    fn field_enum(&self, paths: &[authcode_spec::ModelPath]) -> TokenStream {
        let krate = &self.paths.krate;
        let vis = &self.vis;
        let name = &self.idents.field;
        let model = &self.idents.model;
        let count = paths.len();
        let words = count.div_ceil(64).max(1);
        let variants: Vec<Ident> = paths
            .iter()
            .map(|p| Ident::new(&p.variant, Span::call_site()))
            .collect();
        let docs = paths
            .iter()
            .map(|p| format!(" {}.", escape::rustdoc_code(&p.path)));
        let path_strings = paths.iter().map(|p| p.path.as_str());
        let ends = paths.iter().map(|p| p.subtree_end);
        let doc = format!(
            " A path of [`{model}`], as a scope's `grants` names it, in the model's order (an \
             object before its fields)."
        );
        let (index, path, end) = if paths.is_empty() {
            let none = quote! { match self {} };
            (none.clone(), none.clone(), none)
        } else {
            (
                quote! { self as usize },
                quote! { PATHS[self as usize] },
                quote! { ENDS[self as usize] },
            )
        };
        quote! {
            #[doc = #doc]
            #[derive(
                ::core::clone::Clone,
                ::core::marker::Copy,
                ::core::fmt::Debug,
                ::core::cmp::PartialEq,
                ::core::cmp::Eq,
                ::core::cmp::PartialOrd,
                ::core::cmp::Ord,
                ::core::hash::Hash,
            )]
            // The variants are the model's paths, which often share a prefix (`userName`,
            // `userNameInArabic`, ...).
            #[allow(clippy::enum_variant_names)]
            #vis enum #name {
                #(#[doc = #docs] #variants,)*
            }

            const _: () = {
                const PATHS: [&str; #count] = [#(#path_strings),*];
                const ENDS: [usize; #count] = [#(#ends),*];

                #[automatically_derived]
                impl #krate::ModelField for #name {
                    type Bits = [u64; #words];

                    const ALL: &'static [#name] = &[#(#name::#variants),*];

                    fn index(self) -> usize {
                        #index
                    }

                    fn path(self) -> &'static str {
                        #path
                    }

                    fn subtree_end(self) -> usize {
                        #end
                    }
                }

                #[automatically_derived]
                impl ::core::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#krate::ModelField::path(*self))
                    }
                }
            };
        }
    }

    fn release_impl(
        &self,
        variants: &HashMap<&str, Ident>,
        by_path: &HashMap<(&str, bool), &Ident>,
    ) -> TokenStream {
        let krate = &self.paths.krate;
        let model = &self.idents.model;
        let field = &self.idents.field;
        let body = self.release_object(
            &self.model.fields,
            "",
            model,
            &quote! { self },
            variants,
            by_path,
        );
        let set_user_id = match self
            .model
            .fields
            .iter()
            .find(|f| f.wire_name == "userId" && f.ty == FieldType::String)
        {
            Some(user_id) => {
                let ident = rust_ident(&user_id.rust_name);
                quote! { self.#ident = ::core::option::Option::Some(::std::borrow::ToOwned::to_owned(user_id)); }
            }
            None => quote! { let _ = user_id; },
        };
        quote! {
            const _: () = {
                #[automatically_derived]
                impl #krate::UserInfoModel for #model {
                    type Field = #field;

                    fn released(&self, fields: &#krate::FieldSet<#field>) -> #model {
                        #body
                    }

                    fn set_user_id(&mut self, user_id: &str) {
                        #set_user_id
                    }
                }
            };
        }
    }

    /// A struct literal of `name` from `value` (an expression of type `&name`) with each field
    /// released as `fields` says. Unknown fields go only with an object released whole, which
    /// the caller does by cloning.
    fn release_object(
        &self,
        fields: &[ModelField],
        base: &str,
        name: &Ident,
        value: &TokenStream,
        variants: &HashMap<&str, Ident>,
        by_path: &HashMap<(&str, bool), &Ident>,
    ) -> TokenStream {
        let private = &self.paths.private;
        let field_enum = &self.idents.field;
        let members = fields.iter().map(|field| {
            let path = join(base, &field.wire_name);
            let ident = rust_ident(&field.rust_name);
            let variant = variants.get(path.as_str());
            let here = quote! { &#value.#ident };
            let Some(variant) = variant else {
                return quote! { #ident: ::core::option::Option::None, };
            };
            let expr = match &field.ty {
                FieldType::Object(object) => {
                    let inner_name = by_path
                        .get(&(path.as_str(), false))
                        .copied()
                        .unwrap_or(name);
                    let inner = self.release_object(
                        &object.fields,
                        &path,
                        inner_name,
                        &quote! { value },
                        variants,
                        by_path,
                    );
                    quote! {
                        #private::release_object(fields, #field_enum::#variant, #here, |value| #inner)
                    }
                }
                FieldType::Array(items) if items.nested_object().is_some() => {
                    let item = self.release_item(items, &path, name, variants, by_path);
                    quote! {
                        #private::release_items(fields, #field_enum::#variant, #here, |item| #item)
                    }
                }
                _ => quote! { #private::release_value(fields, #field_enum::#variant, #here) },
            };
            quote! { #ident: #expr, }
        });
        quote! {
            #name {
                #(#members)*
                extra: ::core::default::Default::default(),
            }
        }
    }

    /// An array item (`item`, an expression of the item's type behind a reference) released
    /// in part.
    fn release_item(
        &self,
        ty: &FieldType,
        path: &str,
        fallback: &Ident,
        variants: &HashMap<&str, Ident>,
        by_path: &HashMap<(&str, bool), &Ident>,
    ) -> TokenStream {
        let private = &self.paths.private;
        match ty {
            FieldType::Object(object) => {
                let name = by_path.get(&(path, true)).copied().unwrap_or(fallback);
                self.release_object(
                    &object.fields,
                    path,
                    name,
                    &quote! { item },
                    variants,
                    by_path,
                )
            }
            FieldType::Array(inner) => {
                let inner = self.release_item(inner, path, fallback, variants, by_path);
                quote! { #private::release_nested(item, |item| #inner) }
            }
            _ => quote! { ::core::clone::Clone::clone(item) },
        }
    }
}

/// Every object of the model (the model itself first), depth first.
fn collect_objects<'m>(
    fields: &'m [ModelField],
    path: String,
    rust_path: String,
    item: bool,
    rust_type: Option<&'m str>,
    sites: &mut Vec<ObjectSite<'m>>,
) {
    sites.push(ObjectSite {
        path: path.clone(),
        rust_path: rust_path.clone(),
        item,
        fields,
        rust_type,
    });
    for field in fields {
        let field_path = join(&path, &field.wire_name);
        let field_rust = format!(
            "{rust_path}{}",
            field
                .rust_name
                .trim_start_matches("r#")
                .to_upper_camel_case()
        );
        let mut ty = &field.ty;
        let mut in_array = false;
        while let FieldType::Array(items) = ty {
            ty = items;
            in_array = true;
        }
        if let FieldType::Object(ObjectType { rust_type, fields }) = ty {
            collect_objects(
                fields,
                field_path,
                field_rust,
                in_array,
                rust_type.as_deref(),
                sites,
            );
        }
    }
}

fn uses_numbers(fields: &[ModelField]) -> bool {
    fn number(ty: &FieldType) -> bool {
        match ty {
            FieldType::Number => true,
            FieldType::Array(items) => number(items),
            FieldType::Object(object) => uses_numbers(&object.fields),
            _ => false,
        }
    }
    fields.iter().any(|field| number(&field.ty))
}

fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_owned()
    } else {
        format!("{base}.{name}")
    }
}

/// A field identifier; `r#`-prefixed names (keywords) as raw identifiers.
fn rust_ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
