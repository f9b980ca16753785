//! applyToken: the merchant backend exchanges an authorization code (or a refresh token) for
//! an access token. The request and response types serialize with the Alipay+ wire names.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::flow::{AccessToken, ApiResult, FlowError, RefreshToken, iso8601};
use crate::{AuthCode, Scope, ScopeSet};

/// `grantType`: what the merchant exchanges.
///
/// ```
/// use authcode_runtime::flow::GrantType;
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
/// ```
/// use authcode_runtime::AuthCode;
/// use authcode_runtime::flow::ApplyTokenRequest;
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl ApplyTokenRequest {
    /// Exchange an authorization code.
    ///
    /// ```
    /// use authcode_runtime::AuthCode;
    /// use authcode_runtime::flow::{ApplyTokenRequest, GrantType};
    /// let request = ApplyTokenRequest::authorization_code(AuthCode::new("c"));
    /// assert_eq!(request.grant_type, GrantType::AuthorizationCode);
    /// ```
    pub fn authorization_code(code: AuthCode) -> ApplyTokenRequest {
        ApplyTokenRequest {
            grant_type: GrantType::AuthorizationCode,
            auth_code: Some(code),
            refresh_token: None,
        }
    }

    /// Exchange a refresh token.
    ///
    /// ```
    /// use authcode_runtime::flow::{ApplyTokenRequest, GrantType, RefreshToken};
    /// let request = ApplyTokenRequest::refresh(RefreshToken::new("r"));
    /// assert_eq!(request.grant_type, GrantType::RefreshToken);
    /// assert_eq!(
    ///     serde_json::to_string(&request).unwrap(),
    ///     r#"{"grantType":"REFRESH_TOKEN","refreshToken":"r"}"#
    /// );
    /// ```
    pub fn refresh(token: RefreshToken) -> ApplyTokenRequest {
        ApplyTokenRequest {
            grant_type: GrantType::RefreshToken,
            auth_code: None,
            refresh_token: Some(token),
        }
    }
}

/// What a successful applyToken hands the merchant.
///
/// `Debug` shows the tokens as `<redacted>`.
///
/// ```
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(spec = "../spec/alipay-plus.json")]
/// # pub struct AlipayPlus;
/// use authcode_runtime::ScopeSet;
/// use authcode_runtime::flow::{ApplyTokenRequest, AuthServer, ConsentDecision, UserInfo};
///
/// let server = AuthServer::<AlipayPlusScope>::new();
/// server.register_client("merchant", ScopeSet::all())?;
/// server.add_user("2088001", UserInfo::default())?;
/// let response = server.get_auth_code("merchant", "2088001", ["USER_ID"], ConsentDecision::ApproveAll);
/// let request = ApplyTokenRequest::authorization_code(response.auth_code().unwrap().clone());
/// let tokens = server.apply_token("merchant", &request)?;
/// assert_eq!(tokens.scopes, ScopeSet::single(AlipayPlusScope::UserId));
/// assert!(tokens.access_token_expiry_time < tokens.refresh_token_expiry_time);
/// assert!(!format!("{tokens:?}").contains(tokens.access_token.expose()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenGrant<S: Scope> {
    /// `accessToken`: for inquiryUserInfo.
    pub access_token: AccessToken,
    /// `accessTokenExpiryTime`.
    pub access_token_expiry_time: SystemTime,
    /// `refreshToken`: for the next applyToken with [`GrantType::RefreshToken`].
    pub refresh_token: RefreshToken,
    /// `refreshTokenExpiryTime`.
    pub refresh_token_expiry_time: SystemTime,
    /// `customerId`: the ID of the user who authorized the merchant.
    pub customer_id: String,
    /// The scopes the tokens carry (not on the wire; the merchant learnt them from
    /// `authSuccessScopes`).
    pub scopes: ScopeSet<S>,
}

/// The applyToken response body: a `result`, and the tokens when it is a success.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use authcode_runtime::flow::{ApplyTokenResponse, ResultCode};
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
/// assert_eq!(written["accessTokenExpiryTime"], "2019-06-06T04:12:12Z");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
        with = "iso8601::option"
    )]
    pub access_token_expiry_time: Option<SystemTime>,
    /// `refreshToken`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    /// `refreshTokenExpiryTime`, ISO 8601.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "iso8601::option"
    )]
    pub refresh_token_expiry_time: Option<SystemTime>,
    /// `customerId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
}

impl<S: Scope> From<Result<TokenGrant<S>, FlowError>> for ApplyTokenResponse {
    /// The wire form of [`AuthServer::apply_token`](crate::flow::AuthServer::apply_token)'s
    /// outcome.
    fn from(outcome: Result<TokenGrant<S>, FlowError>) -> ApplyTokenResponse {
        match outcome {
            Ok(grant) => ApplyTokenResponse {
                result: ApiResult::success(),
                access_token: Some(grant.access_token),
                access_token_expiry_time: Some(grant.access_token_expiry_time),
                refresh_token: Some(grant.refresh_token),
                refresh_token_expiry_time: Some(grant.refresh_token_expiry_time),
                customer_id: Some(grant.customer_id),
            },
            Err(err) => ApplyTokenResponse {
                result: err.to_result(),
                access_token: None,
                access_token_expiry_time: None,
                refresh_token: None,
                refresh_token_expiry_time: None,
                customer_id: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::ResultCode;
    use crate::test_scopes::AlipayPlusScope;
    use serde_json::json;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_failure_carries_only_the_result() {
        let outcome: Result<TokenGrant<AlipayPlusScope>, FlowError> =
            Err(FlowError::code_only(ResultCode::UsedCode));
        let response = ApplyTokenResponse::from(outcome);
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({"result": {"resultCode": "USED_CODE", "resultStatus": "F",
                              "resultMessage": "the authorization code has been used"}})
        );
    }

    #[test]
    fn a_success_carries_every_field_with_wire_names() {
        let grant = TokenGrant {
            access_token: AccessToken::new("at"),
            access_token_expiry_time: UNIX_EPOCH + Duration::from_secs(3600),
            refresh_token: RefreshToken::new("rt"),
            refresh_token_expiry_time: UNIX_EPOCH + Duration::from_secs(86_400),
            customer_id: "2088001".into(),
            scopes: ScopeSet::single(AlipayPlusScope::UserId),
        };
        let response = ApplyTokenResponse::from(Ok::<_, FlowError>(grant));
        let wire = serde_json::to_value(&response).unwrap();
        assert_eq!(
            wire,
            json!({
                "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
                "accessToken": "at", "accessTokenExpiryTime": "1970-01-01T01:00:00Z",
                "refreshToken": "rt", "refreshTokenExpiryTime": "1970-01-02T00:00:00Z",
                "customerId": "2088001"
            })
        );
        assert_eq!(
            serde_json::from_value::<ApplyTokenResponse>(wire).unwrap(),
            response
        );
    }

    #[test]
    fn malformed_requests_are_errors() {
        for bad in [
            json!({"authCode": "c"}),
            json!({"grantType": "PASSWORD", "authCode": "c"}),
            json!({"grantType": "AUTHORIZATION_CODE", "authCode": 7}),
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
