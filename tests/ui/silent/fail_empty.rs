// A silent request must name at least one scope: my.getAuthCode requires `scopes`.
use authcode_runtime::{AuthScopes, SilentScopes};

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub struct AlipayPlus;

static NOTHING: SilentScopes<AlipayPlusScope> = AlipayPlusScope::silent(&[]);

fn main() {
    let _ = &NOTHING;
}
