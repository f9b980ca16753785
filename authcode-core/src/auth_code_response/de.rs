//! Reading the callback object. Hand-written rather than derived so that unknown scope names
//! and unknown fields are kept, `null` is told apart from absence, and each wrong type is
//! reported with the field it was found in.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};

use super::field::Field;
use super::wire_scope::{SeenNames, WireScope};
use crate::{AuthCode, AuthCodeResponse, JsapiErrorCode, Scope, ScopeErrorValue};

/// Deserializes the callback object. Every field may be absent or `null`; unknown scope names
/// and unknown fields are kept. A field or an `authErrorScopes` name given twice is an error:
/// parsers disagree on which copy wins, and an authCode must not depend on that.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// type Response = AuthCodeResponse<AlipayPlusScope>;
/// let err = serde_json::from_str::<Response>(r#"{"authCode":1591797390204}"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid type: integer `1591797390204`, expected an authCode string at line 1 column 25"
/// );
/// let err = serde_json::from_str::<Response>(r#"{"authSuccessScopes":["USER_ID",7]}"#).unwrap_err();
/// assert!(err.to_string().starts_with("invalid type: integer `7`, expected a scope name"));
/// let err = serde_json::from_str::<Response>(r#"{"authCode":"a","authCode":"b"}"#).unwrap_err();
/// assert!(err.to_string().starts_with("duplicate field `authCode`"));
/// assert!(serde_json::from_str::<Response>("[1,2]").is_err());
/// ```
impl<'de, S: Scope> Deserialize<'de> for AuthCodeResponse<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ResponseVisitor(PhantomData))
    }
}

struct ResponseVisitor<S>(PhantomData<fn() -> S>);

impl<'de, S: Scope> Visitor<'de> for ResponseVisitor<S> {
    type Value = AuthCodeResponse<S>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a my.getAuthCode response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut response = AuthCodeResponse::new();
        let mut seen = Seen::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::AuthCode => {
                    seen.first(&key)?;
                    response.auth_code = Field::from_wire(map.next_value::<Option<AuthCode>>()?);
                }
                Key::AuthSuccessScopes => {
                    seen.first(&key)?;
                    let names = map.next_value::<Option<SuccessScopes<S>>>()?;
                    response.success_scopes = Field::from_wire(names.map(|names| names.0));
                }
                Key::AuthErrorScopes => {
                    seen.first(&key)?;
                    let errors = map.next_value::<Option<ErrorScopes<S>>>()?;
                    response.error_scopes = Field::from_wire(errors.map(|errors| errors.0));
                }
                Key::Error => {
                    seen.first(&key)?;
                    response.error = Field::from_wire(map.next_value::<Option<JsapiErrorCode>>()?);
                }
                Key::ErrorMessage => {
                    seen.first(&key)?;
                    let message = map.next_value::<Option<ErrorMessage>>()?;
                    response.error_message = Field::from_wire(message.map(|m| m.0));
                }
                Key::Other(name) => {
                    let extra = response.extra_fields.get_or_insert_with(Box::default);
                    if extra.contains_key(&name) {
                        return Err(A::Error::custom(format_args!("duplicate field `{name}`")));
                    }
                    let value = map.next_value::<serde_json::Value>()?;
                    extra.insert(name, value);
                }
            }
        }
        Ok(response)
    }
}

/// A top-level key: one of the five known fields, or any other name.
enum Key {
    AuthCode,
    AuthSuccessScopes,
    AuthErrorScopes,
    Error,
    ErrorMessage,
    Other(String),
}

impl Key {
    const KNOWN: [&'static str; 5] = [
        "authCode",
        "authSuccessScopes",
        "authErrorScopes",
        "error",
        "errorMessage",
    ];

    fn from_name(name: &str) -> Key {
        match name {
            "authCode" => Key::AuthCode,
            "authSuccessScopes" => Key::AuthSuccessScopes,
            "authErrorScopes" => Key::AuthErrorScopes,
            "error" => Key::Error,
            "errorMessage" => Key::ErrorMessage,
            other => Key::Other(other.to_owned()),
        }
    }

