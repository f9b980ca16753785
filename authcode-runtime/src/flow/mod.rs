//! The authorization flow behind `my.getAuthCode`, run in process: consent, single-use
//! authorization codes, token exchange (applyToken) and scope-filtered user info
//! (inquiryUserInfo).
//!
//! Codes and tokens are 256-bit secrets from the OS CSPRNG, kept only as SHA-256 hashes and
//! compared in constant time ([`SecretHash`]); expiry is decided by an injectable [`Clock`];
//! failures carry the Alipay+ result codes ([`ResultCode`]).
#![forbid(unsafe_code)]

mod clock;
mod error;
mod iso8601;
mod result_code;
mod secret;
mod token;
mod user_info;
mod user_info_release;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{FlowError, StoreError};
pub use result_code::{ApiResult, ResultCode, ResultStatus, UnknownResultCode};
pub use secret::SecretHash;
pub use token::{AccessToken, RefreshToken};
pub use user_info::{Address, ContactInfo, LoginIdInfo, UserInfo, UserName};
