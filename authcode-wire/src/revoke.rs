//! Revocation: the merchant cancels an access token, and with it the whole grant (the refresh
//! token dies too). `POST /v2/authorizations/revoke` (Alipay+, M-Pesa) and
//! `POST /v1/authorizations/cancelToken` (Qi, Touch 'n Go, GCash) take the same body.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{AccessToken, ApiResult};

/// The body of revoke (v2) and cancelToken (v1). The access token is the call's idempotency
/// field: sending the same token again gets the same result.
///
/// ```
/// use authcode_wire::{AccessToken, RevokeRequest};
/// let request = RevokeRequest::new(AccessToken::new("at-1"));
/// assert_eq!(serde_json::to_string(&request)?, r#"{"accessToken":"at-1"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokeRequest {
    /// `accessToken`: the token to cancel.
    pub access_token: AccessToken,
    /// `authClientId` (v2): the client the token was issued to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_client_id: Option<String>,
    /// `appId` (v2): the mini program's app ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// `extendInfo`, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<Value>,
    /// Fields not modelled above, kept as they arrived.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl RevokeRequest {
    /// A request to cancel `access_token`.
    pub fn new(access_token: AccessToken) -> RevokeRequest {
        RevokeRequest {
            access_token,
            auth_client_id: None,
            app_id: None,
            extend_info: None,
            extra: Map::new(),
        }
    }
}

/// The body of the answer: a `result`.
///
/// ```
/// use authcode_wire::{ApiResult, RevokeResponse};
/// let response = RevokeResponse::new(ApiResult::success());
/// assert_eq!(
///     serde_json::to_string(&response)?,
///     r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokeResponse {
    /// `result`.
    pub result: ApiResult,
    /// `extendInfo`, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<Value>,
}

impl RevokeResponse {
    /// An answer with `result` alone.
    pub fn new(result: ApiResult) -> RevokeResponse {
        RevokeResponse {
            result,
            extend_info: None,
        }
    }
}
