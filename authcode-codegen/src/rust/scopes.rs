//! The scope enum and its impls.
//!
//! Per-scope data (wire names, descriptions, deprecation notes, aliases, grants) is laid out
//! as `const` tables indexed by the variant's position, read by `const fn`s: they stay usable
//! in const contexts and read plainly in `cargo expand`, and the expansion is a few lines per
//! scope whatever the spec's size. (A `match` arm per scope in every accessor made a
//! 10,000-scope spec take gigabytes of compiler memory to borrow-check.) Behaviour shared by
//! every wallet (parsing errors, serde visitors) lives in the runtime's private module and is
//! only called from here.
//!
//! The generated code names nothing through `Self::` but variants, and calls its own methods
//! with method syntax, so a variant named like an associated item (`Err`) cannot capture it;
//! variant names that would shadow the enum's public API are refused by the spec reader.

use authcode_spec::{Authorization, ScopeDef, Spec};
use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use syn::Ident;

use crate::escape;
use crate::rust::Paths;
use crate::rust::lookup::{self, WireName};
use crate::rust::target::Target;

/// One scope, ready for quoting.
struct Variant<'s> {
    ident: Ident,
    def: &'s ScopeDef,
}

/// The scope enum, its tables and its impls; an empty enum when the spec did not load.
pub(crate) fn generate(target: &Target<'_>, paths: &Paths, spec: Option<&Spec>) -> TokenStream {
    let scopes = spec.map_or(&[][..], |spec| &spec.scopes[..]);
    let variants: Vec<Variant<'_>> = scopes
        .iter()
        .map(|def| Variant {
            // The reader checked the identifier by the compiler's rules (NFC, XID); making it
            // here cannot fail.
            ident: Ident::new(&def.variant, Span::call_site()),
            def,
        })
        .collect();
    // The field enum's variant of every grantable path, looked up once per grant.
    let path_variants = spec
        .map(|spec| {
            spec.user_info
                .paths()
                .into_iter()
                .map(|path| (path.path, path.variant))
                .collect()
        })
        .unwrap_or_default();
    let generator = Generator {
        target,
        paths,
        spec,
        variants,
        path_variants,
    };
    generator.generate()
}

struct Generator<'a> {
    target: &'a Target<'a>,
    paths: &'a Paths,
    spec: Option<&'a Spec>,
    variants: Vec<Variant<'a>>,
    path_variants: std::collections::HashMap<String, String>,
}

