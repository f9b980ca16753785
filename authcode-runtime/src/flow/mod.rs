//! The authorization flow behind `my.getAuthCode`, run in process: consent, single-use
//! authorization codes, token exchange (applyToken) and scope-filtered user info
//! (inquiryUserInfo).
//!
//! An [`AuthServer`] plays the wallet. Its default [`MemoryStore`] needs no setup:
//!
//! 1. the mini program asks for scopes ([`AuthServer::get_auth_code`], or
//!    [`MiniProgram::get_auth_code`] with `success` / `fail` / `complete` callbacks);
//! 2. silent scopes are granted at once, proactive ones go to a [`Consent`] hook;
//! 3. the wallet issues an authorization code for what was granted;
//! 4. the merchant backend exchanges it for tokens ([`AuthServer::apply_token`]);
//! 5. and reads the user's info, cut down to what the scopes grant
//!    ([`AuthServer::inquiry_user_info`]).
//!
//! ```
//! use authcode_runtime::{AuthScopes, ScopeSet};
//! use authcode_runtime::flow::{
//!     ApplyTokenRequest, AuthServer, ConsentDecision, InquiryUserInfoRequest, ResultCode, UserInfo,
//! };
//!
//! #[derive(AuthScopes)]
//! #[auth_scopes(spec = "../spec/alipay-plus.json")]
//! pub struct AlipayPlus;
//!
//! let wallet = AuthServer::<AlipayPlusScope>::new();
//! wallet.register_client("merchant", ScopeSet::all())?;
//! wallet.add_user("2088001", UserInfo {
//!     nick_name: Some("Ana".into()),
//!     avatar: Some("https://example.com/ana.png".into()),
//!     gender: Some("FEMALE".into()),
//!     ..Default::default()
//! })?;
//!
//! // 1-3: the mini program asks; the user approves the proactive scopes.
//! let response = wallet.get_auth_code(
//!     "merchant", "2088001", ["USER_ID", "USER_NICKNAME", "USER_AVATAR"], ConsentDecision::ApproveAll,
//! );
//! let code = response.auth_code().expect("granted").clone();
//!
//! // 4: the merchant backend exchanges the code...
//! let tokens = wallet.apply_token("merchant", &ApplyTokenRequest::authorization_code(code.clone()))?;
//! // 5: ...and reads what the scopes grant: no gender.
//! let user = wallet.inquiry_user_info("merchant", &InquiryUserInfoRequest::new(tokens.access_token.clone()))?;
//! assert_eq!(
//!     serde_json::to_value(&user)?,
//!     serde_json::json!({"userId": "2088001", "nickName": "Ana", "avatar": "https://example.com/ana.png"})
//! );
//!
//! // A replayed code fails, and the tokens issued from it are revoked.
//! let replay = wallet.apply_token("merchant", &ApplyTokenRequest::authorization_code(code));
//! assert_eq!(replay.unwrap_err().code(), ResultCode::UsedCode);
//! let revoked = wallet.inquiry_user_info("merchant", &InquiryUserInfoRequest::new(tokens.access_token));
//! assert_eq!(revoked.unwrap_err().code(), ResultCode::InvalidAccessToken);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Codes and tokens are 256-bit secrets from the OS CSPRNG, kept only as SHA-256 hashes and
//! compared in constant time ([`SecretHash`]); expiry is decided by an injectable [`Clock`];
//! failures carry the Alipay+ result codes ([`ResultCode`]). The request and response types of
//! applyToken and inquiryUserInfo serialize with the Alipay+ wire names.

mod apply_token;
mod authorize;
mod callback;
mod clock;
mod consent;
mod error;
mod exchange;
mod expiring_map;
mod inquiry;
mod inquiry_user_info;
mod iso8601;
mod lifetimes;
mod memory_store;
mod result_code;
mod scope_refusal;
mod secret;
mod server;
mod store;
mod token;
mod user_info;
mod user_info_release;

pub use apply_token::{ApplyTokenRequest, ApplyTokenResponse, GrantType, TokenGrant};
pub use callback::{GetAuthCode, MiniProgram};
pub use clock::{Clock, ManualClock, SystemClock};
pub use consent::{Consent, ConsentDecision, ConsentRequest};
pub use error::{FlowError, StoreError};
pub use inquiry_user_info::{InquiryUserInfoRequest, InquiryUserInfoResponse};
pub use lifetimes::Lifetimes;
pub use memory_store::MemoryStore;
pub use result_code::{ApiResult, ResultCode, ResultStatus, UnknownResultCode};
pub use scope_refusal::ScopeRefusal;
pub use secret::SecretHash;
pub use server::AuthServer;
pub use store::{Client, Grant, GrantId, SecretKind, SecretRecord, Store};
pub use token::{AccessToken, RefreshToken};
pub use user_info::{Address, ContactInfo, LoginIdInfo, UserInfo, UserName};
