//! A request's JSON form, `{"scopes": [...]}`.

use std::borrow::Cow;

use serde::de::{Deserializer, Error as _};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::{AuthRequest, Scope};

/// The argument as it arrives, before its names are checked: parsing every name first lets
/// [`AuthRequest::parse_wire_names`] report all unknown ones at once.
#[derive(Deserialize)]
#[serde(rename = "my.getAuthCode request")]
pub(super) struct RawRequest<'a> {
    #[serde(borrow)]
    scopes: Vec<Cow<'a, str>>,
}

impl RawRequest<'_> {
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(|name| &**name)
    }
}

/// Serializes as `{"scopes": [...]}`, wire names in spec order.
///
/// ```
/// # use authcode_runtime::{AuthRequest, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(spec = "../spec/alipay-plus.json")]
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
/// # use authcode_runtime::{AuthRequest, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(spec = "../spec/alipay-plus.json")]
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
