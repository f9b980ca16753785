//! The wire protocol of the `my.getAuthCode` flow: the bodies of the wallet's authorization
//! OpenAPIs (applyToken, inquiryUserInfo, ...) with their Alipay+ wire names, the `result`
//! object and its result codes, the bearer secrets, and the form of times.
//!
//! Both ends speak it: the wallet (the emulator in `authcode-server`, the in-process flow of
//! `authcode-runtime`) and the merchant (`authcode-client`). It holds types only; signing is
//! `authcode-signing`, and no HTTP library appears here.
//!
//! ```
//! use authcode_wire::{ApplyTokenRequest, ApplyTokenResponse, AuthCode, ResultCode};
//!
//! let request = ApplyTokenRequest::authorization_code(AuthCode::new("2810111301lGZcM9CjlF91WH00039190xxxx"));
//! let body = serde_json::to_string(&request)?;
//! assert_eq!(body, r#"{"grantType":"AUTHORIZATION_CODE","authCode":"2810111301lGZcM9CjlF91WH00039190xxxx"}"#);
//!
//! let response: ApplyTokenResponse = serde_json::from_str(
//!     r#"{"result":{"resultCode":"USED_CODE","resultStatus":"F","resultMessage":"The authorization code has been used"}}"#,
//! )?;
//! assert_eq!(response.result.result_code, ResultCode::UsedCode);
//! # Ok::<(), serde_json::Error>(())
//! ```
#![forbid(unsafe_code)]

mod apply_token;
mod combined;
mod gateway;
mod inquiry_user_info;
mod notify;
mod result;
mod revoke;
mod secret;
pub mod time;

pub use apply_token::{
    ApplyTokenRequest, ApplyTokenResponse, GrantType, MissingTokenField, Tokens,
};
pub use combined::{ApplyTokenAndInquiryUserInfoRequest, ApplyTokenAndInquiryUserInfoResponse};
pub use gateway::{APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH, ApiVersion, GatewaySpec, RevokeApi};
pub use inquiry_user_info::{InquiryUserInfoRequest, InquiryUserInfoResponse};
pub use notify::{AUTH_NOTIFY_PATH, AuthNotify, AuthNotifyResponse, AuthNotifyType};
pub use result::{ApiResult, ResultCode, ResultStatus, UnknownResultCode};
pub use revoke::{RevokeRequest, RevokeResponse};
pub use secret::{AccessToken, AuthCode, RefreshToken};

/// The start of `text` as error messages repeat it: at most 64 characters, with a count of
/// the rest, so that a hostile 40 KB value is never echoed back whole.
///
/// ```
/// assert_eq!(authcode_wire::shown("short"), "short");
/// assert_eq!(authcode_wire::shown(&"x".repeat(100)), format!("{}… (100 characters)", "x".repeat(64)));
/// ```
pub fn shown(text: &str) -> String {
    const SHOWN: usize = 64;
    match text.char_indices().nth(SHOWN) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}… ({} characters)", &text[..cut], text.chars().count()),
    }
}
