//! The core of authcode: the scope types the derive implements, scope sets, the `my.getAuthCode`
//! request and callback types, user-info models and, behind the feature `flow`, the
//! authorization server in process.
//!
//! Depend on [`authcode-runtime`](https://docs.rs/authcode-runtime) instead: it re-exports this
//! crate whole, with the merchant client, the wallet server and the Redis store behind features.
//! This crate exists so that those can be built on it and still be re-exported by the runtime,
//! as `serde` re-exports `serde_core`.
//!
//! ```
//! # extern crate authcode_core as authcode_runtime;
//! use authcode_runtime::{AuthScopes, Scope};
//!
//! #[derive(AuthScopes)]
//! #[auth_scopes(wallet = "alipay-plus")]
//! pub struct AlipayPlus;
//!
//! assert!(AlipayPlusScope::UserId.is_silent());
//! assert_eq!(AlipayPlusScope::UserId.to_string(), "USER_ID");
//! ```
#![forbid(unsafe_code)]

mod auth_code_response;
mod auth_request;
mod bits;
mod clock;
#[cfg(feature = "flow")]
pub mod flow;
mod jsapi_error_code;
mod scope;
mod scope_error_value;
mod scope_set;
mod silent_scopes;
#[cfg(test)]
mod test_scopes;
mod unknown_scope;
mod user_info;

mod private;
// `pub mod __private_vX_Y_Z`, named by the derive of this very release (authcode-macros is
// pinned with `=`), so the name generated code uses is written in one place.
authcode_macros::__private_module!();

/// The wire protocol: the OpenAPI bodies, result codes, secrets and times ([`authcode_wire`]).
pub use authcode_wire as wire;

pub use auth_code_response::{AuthCodeResponse, AuthOutcome};
pub use auth_request::{AuthRequest, InvalidAuthRequest};
pub use authcode_macros::AuthScopes;
pub use authcode_wire::{AccessToken, AuthCode, RefreshToken};
pub use bits::ScopeBits;
pub use clock::{Clock, ManualClock, SystemClock};
pub use jsapi_error_code::JsapiErrorCode;
pub use scope::{Authorization, Scope, ScopeSpec};
pub use scope_error_value::ScopeErrorValue;
pub use scope_set::{ScopeSet, ScopeSetIter};
pub use silent_scopes::{NotSilent, SilentScopes};
pub use unknown_scope::UnknownScope;
pub use user_info::{
    Address, ContactInfo, FieldSet, LoginIdInfo, ModelField, NotReleased, Released, UserInfo,
    UserInfoField, UserInfoModel, UserInfoOf, UserName, released_fields,
};
