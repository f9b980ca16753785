//! A response's JSON form, written back as it was read.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::field::Wire;
use super::wire_scope::WireScope;
use crate::{AuthCodeResponse, Scope, ScopeErrorValue};

/// Serializes the callback object: the known fields in the order `authCode`,
/// `authSuccessScopes`, `authErrorScopes`, `error`, `errorMessage`, then unknown fields; absent
/// fields are left out and `null` ones written as `null`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let json = r#"{"authCode":null,"authSuccessScopes":["NEW_SCOPE","USER_ID"],"x":[1,{"y":2}]}"#;
/// let response: AuthCodeResponse<AlipayPlusScope> = serde_json::from_str(json)?;
/// assert_eq!(serde_json::to_string(&response)?, json);
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<S: Scope> Serialize for AuthCodeResponse<S> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        let known = [
            ("authCode", self.auth_code.wire().map(Known::Code)),
            (
                "authSuccessScopes",
                self.success_scopes.wire().map(|list| Known::Names(list)),
            ),
            (
                "authErrorScopes",
                self.error_scopes.wire().map(|list| Known::Errors(list)),
            ),
            ("error", self.error.wire().map(|code| Known::Error(*code))),
            ("errorMessage", self.error_message.wire().map(Known::Text)),
        ];
        let written = known
            .iter()
            .filter(|(_, wire)| !matches!(wire, Wire::Absent))
            .count();

        let mut map = serializer.serialize_map(Some(written + self.extra_fields().len()))?;
        for (key, wire) in &known {
            match wire {
                Wire::Absent => {}
                Wire::Null => map.serialize_entry(key, &())?,
                Wire::Value(value) => map.serialize_entry(key, value)?,
            }
        }
        for (key, value) in self.extra_fields() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The value of one known field, in its wire form.
enum Known<'a, S> {
    Code(&'a crate::AuthCode),
    /// `authSuccessScopes`: the names as spelled on the wire.
    Names(&'a [WireScope<S>]),
    /// `authErrorScopes`: name to error value, in wire order.
    Errors(&'a [(WireScope<S>, ScopeErrorValue)]),
    Error(crate::JsapiErrorCode),
    Text(&'a String),
}

impl<S: Scope> Serialize for Known<'_, S> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        match self {
            Known::Code(code) => code.serialize(serializer),
            Known::Names(names) => serializer.collect_seq(names.iter().map(WireScope::name)),
            Known::Errors(errors) => {
                serializer.collect_map(errors.iter().map(|(name, error)| (name.name(), error)))
            }
            Known::Error(code) => code.serialize(serializer),
            Known::Text(text) => serializer.serialize_str(text),
        }
    }
}