impl Generator<'_> {
    fn generate(&self) -> TokenStream {
        let scope_enum = self.scope_enum();
        let tables = self.tables();
        let inherent = self.inherent_impl();
        let traits = self.trait_impls();
        let spec_impl = self.spec_impl();
        quote! {
            #scope_enum

            // Generated impls name deprecated variants; only the user's own uses should warn.
            #[allow(deprecated)]
            const _: () = {
                #tables
                #inherent
                #traits
                #spec_impl
            };
        }
    }

    fn scope_enum(&self) -> TokenStream {
        let Target {
            ident,
            vis,
            scope_ident,
            ..
        } = self.target;
        let wallet = self
            .spec
            .and_then(|spec| spec.wallet.as_deref())
            .unwrap_or("the wallet");
        let header = format!(
            " The authorization scopes of {}, generated from its spec by `#[derive(AuthScopes)]` on [`{ident}`].",
            escape::rustdoc(wallet)
        );
        let variants = self.variants.iter().map(|Variant { ident, def }| {
            let authorization = match def.authorization {
                Authorization::Silent => "Silent: granted without a consent prompt.",
                Authorization::Proactive => "Proactive: the user is asked to consent.",
            };
            // One doc attribute per variant: a large spec's expansion is mostly these.
            let doc = format!(
                " {}\n\n Wire name: {}. {authorization}",
                escape::rustdoc(&def.description),
                escape::rustdoc_code(&def.name)
            );
            let deprecated = def.deprecated.as_deref().map(|note| {
                let note = escape::rustdoc_note(note);
                quote! { #[deprecated(note = #note)] }
            });
            quote! {
                #[doc = #doc]
                #deprecated
                #ident,
            }
        });
        quote! {
            #[doc = #header]
            #[derive(
                ::core::clone::Clone,
                ::core::marker::Copy,
                ::core::cmp::PartialEq,
                ::core::cmp::Eq,
                ::core::cmp::PartialOrd,
                ::core::cmp::Ord,
                ::core::hash::Hash,
            )]
            // A `rust_name` may be any identifier the compiler takes, in any case or script,
            // and the variants are the wallet's names, prefixes and all (`USER_ID`,
            // `USER_NICKNAME`, ...).
            #[allow(non_camel_case_types, clippy::enum_variant_names)]
            #vis enum #scope_ident {
                #(#variants)*
            }
        }
    }

    /// The per-scope tables, private to the generated block.
    fn tables(&self) -> TokenStream {
        let count = self.variants.len();
        let words = count.div_ceil(64);
        let strings = |value: fn(&ScopeDef) -> &str| {
            let values = self.variants.iter().map(|variant| value(variant.def));
            quote! { [#(#values),*] }
        };
        let wire_names = strings(|def| &def.name);
        let descriptions = strings(|def| &def.description);
        let variant_names = self
            .variants
            .iter()
            .map(|variant| variant.ident.to_string());
        // The reader refuses an empty note, so "" can stand for none.
        let deprecations = strings(|def| def.deprecated.as_deref().unwrap_or_default());
        // Aliases and grants are lists per scope, laid out as one flat table each and the
        // position where each scope's list starts: an array of 10,000 slice literals took the
        // compiler seconds to type-check, a flat one milliseconds.
        let flat = |lists: &[Vec<TokenStream>]| {
            let mut starts = Vec::with_capacity(lists.len() + 1);
            let mut items = Vec::new();
            for list in lists {
                starts.push(items.len() as u32);
                items.extend(list.iter().cloned());
            }
            starts.push(items.len() as u32);
            (starts, items)
        };
        let alias_lists: Vec<Vec<TokenStream>> = self
            .variants
            .iter()
            .map(|variant| {
                variant
                    .def
                    .aliases
                    .iter()
                    .map(|alias| quote! { #alias })
                    .collect()
            })
            .collect();
        let (alias_starts, aliases) = flat(&alias_lists);
        let alias_count = aliases.len();
        let mut silent = vec![0u64; words];
        for (position, variant) in self.variants.iter().enumerate() {
            if variant.def.authorization.is_silent() {
                silent[position / 64] |= 1 << (position % 64);
            }
        }
        let silent = silent.iter().map(|word| Literal::u64_suffixed(*word));
        // A const panic cannot format its message, so each proactive scope's is written out.
        let refusals = self
            .variants
            .iter()
            .map(|variant| match variant.def.authorization {
                Authorization::Silent => String::new(),
                Authorization::Proactive => format!(
                    "scope {} is proactive (it needs the user's consent) and cannot be part of a \
                 silent request",
                    variant.def.name
                ),
            });
        let field = self.field_type();
        let grant_lists: Vec<Vec<TokenStream>> = self
            .variants
            .iter()
            .map(|variant| {
                variant
                    .def
                    .grants
                    .iter()
                    .map(|path| {
                        let ident = Ident::new(self.path_variant(path), Span::call_site());
                        quote! { #field::#ident }
                    })
                    .collect()
            })
            .collect();
        let (grant_starts, grants) = flat(&grant_lists);
        let grant_count = grants.len();
        let starts = count + 1;
        let all = self.variants.iter().map(|Variant { ident, .. }| ident);
        let scope_ident = &self.target.scope_ident;
        let all_names = self.wire_names();
        let names: Vec<&str> = all_names.iter().map(|wire| wire.name).collect();
        let name_count = names.len();
        quote! {
            const WIRE_NAMES: [&str; #count] = #wire_names;
            const VARIANT_NAMES: [&str; #count] = [#(#variant_names),*];
            const DESCRIPTIONS: [&str; #count] = #descriptions;
            const DEPRECATIONS: [&str; #count] = #deprecations;
            static ALIASES: [&str; #alias_count] = [#(#aliases),*];
            const ALIAS_STARTS: [u32; #starts] = [#(#alias_starts),*];
            const SILENT: [u64; #words] = [#(#silent),*];
            const REFUSALS: [&str; #count] = [#(#refusals),*];
            static GRANTS: [#field; #grant_count] = [#(#grants),*];
            const GRANT_STARTS: [u32; #starts] = [#(#grant_starts),*];
            // Every variant, in spec order: the only list of them in the expansion, which
            // `ALL` and the name lookup both read. A `static`, not a `const`: the compiler
            // checks every constant's value, once for itself and again inside each constant
            // that copies it (as `&ALL_SCOPES` in `ALL` did), and checking one enum value
            // searches the enum's variants, so each check of a 10,000-scope array took half a
            // second; a constant that refers to a static does not check it again.
            static ALL_SCOPES: [#scope_ident; #count] = {
                // Variants by their bare names: in this block nothing else is named.
                use #scope_ident::*;
                [#(#all),*]
            };
            // Every wire name and alias, in spec order: what the name lookup and the
            // suggestions search.
            const NAMES: [&str; #name_count] = [#(#names),*];
        }
    }

    /// The model's field enum, which `grants` names.
    fn field_type(&self) -> TokenStream {
        let model = crate::rust::user_info::model_idents(self.target);
        let field = model.field;
        quote! { #field }
    }

    /// The field enum's variant for a grant path (the reader checked every grant is a path).
    fn path_variant(&self, path: &str) -> &str {
        self.path_variants.get(path).map_or("", String::as_str)
    }

    fn inherent_impl(&self) -> TokenStream {
        let krate = &self.paths.krate;
        let private = &self.paths.private;
        let scope_ident = &self.target.scope_ident;
        let empty = self.variants.is_empty();
        // The placeholder enum of a spec that did not load has no values: its accessors are
        // `match self {}`, which type-checks as any type.
        let read = |table: TokenStream| {
            if empty {
                quote! { match self {} }
            } else {
                quote! { #table[self as usize] }
            }
        };
        let index = if empty {
            quote! { match self {} }
        } else {
            quote! { self as usize }
        };
        let as_str = read(quote! { WIRE_NAMES });
        let description = read(quote! { DESCRIPTIONS });
        let deprecation_note = if empty {
            quote! { match self {} }
        } else {
            quote! {
                let note = DEPRECATIONS[self as usize];
                if note.is_empty() {
                    ::core::option::Option::None
                } else {
                    ::core::option::Option::Some(note)
                }
            }
        };
        let authorization = if empty {
            quote! { match self {} }
        } else {
            quote! {
                let position = self as usize;
                if SILENT[position / 64] & (1u64 << (position % 64)) != 0 {
                    #krate::Authorization::Silent
                } else {
                    #krate::Authorization::Proactive
                }
            }
        };
        let silent = self.silent_fn();
        quote! {
            #[automatically_derived]
            impl #scope_ident {
                /// This scope's position in the spec (and in `Scope::ALL`).
                pub const fn index(self) -> usize {
                    #index
                }

                /// The wire name, exactly as the wallet spells it.
                pub const fn as_str(self) -> &'static str {
                    #as_str
                }

                /// Whether the scope is granted silently or needs consent.
                pub const fn authorization(self) -> #krate::Authorization {
                    #authorization
                }

                /// `true` when the wallet grants the scope without a consent prompt.
                pub const fn is_silent(self) -> bool {
                    self.authorization().is_silent()
                }

                /// `true` when the user must consent to the scope.
                pub const fn is_proactive(self) -> bool {
                    self.authorization().is_proactive()
                }

                /// `true` for legacy scopes the spec marks deprecated.
                pub const fn is_deprecated(self) -> bool {
                    self.deprecation_note().is_some()
                }

                /// The spec's deprecation note, for deprecated scopes.
                pub const fn deprecation_note(self) -> ::core::option::Option<&'static str> {
                    #deprecation_note
                }

                /// The spec's description of what the scope authorizes.
                pub const fn description(self) -> &'static str {
                    #description
                }

                #silent
            }

            #[automatically_derived]
            impl ::core::fmt::Debug for #scope_ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #private::debug_scope(VARIANT_NAMES.as_slice(), (*self).index(), f)
                }
            }
        }
    }

    /// `silent(&[...])`: a compile-time checked set of silent scopes. Called in a `const`, it
    /// is evaluated by the compiler, so a proactive scope in the list stops the build with
    /// the message of its `REFUSALS` entry, which names the scope.
    fn silent_fn(&self) -> TokenStream {
        let krate = &self.paths.krate;
        let private = &self.paths.private;
        let scope_ident = &self.target.scope_ident;
        let words = self.variants.len().div_ceil(64);
        let doc = " The silent scopes `scopes` as a `SilentScopes`, checked at compile time when \
                   used in a `const` or `static`: naming a proactive scope (one that needs the \
                   user's consent), or no scope at all, is a compile error. Called outside a \
                   `const` it checks the same and panics instead, like an `assert!`; for scopes \
                   only known at run time, `SilentScopes::new` returns an error.";
        // The `panic!`s are generated code, not the macro's (the derive never panics: its
        // failures are `syn::Error`s): evaluated in a `const`, they are the compile errors a
        // user is meant to see, as in any const assertion.
        let body = if self.variants.is_empty() {
            quote! {
                match scopes {
                    [] => ::core::panic!("a silent request needs at least one scope"),
                    [first, ..] => match *first {},
                }
            }
        } else {
            quote! {
                if scopes.is_empty() {
                    ::core::panic!("a silent request needs at least one scope");
                }
                let mut bits = [0u64; #words];
                // `for` loops are not allowed in `const fn`.
                let mut i = 0;
                while i < scopes.len() {
                    let position = scopes[i].index();
                    let bit = 1u64 << (position % 64);
                    if SILENT[position / 64] & bit == 0 {
                        ::core::panic!("{}", REFUSALS[position]);
                    }
                    bits[position / 64] |= bit;
                    i += 1;
                }
                #private::silent_scopes::<#scope_ident>(bits)
            }
        };
        quote! {
            #[doc = #doc]
            pub const fn silent(scopes: &[#scope_ident]) -> #krate::SilentScopes<#scope_ident> {
                #body
            }
        }
    }

    fn trait_impls(&self) -> TokenStream {
        let krate = &self.paths.krate;
        let private = &self.paths.private;
        let scope_ident = &self.target.scope_ident;
        let words = self.variants.len().div_ceil(64);
        let from_wire_name = self.wire_name_lookup();
        let lookup_inline = self.lookup_inline();
        let user_info = crate::rust::user_info::model_idents(self.target).model;
        let field = self.field_type();
        let empty = self.variants.is_empty();
        let list = |table: TokenStream, starts: TokenStream| {
            if empty {
                quote! { match self {} }
            } else {
                quote! {
                    let position = self as usize;
                    &#table[#starts[position] as usize..#starts[position + 1] as usize]
                }
            }
        };
        let aliases = list(quote! { ALIASES }, quote! { ALIAS_STARTS });
        let grants = list(quote! { GRANTS }, quote! { GRANT_STARTS });
        let name_index = self.name_index();
        quote! {
            #[automatically_derived]
            impl #krate::Scope for #scope_ident {
                type Bits = [u64; #words];
                type UserInfo = #user_info;

                const ALL: &'static [#scope_ident] = &ALL_SCOPES;

                #[doc(hidden)]
                const NAME_INDEX: #private::NameIndex<'static> = #name_index;

                fn index(self) -> usize {
                    self.index()
                }

                fn as_str(self) -> &'static str {
                    self.as_str()
                }

                #lookup_inline
                fn from_wire_name(name: &str) -> ::core::option::Option<#scope_ident> {
                    #from_wire_name
                }

                fn authorization(self) -> #krate::Authorization {
                    self.authorization()
                }

                fn deprecation_note(self) -> ::core::option::Option<&'static str> {
                    self.deprecation_note()
                }

                fn description(self) -> &'static str {
                    self.description()
                }

                fn aliases(self) -> &'static [&'static str] {
                    #aliases
                }

                fn grants(self) -> &'static [#field] {
                    #grants
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #scope_ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str((*self).as_str())
                }
            }

            #[automatically_derived]
            impl ::core::str::FromStr for #scope_ident {
                type Err = #krate::UnknownScope;

                #[inline]
                fn from_str(name: &str) -> ::core::result::Result<#scope_ident, #krate::UnknownScope> {
                    #private::parse_scope(name)
                }
            }

            #[automatically_derived]
            impl #private::serde::Serialize for #scope_ident {
                fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
                where
                    S: #private::serde::Serializer,
                {
                    serializer.serialize_str((*self).as_str())
                }
            }

            #[automatically_derived]
            impl<'de> #private::serde::Deserialize<'de> for #scope_ident {
                fn deserialize<D>(deserializer: D) -> ::core::result::Result<#scope_ident, D::Error>
                where
                    D: #private::serde::Deserializer<'de>,
                {
                    #private::deserialize_scope(deserializer)
                }
            }
        }
    }

    /// Every wire name and alias, in spec order.
    fn wire_names(&self) -> Vec<WireName<'_>> {
        self.variants
            .iter()
            .enumerate()
            .flat_map(|(position, Variant { ident, def })| {
                std::iter::once(&def.name)
                    .chain(&def.aliases)
                    .map(move |name| WireName {
                        name,
                        variant: ident,
                        position,
                    })
            })
            .collect()
    }

    /// The names a "did you mean" searches, with their case-folded order for large specs.
    fn name_index(&self) -> TokenStream {
        let private = &self.paths.private;
        let names: Vec<&str> = self.wire_names().iter().map(|wire| wire.name).collect();
        let order = authcode_names::folded_order(&names);
        let order_count = order.len();
        quote! {
            {
                const ORDER: [u16; #order_count] = [#(#order),*];
                #private::NameIndex {
                    names: &NAMES,
                    folded_order: &ORDER,
                }
            }
        }
    }

    /// Wire name (or alias) to scope: a decision tree or a perfect hash table (see `lookup`).
    fn wire_name_lookup(&self) -> TokenStream {
        let names = self.wire_names();
        lookup::lookup(&names, &self.paths.private)
    }

    /// How `from_wire_name` is inlined. A small spec's lookup is a few word compares behind a
    /// jump table, as short as the `match` a user would write, so it is always inlined: left to
    /// its heuristics the compiler kept it out of line (it has several callers in the crate)
    /// and paid a call per parse, a third of the cost, where the hand-written `match` was
    /// inlined. A large spec's lookup is kilobytes of code; the compiler decides.
    fn lookup_inline(&self) -> TokenStream {
        const ALWAYS_INLINE_NAMES: usize = 64;
        let names: usize = self
            .variants
            .iter()
            .map(|Variant { def, .. }| 1 + def.aliases.len())
            .sum();
        if names <= ALWAYS_INLINE_NAMES {
            quote! { #[inline(always)] }
        } else {
            quote! { #[inline] }
        }
    }

    fn spec_impl(&self) -> TokenStream {
        let krate = &self.paths.krate;
        let Target {
            ident, scope_ident, ..
        } = self.target;
        let optional = |value: Option<&String>| match value {
            Some(value) => quote! { ::core::option::Option::Some(#value) },
            None => quote! { ::core::option::Option::None },
        };
        let wallet = optional(self.spec.and_then(|spec| spec.wallet.as_ref()));
        let jsapi = optional(self.spec.and_then(|spec| spec.jsapi.as_ref()));
        let user_info = crate::rust::user_info::model_idents(self.target).model;
        let openapi = match self.spec.and_then(|spec| spec.openapi.as_ref()) {
            Some(profile) => {
                let wire = quote! { #krate::wire };
                let version = match profile.version {
                    authcode_spec::ApiVersion::V1 => quote! { #wire::ApiVersion::V1 },
                    authcode_spec::ApiVersion::V2 => quote! { #wire::ApiVersion::V2 },
                };
                let revoke = match profile.revoke {
                    Some(authcode_spec::RevokeApi::Revoke) => {
                        quote! { ::core::option::Option::Some(#wire::RevokeApi::Revoke) }
                    }
                    Some(authcode_spec::RevokeApi::CancelToken) => {
                        quote! { ::core::option::Option::Some(#wire::RevokeApi::CancelToken) }
                    }
                    None => quote! { ::core::option::Option::None },
                };
                let customer = optional(profile.customer_belongs_to.as_ref());
                quote! {
                    ::core::option::Option::Some(#wire::GatewaySpec {
                        version: #version,
                        revoke: #revoke,
                        customer_belongs_to: #customer,
                    })
                }
            }
            None => quote! { ::core::option::Option::None },
        };
        quote! {
            #[automatically_derived]
            impl #krate::ScopeSpec for #ident {
                type Scope = #scope_ident;
                type UserInfo = #user_info;
                const WALLET: ::core::option::Option<&'static str> = #wallet;
                const JSAPI: ::core::option::Option<&'static str> = #jsapi;
                const OPENAPI: ::core::option::Option<#krate::wire::GatewaySpec> = #openapi;
            }
        }
    }
}
