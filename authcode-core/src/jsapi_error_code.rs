use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The JSAPI-level `error` number some wallets add to a failed `my.getAuthCode` callback, with
/// the documented codes named and every other code kept as its number.
///
/// Two values are equal when their codes are: `Other(11)` equals `UserCancelled`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::JsapiErrorCode;
///
/// let code = JsapiErrorCode::from_code(11);
/// assert_eq!(code, JsapiErrorCode::UserCancelled);
/// assert_eq!(code.code(), 11);
/// assert_eq!(code.to_string(), "11 (the user cancelled)");
/// assert_eq!(JsapiErrorCode::from_code(2001), JsapiErrorCode::Other(2001));
/// assert_eq!(serde_json::to_string(&code)?, "11");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy)]
pub enum JsapiErrorCode {
    /// 3: an unknown error.
    UnknownError,
    /// 10: the wallet returned an empty authCode.
    EmptyAuthCode,
    /// 11: the user cancelled.
    UserCancelled,
    /// 1000: unknown.
    Unknown,
    /// 1001: the user cancelled the operation.
    UserCancelledOperation,
    /// 1005: a system error.
    SystemError,
    /// Any other code, as received.
    Other(i64),
}

impl JsapiErrorCode {
    /// The code for `code`: a named variant when the code is documented, else `Other`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::JsapiErrorCode;
    /// assert!(matches!(JsapiErrorCode::from_code(1005), JsapiErrorCode::SystemError));
    /// assert!(matches!(JsapiErrorCode::from_code(-1), JsapiErrorCode::Other(-1)));
    /// ```
    pub fn from_code(code: i64) -> Self {
        match code {
            3 => JsapiErrorCode::UnknownError,
            10 => JsapiErrorCode::EmptyAuthCode,
            11 => JsapiErrorCode::UserCancelled,
            1000 => JsapiErrorCode::Unknown,
            1001 => JsapiErrorCode::UserCancelledOperation,
            1005 => JsapiErrorCode::SystemError,
            other => JsapiErrorCode::Other(other),
        }
    }

    /// The number.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::JsapiErrorCode;
    /// assert_eq!(JsapiErrorCode::UserCancelledOperation.code(), 1001);
    /// assert_eq!(JsapiErrorCode::Other(42).code(), 42);
    /// ```
    pub fn code(self) -> i64 {
        match self {
            JsapiErrorCode::UnknownError => 3,
            JsapiErrorCode::EmptyAuthCode => 10,
            JsapiErrorCode::UserCancelled => 11,
            JsapiErrorCode::Unknown => 1000,
            JsapiErrorCode::UserCancelledOperation => 1001,
            JsapiErrorCode::SystemError => 1005,
            JsapiErrorCode::Other(code) => code,
        }
    }

    /// What the documentation says the code means, for named codes.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::JsapiErrorCode;
    /// assert_eq!(JsapiErrorCode::EmptyAuthCode.description(), Some("empty authCode"));
    /// assert_eq!(JsapiErrorCode::Other(42).description(), None);
    /// assert_eq!(JsapiErrorCode::Other(10).description(), Some("empty authCode"));
    /// ```
    pub fn description(self) -> Option<&'static str> {
        // Through `from_code`, so that `Other(10)` is described like `EmptyAuthCode`.
        match JsapiErrorCode::from_code(self.code()) {
            JsapiErrorCode::UnknownError => Some("unknown error"),
            JsapiErrorCode::EmptyAuthCode => Some("empty authCode"),
            JsapiErrorCode::UserCancelled => Some("the user cancelled"),
            JsapiErrorCode::Unknown => Some("unknown"),
            JsapiErrorCode::UserCancelledOperation => Some("the user cancelled the operation"),
            JsapiErrorCode::SystemError => Some("system error"),
            JsapiErrorCode::Other(_) => None,
        }
    }

    /// `true` for the codes that mean the user cancelled (11 and 1001).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::JsapiErrorCode;
    /// assert!(JsapiErrorCode::from_code(1001).is_user_cancellation());
    /// assert!(!JsapiErrorCode::SystemError.is_user_cancellation());
    /// ```
    pub fn is_user_cancellation(self) -> bool {
        matches!(self.code(), 11 | 1001)
    }
}

