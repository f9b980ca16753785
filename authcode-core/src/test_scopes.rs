//! The Alipay+ scopes for this crate's unit tests: the derive, pointed at this crate
//! (`crate = "crate"`), as a user's crate would use it.

// Only the generated `AlipayPlusScope` is used, never the marker struct itself.
#[allow(dead_code)]
#[derive(crate::AuthScopes)]
#[auth_scopes(wallet = "alipay-plus", crate = "crate")]
pub(crate) struct AlipayPlus;
