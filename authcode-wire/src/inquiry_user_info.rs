//! inquiryUserInfo: the merchant backend reads the user's info with an access token. The bodies
//! of `POST /v1/users/inquiryUserInfo` and `POST /v2/users/inquiryUserInfo`.
//!
//! The `userInfo` object differs between wallets, so the response is generic over its type:
//! the model generated from the wallet's spec, or any serde type (`serde_json::Value` reads
//! anything).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{AccessToken, ApiResult};

/// The inquiryUserInfo request body. Fields this type does not model are kept in `extra`.
///
/// ```
/// use authcode_wire::{AccessToken, InquiryUserInfoRequest};
/// let request = InquiryUserInfoRequest::new(AccessToken::new("at-1"));
/// assert_eq!(serde_json::to_string(&request)?, r#"{"accessToken":"at-1"}"#);
/// assert!(!format!("{request:?}").contains("at-1"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InquiryUserInfoRequest {
    /// `accessToken`.
    pub access_token: AccessToken,
    /// `authClientId` (v2): the client the token was issued to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_client_id: Option<String>,
    /// `appId` (v2): the mini program's app ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// `customerBelongsTo`: the wallet the user belongs to (Alipay Connect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_belongs_to: Option<String>,
    /// `extendInfo`, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<Value>,
    /// Fields not modelled above, kept as they arrived.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl InquiryUserInfoRequest {
    /// A request for the user behind `access_token`.
    pub fn new(access_token: AccessToken) -> InquiryUserInfoRequest {
        InquiryUserInfoRequest {
            access_token,
            auth_client_id: None,
            app_id: None,
            customer_belongs_to: None,
            extend_info: None,
            extra: Map::new(),
        }
    }
}

/// The inquiryUserInfo response body: a `result`, and `userInfo` when it is a success.
///
/// ```
/// use authcode_wire::{InquiryUserInfoResponse, ResultCode};
///
/// let json = r#"{"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
///                "userInfo": {"userId": "2088001", "nickName": "Ana"}}"#;
/// let response: InquiryUserInfoResponse<serde_json::Value> = serde_json::from_str(json)?;
/// assert_eq!(response.result.result_code, ResultCode::Success);
/// assert_eq!(response.user_info.unwrap()["nickName"], "Ana");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InquiryUserInfoResponse<U> {
    /// `result`.
    pub result: ApiResult,
    /// `userInfo`: only the fields the token's scopes release.
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub user_info: Option<U>,
}

/// `Default` for the field alone, so that `U` itself need not implement `Default`.
fn none<U>() -> Option<U> {
    None
}

impl<U> InquiryUserInfoResponse<U> {
    /// The response of a successful inquiry.
    pub fn success(user_info: U) -> Self {
        InquiryUserInfoResponse {
            result: ApiResult::success(),
            user_info: Some(user_info),
        }
    }

    /// The response of a failed inquiry: the `result` alone.
    ///
    /// ```
    /// use authcode_wire::{ApiResult, InquiryUserInfoResponse, ResultCode};
    /// let response = InquiryUserInfoResponse::<()>::failure(ApiResult::of(ResultCode::InvalidAccessToken));
    /// assert_eq!(
    ///     serde_json::to_value(&response).unwrap(),
    ///     serde_json::json!({"result": {"resultCode": "INVALID_ACCESS_TOKEN", "resultStatus": "F",
    ///                                   "resultMessage": "the access token is invalid"}})
    /// );
    /// ```
    pub fn failure(result: ApiResult) -> Self {
        InquiryUserInfoResponse {
            result,
            user_info: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requests_parse_from_the_wire_and_reject_malformed_ones() {
        let request: InquiryUserInfoRequest = serde_json::from_value(
            json!({"accessToken": "at", "authClientId": "2021", "appId": "3", "other": true}),
        )
        .unwrap();
        assert_eq!(request.access_token.expose(), "at");
        assert_eq!(request.auth_client_id.as_deref(), Some("2021"));
        assert_eq!(request.extra["other"], true);
        for bad in [
            json!({}),
            json!({"accessToken": null}),
            json!({"accessToken": 1}),
            json!({"accessToken": "at", "appId": []}),
        ] {
            assert!(
                serde_json::from_value::<InquiryUserInfoRequest>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }
}
