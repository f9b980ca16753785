//! The reader of the format's values: the typed accessors every part of a spec is read with
//! (objects with their allowed keys, arrays, strings, choices), each reporting a problem in a
//! message that names where the value is ([`Place`]).
//!
//! Messages are written only for problems that will be shown (see `problems`), so every
//! message is built in a closure, and the places they name are cheap copies.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

use crate::error::{quoted, ticked};
use crate::json::{Data, Kind, Member, Value};
use crate::problems::Problems;
use crate::{Location, SpecErrorKind, closest};

pub(crate) struct Reader<'p> {
    pub problems: &'p mut Problems,
    /// What is left of [`SUGGESTION_BUDGET`] for this spec.
    pub suggestions: Cell<usize>,
}

/// How much did-you-mean work one spec may cause, in pairs of characters compared. A
/// suggestion for a grant compares it with every path of the model: cheap for a real model,
/// but a model of 1,000 long names and 50 misspelt grants would take a second. The budget is
/// 50 suggestions against a model of 200 paths of 20 characters; past it, messages list the
/// model's fields instead of suggesting one.
pub(crate) const SUGGESTION_BUDGET: usize = 4_000_000;

/// Where a value sits, as messages name it.
#[derive(Clone, Copy)]
pub(crate) enum Place<'s> {
    TopLevel,
    OpenApi,
    Scope {
        index: usize,
        name: Option<&'s str>,
    },
    UserInfo,
    /// A field of the user-info model, by path.
    Field(&'s str),
    /// The items of the array field at this path.
    Items(&'s str),
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::TopLevel => f.write_str("the spec"),
            Place::OpenApi => f.write_str("`openapi`"),
            Place::Scope {
                name: Some(name), ..
            } => write!(f, "scope {}", quoted(name)),
            Place::Scope { index, name: None } => write!(f, "scope #{}", index + 1),
            Place::UserInfo => f.write_str("`user_info`"),
            Place::Field(path) => write!(f, "field {}", ticked(path)),
            Place::Items(path) => write!(f, "the items of {}", ticked(path)),
        }
    }
}

impl<'s> Place<'s> {
    /// "at the top level of the spec", "in scope \"X\"", ...
    pub fn within(self) -> impl fmt::Display + 's {
        Within(self)
    }

    /// "`key`" at the top level, "`key` of scope \"X\"" elsewhere.
    pub fn key(self, key: &'static str) -> Of<'s> {
        Of(key, self)
    }
}

struct Within<'s>(Place<'s>);

impl fmt::Display for Within<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Place::TopLevel => f.write_str("at the top level of the spec"),
            place => write!(f, "in {place}"),
        }
    }
}

/// A key of a place, as messages name it.
#[derive(Clone, Copy)]
pub(crate) struct Of<'s>(&'static str, Place<'s>);

impl fmt::Display for Of<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Place::TopLevel => write!(f, "`{}`", self.0),
            place => write!(f, "`{}` of {place}", self.0),
        }
    }
}

/// Most keys an object of the format has (the top level's).
const MAX_KEYS: usize = 8;

/// An object's members under the format's keys: the first member of each allowed key.
pub(crate) struct Keyed<'v, 'a> {
    allowed: &'static [&'static str],
    found: [Option<&'v Member<'a>>; MAX_KEYS],
}

impl<'v, 'a> Keyed<'v, 'a> {
    pub fn get(&self, key: &str) -> Option<&'v Member<'a>> {
        let index = self.allowed.iter().position(|allowed| *allowed == key);
        debug_assert!(
            index.is_some(),
            "`{key}` is not a key of {:?}",
            self.allowed
        );
        index.and_then(|index| self.found[index])
    }

    pub fn value(&self, key: &str) -> Option<&'v Value<'a>> {
        self.get(key).map(|member| &member.value)
    }
}

/// Small lists are searched, larger ones hashed: most lists in a spec have a handful of
/// entries, and a hash set for each would cost more than the search, but a list repeated
/// 100,000 times must not cost 100,000² comparisons.
pub(crate) struct Seen<'v> {
    few: Vec<&'v str>,
    many: Option<HashSet<&'v str>>,
}

impl<'v> Seen<'v> {
    const FEW: usize = 16;

    pub fn new() -> Self {
        Seen {
            few: Vec::new(),
            many: None,
        }
    }

    /// Whether `item` is new.
    pub fn insert(&mut self, item: &'v str) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(item);
        }
        if self.few.contains(&item) {
            return false;
        }
        self.few.push(item);
        if self.few.len() > Self::FEW {
            self.many = Some(self.few.drain(..).collect());
        }
        true
    }
}

