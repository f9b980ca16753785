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

/// The names of an `authErrorScopes` object read so far, to refuse one given twice. Names
/// spelled as in the spec are counted by scope (a bit each, no allocation: the common case);
/// aliases and unknown names by their text, in a set made only when one turns up, so that
/// thousands of unknown names stay linear.
pub(super) struct SeenNames<S: Scope> {
    known: crate::ScopeSet<S>,
    others: Option<std::collections::HashSet<String>>,
}

impl<S: Scope> SeenNames<S> {
    pub(super) fn new() -> Self {
        SeenNames {
            known: crate::ScopeSet::new(),
            others: None,
        }
    }

    /// `true` the first time `name` is seen.
    pub(super) fn first(&mut self, name: &WireScope<S>) -> bool {
        match name {
            WireScope::Known(scope) => self.known.insert(*scope),
            WireScope::Alias(_, text) | WireScope::Unknown(text) => self
                .others
                .get_or_insert_with(std::collections::HashSet::new)
                .insert(text.clone()),
        }
    }
}
