//! A set's JSON form: an array of wire names in spec order.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{Scope, ScopeSet};

/// Serializes as an array of wire names in spec order.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let set = ScopeSet::from([AlipayPlusScope::UserAvatar, AlipayPlusScope::UserId]);
/// assert_eq!(serde_json::to_string(&set)?, r#"["USER_ID","USER_AVATAR"]"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<S: Scope> Serialize for ScopeSet<S> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Deserializes an array of wire names (or aliases), in any order; a name given twice counts
/// once. A name that is not a scope of `S` is an error that suggests the closest one.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let set: ScopeSet<AlipayPlusScope> = serde_json::from_str(r#"["USER_AVATAR","USER_ID"]"#)?;
/// assert_eq!(set, ScopeSet::from([AlipayPlusScope::UserId, AlipayPlusScope::UserAvatar]));
///
/// let err = serde_json::from_str::<ScopeSet<AlipayPlusScope>>(r#"["USER_ID","USER_NAM"]"#).unwrap_err();
/// assert!(err.to_string().contains(r#"did you mean "USER_NAME"?"#));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de, S: Scope> Deserialize<'de> for ScopeSet<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(SetVisitor(PhantomData))
    }
}

struct SetVisitor<S>(PhantomData<fn() -> S>);

impl<'de, S: Scope> Visitor<'de> for SetVisitor<S> {
    type Value = ScopeSet<S>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of scope names")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut names: A) -> Result<ScopeSet<S>, A::Error> {
        let mut set = ScopeSet::new();
        while let Some(scope) = names.next_element::<S>()? {
            set.insert(scope);
        }
        Ok(set)
    }
}
