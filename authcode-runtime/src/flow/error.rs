//! The errors of the flow: a failed applyToken or inquiryUserInfo call ([`FlowError`], which
//! carries an Alipay+ result code) and a failing store ([`StoreError`]).

use std::fmt;

use crate::flow::secret::RandomnessUnavailable;
use crate::flow::{ApiResult, ResultCode, ResultStatus};

/// A failed applyToken or inquiryUserInfo call: the Alipay+ result code and a message that says
/// what exactly was wrong.
///
/// ```
/// use authcode_runtime::flow::{FlowError, ResultCode, StoreError};
///
/// let err = FlowError::from(StoreError::new("connection reset"));
/// assert_eq!(err.code(), ResultCode::UnknownException);
/// assert_eq!(err.to_string(), "UNKNOWN_EXCEPTION: storage failed: connection reset");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowError {
    code: ResultCode,
    message: String,
}

impl FlowError {
    /// The error with `code` and its default message.
    pub(crate) fn code_only(code: ResultCode) -> FlowError {
        FlowError::new(code, code.default_message())
    }

    pub(crate) fn new(code: ResultCode, message: impl Into<String>) -> FlowError {
        FlowError {
            code,
            message: message.into(),
        }
    }

    /// The result code, e.g. [`ResultCode::UsedCode`].
    ///
    /// ```
    /// # use authcode_runtime::flow::{FlowError, ResultCode, StoreError};
    /// let err = FlowError::from(StoreError::new("down"));
    /// assert_eq!(err.code(), ResultCode::UnknownException);
    /// ```
    pub fn code(&self) -> ResultCode {
        self.code
    }

    /// `F`, or `U` when retrying may help.
    ///
    /// ```
    /// # use authcode_runtime::flow::{FlowError, ResultStatus, StoreError};
    /// assert_eq!(FlowError::from(StoreError::new("down")).status(), ResultStatus::Unknown);
    /// ```
    pub fn status(&self) -> ResultStatus {
        self.code.status()
    }

    /// The `resultMessage`.
    ///
    /// ```
    /// # use authcode_runtime::flow::{FlowError, StoreError};
    /// assert_eq!(FlowError::from(StoreError::new("down")).message(), "storage failed: down");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The wire `result` object for this error.
    ///
    /// ```
    /// # use authcode_runtime::flow::{FlowError, ResultCode, StoreError};
    /// let result = FlowError::from(StoreError::new("down")).to_result();
    /// assert_eq!(result.result_code, ResultCode::UnknownException);
    /// assert_eq!(result.result_message, "storage failed: down");
    /// ```
    pub fn to_result(&self) -> ApiResult {
        ApiResult::new(self.code, self.message.clone())
    }
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for FlowError {}

impl From<StoreError> for FlowError {
    /// Storage failures are transient from the caller's point of view: `UNKNOWN_EXCEPTION`, `U`.
    fn from(err: StoreError) -> FlowError {
        FlowError::new(
            ResultCode::UnknownException,
            format!("storage failed: {}", err.message),
        )
    }
}

impl From<RandomnessUnavailable> for FlowError {
    /// The OS random number generator failing is transient too: `UNKNOWN_EXCEPTION`, `U`.
    fn from(err: RandomnessUnavailable) -> FlowError {
        FlowError::new(ResultCode::UnknownException, err.to_string())
    }
}

/// A [`Store`](crate::flow::Store) could not complete an operation (a database down, a timeout).
/// The server answers the call with `UNKNOWN_EXCEPTION` and status `U`.
///
/// ```
/// use authcode_runtime::flow::StoreError;
/// let err = StoreError::new("timeout after 2s");
/// assert_eq!(err.to_string(), "timeout after 2s");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError {
    message: String,
}

impl StoreError {
    /// An error with a message saying what failed.
    ///
    /// ```
    /// # use authcode_runtime::flow::StoreError;
    /// assert_eq!(StoreError::new("disk full").message(), "disk full");
    /// ```
    pub fn new(message: impl Into<String>) -> StoreError {
        StoreError {
            message: message.into(),
        }
    }

    /// What failed.
    ///
    /// ```
    /// # use authcode_runtime::flow::StoreError;
    /// assert_eq!(StoreError::new("x").message(), "x");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StoreError {}
