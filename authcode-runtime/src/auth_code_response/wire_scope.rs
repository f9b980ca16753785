//! A scope name from a response, remembered the way the wallet spelled it.

use crate::Scope;

/// A name of `authSuccessScopes` or a key of `authErrorScopes`. Known names keep their scope
/// for the typed accessors; names spelled another way than the canonical wire name (aliases)
/// and names the spec does not know keep their text, so the response serializes back exactly
/// as it arrived.
#[derive(Clone, PartialEq, Eq)]
pub(super) enum WireScope<S> {
    /// The canonical wire name of a scope: nothing to store but the scope.
    Known(S),
    /// An alias of a scope, kept as spelled.
    Alias(S, String),
    /// A name that is no scope of the spec (a wallet added it).
    Unknown(String),
}

impl<S: Scope> WireScope<S> {
    /// Classifies a name as the deserializer and the builder methods both do.
    pub(super) fn classify(name: impl AsRef<str> + Into<String>) -> Self {
        match S::from_wire_name(name.as_ref()) {
            Some(scope) if scope.as_str() == name.as_ref() => WireScope::Known(scope),
            Some(scope) => WireScope::Alias(scope, name.into()),
            None => WireScope::Unknown(name.into()),
        }
    }

    /// The name as it appears on the wire.
    pub(super) fn name(&self) -> &str {
        match self {
            WireScope::Known(scope) => scope.as_str(),
            WireScope::Alias(_, name) | WireScope::Unknown(name) => name,
        }
    }

    /// The scope, for known names and aliases.
    pub(super) fn scope(&self) -> Option<S> {
        match self {
            WireScope::Known(scope) | WireScope::Alias(scope, _) => Some(*scope),
            WireScope::Unknown(_) => None,
        }
    }

    /// The same entry: the same scope however spelled, or the same unknown name.
    pub(super) fn same_as(&self, other: &Self) -> bool {
        match (self.scope(), other.scope()) {
            (Some(mine), Some(theirs)) => mine == theirs,
            (None, None) => self.name() == other.name(),
            _ => false,
        }
    }
}