    /// The position of a known key in [`Key::KNOWN`].
    fn known_index(&self) -> Option<usize> {
        match self {
            Key::AuthCode => Some(0),
            Key::AuthSuccessScopes => Some(1),
            Key::AuthErrorScopes => Some(2),
            Key::Error => Some(3),
            Key::ErrorMessage => Some(4),
            Key::Other(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: Error>(self, name: &str) -> Result<Key, E> {
                Ok(Key::from_name(name))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Which known fields were already read.
#[derive(Default)]
struct Seen([bool; 5]);

impl Seen {
    fn first<E: Error>(&mut self, key: &Key) -> Result<(), E> {
        match key.known_index() {
            Some(index) if std::mem::replace(&mut self.0[index], true) => {
                Err(E::duplicate_field(Key::KNOWN[index]))
            }
            _ => Ok(()),
        }
    }
}

/// A scope name, classified against the spec; anything but a string is an error.
struct Name<S>(WireScope<S>);

impl<'de, S: Scope> Deserialize<'de> for Name<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor<S>(PhantomData<fn() -> S>);

        impl<S: Scope> Visitor<'_> for NameVisitor<S> {
            type Value = Name<S>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scope name")
            }

            fn visit_str<E: Error>(self, name: &str) -> Result<Name<S>, E> {
                Ok(Name(WireScope::classify(name)))
            }

            fn visit_string<E: Error>(self, name: String) -> Result<Name<S>, E> {
                Ok(Name(WireScope::classify(name)))
            }
        }

        deserializer.deserialize_string(NameVisitor(PhantomData))
    }
}

/// `authSuccessScopes`: an array of names, kept in order with repeats.
struct SuccessScopes<S>(Vec<WireScope<S>>);

impl<'de, S: Scope> Deserialize<'de> for SuccessScopes<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<S>(PhantomData<fn() -> S>);

        impl<'de, S: Scope> Visitor<'de> for ListVisitor<S> {
            type Value = SuccessScopes<S>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("authSuccessScopes, an array of scope names")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // The hint comes from the input; cap it so a lying one cannot reserve much.
                let mut names = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(Name(name)) = seq.next_element::<Name<S>>()? {
                    names.push(name);
                }
                Ok(SuccessScopes(names))
            }
        }

        deserializer.deserialize_seq(ListVisitor(PhantomData))
    }
}

/// `authErrorScopes`: an object of name to error value, kept in order; a repeated name is an
/// error.
struct ErrorScopes<S>(Vec<(WireScope<S>, ScopeErrorValue)>);

impl<'de, S: Scope> Deserialize<'de> for ErrorScopes<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<S>(PhantomData<fn() -> S>);

        impl<'de, S: Scope> Visitor<'de> for MapVisitor<S> {
            type Value = ErrorScopes<S>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("authErrorScopes, an object of scope names to errors")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut errors: Vec<(WireScope<S>, ScopeErrorValue)> = Vec::new();
                let mut seen = SeenNames::new();
                while let Some(Name(name)) = map.next_key::<Name<S>>()? {
                    if !seen.first(&name) {
                        return Err(A::Error::custom(format_args!(
                            "authErrorScopes names scope {:?} twice",
                            name.name()
                        )));
                    }
                    let error = map.next_value::<ScopeErrorValue>()?;
                    errors.push((name, error));
                }
                Ok(ErrorScopes(errors))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// `errorMessage`: a string, with an error that names the field.
struct ErrorMessage(String);

impl<'de> Deserialize<'de> for ErrorMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MessageVisitor;

        impl Visitor<'_> for MessageVisitor {
            type Value = ErrorMessage;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an errorMessage string")
            }

            fn visit_str<E: Error>(self, message: &str) -> Result<ErrorMessage, E> {
                Ok(ErrorMessage(message.to_owned()))
            }

            fn visit_string<E: Error>(self, message: String) -> Result<ErrorMessage, E> {
                Ok(ErrorMessage(message))
            }
        }

        deserializer.deserialize_string(MessageVisitor)
    }
}