impl<'p> Reader<'p> {
    pub fn new(problems: &'p mut Problems) -> Self {
        Reader {
            problems,
            suggestions: Cell::new(SUGGESTION_BUDGET),
        }
    }

    pub fn report(
        &mut self,
        location: Location,
        kind: SpecErrorKind,
        message: impl FnOnce() -> String,
    ) {
        self.problems.report(location, kind, message);
    }

    /// Checks an object's keys against `allowed`: unknown and repeated keys are reported.
    pub fn keyed<'v, 'a>(
        &mut self,
        members: &'v [Member<'a>],
        allowed: &'static [&'static str],
        place: Place<'_>,
    ) -> Keyed<'v, 'a> {
        debug_assert!(allowed.len() <= MAX_KEYS);
        let mut found = [None; MAX_KEYS];
        let mut unknown = Seen::new();
        for member in members {
            let key = &*member.key;
            let known = allowed.iter().position(|allowed| *allowed == key);
            let first = match known {
                Some(index) if found[index].is_none() => {
                    found[index] = Some(member);
                    continue;
                }
                Some(_) => false,
                None => unknown.insert(key),
            };
            // At the key: the key is what is wrong, and where an editor's caret should go.
            let location = member.key_location;
            if first {
                self.report(location, SpecErrorKind::UnknownKey, || {
                    let hint = match closest(key, allowed.iter().copied()) {
                        Some(near) => format!("; did you mean `{near}`?"),
                        None => format!("; expected one of {}", backticked(allowed)),
                    };
                    format!("unknown key {} {}{hint}", ticked(key), place.within())
                });
            } else {
                self.report(location, SpecErrorKind::DuplicateKey, || {
                    format!("duplicate key {} {}", ticked(key), place.within())
                });
            }
        }
        Keyed { allowed, found }
    }

    fn expect(&mut self, value: &Value<'_>, expected: Kind, what: impl fmt::Display) -> bool {
        let found = value.kind();
        if found != expected {
            self.report(value.location, SpecErrorKind::WrongType, || {
                format!("{what} must be {expected}, found {found}")
            });
        }
        found == expected
    }

    pub fn object<'v, 'a>(
        &mut self,
        value: &'v Value<'a>,
        what: impl fmt::Display,
    ) -> Option<&'v [Member<'a>]> {
        match &value.data {
            Data::Object(members) => Some(members),
            _ => {
                self.expect(value, Kind::Object, what);
                None
            }
        }
    }

    pub fn array<'v, 'a>(
        &mut self,
        value: &'v Value<'a>,
        what: impl fmt::Display,
    ) -> Option<&'v [Value<'a>]> {
        match &value.data {
            Data::Array(elements) => Some(elements),
            _ => {
                self.expect(value, Kind::Array, what);
                None
            }
        }
    }

    pub fn string<'v>(&mut self, value: &'v Value<'_>, what: impl fmt::Display) -> Option<&'v str> {
        match &value.data {
            Data::String(text) => Some(text),
            _ => {
                self.expect(value, Kind::String, what);
                None
            }
        }
    }

    pub fn non_empty<'v>(
        &mut self,
        value: &'v Value<'_>,
        what: impl fmt::Display,
    ) -> Option<&'v str> {
        let text = match &value.data {
            Data::String(text) => text,
            _ => {
                self.expect(value, Kind::String, what);
                return None;
            }
        };
        if text.trim().is_empty() {
            self.report(value.location, SpecErrorKind::InvalidValue, || {
                format!("{what} must not be empty")
            });
            return None;
        }
        Some(text)
    }

    /// A string that must be one of `options`.
    pub fn choice<T: Copy>(
        &mut self,
        value: &Value<'_>,
        what: impl fmt::Display,
        options: &[(&'static str, T)],
        kind: SpecErrorKind,
    ) -> Option<T> {
        let text = match &value.data {
            Data::String(text) => text,
            _ => {
                self.expect(value, Kind::String, what);
                return None;
            }
        };
        if let Some((_, choice)) = options.iter().find(|(name, _)| *name == &**text) {
            return Some(*choice);
        }
        self.report(value.location, kind, || {
            let names: Vec<String> = options
                .iter()
                .map(|(name, _)| format!("\"{name}\""))
                .collect();
            let expected = match names.as_slice() {
                [one, two] => format!("{one} or {two}"),
                _ => format!("one of {}", names.join(", ")),
            };
            let hint = match closest(text, options.iter().map(|(name, _)| *name)) {
                Some(near) => format!("; did you mean \"{near}\"?"),
                None => String::new(),
            };
            format!("{what} is {}; expected {expected}{hint}", quoted(text))
        });
        None
    }
}

fn backticked(keys: &[&str]) -> String {
    keys.iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
