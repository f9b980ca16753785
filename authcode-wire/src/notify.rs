//! authNotify: the wallet tells the merchant that an authorization changed, as Alipay+ wallets
//! send `POST /aps/api/v1/authorizations/authNotify` — a code created, a token created, or a
//! token cancelled (also when the user unbinds the mini program inside the wallet).

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::time::serde_format;
use crate::{AccessToken, ApiResult, AuthCode, RefreshToken};

/// The path wallets send authNotify to, under the receiver's base URL.
pub const AUTH_NOTIFY_PATH: &str = "/aps/api/v1/authorizations/authNotify";

/// `authorizationNotifyType`: what happened.
///
/// ```
/// use authcode_wire::AuthNotifyType;
/// assert_eq!(serde_json::to_string(&AuthNotifyType::TokenCanceled)?, r#""TOKEN_CANCELED""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthNotifyType {
    /// `AUTHCODE_CREATED`: an authorization code was issued (and is in the notification).
    AuthcodeCreated,
    /// `TOKEN_CREATED`: an access token was issued.
    TokenCreated,
    /// `TOKEN_CANCELED`: a grant's tokens were cancelled: by the merchant (revoke,
    /// cancelToken), by the user unbinding the mini program in the wallet, or by the wallet.
    TokenCanceled,
}

/// An authNotify body. The secrets are redacted in `Debug`; fields this type does not model
/// are kept in `extra`.
///
/// ```
/// use authcode_wire::{AuthNotify, AuthNotifyType};
/// let json = r#"{"authorizationNotifyType":"AUTHCODE_CREATED","authClientId":"2188","authCode":"2810","authState":"s-1"}"#;
/// let notify: AuthNotify = serde_json::from_str(json)?;
/// assert_eq!(notify.authorization_notify_type, AuthNotifyType::AuthcodeCreated);
/// assert_eq!(notify.auth_code.as_ref().map(|c| c.expose()), Some("2810"));
/// assert_eq!(notify.extra["authState"], "s-1");
/// assert_eq!(serde_json::to_string(&notify)?, json);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthNotify {
    /// `authorizationNotifyType`.
    pub authorization_notify_type: AuthNotifyType,
    /// `authClientId`: the client the authorization is for.
    pub auth_client_id: String,
    /// `customerId`: the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// `authCode`, with [`AuthNotifyType::AuthcodeCreated`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_code: Option<AuthCode>,
    /// `accessToken`, with [`AuthNotifyType::TokenCreated`], and with `TokenCanceled` when the
    /// merchant cancelled that token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<AccessToken>,
    /// `accessTokenExpiryTime`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "serde_format::option"
    )]
    pub access_token_expiry_time: Option<SystemTime>,
    /// `refreshToken`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    /// `refreshTokenExpiryTime`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "serde_format::option"
    )]
    pub refresh_token_expiry_time: Option<SystemTime>,
    /// `reason`: why tokens were cancelled, with `TokenCanceled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `notifyId`: an ID of this notification, which only a redelivery repeats. authcode's
    /// emulator sends one with every notification, so that two events with the same content
    /// (a user who unbinds twice) are told apart from a redelivery; the Alipay+ pages define
    /// none, so a receiver must not require it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_id: Option<String>,
    /// Fields not modelled above, kept as they arrived.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AuthNotify {
    /// A notification of `kind` for client `auth_client_id`, with no other field.
    pub fn new(kind: AuthNotifyType, auth_client_id: impl Into<String>) -> AuthNotify {
        AuthNotify {
            authorization_notify_type: kind,
            auth_client_id: auth_client_id.into(),
            customer_id: None,
            auth_code: None,
            access_token: None,
            access_token_expiry_time: None,
            refresh_token: None,
            refresh_token_expiry_time: None,
            reason: None,
            notify_id: None,
            extra: Map::new(),
        }
    }
}

/// The receiver's answer: `result` `SUCCESS` acknowledges the notification; anything else
/// (or no answer) makes the wallet send it again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthNotifyResponse {
    /// `result`.
    pub result: ApiResult,
    /// Fields not modelled above, kept as they arrived.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AuthNotifyResponse {
    /// The acknowledgement.
    pub fn acknowledged() -> AuthNotifyResponse {
        AuthNotifyResponse {
            result: ApiResult::success(),
            extra: Map::new(),
        }
    }
}
