// Silent scopes pass the compile-time check, in `const` and `static` items alike, and build
// requests that show no consent prompt.
#![deny(warnings)]

use authcode_runtime::{AuthRequest, AuthScopes, ScopeSet, SilentScopes};

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub struct AlipayPlus;

const LOGIN: SilentScopes<AlipayPlusScope> = AlipayPlusScope::silent(&[AlipayPlusScope::UserId]);

// The legacy silent scope is allowed too; naming it warns like any use of a deprecated scope.
#[allow(deprecated)]
static LEGACY_LOGIN: SilentScopes<AlipayPlusScope> =
    AlipayPlusScope::silent(&[AlipayPlusScope::AuthBase, AlipayPlusScope::UserId]);

const LOGIN_REQUEST: AuthRequest<AlipayPlusScope> = AuthRequest::silent(LOGIN);

fn main() {
    assert_eq!(LOGIN.scopes(), ScopeSet::single(AlipayPlusScope::UserId));
    assert_eq!(LEGACY_LOGIN.scopes().len(), 2);
    assert!(LEGACY_LOGIN.scopes().is_silent());
    assert!(LOGIN_REQUEST.is_silent());
    assert_eq!(LOGIN_REQUEST.to_json(), r#"{"scopes":["USER_ID"]}"#);
    assert_eq!(
        AuthRequest::from(LEGACY_LOGIN).scopes(),
        LEGACY_LOGIN.scopes()
    );
}
