//! The Rust side: the expansion of `#[derive(AuthScopes)]`.
//!
//! The derive runs in passes, each in its own module: `attr` reads `#[auth_scopes(...)]`,
//! `target` checks the item it is attached to, `load` reads and validates the spec file
//! (through `authcode-spec`), then `scopes` writes the scope enum (with `lookup` writing
//! the name-to-scope lookup) and `user_info` the user-info model. Every failure becomes a
//! `syn::Error` with a span, combined; the expansion still emits a placeholder enum so that
//! one mistake in a spec does not bury the user under follow-on errors.

mod attr;
mod load;
mod lookup;
mod scopes;
mod target;
mod user_info;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Path};

/// The name of the runtime's module for generated code, versioned so that a derive and a
/// runtime of different versions fail to build with a clear "not found" rather than
/// miscompile. The runtime defines the module under exactly this name.
pub const PRIVATE_MODULE: &str = concat!(
    "__private_v",
    env!("CARGO_PKG_VERSION_MAJOR"),
    "_",
    env!("CARGO_PKG_VERSION_MINOR"),
    "_",
    env!("CARGO_PKG_VERSION_PATCH")
);

/// The expansion of `#[derive(AuthScopes)]` on `input`.
pub fn derive(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input) {
        Ok(input) => derive_input(&input),
        Err(err) => err.to_compile_error(),
    }
}

fn derive_input(input: &DeriveInput) -> TokenStream {
    let mut errors = Vec::new();
    let options = attr::options(input).map_err(|err| errors.push(err)).ok();
    let target = target::target(input).map_err(|err| errors.push(err)).ok();
    let loaded = options.as_ref().map(|options| load::load(&options.source));

    let mut tokens = TokenStream::new();
    if let Some(target) = &target {
        let krate = options
            .as_ref()
            .map_or_else(attr::default_crate, |o| o.krate.clone());
        let spec = loaded.as_ref().and_then(|loaded| loaded.spec.as_ref().ok());
        let paths = Paths::new(&krate);
        tokens.extend(scopes::generate(target, &paths, spec));
        tokens.extend(user_info::generate(target, &paths, spec));
        if let Some(load::Loaded {
            tracked_file: Some(file),
            spec: Ok(_),
        }) = &loaded
        {
            // The compiler records files read by `include_bytes!` as dependencies of the
            // crate, so Cargo rebuilds once the spec changes. A spec that failed is not
            // tracked: the build failed, so Cargo runs the compiler again anyway, and a huge
            // refused file is never read whole.
            tokens.extend(quote! { const _: &[u8] = ::core::include_bytes!(#file); });
        }
    }
    if let Some(load::Loaded { spec: Err(err), .. }) = loaded {
        errors.push(err);
    }
    tokens.extend(errors.iter().map(syn::Error::to_compile_error));
    tokens
}

/// The expansion of the runtime's own Alipay+ user-info model (`authcode_runtime::UserInfo`
/// and `UserInfoField`), which specs without `user_info` use: the same generator as every
/// wallet's model, so the model is defined once, in `authcode-spec`.
pub fn default_user_info() -> TokenStream {
    let krate: Path = syn::parse_quote!(crate);
    let paths = Paths::new(&krate);
    user_info::default_model(&paths)
}

/// The runtime's module for generated code, under [`PRIVATE_MODULE`]: the runtime expands this
/// (through `authcode-macros`) instead of typing the name, so the name exists in one place and
/// the derive and the runtime of one release cannot disagree on it. The module re-exports the
/// runtime's `private` module; `__PRIVATE_MODULE` holds the name, for a test to compare with the
/// runtime's own version.
pub fn private_module() -> TokenStream {
    let name = proc_macro2::Ident::new(PRIVATE_MODULE, proc_macro2::Span::call_site());
    quote! {
        #[doc(hidden)]
        pub mod #name {
            #[doc(hidden)]
            pub use crate::private::*;
        }
        #[doc(hidden)]
        pub const __PRIVATE_MODULE: &str = #PRIVATE_MODULE;
    }
}

/// How generated code names the runtime and what it needs.
pub(crate) struct Paths {
    /// The runtime (`::authcode_runtime`, or the path given with `crate = "..."`).
    krate: TokenStream,
    /// Its versioned module for generated code.
    private: TokenStream,
}

impl Paths {
    fn new(krate: &Path) -> Paths {
        let private = proc_macro2::Ident::new(PRIVATE_MODULE, proc_macro2::Span::call_site());
        Paths {
            krate: quote! { #krate },
            private: quote! { #krate::#private },
        }
    }
}
