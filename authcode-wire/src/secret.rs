//! The bearer secrets of the flow: the authorization code `my.getAuthCode` hands the mini
//! program, and the access and refresh tokens applyToken hands the merchant.
//!
//! Each is a string newtype that never prints its value (`Debug` and `Display` show
//! `<redacted>`), so a request, a response or a whole grant can be logged without leaking it;
//! `expose` is the one way to read it. Serialized, it is the plain string the wire needs. The
//! value is overwritten with zeros when it is dropped.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroize;

/// Defines a bearer-secret newtype over `String`.
macro_rules! bearer_secret {
    ($(#[$doc:meta])* $name:ident, $wire:literal, $example:literal) => {
        $(#[$doc])*
        ///
        /// ```
        #[doc = concat!("use authcode_wire::", stringify!($name), ";")]
        ///
        #[doc = concat!("let secret = ", stringify!($name), "::new(\"", $example, "\");")]
        #[doc = concat!("assert_eq!(secret.expose(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(format!(\"{secret:?}\"), \"", stringify!($name), "(<redacted>)\");")]
        /// assert_eq!(secret.to_string(), "<redacted>");
        #[doc = concat!("assert_eq!(serde_json::to_string(&secret)?, r#\"\"", $example, "\"\"#);")]
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Wraps a value, as received from the wallet or issued by an authorization server.
            pub fn new(value: impl Into<String>) -> $name {
                $name(value.into())
            }

            /// The secret itself, for sending it where it belongs (never for logging).
            pub fn expose(&self) -> &str {
                &self.0
            }

            /// `true` for the empty string, which no wallet issues.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }

        impl Drop for $name {
            fn drop(&mut self) {
                self.0.zeroize();
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Text;

                impl serde::de::Visitor<'_> for Text {
                    type Value = $name;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("an ", $wire, " string"))
                    }

                    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<$name, E> {
                        Ok($name::new(value))
                    }

                    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<$name, E> {
                        Ok($name(value))
                    }
                }

                deserializer.deserialize_string(Text)
            }
        }
    };
}

bearer_secret! {
    /// The authorization code of a `my.getAuthCode` response: a short-lived, single-use secret
    /// the merchant server exchanges for an access token with applyToken.
    AuthCode, "authCode", "1591797390204"
}

bearer_secret! {
    /// An access token: presented to inquiryUserInfo to read the user's info within the
    /// granted scopes.
    AccessToken, "accessToken", "at-3fQ9"
}

bearer_secret! {
    /// A refresh token: exchanged (once) for a new access token and a new refresh token.
    RefreshToken, "refreshToken", "rt-7Kd2"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print_their_value() {
        let code = AuthCode::new("s3cr3t-code");
        let access = AccessToken::new("s3cr3t-access");
        let refresh = RefreshToken::new("s3cr3t-refresh");
        let printed =
            format!("{code} {code:?} {access} {access:?} {access:#?} {refresh} {refresh:?}");
        assert!(!printed.contains("s3cr3t"), "{printed}");
    }

    #[test]
    fn secrets_parse_from_json_strings_only() {
        let token: RefreshToken = serde_json::from_str(r#""abc""#).unwrap();
        assert_eq!(token.expose(), "abc");
        assert!(serde_json::from_str::<AccessToken>("12").is_err());
        assert!(serde_json::from_str::<AuthCode>("null").is_err());
        let escaped: AuthCode = serde_json::from_str(r#""a\u0062c""#).unwrap();
        assert_eq!(escaped.expose(), "abc");
    }
}
