//! The Alipay+ `result` object of applyToken and inquiryUserInfo: a result code, its status,
//! and a message.

use std::fmt;

use serde::{Deserialize, Serialize};

/// `resultStatus`: whether a call succeeded, failed, or ended in an unknown state.
///
/// ```
/// use authcode_wire::ResultStatus;
/// assert_eq!(ResultStatus::Unknown.as_str(), "U");
/// assert_eq!(serde_json::to_string(&ResultStatus::Failure).unwrap(), r#""F""#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResultStatus {
    /// `S`: the call succeeded.
    #[serde(rename = "S")]
    Success,
    /// `F`: the call failed; repeating it unchanged fails again.
    #[serde(rename = "F")]
    Failure,
    /// `U`: the outcome is unknown (a transient failure); the call may be retried.
    #[serde(rename = "U")]
    Unknown,
}

impl ResultStatus {
    /// The wire letter: `S`, `F` or `U`.
    ///
    /// ```
    /// assert_eq!(authcode_wire::ResultStatus::Success.as_str(), "S");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ResultStatus::Success => "S",
            ResultStatus::Failure => "F",
            ResultStatus::Unknown => "U",
        }
    }
}

impl fmt::Display for ResultStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `resultCode`: what happened to an applyToken or inquiryUserInfo call.
///
/// Each code has a fixed [`ResultStatus`]: `S` for [`Success`](ResultCode::Success), `U` for
/// the transient [`UnknownException`](ResultCode::UnknownException) and
/// [`RequestTrafficExceedLimit`](ResultCode::RequestTrafficExceedLimit), `F` for all others.
///
/// Besides the flow's own codes, it has the common codes of every Alipay+ OpenAPI, which the
/// HTTP layer answers with (a wrong signature, an unknown client, ...).
///
/// ```
/// use authcode_wire::{ResultCode, ResultStatus};
///
/// assert_eq!(ResultCode::UsedCode.as_str(), "USED_CODE");
/// assert_eq!(ResultCode::UsedCode.status(), ResultStatus::Failure);
/// assert_eq!("EXPIRED_CODE".parse::<ResultCode>(), Ok(ResultCode::ExpiredCode));
/// assert_eq!(serde_json::to_string(&ResultCode::ParamIllegal).unwrap(), r#""PARAM_ILLEGAL""#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResultCode {
    /// `SUCCESS` (S).
    Success,
    /// `PARAM_ILLEGAL` (F): a required parameter is missing or malformed.
    ParamIllegal,
    /// `INVALID_CODE` (F): the authorization code is unknown.
    InvalidCode,
    /// `USED_CODE` (F): the authorization code was already exchanged; every token issued from
    /// it has been revoked.
    UsedCode,
    /// `EXPIRED_CODE` (F): the authorization code is past its lifetime.
    ExpiredCode,
    /// `REFERENCE_CLIENT_ID_NOT_MATCH` (F): the code or token was issued to another client.
    ReferenceClientIdNotMatch,
    /// `INVALID_REFRESH_TOKEN` (F): the refresh token is unknown or its family was revoked.
    InvalidRefreshToken,
    /// `EXPIRED_REFRESH_TOKEN` (F): the refresh token is past its lifetime.
    ExpiredRefreshToken,
    /// `USED_REFRESH_TOKEN` (F): the refresh token was already rotated; its whole family has
    /// been revoked.
    UsedRefreshToken,
    /// `INVALID_ACCESS_TOKEN` (F): the access token is unknown, expired or revoked.
    InvalidAccessToken,
    /// `UNKNOWN_EXCEPTION` (U): a transient failure (storage or the system random number
    /// generator); the call may be retried.
    UnknownException,
    /// `INVALID_CLIENT` (F): the `Client-Id` is missing or not registered with the wallet.
    InvalidClient,
    /// `INVALID_SIGNATURE` (F): the request's `Signature` is missing, malformed, or does not
    /// match the request (changed after signing, signed with another key, or too old).
    InvalidSignature,
    /// `KEY_NOT_FOUND` (F): the wallet has no public key for the client to verify with.
    KeyNotFound,
    /// `ACCESS_DENIED` (F): the client may not call this API.
    AccessDenied,
    /// `PROCESS_FAIL` (F): a general business failure.
    ProcessFail,
    /// `REQUEST_TRAFFIC_EXCEED_LIMIT` (U): too many requests; retry later.
    RequestTrafficExceedLimit,
    /// `INVALID_AUTH_CLIENT`: the auth client ID is invalid.
    InvalidAuthClient,
    /// `INVALID_AUTH_CLIENT_STATUS`: the auth client's status does not allow the call.
    InvalidAuthClientStatus,
    /// `EXPIRED_ACCESS_TOKEN`: the access token has expired.
    ExpiredAccessToken,
    /// `INVALID_API`: the called API is invalid or not active.
    InvalidApi,
    /// `AUTH_CLIENT_UNSUPPORTED_GRANT_TYPE`: the auth client may not use this grant type.
    AuthClientUnsupportedGrantType,
    /// `USER_STATUS_ERROR`: the user's status does not allow the call.
    UserStatusError,
}

