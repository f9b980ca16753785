use std::fmt;

use crate::UnknownScope;

/// Why a `my.getAuthCode` argument is not a valid [`AuthRequest`](crate::AuthRequest).
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthRequest, AuthScopes, InvalidAuthRequest};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// match AuthRequest::<AlipayPlusScope>::from_json(r#"{"scopes":[]}"#) {
///     Err(InvalidAuthRequest::Empty) => {}
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvalidAuthRequest {
    /// No scope is requested; the JSAPI requires at least one.
    Empty,
    /// Names that are no scope of the spec: all of them, in input order, each once.
    UnknownScopes(Vec<UnknownScope>),
    /// The JSON is not an object with a `scopes` array of strings; the message says where.
    Malformed(String),
}

impl InvalidAuthRequest {
    /// The unknown names, empty for the other kinds of error.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let err = AuthRequest::<AlipayPlusScope>::parse_wire_names(["USER_ID", "NOPE"]).unwrap_err();
    /// assert_eq!(err.unknown_scopes()[0].input(), "NOPE");
    /// ```
    pub fn unknown_scopes(&self) -> &[UnknownScope] {
        match self {
            InvalidAuthRequest::UnknownScopes(unknown) => unknown,
            InvalidAuthRequest::Empty | InvalidAuthRequest::Malformed(_) => &[],
        }
    }
}

/// How many unknown names the message shows.
const SHOWN_NAMES: usize = 5;

impl fmt::Display for InvalidAuthRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidAuthRequest::Empty => {
                f.write_str("the request names no scope; my.getAuthCode needs at least one")
            }
            InvalidAuthRequest::UnknownScopes(unknown) => {
                match unknown.len() {
                    1 => f.write_str("the request names an unknown scope: ")?,
                    n => write!(f, "the request names {n} unknown scopes: ")?,
                }
                // The first few, each with its suggestion, and a count of the rest: a request of
                // thousands of unknown names must not make a message of megabytes, nor cost a
                // suggestion search per name.
                for (position, scope) in unknown.iter().take(SHOWN_NAMES).enumerate() {
                    if position > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{:?}", authcode_wire::shown(scope.input()))?;
                    if let Some(suggestion) = scope.suggestion() {
                        write!(f, " (did you mean {suggestion:?}?)")?;
                    }
                }
                match unknown.len().saturating_sub(SHOWN_NAMES) {
                    0 => Ok(()),
                    rest => write!(f, ", and {rest} more"),
                }
            }
            InvalidAuthRequest::Malformed(message) => {
                write!(f, "invalid my.getAuthCode request: {message}")
            }
        }
    }
}

impl std::error::Error for InvalidAuthRequest {}
