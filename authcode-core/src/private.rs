//! Support for the code that `#[derive(AuthScopes)]` generates. Not public API: it changes
//! without notice, and its name carries the version, so that generated code and the runtime
//! must come from the same release (`authcode-macros` is pinned with `=` for that reason).
//!
//! Generated code reaches its dependencies through here, so a crate using the derive needs
//! `authcode-runtime` as its only dependency, and shared logic lives once in this crate rather
//! than being expanded into every user's crate.

pub use authcode_names::NameIndex;
pub use authcode_names::table::NameTable;
pub use core;
pub use serde;
pub use serde_json;

use std::fmt;

use crate::{FieldSet, ModelField, Scope};

/// `Debug` of a scope: its variant name.
pub fn debug_scope(
    variant_names: &[&str],
    index: usize,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    f.write_str(variant_names.get(index).copied().unwrap_or("?"))
}

/// `FromStr` of a scope: the wire name or an alias, or an error with a suggestion.
///
/// The error is built inline: where the caller drops it (`.ok()`, `filter_map`, `is_ok`),
/// copying the input is dead code and a miss costs about what strum's does. Built out of line,
/// every miss paid a call and a 48-byte error written through memory, and the generated
/// `FromStr` took 1.3 times strum's time on a mix of names and misses (BENCHMARKS.md, scope
/// name parsing).
#[inline]
pub fn parse_scope<S: Scope>(input: &str) -> Result<S, crate::UnknownScope> {
    match S::from_wire_name(input) {
        Some(scope) => Ok(scope),
        None => Err(crate::UnknownScope::new::<S>(input)),
    }
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

/// A user-info field that is not an object: the value when `field` is released.
pub fn release_value<F: ModelField, T: Clone>(
    fields: &FieldSet<F>,
    field: F,
    value: &Option<T>,
) -> Option<T> {
    value.clone().filter(|_| fields.contains(field))
}

/// An object field: whole when it is released (unknown fields too), in part when fields
/// inside it are, else none. An object with nothing released is left out.
pub fn release_object<F: ModelField, T: Clone + Default + PartialEq>(
    fields: &FieldSet<F>,
    field: F,
    value: &Option<T>,
    part: impl FnOnce(&T) -> T,
) -> Option<T> {
    if fields.contains(field) {
        value.clone()
    } else if fields.any_inside(field) {
        value
            .as_ref()
            .map(part)
            .filter(|kept| *kept != T::default())
    } else {
        None
    }
}

/// An array field: as [`release_object`], item by item, leaving out items with nothing
/// released, and the array when none is left.
pub fn release_items<F: ModelField, T: Clone + Default + PartialEq>(
    fields: &FieldSet<F>,
    field: F,
    value: &Option<Vec<T>>,
    part: impl Fn(&T) -> T,
) -> Option<Vec<T>> {
    if fields.contains(field) {
        value.clone()
    } else if fields.any_inside(field) {
        let kept = release_nested(value.as_deref().unwrap_or_default(), part);
        (!kept.is_empty()).then_some(kept)
    } else {
        None
    }
}

/// The items of an array (of an array of objects) released in part, empty ones left out.
pub fn release_nested<T: Default + PartialEq>(items: &[T], part: impl Fn(&T) -> T) -> Vec<T> {
    items
        .iter()
        .map(part)
        .filter(|kept| *kept != T::default())
        .collect()
}

#[cfg(test)]
mod tests {
    /// The derive names the module by its own version (authcode-codegen's); this crate's
    /// version must be the same, or a derive pinned by this crate names a module of another
    /// release.
    #[test]
    fn the_private_module_is_named_by_this_release() {
        let expected = concat!(
            "__private_v",
            env!("CARGO_PKG_VERSION_MAJOR"),
            "_",
            env!("CARGO_PKG_VERSION_MINOR"),
            "_",
            env!("CARGO_PKG_VERSION_PATCH")
        );
        assert_eq!(crate::__PRIVATE_MODULE, expected);
    }
}
