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
//! # extern crate authcode_core as authcode_runtime;
//! use authcode_runtime::{AuthScopes, ScopeSet};
//! use authcode_runtime::UserInfo;
//! use authcode_runtime::flow::{AuthServer, ConsentDecision};
//! use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest, ResultCode};
//!
//! #[derive(AuthScopes)]
//! #[auth_scopes(wallet = "alipay-plus")]
//! pub struct AlipayPlus;
//!
//! # authcode_runtime::flow::block_on(async {
//! let wallet = AuthServer::<AlipayPlusScope>::new();
//! wallet.register_client("merchant", ScopeSet::all()).await?;
//! wallet.add_user("2088001", UserInfo {
//!     nick_name: Some("Ana".into()),
//!     avatar: Some("https://example.com/ana.png".into()),
//!     gender: Some("FEMALE".into()),
//!     ..Default::default()
//! }).await?;
//!
//! // 1-3: the mini program asks; the user approves the proactive scopes.
//! let response = wallet.get_auth_code(
//!     "merchant", "2088001", ["USER_ID", "USER_NICKNAME", "USER_AVATAR"], ConsentDecision::ApproveAll,
//! ).await;
//! let code = response.auth_code().expect("granted").clone();
//!
//! // 4: the merchant backend exchanges the code...
//! let tokens = wallet.apply_token("merchant", &ApplyTokenRequest::authorization_code(code.clone())).await?.tokens;
//! // 5: ...and reads what the scopes grant: no gender.
//! let user = wallet.inquiry_user_info("merchant", &InquiryUserInfoRequest::new(tokens.access_token.clone())).await?;
//! assert_eq!(
//!     serde_json::to_value(&user)?,
//!     serde_json::json!({"userId": "2088001", "nickName": "Ana", "avatar": "https://example.com/ana.png"})
//! );
//!
//! // A replayed code fails, and the tokens issued from it are revoked.
//! let replay = wallet.apply_token("merchant", &ApplyTokenRequest::authorization_code(code)).await;
//! assert_eq!(replay.unwrap_err().code(), ResultCode::UsedCode);
//! let revoked = wallet.inquiry_user_info("merchant", &InquiryUserInfoRequest::new(tokens.access_token)).await;
//! assert_eq!(revoked.unwrap_err().code(), ResultCode::InvalidAccessToken);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # }).unwrap();
//! ```
//!
//! Codes and tokens are 256-bit secrets from the OS CSPRNG, kept only as SHA-256 hashes and
//! compared in constant time ([`SecretHash`]); expiry is decided by an injectable
//! [`Clock`](crate::Clock); failures carry the Alipay+ result codes ([`FlowError::code`]). The
//! request and response types of applyToken and inquiryUserInfo are those of
//! [`authcode_wire`], re-exported as [`crate::wire`].
//!
//! The methods are async, because a store shared between instances is reached through an
//! async client; on the default [`MemoryStore`] every future is ready at once, and
//! [`block_on`] runs them from synchronous code.

mod authorize;
mod block_on;
mod callback;
mod code_budget;
mod combined;
mod configured;
mod consent;
mod error;
mod events;
mod exchange;
mod expiring_map;
mod inquiry;
mod lifetimes;
mod memory_store;
mod responses;
mod revoke;
mod scope_refusal;
mod secret;
mod server;
mod store;

pub use block_on::block_on;
pub use callback::{GetAuthCode, MiniProgram};
pub use code_budget::CodeLimits;
pub use configured::Configured;
pub use consent::{Consent, ConsentDecision, ConsentRequest};
pub use error::{AccessTokenProblem, FlowError, StoreError};
pub use events::{AuthEvent, AuthEvents, Revocation};
pub use exchange::TokenGrant;
pub use lifetimes::Lifetimes;
pub use memory_store::MemoryStore;
pub use responses::{apply_token_response, inquiry_user_info_response};
pub use scope_refusal::ScopeRefusal;
pub use secret::SecretHash;
pub use server::AuthServer;
pub use store::{
    Client, EXPIRED_RETENTION, Grant, GrantId, SecretKind, SecretRecord, Store, kept_until,
};
