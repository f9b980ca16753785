//! `ScopeSet` over a spec of 1,000 generated scopes (`authcode_tests::generated_spec(1000)`,
//! written by build.rs): 16 words of bits, so every word boundary is crossed.

use std::collections::BTreeSet;

use authcode_runtime::{AuthRequest, Scope, ScopeSet, SilentScopes};
use proptest::prelude::*;

// `Thousand`: the scopes of `authcode_tests::generated_spec(1000)`, which build.rs writes into
// OUT_DIR (the derive takes the spec's path as a literal, so the item is generated too).
include!(concat!(env!("OUT_DIR"), "/thousand.rs"));

type Set = ScopeSet<ThousandScope>;

fn scope(index: usize) -> ThousandScope {
    ThousandScope::ALL[index]
}

/// The indexes around every word boundary, and the ends.
fn boundaries() -> Vec<usize> {
    let mut indexes = vec![0, 1, 998, 999];
    for word in 1..16 {
        indexes.extend([word * 64 - 1, word * 64]);
    }
    indexes.retain(|&i| i < 1000);
    indexes
}

fn set_and_model() -> impl Strategy<Value = (Set, BTreeSet<usize>)> {
    let index = prop_oneof![0..1000usize, proptest::sample::select(boundaries())];
    proptest::collection::btree_set(index, 0..200)
        .prop_map(|model| (model.iter().map(|&i| scope(i)).collect(), model))
}

#[test]
fn uses_sixteen_words() {
    assert_eq!(ThousandScope::ALL.len(), 1000);
    assert_eq!(std::mem::size_of::<Set>(), 16 * 8);
    assert_eq!(Set::all().len(), 1000);
    assert_eq!(Set::all().bits()[15], (1 << (1000 - 15 * 64)) - 1);
}

#[test]
fn boundary_scopes_land_in_their_own_bit() {
    for index in boundaries() {
        let set = Set::single(scope(index));
        assert_eq!(set.len(), 1, "{index}");
        assert_eq!(set.iter().next().map(|s| s.index()), Some(index));
        assert_eq!(set.bits()[index / 64], 1 << (index % 64), "{index}");
        for other in boundaries() {
            assert_eq!(set.contains(scope(other)), other == index);
        }
    }
}

#[test]
fn classes_follow_the_spec() {
    let silent = Set::silent();
    assert_eq!(silent.len(), 334);
    assert!(silent.iter().all(|s| s.index() % 3 == 0));
    assert_eq!(Set::proactive(), Set::all() - silent);
    assert_eq!(Set::deprecated().len(), 100);
}

#[test]
fn from_bits_ignores_the_unused_tail_of_the_last_word() {
    let mut bits = [0u64; 16];
    bits[15] = u64::MAX;
    let set = Set::from_bits(bits);
    assert_eq!(set.len(), 40);
    assert_eq!(set.iter().last().map(|s| s.index()), Some(999));
    assert_eq!(
        set,
        Set::all()
            - Set::from_bits({
                let mut low = [u64::MAX; 16];
                low[15] = 0;
                low
            })
    );
}

#[test]
fn json_names_aliases_and_did_you_mean() {
    let set: Set = serde_json::from_str(r#"["SCOPE_999","scope_alias_7","SCOPE_64"]"#).unwrap();
    assert_eq!(
        serde_json::to_string(&set).unwrap(),
        r#"["SCOPE_7","SCOPE_64","SCOPE_999"]"#
    );
    let err = serde_json::from_str::<Set>(r#"["SCOPE_1000"]"#).unwrap_err();
    assert!(
        err.to_string().contains(r#"unknown scope "SCOPE_1000""#),
        "{err}"
    );
}

#[test]
fn silent_sets_are_checked_at_compile_time_across_words() {
    // Every third scope is silent: 0, 63, 999 are, in the first and the last word.
    const LOGIN: SilentScopes<ThousandScope> = ThousandScope::silent(&[
        ThousandScope::Scope63,
        ThousandScope::Scope999,
        ThousandScope::Scope3,
    ]);
    let indexes: Vec<usize> = LOGIN.scopes().iter().map(|s| s.index()).collect();
    assert_eq!(indexes, [3, 63, 999]);
    assert!(AuthRequest::from(LOGIN).is_silent());
}

proptest! {
    #[test]
    fn behaves_like_a_set_of_indexes((set, model) in set_and_model()) {
        prop_assert_eq!(set.len(), model.len());
        let order: Vec<usize> = set.iter().map(|s| s.index()).collect();
        prop_assert_eq!(order, model.iter().copied().collect::<Vec<_>>());
        for index in boundaries() {
            prop_assert_eq!(set.contains(scope(index)), model.contains(&index));
        }
    }

    #[test]
    fn algebra_matches_the_model((a, ma) in set_and_model(), (b, mb) in set_and_model()) {
        let indexes = |s: Set| s.iter().map(|s| s.index()).collect::<BTreeSet<_>>();
        prop_assert_eq!(indexes(a | b), &ma | &mb);
        prop_assert_eq!(indexes(a & b), &ma & &mb);
        prop_assert_eq!(indexes(a - b), &ma - &mb);
        prop_assert_eq!(a.is_subset(b), ma.is_subset(&mb));
        prop_assert_eq!((a | b).is_silent(), ma.union(&mb).all(|i| i % 3 == 0));
    }

    #[test]
    fn insert_then_remove_restores((set, model) in set_and_model(), index in 0..1000usize) {
        let mut changed = set;
        prop_assert_eq!(changed.insert(scope(index)), !model.contains(&index));
        prop_assert!(changed.contains(scope(index)));
        prop_assert!(changed.remove(scope(index)));
        let mut expected = model.clone();
        expected.remove(&index);
        prop_assert_eq!(changed.iter().map(|s| s.index()).collect::<BTreeSet<_>>(), expected);
    }

    #[test]
    fn round_trips_through_json((set, _) in set_and_model()) {
        let json = serde_json::to_string(&set).unwrap();
        prop_assert_eq!(serde_json::from_str::<Set>(&json).unwrap(), set);
    }
}
