use std::fmt;

use crate::{Scope, ScopeSet};

/// Shows the wire names in spec order, as `{USER_ID, USER_NICKNAME}`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let set = ScopeSet::from([AlipayPlusScope::UserNickname, AlipayPlusScope::UserId]);
/// assert_eq!(format!("{set:?}"), "{USER_ID, USER_NICKNAME}");
/// assert_eq!(format!("{:?}", ScopeSet::<AlipayPlusScope>::new()), "{}");
/// ```
impl<S: Scope> fmt::Debug for ScopeSet<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter().map(WireName)).finish()
    }
}

/// A scope shown by its bare wire name: `Debug` of a `&str` would quote it.
struct WireName<S>(S);

impl<S: Scope> fmt::Debug for WireName<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}
