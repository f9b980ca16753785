// The Alipay+ spec, used the way the README shows.
use authcode_runtime::{AuthScopes, Authorization, Scope, ScopeSpec};

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub struct AlipayPlus;

// The inherent functions are `const`, so scope facts are usable at compile time.
const LOGIN_IS_SILENT: bool = AlipayPlusScope::UserId.is_silent();
const NICKNAME: &str = AlipayPlusScope::UserNickname.as_str();

fn main() {
    assert!(LOGIN_IS_SILENT);
    assert_eq!(NICKNAME, "USER_NICKNAME");
    assert_eq!(AlipayPlusScope::ALL.len(), 15);
    assert_eq!(AlipayPlus::WALLET, Some("Alipay+"));
    assert_eq!(
        AlipayPlusScope::UserAvatar.authorization(),
        Authorization::Proactive
    );
    let parsed: AlipayPlusScope = "USER_AVATAR".parse().unwrap();
    assert_eq!(parsed, AlipayPlusScope::UserAvatar);
}
