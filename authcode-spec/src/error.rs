use std::fmt;

use crate::Location;

/// One problem in a spec file.
///
/// ```
/// use authcode_spec::SpecErrorKind;
///
/// let errors = authcode_spec::parse(r#"{ "spec_version": 1, "scopes": [], "colour": 1 }"#).unwrap_err();
/// assert_eq!(errors[0].kind, SpecErrorKind::InvalidValue);
/// assert_eq!(errors[0].to_string(), "1:32: `scopes` is empty: a spec must list at least one scope");
/// assert_eq!(errors[1].kind, SpecErrorKind::UnknownKey);
/// assert_eq!(errors[1].location.unwrap().column, 36);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// What sort of problem this is, for code that reacts to some of them.
    pub kind: SpecErrorKind,
    /// Where the problem is; `None` for problems of the file as a whole (its size).
    pub location: Option<Location>,
    /// What is wrong, in one line that names the offending key or value.
    pub message: String,
}

/// The sort of a [`SpecError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SpecErrorKind {
    /// The file is over [`MAX_SPEC_BYTES`](crate::MAX_SPEC_BYTES), or `user_info` has more
    /// than [`MAX_MODEL_FIELDS`](crate::MAX_MODEL_FIELDS) fields.
    TooLarge,
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file starts with a UTF-8 byte order mark, which JSON does not allow.
    ByteOrderMark,
    /// The text is not JSON.
    Syntax,
    /// Arrays and objects nest deeper than [`MAX_JSON_DEPTH`](crate::MAX_JSON_DEPTH), or
    /// `user_info` types deeper than [`MAX_MODEL_DEPTH`](crate::MAX_MODEL_DEPTH).
    TooDeep,
    /// A key the format does not have, or one that does not apply where it is.
    UnknownKey,
    /// A key given twice in one object.
    DuplicateKey,
    /// A required key is missing.
    MissingKey,
    /// A value of the wrong JSON type.
    WrongType,
    /// A value of the right type that is not allowed (an empty string, an unknown choice, a
    /// source that is not a URL, ...).
    InvalidValue,
    /// A `spec_version` this crate does not read.
    UnsupportedVersion,
    /// A scope name or alias used twice.
    DuplicateName,
    /// Two scopes that would become the same variant.
    VariantCollision,
    /// A name that cannot be made a Rust identifier.
    InvalidIdentifier,
    /// A variant name the generated code needs for itself (see
    /// [`RESERVED_VARIANTS`](crate::RESERVED_VARIANTS)), or the field name `extra`.
    ReservedName,
    /// A grant that is not a path of the user-info model.
    UnknownGrant,
    /// A path listed twice in one scope's `grants`.
    DuplicateGrant,
    /// A user-info field type that is not one of [`FIELD_TYPES`](crate::FIELD_TYPES).
    UnknownFieldType,
    /// Two user-info fields that would become the same Rust field or path variant.
    FieldCollision,
    /// Two user-info objects given the same `rust_type`.
    TypeCollision,
    /// Stands for the problems past [`MAX_PROBLEMS`](crate::MAX_PROBLEMS), which are counted
    /// but not shown.
    TooManyProblems,
}

impl SpecErrorKind {
    /// The kind as a stable snake_case name, for tools that report problems as data
    /// (`unknown_key`, `variant_collision`, ...).
    ///
    /// ```
    /// assert_eq!(authcode_spec::SpecErrorKind::UnknownGrant.as_str(), "unknown_grant");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            SpecErrorKind::TooLarge => "too_large",
            SpecErrorKind::NotUtf8 => "not_utf8",
            SpecErrorKind::ByteOrderMark => "byte_order_mark",
            SpecErrorKind::Syntax => "syntax",
            SpecErrorKind::TooDeep => "too_deep",
            SpecErrorKind::UnknownKey => "unknown_key",
            SpecErrorKind::DuplicateKey => "duplicate_key",
            SpecErrorKind::MissingKey => "missing_key",
            SpecErrorKind::WrongType => "wrong_type",
            SpecErrorKind::InvalidValue => "invalid_value",
            SpecErrorKind::UnsupportedVersion => "unsupported_version",
            SpecErrorKind::DuplicateName => "duplicate_name",
            SpecErrorKind::VariantCollision => "variant_collision",
            SpecErrorKind::InvalidIdentifier => "invalid_identifier",
            SpecErrorKind::ReservedName => "reserved_name",
            SpecErrorKind::UnknownGrant => "unknown_grant",
            SpecErrorKind::DuplicateGrant => "duplicate_grant",
            SpecErrorKind::UnknownFieldType => "unknown_field_type",
            SpecErrorKind::FieldCollision => "field_collision",
            SpecErrorKind::TypeCollision => "type_collision",
            SpecErrorKind::TooManyProblems => "too_many_problems",
        }
    }
}

