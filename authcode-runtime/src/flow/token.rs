//! The bearer credentials handed to the merchant: access and refresh tokens. Their `Debug` and
//! `Display` never print the value, so a token cannot leak into logs by accident.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Defines a string newtype for a bearer secret: serialized as the plain string (the wire
/// needs it), printed as `<redacted>`.
macro_rules! bearer_secret {
    ($(#[$doc:meta])* $name:ident, $example:literal) => {
        $(#[$doc])*
        #[doc = ""]
        #[doc = "```"]
        #[doc = concat!("use authcode_runtime::flow::", stringify!($name), ";")]
        #[doc = ""]
        #[doc = concat!("let token = ", stringify!($name), "::new(\"", $example, "\");")]
        #[doc = concat!("assert_eq!(token.expose(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(format!(\"{token:?}\"), \"", stringify!($name), "(<redacted>)\");")]
        #[doc = "assert_eq!(token.to_string(), \"<redacted>\");"]
        #[doc = concat!("assert_eq!(serde_json::to_string(&token).unwrap(), r#\"\"", $example, "\"\"#);")]
        #[doc = "```"]
        #[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a token value.
            pub fn new(value: impl Into<String>) -> $name {
                $name(value.into())
            }

            /// The token itself, for sending it where it belongs (never for logging).
            pub fn expose(&self) -> &str {
                &self.0
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
    };
}

bearer_secret! {
    /// An access token: presented to inquiryUserInfo to read the user's info within the
    /// granted scopes.
    AccessToken, "at-3fQ9"
}

bearer_secret! {
    /// A refresh token: exchanged (once) for a new access token and a new refresh token.
    RefreshToken, "rt-7Kd2"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_never_print_their_value() {
        let access = AccessToken::new("s3cr3t-access");
        let refresh = RefreshToken::new("s3cr3t-refresh");
        let printed = format!("{access} {access:?} {access:#?} {refresh} {refresh:?}");
        assert!(!printed.contains("s3cr3t"), "{printed}");
    }

    #[test]
    fn tokens_parse_from_json_strings_only() {
        let token: RefreshToken = serde_json::from_str(r#""abc""#).unwrap();
        assert_eq!(token.expose(), "abc");
        assert!(serde_json::from_str::<AccessToken>("12").is_err());
    }
}
