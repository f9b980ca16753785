//! The `#[derive(AuthScopes)]` macro of authcode. Depend on `authcode-runtime`, which
//! re-exports it and defines the traits the generated code implements; the expansion itself
//! is `authcode_codegen::rust`, a library that is tested outside the compiler.
#![forbid(unsafe_code)]

use proc_macro::TokenStream;

/// Generates a wallet's scope enum and user-info model from a spec file. See
/// `authcode_runtime` for the guide.
#[proc_macro_derive(AuthScopes, attributes(auth_scopes))]
pub fn derive_auth_scopes(input: TokenStream) -> TokenStream {
    authcode_codegen::rust::derive(input.into()).into()
}

/// The runtime's own Alipay+ user-info model (`authcode_runtime::UserInfo` and
/// `UserInfoField`). Not for use outside `authcode-runtime`.
#[doc(hidden)]
#[proc_macro]
pub fn __alipay_plus_user_info(_input: TokenStream) -> TokenStream {
    authcode_codegen::rust::default_user_info().into()
}

/// The runtime's versioned module for generated code, named by the derive's own version. Not for
/// use outside `authcode-core`.
#[doc(hidden)]
#[proc_macro]
pub fn __private_module(_input: TokenStream) -> TokenStream {
    authcode_codegen::rust::private_module().into()
}
