//! Pass 2: checks across scopes, which need every scope read first: wire names (names and
//! aliases) must be unique, and so must the generated variant identifiers (compared in NFC, as
//! rustc compares them).
//!
//! The maps hold only where a name was first seen, as two small integers: everything else is
//! looked up in the spec when a name repeats. With 64,000 scopes the maps outgrow the caches,
//! and their size is then what the check costs.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::error::{quoted, shown, spelled};
use crate::problems::Problems;
use crate::{Spec, SpecErrorKind};

pub(crate) fn check(spec: &Spec, problems: &mut Problems) {
    check_wire_names(spec, problems);
    check_variants(spec, problems);
}

/// Where a wire name was first claimed: the scope's index, and which of its names (0 for its
/// `name`, `n` for its alias `n - 1`).
type Claim = (u32, u32);

fn check_wire_names(spec: &Spec, problems: &mut Problems) {
    let names = spec.scopes.len() + spec.scopes.iter().map(|s| s.aliases.len()).sum::<usize>();
    let mut claims: HashMap<&str, Claim> = HashMap::with_capacity(names);
    for (index, scope) in spec.scopes.iter().enumerate() {
        let own = std::iter::once((scope.name.as_str(), scope.location));
        let aliases = scope
            .aliases
            .iter()
            .map(String::as_str)
            .zip(scope.alias_locations.iter().copied());
        for (slot, (wire, location)) in own.chain(aliases).enumerate() {
            // Spec sizes are bounded by MAX_SPEC_BYTES, far below u32::MAX entries.
            let claim = (index as u32, slot as u32);
            let first = match claims.entry(wire) {
                Entry::Vacant(vacant) => {
                    vacant.insert(claim);
                    continue;
                }
                Entry::Occupied(occupied) => *occupied.get(),
            };
            let (first_index, first_slot) = (first.0 as usize, first.1 as usize);
            let first_scope = &spec.scopes[first_index];
            let line = match first_slot {
                0 => first_scope.location.line,
                alias => first_scope.alias_locations[alias - 1].line,
            };
            let (as_alias, first_alias) = (slot > 0, first_slot > 0);
            problems.report(location, SpecErrorKind::DuplicateName, || {
                let wire = quoted(wire);
                let scope_name = quoted(&scope.name);
                let first_scope = quoted(&first_scope.name);
                match (as_alias, first_alias) {
                    (false, _) if first_index != index => {
                        format!("duplicate scope name {wire}: first defined at line {line}")
                    }
                    (false, _) => format!("duplicate scope name {wire}"),
                    (true, false) if first_index == index => {
                        format!("alias {wire} of scope {scope_name} repeats the scope's own name")
                    }
                    (true, true) if first_index == index => {
                        format!("alias {wire} of scope {scope_name} is listed twice")
                    }
                    (true, false) => format!(
                        "alias {wire} of scope {scope_name} is already the name of scope \
                         {first_scope} (line {line})"
                    ),
                    (true, true) => format!(
                        "alias {wire} of scope {scope_name} is already an alias of scope \
                         {first_scope} (line {line})"
                    ),
                }
            });
        }
    }
}

fn check_variants(spec: &Spec, problems: &mut Problems) {
    let mut variants: HashMap<&str, u32> = HashMap::with_capacity(spec.scopes.len());
    for (index, scope) in spec.scopes.iter().enumerate() {
        let first = match variants.entry(&scope.variant) {
            Entry::Vacant(vacant) => {
                vacant.insert(index as u32);
                continue;
            }
            Entry::Occupied(occupied) => &spec.scopes[*occupied.get() as usize],
        };
        // Two entries with one name are already reported as a duplicate name.
        if first.name == scope.name {
            continue;
        }
        let line = first.location.line;
        problems.report(scope.location, SpecErrorKind::VariantCollision, || {
            format!(
                "scopes {} and {} both become the variant `{}`; give one of them a `rust_name`",
                spelled(&first.name, Some(format!("line {line}"))),
                spelled(&scope.name, None),
                shown(&scope.variant)
            )
        });
    }
}
