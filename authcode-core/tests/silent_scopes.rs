//! `SilentScopes`: the compile-time checked `silent(&[...])` helper and the run-time check.
//! (The compile errors themselves are trybuild tests in the workspace `tests` crate.)

extern crate authcode_core as authcode_runtime;

use authcode_runtime::{AuthRequest, AuthScopes, NotSilent, ScopeSet, SilentScopes};

#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
/// The Alipay+ spec.
pub struct AlipayPlus;

use AlipayPlusScope::*;

const LOGIN: SilentScopes<AlipayPlusScope> = AlipayPlusScope::silent(&[UserId]);

#[allow(deprecated)]
static LEGACY_LOGIN: SilentScopes<AlipayPlusScope> =
    AlipayPlusScope::silent(&[AuthBase, UserId, AuthBase]);

const LOGIN_REQUEST: AuthRequest<AlipayPlusScope> = AuthRequest::silent(LOGIN);

#[test]
fn const_and_static_sets_hold_exactly_the_named_scopes() {
    assert_eq!(LOGIN.scopes(), ScopeSet::single(UserId));
    #[allow(deprecated)]
    let legacy = ScopeSet::from([UserId, AuthBase]);
    assert_eq!(LEGACY_LOGIN.scopes(), legacy);
    assert_eq!(LOGIN_REQUEST.to_json(), r#"{"scopes":["USER_ID"]}"#);
}

#[test]
fn the_helper_also_runs_at_run_time() {
    let scopes = [UserId];
    assert_eq!(AlipayPlusScope::silent(&scopes), LOGIN);
}

#[test]
#[should_panic(
    expected = "scope USER_NICKNAME is proactive (it needs the user's consent) and cannot be part of a silent request"
)]
fn the_helper_panics_at_run_time_on_a_proactive_scope() {
    // Outside a `const` the check runs when called; inside one it is a compile error.
    let scopes = [UserId, UserNickname];
    let _ = AlipayPlusScope::silent(std::hint::black_box(&scopes));
}

#[test]
#[should_panic(expected = "a silent request needs at least one scope")]
fn the_helper_rejects_an_empty_list() {
    let _ = AlipayPlusScope::silent(std::hint::black_box(&[]));
}

#[test]
fn run_time_check_agrees_with_the_spec() {
    for scope in ScopeSet::<AlipayPlusScope>::all() {
        let checked = SilentScopes::new(ScopeSet::single(scope));
        assert_eq!(
            checked.is_ok(),
            authcode_runtime::Scope::is_silent(scope),
            "{scope}"
        );
    }
    assert_eq!(
        SilentScopes::new(ScopeSet::<AlipayPlusScope>::new()),
        Err(NotSilent::Empty)
    );
    let err = SilentScopes::new(ScopeSet::from([UserId, UserName])).unwrap_err();
    assert_eq!(err, NotSilent::Proactive(ScopeSet::single(UserName)));
    assert_eq!(
        err.to_string(),
        "scope USER_NAME is proactive (it needs the user's consent) and cannot be part of a silent request"
    );
}
