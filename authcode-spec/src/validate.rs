//! Pass 2: checks across scopes, which need every scope read first: wire names (names and
//! aliases) must be unique, and so must the generated variant identifiers (compared in NFC, as
//! rustc compares them).

use std::collections::HashMap;

use crate::error::{quoted, spelled};
use crate::problems::Problems;
use crate::{Location, Spec, SpecErrorKind};

pub(crate) fn check(spec: &Spec, problems: &mut Problems) {
    check_wire_names(spec, problems);
    check_variants(spec, problems);
}

/// Where a wire name was first claimed: by which scope, and whether as its name or an alias.
struct Claim<'s> {
    index: usize,
    scope: &'s str,
    location: Location,
    as_alias: bool,
}

fn check_wire_names(spec: &Spec, problems: &mut Problems) {
    let mut claims: HashMap<&str, Claim<'_>> = HashMap::with_capacity(spec.scopes.len());
    for (index, scope) in spec.scopes.iter().enumerate() {
        let own = std::iter::once((scope.name.as_str(), scope.location, false));
        let aliases = scope
            .aliases
            .iter()
            .zip(&scope.alias_locations)
            .map(|(alias, location)| (alias.as_str(), *location, true));
        for (wire, location, as_alias) in own.chain(aliases) {
            let Some(first) = claims.get(wire) else {
                claims.insert(
                    wire,
                    Claim {
                        index,
                        scope: &scope.name,
                        location,
                        as_alias,
                    },
                );
                continue;
            };
            let (first_index, first_scope, line, first_alias) = (
                first.index,
                first.scope,
                first.location.line,
                first.as_alias,
            );
            problems.report(location, SpecErrorKind::DuplicateName, || {
                let wire = quoted(wire);
                let scope_name = quoted(&scope.name);
                let first_scope = quoted(first_scope);
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
    let mut variants: HashMap<&str, (&str, Location)> = HashMap::with_capacity(spec.scopes.len());
    for scope in &spec.scopes {
        match variants.get(scope.variant.as_str()) {
            None => {
                variants.insert(&scope.variant, (&scope.name, scope.location));
            }
            // Two entries with one name are already reported as a duplicate name.
            Some((first, _)) if *first == scope.name => {}
            Some((first, first_location)) => {
                let line = first_location.line;
                problems.report(scope.location, SpecErrorKind::VariantCollision, || {
                    format!(
                        "scopes {} and {} both become the variant `{}`; give one of them a \
                         `rust_name`",
                        spelled(first, Some(format!("line {line}"))),
                        spelled(&scope.name, None),
                        scope.variant
                    )
                });
            }
        }
    }
}
