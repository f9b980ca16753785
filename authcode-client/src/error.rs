//! What can go wrong calling the wallet: a failed `result`, a transport failure, a response
//! whose signature does not hold, or a response that breaks the protocol.

use std::fmt;

use crate::flow::{ResultCode, ResultStatus};
use crate::openapi::{KeyError, SignatureError};

/// A call to the wallet failed.
///
/// ```
/// use authcode_runtime::client::{ApiFailure, ClientError};
/// use authcode_runtime::flow::{ResultCode, ResultStatus};
///
/// let err = ClientError::Api(ApiFailure::new("USED_CODE", ResultStatus::Failure, "the authorization code has been used"));
/// assert_eq!(err.result_code(), Some(ResultCode::UsedCode));
/// assert!(!err.is_retryable());
/// assert_eq!(err.to_string(), "the wallet answered USED_CODE (F): the authorization code has been used");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The wallet answered, with a verified signature, and the `result` is not a success.
    Api(ApiFailure),
    /// The request did not complete: connection refused or reset, timeout, DNS failure.
    Transport(reqwest::Error),
    /// The response's signature is missing, malformed or wrong: the response is not from the
    /// wallet, or was changed on the way. Its content is not used.
    ResponseSignature(SignatureError),
    /// The response is signed but not a valid OpenAPI response (no `Response-Time`, another
    /// client's `Client-Id`, a stale time, a body that is not the expected JSON).
    Protocol(String),
    /// The request could not be signed with the merchant's key.
    Signing(KeyError),
    /// The client was configured with something unusable (a base URL that is not HTTP).
    Config(String),
}

impl ClientError {
    /// The result code of an [`Api`](ClientError::Api) failure, when it is one this crate
    /// knows.
    pub fn result_code(&self) -> Option<ResultCode> {
        match self {
            ClientError::Api(failure) => failure.code(),
            _ => None,
        }
    }

    /// `true` for failures that retrying may cure: status `U` and transport failures. Never
    /// for `F`, which would fail again (or, for a code, be reported as a replay).
    ///
    /// ```
    /// use authcode_runtime::client::{ApiFailure, ClientError};
    /// use authcode_runtime::flow::ResultStatus;
    /// let busy = ClientError::Api(ApiFailure::new("REQUEST_TRAFFIC_EXCEED_LIMIT", ResultStatus::Unknown, ""));
    /// assert!(busy.is_retryable());
    /// assert!(!ClientError::Protocol("x".into()).is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Api(failure) => failure.result_status == ResultStatus::Unknown,
            ClientError::Transport(_) => true,
            _ => false,
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(failure) => failure.fmt(f),
            ClientError::Transport(err) => write!(f, "the request to the wallet failed: {err}"),
            ClientError::ResponseSignature(err) => {
                write!(f, "the wallet's response was refused: {err}")
            }
            ClientError::Protocol(message) => {
                write!(f, "the wallet's response was refused: {message}")
            }
            ClientError::Signing(err) => write!(f, "the request could not be signed: {err}"),
            ClientError::Config(message) => write!(f, "invalid client configuration: {message}"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(err) => Some(err),
            ClientError::ResponseSignature(err) => Some(err),
            ClientError::Signing(err) => Some(err),
            _ => None,
        }
    }
}

/// The `result` of a failed call, as the wallet sent it.
///
/// The code is kept as text: a wallet may answer with codes this crate does not know yet,
/// and such a failure must still be reported faithfully. [`code`](ApiFailure::code) gives
/// the typed code when it is a known one.
///
/// ```
/// use authcode_runtime::client::ApiFailure;
/// use authcode_runtime::flow::{ResultCode, ResultStatus};
/// let failure = ApiFailure::new("SOME_NEW_CODE", ResultStatus::Failure, "new");
/// assert_eq!(failure.code(), None);
/// assert_eq!(ApiFailure::new("INVALID_CLIENT", ResultStatus::Failure, "").code(), Some(ResultCode::InvalidClient));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiFailure {
    /// `resultCode`.
    pub result_code: String,
    /// `resultStatus`: `F`, or `U` when the outcome is unknown and a retry may succeed.
    pub result_status: ResultStatus,
    /// `resultMessage`.
    pub result_message: String,
}

impl ApiFailure {
    /// A failure with these fields.
    pub fn new(
        result_code: impl Into<String>,
        result_status: ResultStatus,
        result_message: impl Into<String>,
    ) -> ApiFailure {
        ApiFailure {
            result_code: result_code.into(),
            result_status,
            result_message: result_message.into(),
        }
    }

    /// The typed result code, `None` for a code this crate does not know.
    pub fn code(&self) -> Option<ResultCode> {
        self.result_code.parse().ok()
    }
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the wallet answered {} ({}): {}",
            self.result_code, self.result_status, self.result_message
        )
    }
}
