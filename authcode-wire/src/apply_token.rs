//! applyToken: the merchant backend exchanges an authorization code (or a refresh token) for an
//! access token. The bodies of `POST /v1/authorizations/applyToken` and
//! `POST /v2/authorizations/applyToken`, with the Alipay+ wire names.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::time::serde_format;
use crate::{AccessToken, ApiResult, AuthCode, RefreshToken};

/// `grantType`: what the merchant exchanges.
///
/// ```
/// use authcode_wire::GrantType;
/// assert_eq!(serde_json::to_string(&GrantType::AuthorizationCode)?, r#""AUTHORIZATION_CODE""#);
/// assert_eq!(serde_json::from_str::<GrantType>(r#""REFRESH_TOKEN""#)?, GrantType::RefreshToken);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GrantType {
    /// `AUTHORIZATION_CODE`: exchange the `authCode` from `my.getAuthCode`.
    AuthorizationCode,
    /// `REFRESH_TOKEN`: exchange a `refreshToken` for a new pair of tokens.
    RefreshToken,
}

/// The applyToken request body.
///
/// The v1 mini-program flow names the mini program in `referenceClientId` and the site in
/// `extendInfo` (`{"customerBelongsTo": ...}`); v2 names the client in `authClientId`, with
/// `appId` and `customerBelongsTo` beside it. Fields this type does not model are kept in
/// `extra` and written back unchanged.
///
/// ```
/// use authcode_wire::{ApplyTokenRequest, AuthCode};
///
/// let request = ApplyTokenRequest::authorization_code(AuthCode::new("2810111301lGZcM9CjlF91WH00039190xxxx"));
/// assert_eq!(
///     serde_json::to_value(&request)?,
///     serde_json::json!({
///         "grantType": "AUTHORIZATION_CODE",
///         "authCode": "2810111301lGZcM9CjlF91WH00039190xxxx"
///     })
/// );
/// // Debug output never shows the code.
/// assert!(!format!("{request:?}").contains("2810111301"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyTokenRequest {
    /// `grantType`.
    pub grant_type: GrantType,
    /// `authCode`: required with [`GrantType::AuthorizationCode`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_code: Option<AuthCode>,
    /// `refreshToken`: required with [`GrantType::RefreshToken`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    /// `referenceClientId` (v1): the mini program the code was issued to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_client_id: Option<String>,
    /// `authClientId` (v2): the client the code was issued to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_client_id: Option<String>,
    /// `appId` (v2): the mini program's app ID, from `my.getAppIdSync`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// `customerBelongsTo` (v2): the wallet the user belongs to, e.g. `GCASH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_belongs_to: Option<String>,
    /// `extendInfo`: extended information, as sent (v1 mini programs carry
    /// `{"customerBelongsTo": ...}` here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<Value>,
    /// Fields not modelled above, kept as they arrived.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ApplyTokenRequest {
    /// Exchange an authorization code.
    ///
    /// ```
    /// use authcode_wire::{ApplyTokenRequest, AuthCode, GrantType};
    /// let request = ApplyTokenRequest::authorization_code(AuthCode::new("c"));
    /// assert_eq!(request.grant_type, GrantType::AuthorizationCode);
    /// ```
    pub fn authorization_code(code: AuthCode) -> ApplyTokenRequest {
        ApplyTokenRequest {
            auth_code: Some(code),
            ..ApplyTokenRequest::empty(GrantType::AuthorizationCode)
        }
    }

    /// Exchange a refresh token.
    ///
    /// ```
    /// use authcode_wire::{ApplyTokenRequest, GrantType, RefreshToken};
    /// let request = ApplyTokenRequest::refresh(RefreshToken::new("r"));
    /// assert_eq!(request.grant_type, GrantType::RefreshToken);
    /// assert_eq!(
    ///     serde_json::to_string(&request).unwrap(),
    ///     r#"{"grantType":"REFRESH_TOKEN","refreshToken":"r"}"#
    /// );
    /// ```
    pub fn refresh(token: RefreshToken) -> ApplyTokenRequest {
        ApplyTokenRequest {
            refresh_token: Some(token),
            ..ApplyTokenRequest::empty(GrantType::RefreshToken)
        }
    }

    fn empty(grant_type: GrantType) -> ApplyTokenRequest {
        ApplyTokenRequest {
            grant_type,
            auth_code: None,
            refresh_token: None,
            reference_client_id: None,
            auth_client_id: None,
            app_id: None,
            customer_belongs_to: None,
            extend_info: None,
            extra: Map::new(),
        }
    }

    /// The client the request says the credential was issued to: `authClientId` (v2) or
    /// `referenceClientId` (v1), when either is given.
    ///
    /// ```
    /// use authcode_wire::{ApplyTokenRequest, AuthCode};
    /// let mut request = ApplyTokenRequest::authorization_code(AuthCode::new("c"));
    /// assert_eq!(request.named_client(), None);
    /// request.reference_client_id = Some("2021000000000001".into());
    /// assert_eq!(request.named_client(), Some("2021000000000001"));
    /// ```
    pub fn named_client(&self) -> Option<&str> {
        self.auth_client_id
            .as_deref()
            .or(self.reference_client_id.as_deref())
    }
}