impl SpecError {
    pub(crate) fn at(kind: SpecErrorKind, location: Location, message: String) -> SpecError {
        SpecError {
            kind,
            location: Some(location),
            message,
        }
    }

    pub(crate) fn whole_file(kind: SpecErrorKind, message: String) -> SpecError {
        SpecError {
            kind,
            location: None,
            message,
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SpecError {}

/// How many characters of a name messages show: a spec generated by a broken script can hold
/// megabyte strings, and a compiler diagnostic should stay one readable line.
const SHOWN: usize = 48;

/// `text` cut to [`SHOWN`] characters, with `…` when it was longer, and control characters
/// escaped (`\u{1b}`): a name from a spec must not send escape sequences to a terminal.
pub(crate) fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    let cut = text.char_indices().nth(SHOWN).map(|(cut, _)| cut);
    let head = &text[..cut.unwrap_or(text.len())];
    if cut.is_none() && !head.chars().any(char::is_control) {
        return head.into();
    }
    let mut out = escaped(head);
    if cut.is_some() {
        out.push('…');
    }
    out.into()
}

/// `text` with control characters escaped.
fn escaped(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A name as messages quote it: in double quotes, and cut short (with its length) when it is
/// too long to read.
pub(crate) fn quoted(name: &str) -> String {
    match name.char_indices().nth(SHOWN) {
        None => format!("\"{}\"", escaped(name)),
        Some((cut, _)) => format!(
            "\"{}…\" ({} characters)",
            escaped(&name[..cut]),
            name.chars().count()
        ),
    }
}

/// A key or path as messages show it: in backticks, cut short when too long.
pub(crate) fn ticked(name: &str) -> String {
    format!("`{}`", shown(name))
}

/// A name quoted, with a note (`(line 4)`) that also lists the code points of its non-ASCII
/// characters: names that rustc reads as one identifier can look identical (`K` and the Kelvin
/// sign), and the message must show how they differ.
pub(crate) fn spelled(name: &str, note: Option<String>) -> String {
    let points: Vec<String> = name
        .chars()
        .filter(|c| !c.is_ascii())
        .take(4)
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    let mut notes: Vec<String> = note.into_iter().collect();
    if !points.is_empty() {
        notes.push(format!("with {}", points.join(", ")));
    }
    if notes.is_empty() {
        quoted(name)
    } else {
        format!("{} ({})", quoted(name), notes.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::SpecErrorKind::{self, *};

    #[test]
    fn kind_names_are_the_variants_in_snake_case() {
        let kinds: [SpecErrorKind; 21] = [
            TooLarge,
            NotUtf8,
            ByteOrderMark,
            Syntax,
            TooDeep,
            UnknownKey,
            DuplicateKey,
            MissingKey,
            WrongType,
            InvalidValue,
            UnsupportedVersion,
            DuplicateName,
            VariantCollision,
            InvalidIdentifier,
            ReservedName,
            UnknownGrant,
            DuplicateGrant,
            UnknownFieldType,
            FieldCollision,
            TypeCollision,
            TooManyProblems,
        ];
        for kind in kinds {
            let mut snake = String::new();
            for (i, c) in format!("{kind:?}").chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            assert_eq!(kind.as_str(), snake);
        }
    }
}
