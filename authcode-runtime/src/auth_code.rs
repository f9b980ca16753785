use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The authorization code of a `my.getAuthCode` response: a short-lived secret the merchant
/// server exchanges for an access token.
///
/// `Debug` and `Display` never print it, so a response can be logged without leaking the code;
/// [`AuthCode::expose`] is the one way to read it. Serialized, it is the plain string.
///
/// ```
/// use authcode_runtime::AuthCode;
///
/// let code = AuthCode::new("1591797390204");
/// assert_eq!(code.expose(), "1591797390204");
/// assert_eq!(format!("{code:?}"), "AuthCode(<redacted>)");
/// assert_eq!(code.to_string(), "<redacted>");
/// assert_eq!(serde_json::to_string(&code)?, r#""1591797390204""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AuthCode(String);

impl AuthCode {
    /// Wraps a code, as received from the wallet or issued by an authorization server.
    ///
    /// ```
    /// let code = authcode_runtime::AuthCode::new(String::from("abc"));
    /// assert_eq!(code.expose(), "abc");
    /// ```
    pub fn new(code: impl Into<String>) -> Self {
        AuthCode(code.into())
    }

    /// The code itself, to send to the token endpoint. Named so that every place reading the
    /// secret is easy to find.
    ///
    /// ```
    /// let code = authcode_runtime::AuthCode::new("1591797390204");
    /// assert_eq!(code.expose(), "1591797390204");
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `true` for an empty code, which wallets report as JSAPI error 10 and which cannot be
    /// exchanged for a token.
    ///
    /// ```
    /// assert!(authcode_runtime::AuthCode::new("").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for AuthCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthCode(<redacted>)")
    }
}

impl fmt::Display for AuthCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Serialize for AuthCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Deserializes from a JSON string; anything else is an error that says an authCode string was
/// expected.
///
/// ```
/// use authcode_runtime::AuthCode;
/// let code: AuthCode = serde_json::from_str(r#""1591797390204""#)?;
/// assert_eq!(code.expose(), "1591797390204");
///
/// let err = serde_json::from_str::<AuthCode>("1591797390204").unwrap_err();
/// assert!(err.to_string().starts_with("invalid type: integer `1591797390204`, expected an authCode string"));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for AuthCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl serde::de::Visitor<'_> for CodeVisitor {
            type Value = AuthCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an authCode string")
            }

            fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<AuthCode, E> {
                Ok(AuthCode::new(code))
            }

            fn visit_string<E: serde::de::Error>(self, code: String) -> Result<AuthCode, E> {
                Ok(AuthCode(code))
            }
        }

        deserializer.deserialize_string(CodeVisitor)
    }
}
