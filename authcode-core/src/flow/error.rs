//! The errors of the flow: a failed applyToken or inquiryUserInfo ([`FlowError`], each kind
//! with its Alipay+ result code) and a failing store ([`StoreError`]).

use authcode_wire::{ApiResult, ResultCode, ResultStatus};

/// Why applyToken or inquiryUserInfo failed. Each kind maps to an Alipay+ result code
/// ([`FlowError::code`]); `Display` is the `resultMessage`.
///
/// A code or token presented by another client than the one it was issued to fails as if it
/// did not exist: telling that client it belongs to someone else would confirm that it is
/// live.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::FlowError;
/// use authcode_runtime::wire::{ResultCode, ResultStatus};
///
/// let err = FlowError::UsedCode;
/// assert_eq!(err.code(), ResultCode::UsedCode);
/// assert_eq!(err.status(), ResultStatus::Failure);
/// assert_eq!(err.to_string(), "the authorization code has been used; every token issued from it is revoked");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FlowError {
    /// The request is incomplete or contradicts itself (`PARAM_ILLEGAL`).
    #[error("{0}")]
    ParamIllegal(String),
    /// No live code is known by this value for this client (`INVALID_CODE`).
    #[error("the authorization code is invalid")]
    InvalidCode,
    /// The code's lifetime is over (`EXPIRED_CODE`).
    #[error("the authorization code has expired")]
    ExpiredCode,
    /// The code was redeemed before; the grant is revoked (`USED_CODE`).
    #[error("the authorization code has been used; every token issued from it is revoked")]
    UsedCode,
    /// No live refresh token is known by this value for this client, or its grant was revoked
    /// (`INVALID_REFRESH_TOKEN`).
    #[error("the refresh token is invalid")]
    InvalidRefreshToken,
    /// The refresh token's lifetime is over (`EXPIRED_REFRESH_TOKEN`).
    #[error("the refresh token has expired")]
    ExpiredRefreshToken,
    /// The refresh token was exchanged before; its whole family is revoked
    /// (`USED_REFRESH_TOKEN`).
    #[error("the refresh token has been used; its whole family of tokens is revoked")]
    UsedRefreshToken,
    /// The access token is unknown, expired or revoked, or its user is gone
    /// (`INVALID_ACCESS_TOKEN`).
    #[error("the access token {0}")]
    InvalidAccessToken(AccessTokenProblem),
    /// The request names a client (`referenceClientId`, `authClientId`) other than the one the
    /// credential was issued to (`REFERENCE_CLIENT_ID_NOT_MATCH`).
    #[error("the reference client ID did not match the authorization code")]
    ReferenceClientIdNotMatch,
    /// The store failed; the outcome is unknown and a retry may succeed (`UNKNOWN_EXCEPTION`).
    #[error("storage failed: {0}")]
    Store(#[from] StoreError),
    /// The system's random number generator failed (`UNKNOWN_EXCEPTION`).
    #[error("the system random number generator failed")]
    Randomness,
}

/// What is wrong with an access token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccessTokenProblem {
    /// No token is known by this value for this client.
    #[error("is invalid")]
    Unknown,
    /// Its lifetime is over.
    #[error("has expired")]
    Expired,
    /// Its grant was revoked.
    #[error("has been revoked")]
    Revoked,
    /// The user it was issued for no longer exists.
    #[error("belongs to a user who no longer exists")]
    UserGone,
}

impl FlowError {
    /// The Alipay+ result code of the failure.
    pub fn code(&self) -> ResultCode {
        match self {
            FlowError::ParamIllegal(_) => ResultCode::ParamIllegal,
            FlowError::InvalidCode => ResultCode::InvalidCode,
            FlowError::ExpiredCode => ResultCode::ExpiredCode,
            FlowError::UsedCode => ResultCode::UsedCode,
            FlowError::InvalidRefreshToken => ResultCode::InvalidRefreshToken,
            FlowError::ExpiredRefreshToken => ResultCode::ExpiredRefreshToken,
            FlowError::UsedRefreshToken => ResultCode::UsedRefreshToken,
            FlowError::InvalidAccessToken(_) => ResultCode::InvalidAccessToken,
            FlowError::ReferenceClientIdNotMatch => ResultCode::ReferenceClientIdNotMatch,
            FlowError::Store(_) | FlowError::Randomness => ResultCode::UnknownException,
        }
    }

    /// `F`, or `U` for failures a retry may cure.
    pub fn status(&self) -> ResultStatus {
        self.code().status()
    }

    /// The `result` object of the failure.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::flow::FlowError;
    /// let result = FlowError::ExpiredCode.to_result();
    /// assert_eq!(result.result_code.as_str(), "EXPIRED_CODE");
    /// assert_eq!(result.result_message, "the authorization code has expired");
    /// ```
    pub fn to_result(&self) -> ApiResult {
        ApiResult::new(self.code(), self.to_string())
    }
}

/// A store could not do what was asked: a transient failure. The server answers
/// `UNKNOWN_EXCEPTION` with status `U`, and the operation must not have been half-applied.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::StoreError;
/// let err = StoreError::Unavailable("connection refused".into());
/// assert_eq!(err.to_string(), "the store is unavailable: connection refused");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store could not be reached, or did not answer in time.
    #[error("the store is unavailable: {0}")]
    Unavailable(String),
    /// The store holds data it cannot read back (written by another version, or damaged).
    #[error("the store holds unreadable data: {0}")]
    Corrupt(String),
}
