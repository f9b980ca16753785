//! Property tests of the perfect hash table the derive builds for large specs: every name is
//! found at its own position, and nothing else is found, whatever the names.

use std::collections::BTreeSet;

use authcode_names::table::NameTableData;
use proptest::prelude::*;

/// Distinct names: mostly scope-like, some arbitrary Unicode, lengths 0 to 60 bytes and more.
fn names() -> impl Strategy<Value = Vec<String>> {
    let name = prop_oneof![
        3 => "[A-Za-z_][A-Za-z0-9_]{0,40}",
        1 => "\\PC{0,20}",
    ];
    proptest::collection::btree_set(name, 1..400).prop_map(|set| set.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_name_is_found_at_its_position(names in names()) {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let data = NameTableData::build(&names).expect("distinct names always get a table");
        let table = data.table(&names);
        for (position, name) in names.iter().enumerate() {
            prop_assert_eq!(table.find(name), Some(position));
        }
        prop_assert!(data.slots.len().is_power_of_two());
        prop_assert!(data.slots.len() >= names.len());
    }

    #[test]
    fn other_names_are_not_found(names in names(), others in proptest::collection::vec("\\PC{0,30}", 0..50)) {
        let known: BTreeSet<&str> = names.iter().map(String::as_str).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let data = NameTableData::build(&names).expect("distinct names always get a table");
        let table = data.table(&names);
        for other in others.iter().filter(|other| !known.contains(other.as_str())) {
            prop_assert_eq!(table.find(other), None);
        }
    }

    #[test]
    fn a_damaged_table_never_finds_a_wrong_name(
        names in names(),
        seed in any::<u64>(),
        shift in any::<u32>(),
        pilot_noise in proptest::collection::vec(any::<u16>(), 0..64),
        slot_noise in proptest::collection::vec(any::<u16>(), 0..64),
    ) {
        // Generated code only holds tables the builder made; still, `find` must stay correct (and
        // never panic) for any table it is handed: it may fail to find, never mis-find.
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut data = NameTableData::build(&names).expect("distinct names always get a table");
        data.seed ^= seed;
        data.bucket_shift = shift;
        for (pilot, noise) in data.pilots.iter_mut().zip(&pilot_noise) {
            *pilot ^= noise;
        }
        for (slot, noise) in data.slots.iter_mut().zip(&slot_noise) {
            *slot ^= noise;
        }
        let table = data.table(&names);
        for (position, name) in names.iter().enumerate() {
            let found = table.find(name);
            prop_assert!(found.is_none() || found == Some(position));
        }
    }
}