impl ResultCode {
    /// Every code.
    ///
    /// ```
    /// use authcode_wire::ResultCode;
    /// assert!(ResultCode::ALL.contains(&ResultCode::UsedCode));
    /// assert!(ResultCode::ALL.iter().all(|&code| code.as_str().parse() == Ok(code)));
    /// ```
    pub const ALL: &'static [ResultCode] = &[
        ResultCode::Success,
        ResultCode::ParamIllegal,
        ResultCode::InvalidCode,
        ResultCode::UsedCode,
        ResultCode::ExpiredCode,
        ResultCode::ReferenceClientIdNotMatch,
        ResultCode::InvalidRefreshToken,
        ResultCode::ExpiredRefreshToken,
        ResultCode::UsedRefreshToken,
        ResultCode::InvalidAccessToken,
        ResultCode::UnknownException,
        ResultCode::InvalidClient,
        ResultCode::InvalidSignature,
        ResultCode::KeyNotFound,
        ResultCode::AccessDenied,
        ResultCode::ProcessFail,
        ResultCode::RequestTrafficExceedLimit,
        ResultCode::InvalidAuthClient,
        ResultCode::InvalidAuthClientStatus,
        ResultCode::ExpiredAccessToken,
        ResultCode::InvalidApi,
        ResultCode::AuthClientUnsupportedGrantType,
        ResultCode::UserStatusError,
    ];

    /// The wire name, e.g. `REFERENCE_CLIENT_ID_NOT_MATCH`.
    ///
    /// ```
    /// use authcode_wire::ResultCode;
    /// assert_eq!(ResultCode::ReferenceClientIdNotMatch.as_str(), "REFERENCE_CLIENT_ID_NOT_MATCH");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ResultCode::Success => "SUCCESS",
            ResultCode::ParamIllegal => "PARAM_ILLEGAL",
            ResultCode::InvalidCode => "INVALID_CODE",
            ResultCode::UsedCode => "USED_CODE",
            ResultCode::ExpiredCode => "EXPIRED_CODE",
            ResultCode::ReferenceClientIdNotMatch => "REFERENCE_CLIENT_ID_NOT_MATCH",
            ResultCode::InvalidRefreshToken => "INVALID_REFRESH_TOKEN",
            ResultCode::ExpiredRefreshToken => "EXPIRED_REFRESH_TOKEN",
            ResultCode::UsedRefreshToken => "USED_REFRESH_TOKEN",
            ResultCode::InvalidAccessToken => "INVALID_ACCESS_TOKEN",
            ResultCode::UnknownException => "UNKNOWN_EXCEPTION",
            ResultCode::InvalidClient => "INVALID_CLIENT",
            ResultCode::InvalidSignature => "INVALID_SIGNATURE",
            ResultCode::KeyNotFound => "KEY_NOT_FOUND",
            ResultCode::AccessDenied => "ACCESS_DENIED",
            ResultCode::ProcessFail => "PROCESS_FAIL",
            ResultCode::RequestTrafficExceedLimit => "REQUEST_TRAFFIC_EXCEED_LIMIT",
            ResultCode::InvalidAuthClient => "INVALID_AUTH_CLIENT",
            ResultCode::InvalidAuthClientStatus => "INVALID_AUTH_CLIENT_STATUS",
            ResultCode::ExpiredAccessToken => "EXPIRED_ACCESS_TOKEN",
            ResultCode::InvalidApi => "INVALID_API",
            ResultCode::AuthClientUnsupportedGrantType => "AUTH_CLIENT_UNSUPPORTED_GRANT_TYPE",
            ResultCode::UserStatusError => "USER_STATUS_ERROR",
        }
    }

    /// The `resultStatus` that goes with this code.
    ///
    /// ```
    /// use authcode_wire::{ResultCode, ResultStatus};
    /// assert_eq!(ResultCode::Success.status(), ResultStatus::Success);
    /// assert_eq!(ResultCode::UnknownException.status(), ResultStatus::Unknown);
    /// assert_eq!(ResultCode::InvalidAccessToken.status(), ResultStatus::Failure);
    /// ```
    pub const fn status(self) -> ResultStatus {
        match self {
            ResultCode::Success => ResultStatus::Success,
            ResultCode::UnknownException | ResultCode::RequestTrafficExceedLimit => {
                ResultStatus::Unknown
            }
            _ => ResultStatus::Failure,
        }
    }

    /// A generic human-readable `resultMessage` for the code.
    ///
    /// ```
    /// use authcode_wire::ResultCode;
    /// assert_eq!(ResultCode::Success.default_message(), "success");
    /// ```
    pub const fn default_message(self) -> &'static str {
        match self {
            ResultCode::Success => "success",
            ResultCode::ParamIllegal => "illegal parameters",
            ResultCode::InvalidCode => "the authorization code is invalid",
            ResultCode::UsedCode => "the authorization code has been used",
            ResultCode::ExpiredCode => "the authorization code has expired",
            ResultCode::ReferenceClientIdNotMatch => {
                "the client ID does not match the one the credential was issued to"
            }
            ResultCode::InvalidRefreshToken => "the refresh token is invalid",
            ResultCode::ExpiredRefreshToken => "the refresh token has expired",
            ResultCode::UsedRefreshToken => "the refresh token has been used",
            ResultCode::InvalidAccessToken => "the access token is invalid",
            ResultCode::UnknownException => "an unknown exception occurred; retry later",
            ResultCode::InvalidClient => "the client ID is invalid",
            ResultCode::InvalidSignature => "the signature is invalid",
            ResultCode::KeyNotFound => "no key was found to verify the signature",
            ResultCode::AccessDenied => "access is denied",
            ResultCode::ProcessFail => "the process failed",
            ResultCode::RequestTrafficExceedLimit => "too many requests; retry later",
            ResultCode::InvalidAuthClient => "the auth client ID is invalid",
            ResultCode::InvalidAuthClientStatus => {
                "the auth client's status does not allow the call"
            }
            ResultCode::ExpiredAccessToken => "the access token has expired",
            ResultCode::InvalidApi => "the called API is invalid or not active",
            ResultCode::AuthClientUnsupportedGrantType => {
                "the auth client may not use this grant type"
            }
            ResultCode::UserStatusError => "the user's status does not allow the call",
        }
    }
}

