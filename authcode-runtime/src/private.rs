//! Support for the code that `#[derive(AuthScopes)]` generates. Not public API: it changes
//! without notice.
//!
//! Generated code reaches its dependencies through here, so a crate using the derive needs
//! `authcode-runtime` as its only dependency, and shared logic lives once in this crate rather
//! than being expanded into every user's crate.

pub use authcode_names::table::NameTable;
pub use core;
pub use serde;

use std::fmt;

use crate::Scope;

/// `Display` of a scope: its wire name.
pub fn display_scope<S: Scope>(scope: S, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(scope.as_str())
}

/// `FromStr` of a scope: the wire name or an alias, or an error with a suggestion.
#[inline]
pub fn parse_scope<S: Scope>(input: &str) -> Result<S, crate::UnknownScope> {
    match S::from_wire_name(input) {
        Some(scope) => Ok(scope),
        None => Err(unknown_scope::<S>(input)),
    }
}

/// The error of `parse_scope`, kept out of line so that the inlined hot path is only the
/// lookup: copying the input is the rare case, and inlining it made every caller's loop bigger.
#[cold]
#[inline(never)]
fn unknown_scope<S: Scope>(input: &str) -> crate::UnknownScope {
    crate::UnknownScope::new::<S>(input)
}

/// `Serialize` of a scope: its wire name as a string.
pub fn serialize_scope<S: Scope, Ser: serde::Serializer>(
    scope: S,
    serializer: Ser,
) -> Result<Ser::Ok, Ser::Error> {
    serializer.serialize_str(scope.as_str())
}

/// `Deserialize` of a scope: a wire name or alias, borrowed or not.
pub fn deserialize_scope<'de, S: Scope, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<S, D::Error> {
    struct WireName<S>(core::marker::PhantomData<S>);

    impl<S: Scope> serde::de::Visitor<'_> for WireName<S> {
        type Value = S;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a scope name")
        }

        fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<S, E> {
            parse_scope::<S>(name).map_err(E::custom)
        }
    }

    deserializer.deserialize_str(WireName(core::marker::PhantomData))
}

/// The result of the generated `silent(&[...])` helper, which has checked during const
/// evaluation that `bits` names at least one scope and only silent ones.
pub const fn silent_scopes<S: Scope>(bits: S::Bits) -> crate::SilentScopes<S> {
    crate::SilentScopes::from_checked_bits(bits)
}
