//! inquiryUserInfo: the merchant backend reads the user's info with an access token. The
//! request and response types serialize with the Alipay+ wire names.

use serde::{Deserialize, Serialize};

use crate::flow::{AccessToken, ApiResult, FlowError, UserInfo};

/// The inquiryUserInfo request body.
///
/// ```
/// use authcode_runtime::flow::{AccessToken, InquiryUserInfoRequest};
/// let request = InquiryUserInfoRequest::new(AccessToken::new("at-1"));
/// assert_eq!(serde_json::to_string(&request)?, r#"{"accessToken":"at-1"}"#);
/// assert!(!format!("{request:?}").contains("at-1"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InquiryUserInfoRequest {
    /// `accessToken`.
    pub access_token: AccessToken,
}

impl InquiryUserInfoRequest {
    /// The request for `access_token`.
    ///
    /// ```
    /// use authcode_runtime::flow::{AccessToken, InquiryUserInfoRequest};
    /// let request = InquiryUserInfoRequest::new(AccessToken::new("at"));
    /// assert_eq!(request.access_token.expose(), "at");
    /// ```
    pub fn new(access_token: AccessToken) -> InquiryUserInfoRequest {
        InquiryUserInfoRequest { access_token }
    }
}

/// The inquiryUserInfo response body: a `result`, and the `userInfo` when it is a success.
///
/// ```
/// use authcode_runtime::flow::{FlowError, InquiryUserInfoResponse, UserInfo};
///
/// let user = UserInfo { user_id: Some("2088001".into()), ..Default::default() };
/// let response = InquiryUserInfoResponse::from(Ok::<_, FlowError>(user));
/// assert_eq!(
///     serde_json::to_value(&response)?,
///     serde_json::json!({
///         "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
///         "userInfo": {"userId": "2088001"}
///     })
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InquiryUserInfoResponse {
    /// `result`.
    pub result: ApiResult,
    /// `userInfo`: only the fields the access token's scopes release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_info: Option<UserInfo>,
}

impl From<Result<UserInfo, FlowError>> for InquiryUserInfoResponse {
    /// The wire form of
    /// [`AuthServer::inquiry_user_info`](crate::flow::AuthServer::inquiry_user_info)'s outcome.
    fn from(outcome: Result<UserInfo, FlowError>) -> InquiryUserInfoResponse {
        match outcome {
            Ok(user) => InquiryUserInfoResponse {
                result: ApiResult::success(),
                user_info: Some(user),
            },
            Err(err) => InquiryUserInfoResponse {
                result: err.to_result(),
                user_info: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::ResultCode;
    use serde_json::json;

    #[test]
    fn a_failure_has_no_user_info() {
        let err = FlowError::code_only(ResultCode::InvalidAccessToken);
        let response = InquiryUserInfoResponse::from(Err(err));
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({"result": {"resultCode": "INVALID_ACCESS_TOKEN", "resultStatus": "F",
                              "resultMessage": "the access token is invalid"}})
        );
    }

    #[test]
    fn requests_parse_from_the_wire_and_reject_malformed_ones() {
        let request: InquiryUserInfoRequest =
            serde_json::from_value(json!({"accessToken": "at"})).unwrap();
        assert_eq!(request.access_token.expose(), "at");
        for bad in [
            json!({}),
            json!({"accessToken": null}),
            json!({"accessToken": 1}),
        ] {
            assert!(
                serde_json::from_value::<InquiryUserInfoRequest>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }
}