impl fmt::Display for ResultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `resultCode` string that is not one of [`ResultCode`]'s wire names.
///
/// ```
/// use authcode_wire::ResultCode;
/// let err = "SUCCES".parse::<ResultCode>().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown result code "SUCCES""#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown result code {0:?}")]
pub struct UnknownResultCode(String);

impl std::str::FromStr for ResultCode {
    type Err = UnknownResultCode;

    fn from_str(name: &str) -> Result<ResultCode, UnknownResultCode> {
        ResultCode::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == name)
            .ok_or_else(|| UnknownResultCode(crate::shown(name)))
    }
}

/// The `result` object of every Alipay+ API response.
///
/// ```
/// use authcode_wire::{ApiResult, ResultCode};
///
/// let result = ApiResult::new(ResultCode::UsedCode, "the authorization code has been used");
/// assert_eq!(
///     serde_json::to_value(&result).unwrap(),
///     serde_json::json!({
///         "resultCode": "USED_CODE",
///         "resultStatus": "F",
///         "resultMessage": "the authorization code has been used"
///     })
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiResult {
    /// `resultCode`.
    pub result_code: ResultCode,
    /// `resultStatus`.
    pub result_status: ResultStatus,
    /// `resultMessage`.
    #[serde(default)]
    pub result_message: String,
}

