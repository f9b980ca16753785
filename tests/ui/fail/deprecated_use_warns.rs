#![deny(deprecated)]
// Generated code compiles cleanly; the user's own mention of a legacy scope is what warns.
use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub struct AlipayPlus;

fn main() {
    let _legacy = AlipayPlusScope::AuthBase;
}
