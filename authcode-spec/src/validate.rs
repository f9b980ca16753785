//! Pass 2: checks across scopes, which need every scope read first: wire names (names and
//! aliases) must be unique, and so must the generated variant identifiers.

use std::collections::HashMap;

use crate::{Location, Spec, SpecError};

pub(crate) fn check(spec: &Spec) -> Vec<SpecError> {
    let mut errors = Vec::new();
    check_wire_names(spec, &mut errors);
    check_variants(spec, &mut errors);
    errors
}

/// Where a wire name was first claimed: by which scope, and whether as its name or an alias.
struct Claim<'s> {
    index: usize,
    scope: &'s str,
    location: Location,
    as_alias: bool,
}

fn check_wire_names(spec: &Spec, errors: &mut Vec<SpecError>) {
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
            let message = match (as_alias, first.as_alias) {
                (false, _) if first.index != index => format!(
                    "duplicate scope name \"{wire}\": first defined at line {}",
                    first.location.line
                ),
                (false, _) => format!("duplicate scope name \"{wire}\""),
                (true, false) if first.index == index => format!(
                    "alias \"{wire}\" of scope \"{}\" repeats the scope's own name",
                    scope.name
                ),
                (true, true) if first.index == index => {
                    format!(
                        "alias \"{wire}\" of scope \"{}\" is listed twice",
                        scope.name
                    )
                }
                (true, false) => format!(
                    "alias \"{wire}\" of scope \"{}\" is already the name of scope \"{}\" (line {})",
                    scope.name, first.scope, first.location.line
                ),
                (true, true) => format!(
                    "alias \"{wire}\" of scope \"{}\" is already an alias of scope \"{}\" (line {})",
                    scope.name, first.scope, first.location.line
                ),
            };
            errors.push(SpecError::at(location, message));
        }
    }
}

fn check_variants(spec: &Spec, errors: &mut Vec<SpecError>) {
    let mut variants: HashMap<&str, (&str, Location)> = HashMap::with_capacity(spec.scopes.len());
    for scope in &spec.scopes {
        match variants.get(scope.variant.as_str()) {
            None => {
                variants.insert(&scope.variant, (&scope.name, scope.location));
            }
            // Two entries with one name are already reported as a duplicate name.
            Some((first, _)) if *first == scope.name => {}
            Some((first, first_location)) => errors.push(SpecError::at(
                scope.location,
                format!(
                    "scopes \"{first}\" (line {}) and \"{}\" both become the variant `{}`; \
                     give one of them a `rust_name`",
                    first_location.line, scope.name, scope.variant
                ),
            )),
        }
    }
}
