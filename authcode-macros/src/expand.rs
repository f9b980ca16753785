//! Pass 3: writes the scope enum and its impls.
//!
//! Per-scope data (wire names, descriptions, ...) is laid out as `match` arms in `const fn`s so
//! that it is usable in const contexts and reads plainly in `cargo expand`; behaviour shared by
//! every wallet (parsing errors, serde visitors) lives in `authcode_runtime::__private` and is
//! only called from here, which keeps the expansion small.

use authcode_spec::{Authorization, ScopeDef, Spec};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{DeriveInput, Ident, Path};

use crate::attr;
use crate::load::{self, Loaded};
use crate::lookup::{self, WireName};
use crate::target::{self, Target};

/// The whole derive: every pass's errors are collected, and unless the item itself is unusable
/// the scope enum is generated anyway (empty when the spec did not load), so that code naming
/// it type-checks and the user sees the spec problem rather than a cascade.
pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Vec::new();
    let options = attr::options(input).map_err(|err| errors.push(err)).ok();
    let target = target::target(input).map_err(|err| errors.push(err)).ok();
    let loaded = options.as_ref().map(|options| load::load(&options.spec));

    let mut tokens = TokenStream::new();
    if let Some(target) = &target {
        let krate = options.as_ref().map_or_else(
            || syn::parse_quote!(::authcode_runtime),
            |o| o.krate.clone(),
        );
        let spec = loaded.as_ref().and_then(|loaded| loaded.spec.as_ref().ok());
        match Generator::new(target, &krate, spec) {
            Ok(generator) => tokens.extend(generator.generate(tracking(loaded.as_ref()))),
            Err(err) => errors.push(err),
        }
    }
    if let Some(Loaded { spec: Err(err), .. }) = loaded {
        errors.push(err);
    }
    tokens.extend(errors.iter().map(syn::Error::to_compile_error));
    tokens
}

/// An item that makes Cargo rebuild the crate when the spec file changes: the compiler records
/// files read by `include_bytes!` as dependencies of the crate.
fn tracking(loaded: Option<&Loaded>) -> TokenStream {
    match loaded.and_then(|loaded| loaded.tracked_file.as_deref()) {
        Some(file) => quote! {
            const _: &[u8] = ::core::include_bytes!(#file);
        },
        None => TokenStream::new(),
    }
}

/// One scope, ready for quoting.
struct Variant<'s> {
    ident: Ident,
    def: &'s ScopeDef,
}

struct Generator<'a> {
    target: &'a Target<'a>,
    krate: &'a Path,
    spec: Option<&'a Spec>,
    variants: Vec<Variant<'a>>,
}

impl<'a> Generator<'a> {
    fn new(target: &'a Target<'a>, krate: &'a Path, spec: Option<&'a Spec>) -> syn::Result<Self> {
        let scopes = spec.map_or(&[][..], |spec| &spec.scopes[..]);
        let variants = scopes
            .iter()
            .map(|def| {
                // The spec crate has already checked the identifier; parsing it again here turns
                // any disagreement with the compiler's rules into an error instead of a panic.
                syn::parse_str::<Ident>(&def.variant)
                    .map(|ident| Variant { ident, def })
                    .map_err(|_| {
                        syn::Error::new(
                            Span::call_site(),
                            format!(
                                "scope \"{}\" cannot be the variant `{}`; give it a `rust_name`",
                                def.name, def.variant
                            ),
                        )
                    })
            })
            .collect::<syn::Result<Vec<_>>>()?;
        Ok(Generator {
            target,
            krate,
            spec,
            variants,
        })
    }

