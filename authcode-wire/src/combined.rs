//! applyTokenAndInquiryUserInfo: one round trip that exchanges a code (or a refresh token) and
//! reads the user's info, or reads it with a live access token.
//! `POST /v2/authorizations/applyTokenAndInquiryUserInfo` (Alipay Connect).

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::time::serde_format;
use crate::{AccessToken, ApiResult, AuthCode, GrantType, RefreshToken, Tokens};

/// The request: a credential to exchange (`grantType` with `authCode` or `refreshToken`), or
/// an access token that is still live.
///
/// ```
/// use authcode_wire::{ApplyTokenAndInquiryUserInfoRequest, AuthCode};
/// let request = ApplyTokenAndInquiryUserInfoRequest::authorization_code(AuthCode::new("c"));
/// assert_eq!(serde_json::to_string(&request)?, r#"{"grantType":"AUTHORIZATION_CODE","authCode":"c"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyTokenAndInquiryUserInfoRequest {
    /// `grantType`, when a credential is exchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<GrantType>,
    /// `authCode`, with [`GrantType::AuthorizationCode`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_code: Option<AuthCode>,
    /// `refreshToken`, with [`GrantType::RefreshToken`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    /// `accessToken`: read the user's info with a token that is still live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<AccessToken>,
    /// `authClientId`: the client the credential was issued to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_client_id: Option<String>,
    /// `appId`: the mini program's app ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// `customerBelongsTo`: the wallet the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_belongs_to: Option<String>,
    /// `extendInfo`, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<Value>,
    /// Fields not modelled above, kept as they arrived.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ApplyTokenAndInquiryUserInfoRequest {
    fn empty() -> Self {
        ApplyTokenAndInquiryUserInfoRequest {
            grant_type: None,
            auth_code: None,
            refresh_token: None,
            access_token: None,
            auth_client_id: None,
            app_id: None,
            customer_belongs_to: None,
            extend_info: None,
            extra: Map::new(),
        }
    }

    /// Exchange an authorization code and read the user's info.
    pub fn authorization_code(code: AuthCode) -> Self {
        ApplyTokenAndInquiryUserInfoRequest {
            grant_type: Some(GrantType::AuthorizationCode),
            auth_code: Some(code),
            ..Self::empty()
        }
    }

    /// Exchange a refresh token and read the user's info.
    pub fn refresh(token: RefreshToken) -> Self {
        ApplyTokenAndInquiryUserInfoRequest {
            grant_type: Some(GrantType::RefreshToken),
            refresh_token: Some(token),
            ..Self::empty()
        }
    }

    /// Read the user's info with a live access token.
    pub fn access_token(token: AccessToken) -> Self {
        ApplyTokenAndInquiryUserInfoRequest {
            access_token: Some(token),
            ..Self::empty()
        }
    }
}

/// The answer: a `result`, the tokens when a credential was exchanged, and `userInfo`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyTokenAndInquiryUserInfoResponse<U> {
    /// `result`.
    pub result: ApiResult,
    /// `accessToken`.
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
    /// `customerId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// `userInfo`: only the fields the grant's scopes release.
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub user_info: Option<U>,
}

fn none<U>() -> Option<U> {
    None
}

impl<U> ApplyTokenAndInquiryUserInfoResponse<U> {
    /// A success: the tokens of an exchange (if one was made) and the user's info.
    pub fn success(tokens: Option<Tokens>, user_info: U) -> Self {
        let (
            access_token,
            access_token_expiry_time,
            refresh_token,
            refresh_token_expiry_time,
            customer_id,
        ) = match tokens {
            Some(tokens) => (
                Some(tokens.access_token),
                Some(tokens.access_token_expiry_time),
                tokens.refresh_token,
                tokens.refresh_token_expiry_time,
                tokens.customer_id,
            ),
            None => (None, None, None, None, None),
        };
        ApplyTokenAndInquiryUserInfoResponse {
            result: ApiResult::success(),
            access_token,
            access_token_expiry_time,
            refresh_token,
            refresh_token_expiry_time,
            customer_id,
            user_info: Some(user_info),
        }
    }

    /// A failure: the `result` alone.
    pub fn failure(result: ApiResult) -> Self {
        ApplyTokenAndInquiryUserInfoResponse {
            result,
            access_token: None,
            access_token_expiry_time: None,
            refresh_token: None,
            refresh_token_expiry_time: None,
            customer_id: None,
            user_info: None,
        }
    }

    /// The tokens of the exchange, when the answer carries an access token.
    pub fn tokens(&self) -> Option<Tokens> {
        Some(Tokens {
            access_token: self.access_token.clone()?,
            access_token_expiry_time: self.access_token_expiry_time?,
            refresh_token: self.refresh_token.clone(),
            refresh_token_expiry_time: self.refresh_token_expiry_time,
            customer_id: self.customer_id.clone(),
        })
    }
}