impl ApiResult {
    /// A result with `code`, the status that goes with it, and `message`.
    ///
    /// ```
    /// use authcode_wire::{ApiResult, ResultCode, ResultStatus};
    /// let result = ApiResult::new(ResultCode::UnknownException, "storage timed out");
    /// assert_eq!(result.result_status, ResultStatus::Unknown);
    /// ```
    pub fn new(code: ResultCode, message: impl Into<String>) -> ApiResult {
        ApiResult {
            result_code: code,
            result_status: code.status(),
            result_message: message.into(),
        }
    }

    /// A result with `code`, its status, and its default message.
    ///
    /// ```
    /// use authcode_wire::{ApiResult, ResultCode, ResultStatus};
    /// let result = ApiResult::of(ResultCode::InvalidCode);
    /// assert_eq!(result.result_status, ResultStatus::Failure);
    /// assert_eq!(result.result_message, "the authorization code is invalid");
    /// ```
    pub fn of(code: ResultCode) -> ApiResult {
        ApiResult::new(code, code.default_message())
    }

    /// `SUCCESS` / `S` / `success`.
    ///
    /// ```
    /// use authcode_wire::{ApiResult, ResultStatus};
    /// assert_eq!(ApiResult::success().result_status, ResultStatus::Success);
    /// ```
    pub fn success() -> ApiResult {
        ApiResult::new(ResultCode::Success, ResultCode::Success.default_message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_through_serde_and_from_str() {
        for &code in ResultCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ResultCode>(&json).unwrap(), code);
            assert_eq!(code.as_str().parse::<ResultCode>(), Ok(code));
        }
    }

    #[test]
    fn statuses_are_exactly_as_specified() {
        let statuses: Vec<_> = ResultCode::ALL
            .iter()
            .map(|code| (code.as_str(), code.status().as_str()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("SUCCESS", "S"),
                ("PARAM_ILLEGAL", "F"),
                ("INVALID_CODE", "F"),
                ("USED_CODE", "F"),
                ("EXPIRED_CODE", "F"),
                ("REFERENCE_CLIENT_ID_NOT_MATCH", "F"),
                ("INVALID_REFRESH_TOKEN", "F"),
                ("EXPIRED_REFRESH_TOKEN", "F"),
                ("USED_REFRESH_TOKEN", "F"),
                ("INVALID_ACCESS_TOKEN", "F"),
                ("UNKNOWN_EXCEPTION", "U"),
                ("INVALID_CLIENT", "F"),
                ("INVALID_SIGNATURE", "F"),
                ("KEY_NOT_FOUND", "F"),
                ("ACCESS_DENIED", "F"),
                ("PROCESS_FAIL", "F"),
                ("REQUEST_TRAFFIC_EXCEED_LIMIT", "U"),
                ("INVALID_AUTH_CLIENT", "F"),
                ("INVALID_AUTH_CLIENT_STATUS", "F"),
                ("EXPIRED_ACCESS_TOKEN", "F"),
                ("INVALID_API", "F"),
                ("AUTH_CLIENT_UNSUPPORTED_GRANT_TYPE", "F"),
                ("USER_STATUS_ERROR", "F"),
            ]
        );
    }

    #[test]
    fn result_parses_from_the_wire_and_rejects_unknown_codes() {
        let parsed: ApiResult = serde_json::from_str(
            r#"{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}"#,
        )
        .unwrap();
        assert_eq!(parsed, ApiResult::success());

        let err = serde_json::from_str::<ApiResult>(
            r#"{"resultCode":"NOPE","resultStatus":"F","resultMessage":""}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown variant `NOPE`"), "{err}");

        let err =
            serde_json::from_str::<ApiResult>(r#"{"resultCode":"SUCCESS","resultStatus":"X"}"#)
                .unwrap_err();
        assert!(err.to_string().contains("`X`"), "{err}");
    }
}
