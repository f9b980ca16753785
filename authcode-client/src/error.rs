//! What can go wrong calling the wallet, as kinds a caller can match on.

use std::fmt;

use authcode_signing::{KeyError, SignatureError};
use authcode_wire::{ResultCode, ResultStatus};

/// A call to the wallet failed.
///
/// ```
/// use authcode_client::{ApiFailure, ClientError};
/// use authcode_wire::{ResultCode, ResultStatus};
///
/// let err = ClientError::Api(ApiFailure::new("USED_CODE", ResultStatus::Failure, "the authorization code has been used"));
/// assert_eq!(err.result_code(), Some(ResultCode::UsedCode));
/// assert!(!err.is_retryable());
/// assert_eq!(err.to_string(), "the wallet answered USED_CODE (F): the authorization code has been used");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The wallet answered, with a verified signature, and the `result` is not a success.
    #[error(transparent)]
    Api(ApiFailure),
    /// A call that must not be sent twice (applyToken: it redeems a code or rotates a refresh
    /// token) may have reached the wallet, and no answer came back. The wallet may have
    /// redeemed the credential; sending it again would be answered as a replay and revoke
    /// the grant, so it is not retried. Ask the user to authorize again.
    ///
    /// An answer that arrived but cannot be trusted (its signature does not verify, it is too
    /// large, or it breaks the protocol) is the same case: the request reached the wallet, and
    /// what the wallet did is unknown.
    #[error(
        "outcome unknown: the {api} request may have reached the wallet, but no answer that \
         can be trusted came back; the code or refresh token may have been redeemed, so it is \
         not sent again: ask the user to authorize again"
    )]
    OutcomeUnknown {
        /// The API called.
        api: &'static str,
        /// What happened to the exchange.
        #[source]
        cause: OutcomeCause,
    },
    /// The request did not complete: connection refused, timeout, DNS failure, a broken
    /// connection. For idempotent calls only; see [`ClientError::OutcomeUnknown`].
    #[error("the request to the wallet failed")]
    Transport(#[source] TransportError),
    /// The response body is larger than the client reads.
    #[error("the wallet's response is over {limit} bytes; it was not read")]
    ResponseTooLarge {
        /// The configured limit ([`MerchantClientBuilder::max_response_bytes`](crate::MerchantClientBuilder::max_response_bytes)).
        limit: usize,
    },
    /// The response's signature is missing, malformed or wrong: the response is not from the
    /// wallet, or was changed on the way. Its content is not used.
    #[error("the wallet's response was refused: its signature is not valid")]
    ResponseSignature(#[source] SignatureError),
    /// The response is signed but breaks the protocol.
    #[error("the wallet's response was refused")]
    Protocol(#[source] ProtocolError),
    /// The request could not be signed with the merchant's key.
    #[error("the request could not be signed")]
    Signing(#[source] KeyError),
    /// The client was configured with something unusable.
    #[error("invalid client configuration")]
    Config(#[source] ConfigError),
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

    /// `true` for failures after which the same call may succeed: status `U` and transport
    /// failures. Never for `F`, and never for [`ClientError::OutcomeUnknown`].
    ///
    /// ```
    /// use authcode_client::{ApiFailure, ClientError};
    /// use authcode_wire::ResultStatus;
    /// let busy = ClientError::Api(ApiFailure::new("REQUEST_TRAFFIC_EXCEED_LIMIT", ResultStatus::Unknown, ""));
    /// assert!(busy.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Api(failure) => failure.result_status == ResultStatus::Unknown,
            ClientError::Transport(_) => true,
            _ => false,
        }
    }
}

/// A transport failure, with what is known of how far the request got.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct TransportError {
    kind: TransportKind,
    #[source]
    source: reqwest::Error,
}

/// How far a failed request got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection was made: nothing was sent.
    Connect,
    /// The call ran out of time; the request may have been sent.
    Timeout,
    /// The connection broke, or the answer was unreadable; the request may have been sent.
    Other,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "no connection to the wallet could be made",
            TransportKind::Timeout => "the call timed out",
            TransportKind::Other => "the connection to the wallet failed",
        })
    }
}

impl TransportError {
    pub(crate) fn new(source: reqwest::Error) -> TransportError {
        let kind = if source.is_connect() {
            TransportKind::Connect
        } else if source.is_timeout() {
            TransportKind::Timeout
        } else {
            TransportKind::Other
        };
        TransportError { kind, source }
    }

    /// How far the request got.
    pub fn kind(&self) -> TransportKind {
        self.kind
    }

