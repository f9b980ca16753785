// A silent request (no consent prompt) that names a proactive scope does not compile, and the
// error names the scope.
use authcode_runtime::{AuthScopes, SilentScopes};

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub struct AlipayPlus;

const LOGIN: SilentScopes<AlipayPlusScope> =
    AlipayPlusScope::silent(&[AlipayPlusScope::UserId, AlipayPlusScope::UserNickname]);

fn main() {
    let _ = LOGIN;
}
