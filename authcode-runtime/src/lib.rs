//! Compile-time checked authorization scopes for the `my.getAuthCode` JSAPI of Alipay+ and the
//! wallets built on it (GCash, DANA, Touch 'n Go, ...).
//!
//! Every wallet publishes its own list of scopes. Describe it once in a JSON spec file, and
//! `#[derive(AuthScopes)]` turns it into a Rust enum at compile time: a misspelled scope is a
//! compile error instead of a failed authorization in production, silent and proactive scopes
//! are told apart by the type system, and legacy scopes carry `#[deprecated]`.
//!
//! ```
//! use authcode_runtime::{AuthScopes, Scope};
//!
//! #[derive(AuthScopes)]
//! #[auth_scopes(spec = "spec/alipay-plus.json")] // relative to CARGO_MANIFEST_DIR
//! pub struct AlipayPlus;
//!
//! let scope: AlipayPlusScope = "USER_NICKNAME".parse()?;
//! assert_eq!(scope, AlipayPlusScope::UserNickname);
//! assert!(scope.is_proactive());
//! assert!(AlipayPlusScope::UserId.is_silent());
//! assert_eq!(AlipayPlusScope::UserId.to_string(), "USER_ID");
//! # Ok::<(), authcode_runtime::UnknownScope>(())
//! ```
//!
//! The crate is the only dependency a user needs: the derive is re-exported here, and the
//! generated code reaches serde through this crate. When the dependency is renamed, point the
//! derive at it with `#[auth_scopes(spec = "...", crate = "my_name")]`.
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

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private_v0_1_0;

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
