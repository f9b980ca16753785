//! The Alipay+ scopes through the derive: one line of Rust and the spec file. Compare with
//! `../strum-fixture`, the same enum written by hand.

use authcode_runtime::AuthScopes;

/// The Alipay+ wallet; the derive generates `AlipayPlusScope` beside it.
#[derive(AuthScopes)]
#[auth_scopes(spec = "../../../spec/alipay-plus.json")]
pub struct AlipayPlus;
