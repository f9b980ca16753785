use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The error a wallet gives for a scope it did not grant: a value of the response's
/// `authErrorScopes` object.
///
/// Wallets send it as a string (`"40006"`) or as a number (`10001`); it is kept exactly as it
/// came, so a response re-serializes to the same JSON.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::ScopeErrorValue;
///
/// let text: ScopeErrorValue = serde_json::from_str(r#""40006""#)?;
/// assert_eq!(text, ScopeErrorValue::from("40006"));
/// assert_eq!(text.as_code(), Some(40006));
/// assert_eq!(serde_json::to_string(&text)?, r#""40006""#);
///
/// let number: ScopeErrorValue = serde_json::from_str("10001")?;
/// assert_eq!(number, ScopeErrorValue::from(10001));
/// assert_eq!(serde_json::to_string(&number)?, "10001");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ScopeErrorValue {
    /// A JSON string, such as `"40006"`.
    Text(String),
    /// A JSON number, such as `10001`; integers and decimals are kept as written.
    Number(serde_json::Number),
}

impl ScopeErrorValue {
    /// The value as an integer code: the number, or the text when it is an integer.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::ScopeErrorValue;
    /// assert_eq!(ScopeErrorValue::from("40006").as_code(), Some(40006));
    /// assert_eq!(ScopeErrorValue::from(10001).as_code(), Some(10001));
    /// assert_eq!(ScopeErrorValue::from("DENIED").as_code(), None);
    /// ```
    pub fn as_code(&self) -> Option<i64> {
        match self {
            ScopeErrorValue::Text(text) => text.trim().parse().ok(),
            ScopeErrorValue::Number(number) => number.as_i64(),
        }
    }

    /// The text, when the value is a string.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::ScopeErrorValue;
    /// assert_eq!(ScopeErrorValue::from("40006").as_text(), Some("40006"));
    /// assert_eq!(ScopeErrorValue::from(40006).as_text(), None);
    /// ```
    pub fn as_text(&self) -> Option<&str> {
        match self {
            ScopeErrorValue::Text(text) => Some(text),
            ScopeErrorValue::Number(_) => None,
        }
    }
}

/// A string value.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::ScopeErrorValue;
/// assert!(matches!(ScopeErrorValue::from("40006"), ScopeErrorValue::Text(t) if t == "40006"));
/// ```
impl From<&str> for ScopeErrorValue {
    fn from(text: &str) -> Self {
        ScopeErrorValue::Text(text.to_owned())
    }
}

/// A string value.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::ScopeErrorValue;
/// assert_eq!(ScopeErrorValue::from(String::from("40006")), ScopeErrorValue::from("40006"));
/// ```
impl From<String> for ScopeErrorValue {
    fn from(text: String) -> Self {
        ScopeErrorValue::Text(text)
    }
}

/// A number value.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::ScopeErrorValue;
/// assert_eq!(ScopeErrorValue::from(10001).to_string(), "10001");
/// ```
impl From<i64> for ScopeErrorValue {
    fn from(number: i64) -> Self {
        ScopeErrorValue::Number(number.into())
    }
}

/// The value as the wallet wrote it, without JSON quotes: `40006` for both `"40006"` and
/// `40006`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::ScopeErrorValue;
/// assert_eq!(ScopeErrorValue::from("40006").to_string(), "40006");
/// ```
impl fmt::Display for ScopeErrorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeErrorValue::Text(text) => f.write_str(text),
            ScopeErrorValue::Number(number) => write!(f, "{number}"),
        }
    }
}

impl Serialize for ScopeErrorValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ScopeErrorValue::Text(text) => serializer.serialize_str(text),
            ScopeErrorValue::Number(number) => number.serialize(serializer),
        }
    }
}

/// Deserializes from a JSON string or number; `null`, booleans, arrays and objects are errors.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::ScopeErrorValue;
/// let err = serde_json::from_str::<ScopeErrorValue>("null").unwrap_err();
/// assert!(err.to_string().contains("expected a scope error (a string or a number)"));
/// ```
impl<'de> Deserialize<'de> for ScopeErrorValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;

        impl serde::de::Visitor<'_> for ValueVisitor {
            type Value = ScopeErrorValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scope error (a string or a number)")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ScopeErrorValue, E> {
                Ok(ScopeErrorValue::Text(text.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<ScopeErrorValue, E> {
                Ok(ScopeErrorValue::Text(text))
            }

            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<ScopeErrorValue, E> {
                Ok(ScopeErrorValue::Number(n.into()))
            }

            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<ScopeErrorValue, E> {
                Ok(ScopeErrorValue::Number(n.into()))
            }

            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<ScopeErrorValue, E> {
                // JSON has no NaN or infinity, so only a non-JSON source can get here with one.
                serde_json::Number::from_f64(n)
                    .map(ScopeErrorValue::Number)
                    .ok_or_else(|| E::custom(format_args!("scope error {n} is not a JSON number")))
            }
        }

        deserializer.deserialize_any(ValueVisitor)
    }
}