impl PartialEq for JsapiErrorCode {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Eq for JsapiErrorCode {}

impl std::hash::Hash for JsapiErrorCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl fmt::Debug for JsapiErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsapiErrorCode::UnknownError => f.write_str("UnknownError"),
            JsapiErrorCode::EmptyAuthCode => f.write_str("EmptyAuthCode"),
            JsapiErrorCode::UserCancelled => f.write_str("UserCancelled"),
            JsapiErrorCode::Unknown => f.write_str("Unknown"),
            JsapiErrorCode::UserCancelledOperation => f.write_str("UserCancelledOperation"),
            JsapiErrorCode::SystemError => f.write_str("SystemError"),
            JsapiErrorCode::Other(code) => f.debug_tuple("Other").field(code).finish(),
        }
    }
}

/// The number, followed by its meaning for named codes: `11 (the user cancelled)`.
impl fmt::Display for JsapiErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.description() {
            Some(description) => write!(f, "{} ({description})", self.code()),
            None => write!(f, "{}", self.code()),
        }
    }
}

impl Serialize for JsapiErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.code())
    }
}

/// Deserializes from an integer; any other JSON value is an error.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::JsapiErrorCode;
/// let code: JsapiErrorCode = serde_json::from_str("1001")?;
/// assert_eq!(code, JsapiErrorCode::UserCancelledOperation);
/// assert!(serde_json::from_str::<JsapiErrorCode>(r#""11""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for JsapiErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl serde::de::Visitor<'_> for CodeVisitor {
            type Value = JsapiErrorCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSAPI error code (an integer)")
            }

            fn visit_i64<E: serde::de::Error>(self, code: i64) -> Result<JsapiErrorCode, E> {
                Ok(JsapiErrorCode::from_code(code))
            }

            fn visit_u64<E: serde::de::Error>(self, code: u64) -> Result<JsapiErrorCode, E> {
                i64::try_from(code)
                    .map(JsapiErrorCode::from_code)
                    .map_err(|_| E::custom(format_args!("JSAPI error code {code} is out of range")))
            }
        }

        deserializer.deserialize_i64(CodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::JsapiErrorCode;

    #[test]
    fn named_codes_round_trip_through_their_numbers() {
        let named = [
            JsapiErrorCode::UnknownError,
            JsapiErrorCode::EmptyAuthCode,
            JsapiErrorCode::UserCancelled,
            JsapiErrorCode::Unknown,
            JsapiErrorCode::UserCancelledOperation,
            JsapiErrorCode::SystemError,
        ];
        let numbers: Vec<i64> = named.iter().map(|code| code.code()).collect();
        assert_eq!(numbers, [3, 10, 11, 1000, 1001, 1005]);
        for code in named {
            let back = JsapiErrorCode::from_code(code.code());
            assert_eq!(format!("{back:?}"), format!("{code:?}"));
            assert!(code.description().is_some());
        }
    }

    #[test]
    fn other_codes_keep_their_number() {
        for number in [i64::MIN, -1, 0, 4, 12, 999, 1002, i64::MAX] {
            let code = JsapiErrorCode::from_code(number);
            assert!(matches!(code, JsapiErrorCode::Other(n) if n == number));
            assert_eq!(code.to_string(), number.to_string());
        }
    }

    #[test]
    fn json_out_of_range_or_wrong_type_is_an_error() {
        for bad in ["18446744073709551615", "11.0", "\"11\"", "null", "[11]"] {
            let err = serde_json::from_str::<JsapiErrorCode>(bad).unwrap_err();
            assert!(err.to_string().contains("JSAPI error code"), "{bad}: {err}");
        }
    }
}