    fn generate(&self, tracking: TokenStream) -> TokenStream {
        let scope_enum = self.scope_enum();
        let inherent = self.inherent_impl();
        let traits = self.trait_impls();
        let spec_impl = self.spec_impl();
        quote! {
            #scope_enum

            // Generated impls name deprecated variants; only the user's own uses should warn.
            #[allow(deprecated)]
            const _: () = {
                #tracking
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
        } = self.target;
        let wallet = self
            .spec
            .and_then(|spec| spec.wallet.as_deref())
            .unwrap_or("the wallet");
        let header = format!(
            " The authorization scopes of {wallet}, generated from its spec by `#[derive(AuthScopes)]` on [`{ident}`]."
        );
        let variants = self.variants.iter().map(|Variant { ident, def }| {
            let description = format!(" {}", def.description);
            let wire = format!(" Wire name: `{}`.", def.name);
            let authorization = match def.authorization {
                Authorization::Silent => " Silent: granted without a consent prompt.",
                Authorization::Proactive => " Proactive: the user is asked to consent.",
            };
            let deprecated = def.deprecated.as_deref().map(|note| {
                quote! { #[deprecated(note = #note)] }
            });
            quote! {
                #[doc = #description]
                #[doc = ""]
                #[doc = #wire]
                #[doc = #authorization]
                #deprecated
                #ident,
            }
        });
        quote! {
            #[doc = #header]
            #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
            #vis enum #scope_ident {
                #(#variants)*
            }
        }
    }

    /// `match self { Self::A => value_a, ... }` for a per-scope value; `match self {}` for the
    /// placeholder enum, which has no values to produce.
    fn per_scope(&self, value: impl Fn(&ScopeDef) -> TokenStream) -> TokenStream {
        let arms = self.variants.iter().map(|Variant { ident, def }| {
            let value = value(def);
            quote! { Self::#ident => #value, }
        });
        quote! { match self { #(#arms)* } }
    }

    fn inherent_impl(&self) -> TokenStream {
        let krate = self.krate;
        let scope_ident = &self.target.scope_ident;
        let index = if self.variants.is_empty() {
            quote! { match self {} }
        } else {
            quote! { self as usize }
        };
        let as_str = self.per_scope(|def| {
            let name = &def.name;
            quote! { #name }
        });
        let authorization = self.per_scope(|def| match def.authorization {
            Authorization::Silent => quote! { #krate::Authorization::Silent },
            Authorization::Proactive => quote! { #krate::Authorization::Proactive },
        });
        let description = self.per_scope(|def| {
            let description = &def.description;
            quote! { #description }
        });
        let deprecation_note = self.per_scope(|def| match &def.deprecated {
            Some(note) => quote! { ::core::option::Option::Some(#note) },
            None => quote! { ::core::option::Option::None },
        });
        let silent = self.silent_fn();
        let assert_silent = if self.variants.is_empty() {
            TokenStream::new()
        } else {
            self.assert_silent_fn()
        };
        quote! {
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

            #assert_silent
        }
    }

    /// `silent(&[...])`: a compile-time checked set of silent scopes. Called in a `const`, it
    /// is evaluated by the compiler, so a proactive scope in the list stops the build with the
    /// panic message of `assert_silent`, which names the scope.
    fn silent_fn(&self) -> TokenStream {
        let krate = self.krate;
        let scope_ident = &self.target.scope_ident;
        let words = self.variants.len().div_ceil(64);
        let doc = " The silent scopes `scopes` as a `SilentScopes`, checked at compile time when \
                   used in a `const` or `static`: naming a proactive scope (one that needs the \
                   user's consent), or no scope at all, is a compile error. Called outside a \
                   `const` it checks the same and panics instead, like an `assert!`; for scopes \
                   only known at run time, `SilentScopes::new` returns an error.";
        // The `panic!`s below are generated code, not the macro's (the macro itself never
        // panics: its failures are `syn::Error`s): evaluated in a `const`, they are the compile
        // errors a user is meant to see, as in any const assertion. The placeholder enum has no values, so
        // a call can only pass an empty slice; its body cannot index `[u64; 0]`.
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
                    let scope = scopes[i];
                    assert_silent(scope);
                    let index = scope.index();
                    bits[index / 64] |= 1u64 << (index % 64);
                    i += 1;
                }
                #krate::__private::silent_scopes::<#scope_ident>(bits)
            }
        };
        quote! {
            #[doc = #doc]
            pub const fn silent(scopes: &[Self]) -> #krate::SilentScopes<Self> {
                #body
            }
        }
    }

    /// A `const fn` that panics, with a message naming the scope, for every proactive scope. One
    /// literal message per scope, because a const panic cannot format its message.
    fn assert_silent_fn(&self) -> TokenStream {
        let scope_ident = &self.target.scope_ident;
        let arms = self.variants.iter().map(|Variant { ident, def }| {
            if def.authorization == Authorization::Silent {
                return quote! { #scope_ident::#ident => {} };
            }
            let message = format!(
                "scope {} is proactive (it needs the user's consent) and cannot be part of a \
                 silent request",
                def.name
            );
            // This is generated code: its panic is the compile error the user is meant to see.
            quote! { #scope_ident::#ident => ::core::panic!(#message), }
        });
        quote! {
            /// Stops const evaluation of `silent(&[...])` at a proactive scope.
            const fn assert_silent(scope: #scope_ident) {
                match scope {
                    #(#arms)*
                }
            }
        }
    }

    fn trait_impls(&self) -> TokenStream {
        let krate = self.krate;
        let scope_ident = &self.target.scope_ident;
        let private = quote! { #krate::__private };
        let all = self.variants.iter().map(|Variant { ident, .. }| ident);
        let words = self.variants.len().div_ceil(64);
        let from_wire_name = self.wire_name_lookup();
        let lookup_inline = self.lookup_inline();
        let aliases = self.per_scope(|def| {
            let aliases = &def.aliases;
            quote! { &[#(#aliases),*] }
        });
        let grants = self.per_scope(|def| {
            let fields = def.grants.iter().map(|path| {
                let variant = Ident::new(&path_variant(path), Span::call_site());
                quote! { #krate::UserInfoField::#variant }
            });
            quote! { &[#(#fields),*] }
        });
        quote_spanned! {Span::call_site()=>
            impl #krate::Scope for #scope_ident {
                type Bits = [u64; #words];
                type UserInfo = #krate::UserInfo;

                const ALL: &'static [Self] = &[#(Self::#all),*];

                fn index(self) -> usize {
                    #scope_ident::index(self)
                }

                fn as_str(self) -> &'static str {
                    #scope_ident::as_str(self)
                }

                #lookup_inline
                fn from_wire_name(name: &str) -> ::core::option::Option<Self> {
                    #from_wire_name
                }

                fn authorization(self) -> #krate::Authorization {
                    #scope_ident::authorization(self)
                }

                fn deprecation_note(self) -> ::core::option::Option<&'static str> {
                    #scope_ident::deprecation_note(self)
                }

                fn description(self) -> &'static str {
                    #scope_ident::description(self)
                }

                fn aliases(self) -> &'static [&'static str] {
                    #aliases
                }

                fn grants(self) -> &'static [#krate::UserInfoField] {
                    #grants
                }
            }

            impl ::core::fmt::Display for #scope_ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #private::display_scope(*self, f)
                }
            }

            impl ::core::str::FromStr for #scope_ident {
                type Err = #krate::UnknownScope;

                #[inline]
                fn from_str(name: &str) -> ::core::result::Result<Self, Self::Err> {
                    #private::parse_scope(name)
                }
            }

            impl #private::serde::Serialize for #scope_ident {
                fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
                where
                    S: #private::serde::Serializer,
                {
                    #private::serialize_scope(*self, serializer)
                }
            }

            impl<'de> #private::serde::Deserialize<'de> for #scope_ident {
                fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
                where
                    D: #private::serde::Deserializer<'de>,
                {
                    #private::deserialize_scope(deserializer)
                }
            }
        }
    }

    /// Wire name (or alias) to scope: a decision tree or a perfect hash table (see `lookup`).
    fn wire_name_lookup(&self) -> TokenStream {
        let names: Vec<WireName<'_>> = self
            .variants
            .iter()
            .flat_map(|Variant { ident, def }| {
                std::iter::once(&def.name)
                    .chain(&def.aliases)
                    .map(move |name| WireName {
                        name,
                        variant: ident,
                    })
            })
            .collect();
        let krate = self.krate;
        lookup::lookup(
            &names,
            &self.target.scope_ident,
            &quote! { #krate::__private },
        )
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
        let krate = self.krate;
        let Target {
            ident, scope_ident, ..
        } = self.target;
        let optional = |value: Option<&String>| match value {
            Some(value) => quote! { ::core::option::Option::Some(#value) },
            None => quote! { ::core::option::Option::None },
        };
        let wallet = optional(self.spec.and_then(|spec| spec.wallet.as_ref()));
        let jsapi = optional(self.spec.and_then(|spec| spec.jsapi.as_ref()));
        quote! {
            impl #krate::ScopeSpec for #ident {
                type Scope = #scope_ident;
                type UserInfo = #krate::UserInfo;
                const WALLET: ::core::option::Option<&'static str> = #wallet;
                const JSAPI: ::core::option::Option<&'static str> = #jsapi;
            }
        }
    }
}

/// The field enum's variant for a grant path: `loginIdInfos.maskLoginId` → `LoginIdInfosMaskLoginId`.
fn path_variant(path: &str) -> String {
    path.split('.')
        .map(|segment| {
            let mut chars = segment.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}
