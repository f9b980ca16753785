// Generated code must be warning-free even though the spec has deprecated scopes.
#![deny(warnings)]

use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub struct AlipayPlus;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/renamed.json")]
pub(crate) struct Renamed;

fn main() {
    let _ = AlipayPlusScope::UserId;
    let _ = RenamedScope::TwoFactorStatus;
}
