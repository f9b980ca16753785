//! `ScopeSet` over the Alipay+ spec: the set algebra against a `BTreeSet` model, the classes
//! of the spec, and the JSON form.

extern crate authcode_core as authcode_runtime;

use std::collections::BTreeSet;

use authcode_runtime::{AuthScopes, Scope, ScopeSet};
use proptest::prelude::*;

#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
/// The Alipay+ spec.
pub struct AlipayPlus;

use AlipayPlusScope::*;

type Set = ScopeSet<AlipayPlusScope>;

fn scope(index: usize) -> AlipayPlusScope {
    AlipayPlusScope::ALL[index]
}

/// A set and its model: the spec indexes of its scopes.
fn set_and_model() -> impl Strategy<Value = (Set, BTreeSet<usize>)> {
    proptest::collection::btree_set(
        0..AlipayPlusScope::ALL.len(),
        0..=AlipayPlusScope::ALL.len(),
    )
    .prop_map(|model| (model.iter().map(|&i| scope(i)).collect(), model))
}

#[test]
fn is_small_and_copy() {
    fn copy<T: Copy>() {}
    copy::<Set>();
    assert_eq!(std::mem::size_of::<Set>(), 8);
}

#[test]
fn classes_follow_the_spec() {
    #[allow(deprecated)]
    let silent = Set::from([UserId, AuthBase]);
    assert_eq!(Set::silent(), silent);
    assert_eq!(Set::proactive(), Set::all() - silent);
    assert_eq!(Set::proactive().len(), 13);
    #[allow(deprecated)]
    let deprecated = Set::from([AuthBase, AuthUser]);
    assert_eq!(Set::deprecated(), deprecated);
    assert_eq!(Set::all().iter().collect::<Vec<_>>(), AlipayPlusScope::ALL);
}

#[test]
fn is_silent_needs_every_scope_silent() {
    assert!(Set::new().is_silent());
    assert!(Set::single(UserId).is_silent());
    assert!(Set::silent().is_silent());
    assert!(!Set::from([UserId, SendMessage]).is_silent());
    assert!(!Set::all().is_silent());
}

#[test]
fn insert_and_remove_report_changes() {
    let mut set = Set::new();
    assert!(set.insert(UserAddress));
    assert!(!set.insert(UserAddress));
    assert!(set.contains(UserAddress));
    assert!(!set.contains(UserId));
    assert!(set.remove(UserAddress));
    assert!(!set.remove(UserAddress));
    assert_eq!(set, Set::default());
}

#[test]
fn operators_match_the_methods() {
    let a = Set::from([UserId, UserName, UserGender]);
    let b = Set::from([UserName, UserAvatar]);
    assert_eq!(a | b, Set::from([UserId, UserName, UserGender, UserAvatar]));
    assert_eq!(a & b, Set::single(UserName));
    assert_eq!(a - b, Set::from([UserId, UserGender]));
    let mut c = a;
    c |= b;
    c -= Set::single(UserId);
    c &= Set::from([UserGender, UserAvatar, SendMessage]);
    assert_eq!(c, Set::from([UserGender, UserAvatar]));
}

#[test]
fn debug_and_json_use_wire_names_in_spec_order() {
    #[allow(deprecated)]
    let set = Set::from([AuthUser, UserId, PlaintextUserLoginId]);
    assert_eq!(
        format!("{set:?}"),
        "{USER_ID, PLAINTEXT_USER_LOGIN_ID, auth_user}"
    );
    assert_eq!(
        serde_json::to_string(&set).unwrap(),
        r#"["USER_ID","PLAINTEXT_USER_LOGIN_ID","auth_user"]"#
    );
    assert_eq!(
        format!("{:?}", set.iter()),
        r#"["USER_ID", "PLAINTEXT_USER_LOGIN_ID", "auth_user"]"#
    );
}

#[test]
fn json_accepts_any_order_and_repeats() {
    let set: Set = serde_json::from_str(r#"["USER_NAME","USER_ID","USER_NAME"]"#).unwrap();
    assert_eq!(set, Set::from([UserId, UserName]));
    let empty: Set = serde_json::from_str("[]").unwrap();
    assert!(empty.is_empty());
}

#[test]
fn json_rejects_unknown_names_and_wrong_types() {
    let cases = [
        (
            r#"["USER_ID","WALLET_NEW"]"#,
            r#"unknown scope "WALLET_NEW""#,
        ),
        (r#"["user_id"]"#, r#"did you mean "USER_ID"?"#),
        (
            r#"["USER_ID",1]"#,
            "invalid type: integer `1`, expected a scope name",
        ),
        (r#"{"USER_ID":true}"#, "expected an array of scope names"),
        (r#""USER_ID""#, "expected an array of scope names"),
        ("null", "expected an array of scope names"),
    ];
    for (json, expected) in cases {
        let err = serde_json::from_str::<Set>(json).unwrap_err().to_string();
        assert!(err.contains(expected), "{json}: {err}");
    }
}

#[test]
fn from_bits_ignores_bits_past_the_last_scope() {
    // 15 scopes: bits 15..64 name nothing.
    let stray = Set::from_bits([u64::MAX]);
    assert_eq!(stray, Set::all());
    assert_eq!(stray.len(), 15);
    assert_eq!(stray.bits(), [(1 << 15) - 1]);
    assert_eq!(stray.iter().count(), 15);
    let only_stray = Set::from_bits([1 << 40]);
    assert!(only_stray.is_empty());
    assert_eq!(only_stray, Set::new());
    assert_eq!(serde_json::to_string(&only_stray).unwrap(), "[]");
}

#[test]
fn hashes_agree_with_equality() {
    use std::collections::HashSet;
    let sets: HashSet<Set> = [
        Set::from_bits([1 << 63 | 1]),
        Set::single(UserId),
        Set::new(),
    ]
    .into_iter()
    .collect();
    assert_eq!(sets.len(), 2);
}

proptest! {
    #[test]
    fn behaves_like_a_set_of_indexes((set, model) in set_and_model()) {
        prop_assert_eq!(set.len(), model.len());
        prop_assert_eq!(set.is_empty(), model.is_empty());
        let order: Vec<usize> = set.iter().map(|s| s.index()).collect();
        prop_assert_eq!(order, model.iter().copied().collect::<Vec<_>>());
        prop_assert_eq!(set.iter().len(), model.len());
        for (index, scope) in AlipayPlusScope::ALL.iter().enumerate() {
            prop_assert_eq!(set.contains(*scope), model.contains(&index));
        }
        prop_assert_eq!(
            set.is_silent(),
            model.iter().all(|&i| scope(i).is_silent())
        );
    }

    #[test]
    fn algebra_matches_the_model((a, ma) in set_and_model(), (b, mb) in set_and_model()) {
        let indexes = |s: Set| s.iter().map(|s| s.index()).collect::<BTreeSet<_>>();
        prop_assert_eq!(indexes(a | b), &ma | &mb);
        prop_assert_eq!(indexes(a & b), &ma & &mb);
        prop_assert_eq!(indexes(a - b), &ma - &mb);
        prop_assert_eq!(a.is_subset(b), ma.is_subset(&mb));
        prop_assert_eq!(a == b, ma == mb);
    }

    #[test]
    fn round_trips_through_json((set, _) in set_and_model()) {
        let json = serde_json::to_string(&set).unwrap();
        let back: Set = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, set);
        let names: Vec<&str> = set.iter().map(|s| s.as_str()).collect();
        prop_assert_eq!(serde_json::to_value(set).unwrap(), serde_json::json!(names));
    }
}