/// The tokens of a successful applyToken.
///
/// A wallet returns the refresh token only when it supports refreshing, and `customerId` is
/// missing from some wallets' models, so those are optional. `Debug` shows the tokens as
/// `<redacted>`.
///
/// ```
/// use authcode_wire::{ApplyTokenResponse, Tokens};
///
/// let response: ApplyTokenResponse = serde_json::from_str(r#"{
///     "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
///     "accessToken": "at-1", "accessTokenExpiryTime": "2026-01-31T09:30:00Z",
///     "customerId": "2088001"
/// }"#)?;
/// let tokens = response.into_tokens()?;
/// assert_eq!(tokens.customer_id.as_deref(), Some("2088001"));
/// assert!(tokens.refresh_token.is_none());
/// assert!(!format!("{tokens:?}").contains("at-1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    /// `accessToken`: for inquiryUserInfo.
    pub access_token: AccessToken,
    /// `accessTokenExpiryTime`.
    pub access_token_expiry_time: SystemTime,
    /// `refreshToken`: for the next applyToken with [`GrantType::RefreshToken`].
    pub refresh_token: Option<RefreshToken>,
    /// `refreshTokenExpiryTime`: after it, the user must authorize again.
    pub refresh_token_expiry_time: Option<SystemTime>,
    /// `customerId`: the user who authorized the merchant.
    pub customer_id: Option<String>,
}

/// The applyToken response body: a `result`, and the tokens when it is a success.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use authcode_wire::{ApplyTokenResponse, ResultCode};
///
/// let json = r#"{
///     "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
///     "accessToken": "at-1", "accessTokenExpiryTime": "2019-06-06T12:12:12+08:00",
///     "refreshToken": "rt-1", "refreshTokenExpiryTime": "2019-06-08T12:12:12+08:00",
///     "customerId": "1000001119398804xxxx"
/// }"#;
/// let response: ApplyTokenResponse = serde_json::from_str(json)?;
/// assert_eq!(response.result.result_code, ResultCode::Success);
/// assert_eq!(response.access_token.as_ref().map(|t| t.expose()), Some("at-1"));
/// assert_eq!(
///     response.access_token_expiry_time,
///     Some(UNIX_EPOCH + Duration::from_secs(1_559_794_332))
/// );
/// // Written back in UTC.
/// let written = serde_json::to_value(&response)?;
/// assert_eq!(written["accessTokenExpiryTime"], "2019-06-06T04:12:12+00:00");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyTokenResponse {
    /// `result`.
    pub result: ApiResult,
    /// `accessToken`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<AccessToken>,
    /// `accessTokenExpiryTime`, ISO 8601.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "serde_format::option"
    )]
    pub access_token_expiry_time: Option<SystemTime>,
    /// `refreshToken`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    /// `refreshTokenExpiryTime`, ISO 8601.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "serde_format::option"
    )]
    pub refresh_token_expiry_time: Option<SystemTime>,
    /// `customerId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// `extendInfo`, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<Value>,
    /// Fields not modelled above, kept as they arrived.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A successful applyToken response without the fields every success carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("applyToken succeeded without {0}")]
