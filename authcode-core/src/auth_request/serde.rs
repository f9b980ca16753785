//! A request's JSON form, `{"scopes": [...]}`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::{AuthRequest, Scope};

/// The argument as it arrives, before its names are checked: parsing every name first lets
/// [`AuthRequest::parse_wire_names`] report all unknown ones at once.
pub(super) struct RawRequest {
    scopes: Vec<String>,
}

impl RawRequest {
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(String::as_str)
    }
}

/// Written out rather than derived: a derived struct would also accept a JSON array.
impl<'de> Deserialize<'de> for RawRequest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;

        impl<'de> Visitor<'de> for RawVisitor {
            type Value = RawRequest;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a my.getAuthCode argument, {"scopes": [...]}"#)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRequest, A::Error> {
                let mut scopes = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if key != "scopes" {
                        map.next_value::<IgnoredAny>()?;
                    } else if scopes.is_some() {
                        return Err(A::Error::duplicate_field("scopes"));
                    } else {
                        scopes = Some(map.next_value::<Vec<String>>()?);
                    }
                }
                let scopes = scopes.ok_or_else(|| A::Error::missing_field("scopes"))?;
                Ok(RawRequest { scopes })
            }
        }

        deserializer.deserialize_map(RawVisitor)
    }
}

/// Serializes as `{"scopes": [...]}`, wire names in spec order.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthRequest, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let request = AuthRequest::new(AlipayPlusScope::UserId)?;
/// assert_eq!(serde_json::to_value(request)?, serde_json::json!({ "scopes": ["USER_ID"] }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<S: Scope> Serialize for AuthRequest<S> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        let mut request = serializer.serialize_struct("AuthRequest", 1)?;
        request.serialize_field("scopes", &self.scopes())?;
        request.end()
    }
}

/// Deserializes `{"scopes": [...]}` with the checks of [`AuthRequest::parse_wire_names`]: the
/// error lists every unknown name.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthRequest, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let request: AuthRequest<AlipayPlusScope> = serde_json::from_str(r#"{"scopes":["USER_ID"]}"#)?;
/// assert!(request.is_silent());
///
/// let err = serde_json::from_str::<AuthRequest<AlipayPlusScope>>(r#"{"scopes":["A","B"]}"#).unwrap_err();
/// assert!(err.to_string().starts_with(r#"the request names 2 unknown scopes: "A", "B""#));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de, S: Scope> Deserialize<'de> for AuthRequest<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawRequest::deserialize(deserializer)?;
        AuthRequest::parse_wire_names(raw.names()).map_err(D::Error::custom)
    }
}