    /// `true` when the request provably never left this machine (no connection was made), so
    /// that even a call that must not run twice can be sent again.
    pub fn nothing_sent(&self) -> bool {
        self.kind == TransportKind::Connect
    }
}

/// Why the outcome of a single-use call is unknown.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutcomeCause {
    /// No answer came back: the connection broke or the call timed out after the request may
    /// have left.
    #[error("no answer came back")]
    Transport(#[source] TransportError),
    /// An answer came back, but its signature is missing, malformed or wrong (for example
    /// signed with a key version this client does not hold yet).
    #[error("the answer's signature is not valid")]
    ResponseSignature(#[source] SignatureError),
    /// An answer came back, larger than the client reads.
    #[error("the answer is over {limit} bytes; it was not read")]
    ResponseTooLarge {
        /// The configured limit.
        limit: usize,
    },
    /// A signed answer came back that breaks the protocol.
    #[error("the answer breaks the protocol")]
    Protocol(#[source] ProtocolError),
}

impl OutcomeCause {
    /// How far the request got, when no answer came back.
    pub fn transport_kind(&self) -> Option<TransportKind> {
        match self {
            OutcomeCause::Transport(err) => Some(err.kind()),
            _ => None,
        }
    }

    /// The cause of a failure of a single-use call that reached the wallet, or the error
    /// itself when the wallet provably never got the request or answered with a trusted
    /// result.
    pub(crate) fn of(err: ClientError) -> Result<OutcomeCause, ClientError> {
        match err {
            ClientError::Transport(cause) if !cause.nothing_sent() => {
                Ok(OutcomeCause::Transport(cause))
            }
            ClientError::ResponseSignature(cause) => Ok(OutcomeCause::ResponseSignature(cause)),
            ClientError::ResponseTooLarge { limit } => Ok(OutcomeCause::ResponseTooLarge { limit }),
            ClientError::Protocol(cause) => Ok(OutcomeCause::Protocol(cause)),
            other => Err(other),
        }
    }
}

/// A signed response that breaks the protocol.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProtocolError {
    /// A header the signature needs is missing (`Response-Time`).
    #[error("the {0} header is missing")]
    MissingHeader(&'static str),
    /// A header is not visible ASCII.
    #[error("the {0} header is not ASCII")]
    BinaryHeader(&'static str),
    /// The response echoes another client's `Client-Id`.
    #[error("the response is for client {found}, not {expected}")]
    OtherClient {
        /// The client ID this client sent.
        expected: String,
        /// The one the response names (shortened).
        found: String,
    },
    /// The `Response-Time` is unreadable or too far from this client's clock.
    #[error("Response-Time: {0}")]
    ResponseTime(String),
    /// The body is not the expected JSON.
    #[error("malformed {api} response (HTTP {status}): {reason}")]
    Body {
        /// The API called.
        api: &'static str,
        /// The HTTP status.
        status: u16,
        /// What is wrong with it.
        reason: String,
    },
    /// A success without a field every success carries.
    #[error("{api} succeeded without {field}")]
    MissingField {
        /// The API called.
        api: &'static str,
        /// The field missing.
        field: &'static str,
    },
}

/// A client configuration that cannot work.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The base URL does not parse, or is not `http`/`https`.
    #[error("base URL {url:?} must be an http or https URL ({reason})")]
    BaseUrl {
        /// The URL given (shortened).
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The client ID is empty or not visible ASCII (it travels in a header).
    #[error("client ID {0:?} must be non-empty visible ASCII")]
    ClientId(String),
    /// No wallet key to verify responses with.
    #[error("no wallet key to verify responses with")]
    NoWalletKey,
    /// The clock is outside the years 0 to 9999 (a `Request-Time` cannot be written).
    #[error("the clock is outside the years 0 to 9999")]
    Clock,
    /// The HTTP client could not be built (no TLS backend).
    #[error("the HTTP client could not be built: {0}")]
    Http(String),
}

/// The `result` of a failed call, as the wallet sent it.
///
/// The code is kept as text: a wallet may answer with codes this crate does not know yet,
/// and such a failure must still be reported faithfully. [`code`](ApiFailure::code) gives
/// the typed code when it is a known one.
///
/// ```
/// use authcode_client::ApiFailure;
/// use authcode_wire::{ResultCode, ResultStatus};
/// let failure = ApiFailure::new("SOME_NEW_CODE", ResultStatus::Failure, "new");
/// assert_eq!(failure.code(), None);
/// assert_eq!(ApiFailure::new("INVALID_CLIENT", ResultStatus::Failure, "").code(), Some(ResultCode::InvalidClient));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the wallet answered {result_code} ({result_status}): {result_message}")]
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