pub struct MissingTokenField(pub &'static str);

impl ApplyTokenResponse {
    /// The response of a successful exchange.
    ///
    /// ```
    /// use std::time::UNIX_EPOCH;
    /// use authcode_wire::{AccessToken, ApplyTokenResponse, Tokens};
    /// let tokens = Tokens {
    ///     access_token: AccessToken::new("at"),
    ///     access_token_expiry_time: UNIX_EPOCH,
    ///     refresh_token: None,
    ///     refresh_token_expiry_time: None,
    ///     customer_id: Some("2088001".into()),
    /// };
    /// let response = ApplyTokenResponse::success(tokens.clone());
    /// assert_eq!(response.into_tokens(), Ok(tokens));
    /// ```
    pub fn success(tokens: Tokens) -> ApplyTokenResponse {
        ApplyTokenResponse {
            result: ApiResult::success(),
            access_token: Some(tokens.access_token),
            access_token_expiry_time: Some(tokens.access_token_expiry_time),
            refresh_token: tokens.refresh_token,
            refresh_token_expiry_time: tokens.refresh_token_expiry_time,
            customer_id: tokens.customer_id,
            extend_info: None,
            extra: Map::new(),
        }
    }

    /// The response of a failed exchange: the `result` alone.
    ///
    /// ```
    /// use authcode_wire::{ApiResult, ApplyTokenResponse, ResultCode};
    /// let response = ApplyTokenResponse::failure(ApiResult::of(ResultCode::UsedCode));
    /// assert_eq!(
    ///     serde_json::to_value(&response).unwrap(),
    ///     serde_json::json!({"result": {"resultCode": "USED_CODE", "resultStatus": "F",
    ///                                   "resultMessage": "the authorization code has been used"}})
    /// );
    /// ```
    pub fn failure(result: ApiResult) -> ApplyTokenResponse {
        ApplyTokenResponse {
            result,
            access_token: None,
            access_token_expiry_time: None,
            refresh_token: None,
            refresh_token_expiry_time: None,
            customer_id: None,
            extend_info: None,
            extra: Map::new(),
        }
    }

    /// The tokens of a success; the access token and its expiry are required, the rest is
    /// optional. Whether `result` is a success is the caller's check.
    pub fn into_tokens(self) -> Result<Tokens, MissingTokenField> {
        Ok(Tokens {
            access_token: self.access_token.ok_or(MissingTokenField("accessToken"))?,
            access_token_expiry_time: self
                .access_token_expiry_time
                .ok_or(MissingTokenField("accessTokenExpiryTime"))?,
            refresh_token: self.refresh_token,
            refresh_token_expiry_time: self.refresh_token_expiry_time,
            customer_id: self.customer_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ResultCode;
    use serde_json::json;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_success_carries_every_field_with_wire_names() {
        let tokens = Tokens {
            access_token: AccessToken::new("at"),
            access_token_expiry_time: UNIX_EPOCH + Duration::from_secs(3600),
            refresh_token: Some(RefreshToken::new("rt")),
            refresh_token_expiry_time: Some(UNIX_EPOCH + Duration::from_secs(86_400)),
            customer_id: Some("2088001".into()),
        };
        let response = ApplyTokenResponse::success(tokens);
        let wire = serde_json::to_value(&response).unwrap();
        assert_eq!(
            wire,
            json!({
                "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
                "accessToken": "at", "accessTokenExpiryTime": "1970-01-01T01:00:00+00:00",
                "refreshToken": "rt", "refreshTokenExpiryTime": "1970-01-02T00:00:00+00:00",
                "customerId": "2088001"
            })
        );
        assert_eq!(
            serde_json::from_value::<ApplyTokenResponse>(wire).unwrap(),
            response
        );
    }

    #[test]
    fn unknown_fields_and_extend_info_come_back_as_they_were() {
        let wire = json!({
            "grantType": "AUTHORIZATION_CODE", "authCode": "c",
            "referenceClientId": "2021", "extendInfo": "{\"customerBelongsTo\":\"GCASH\"}",
            "merchantRegion": "PH", "nested": {"a": [1, 2.5, null]}
        });
        let request: ApplyTokenRequest = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(request.named_client(), Some("2021"));
        assert_eq!(request.extra["merchantRegion"], "PH");
        assert_eq!(serde_json::to_value(&request).unwrap(), wire);
    }

    #[test]
    fn a_success_without_an_access_token_is_named() {
        let response = ApplyTokenResponse::failure(ApiResult::success());
        assert_eq!(
            response.into_tokens().unwrap_err().to_string(),
            "applyToken succeeded without accessToken"
        );
        let failure = ApplyTokenResponse::failure(ApiResult::of(ResultCode::UsedCode));
        assert_eq!(failure.result.result_code, ResultCode::UsedCode);
    }

    #[test]
    fn malformed_requests_are_errors() {
        for bad in [
            json!({"authCode": "c"}),
            json!({"grantType": "PASSWORD", "authCode": "c"}),
            json!({"grantType": "AUTHORIZATION_CODE", "authCode": 7}),
            json!({"grantType": "AUTHORIZATION_CODE", "authClientId": 7}),
            json!([]),
        ] {
            assert!(
                serde_json::from_value::<ApplyTokenRequest>(bad.clone()).is_err(),
                "{bad}"
            );
        }
        let bad_time = json!({"result": {"resultCode": "SUCCESS", "resultStatus": "S"},
                              "accessTokenExpiryTime": "tomorrow"});
        let err = serde_json::from_value::<ApplyTokenResponse>(bad_time).unwrap_err();
        assert!(err.to_string().contains("not an ISO 8601"), "{err}");
    }
}
