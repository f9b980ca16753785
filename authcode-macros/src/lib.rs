//! The `#[derive(AuthScopes)]` macro of authcode. Depend on `authcode-runtime`, which
//! re-exports it and defines the traits the generated code implements.
//!
//! The derive runs in passes, each in its own module: [`attr`] reads `#[auth_scopes(...)]`,
//! [`target`] checks the item it is attached to, [`load`] reads and validates the spec file
//! (through `authcode-spec`), and [`expand`] writes the code, with [`lookup`] writing the
//! name-to-scope decision tree. Every failure becomes a `syn::Error` with a span, and the
//! expansion still emits a placeholder enum so that one mistake in a spec does not bury the
//! user under follow-on errors.
#![forbid(unsafe_code)]

mod attr;
mod expand;
mod load;
mod lookup;
mod target;

use proc_macro::TokenStream;

/// Generates a wallet's scope enum from a spec file. See `authcode_runtime` for the guide.
#[proc_macro_derive(AuthScopes, attributes(auth_scopes))]
pub fn derive_auth_scopes(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
