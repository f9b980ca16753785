//! Identifiers exactly as rustc reads them: normalized to NFC, then `XID_Start` (or `_`)
//! followed by `XID_Continue`, and not a keyword. Checking here rather than leaving it to the
//! compiler turns a bad name into a spec error at the name, instead of an error inside the
//! derive's expansion.

use std::borrow::Cow;
use std::fmt;

use heck::{ToSnakeCase, ToUpperCamelCase};
use unicode_normalization::UnicodeNormalization;

/// Why a string cannot be a Rust identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdentProblem {
    /// Nothing is left (the name had no letters or digits).
    Empty,
    /// Identifiers cannot start with a digit.
    StartsWithDigit,
    /// A first character that cannot start an identifier (not `XID_Start` nor `_`).
    InvalidStart(char),
    /// A character that cannot appear in an identifier (not `XID_Continue`).
    InvalidCharacter(char),
    /// `_` alone, which is a pattern, not an identifier.
    Underscore,
    /// A Rust keyword (`Self`, `fn`, ...), which cannot name a variant or a type.
    Keyword(String),
    /// A keyword that cannot be a raw identifier either (`self`, `Self`, `super`, `crate`).
    NotRawIdentifier(String),
}

impl fmt::Display for IdentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdentProblem::Empty => f.write_str("it is empty"),
            IdentProblem::StartsWithDigit => f.write_str("it starts with a digit"),
            IdentProblem::InvalidStart(c) => {
                write!(
                    f,
                    "it starts with {c:?}, which cannot start a Rust identifier"
                )
            }
            IdentProblem::InvalidCharacter(c) => write!(f, "it contains {c:?}"),
            IdentProblem::Underscore => f.write_str("`_` alone is not an identifier"),
            IdentProblem::Keyword(word) => write!(f, "`{word}` is a Rust keyword"),
            IdentProblem::NotRawIdentifier(word) => write!(
                f,
                "`{word}` is a Rust keyword that cannot be a raw identifier (`r#{word}`) either"
            ),
        }
    }
}

/// Every Rust keyword of edition 2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The keywords rustc refuses even as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Variant names the generated scope enum cannot have: each is an associated item reachable as
/// `MyScope::name`, so a variant of that name would clash with it or be shadowed by it: the
/// derive's inherent methods, the items of the traits it implements (`Scope`, `Display`,
/// `FromStr`, serde's), of the traits it derives (`Clone`, `PartialEq`, `Ord`, `Hash`, ...) and
/// of the standard library's blanket impls (`ToString`, `Into`, `TryFrom`, `Any`, ...).
/// Variants such as `Ok`, `Err`, `Some` and `None` are fine: the generated code names those by
/// their full paths.
pub const RESERVED_VARIANTS: &[&str] = &[
    // The derive's inherent items and the `Scope` trait.
    "index",
    "as_str",
    "authorization",
    "is_silent",
    "is_proactive",
    "is_deprecated",
    "deprecation_note",
    "description",
    "silent",
    "from_wire_name",
    "aliases",
    "grants",
    "ALL",
    "NAME_INDEX",
    "Bits",
    "UserInfo",
    "Spec",
    // Implemented: Display, Debug, FromStr, Serialize, Deserialize.
    "fmt",
    "from_str",
    "serialize",
    "deserialize",
    "deserialize_in_place",
    // Derived: Clone, PartialEq, PartialOrd, Ord, Hash.
    "clone",
    "clone_from",
    "eq",
    "ne",
    "partial_cmp",
    "lt",
    "le",
    "gt",
    "ge",
    "cmp",
    "max",
    "min",
    "clamp",
    "hash",
    "hash_slice",
    // Blanket impls of the standard library.
    "to_string",
    "to_owned",
    "clone_into",
    "into",
    "from",
    "try_into",
    "try_from",
    "borrow",
    "borrow_mut",
    "type_id",
];

/// The traits whose items [`RESERVED_VARIANTS`] lists, for messages.
const TRAIT_ITEMS: &[(&str, &[&str])] = &[
    ("Display, Debug", &["fmt"]),
    ("FromStr", &["from_str"]),
    (
        "serde's Serialize, Deserialize",
        &["serialize", "deserialize", "deserialize_in_place"],
    ),
    ("Clone", &["clone", "clone_from"]),
    ("PartialEq", &["eq", "ne"]),
    ("PartialOrd", &["partial_cmp", "lt", "le", "gt", "ge"]),
    ("Ord", &["cmp", "max", "min", "clamp"]),
    ("Hash", &["hash", "hash_slice"]),
    ("ToString", &["to_string"]),
    ("ToOwned", &["to_owned", "clone_into"]),
    ("Into, From", &["into", "from"]),
    ("TryInto, TryFrom", &["try_into", "try_from"]),
    ("Borrow, BorrowMut", &["borrow", "borrow_mut"]),
    ("Any", &["type_id"]),
];

/// What a reserved variant name would clash with, for messages.
pub(crate) fn reserved_item(variant: &str) -> Option<String> {
    if !RESERVED_VARIANTS.contains(&variant) {
        return None;
    }
    if let Some((traits, _)) = TRAIT_ITEMS
        .iter()
        .find(|(_, items)| items.contains(&variant))
    {
        return Some(format!(
            "the method `{variant}` of {traits}, which it implements"
        ));
    }
    Some(match variant {
        "ALL" | "NAME_INDEX" => format!("the associated constant `{variant}`"),
        "Bits" | "UserInfo" | "Spec" => format!("the associated type `{variant}`"),
        _ => format!("the generated method `{variant}`"),
    })
}

/// `text` in NFC, borrowed when it already is (ASCII always is).
fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || unicode_normalization::is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Checks that `ident` is a Rust identifier that can name a variant or a type, and returns it
/// as rustc reads it: in NFC, so that two spellings rustc takes for one identifier compare
/// equal (`K` and the Kelvin sign `K`, U+212A).
///
/// ```
/// use authcode_spec::{IdentProblem, check_identifier};
/// assert_eq!(check_identifier("UserId").as_deref(), Ok("UserId"));
/// assert_eq!(check_identifier("\u{212A}Id").as_deref(), Ok("KId"));
/// assert_eq!(check_identifier("9Lives"), Err(IdentProblem::StartsWithDigit));
/// assert_eq!(check_identifier("User²"), Err(IdentProblem::InvalidCharacter('²')));
/// assert_eq!(check_identifier("fn"), Err(IdentProblem::Keyword("fn".into())));
/// ```
pub fn check_identifier(ident: &str) -> Result<String, IdentProblem> {
    let ident = nfc(ident);
    let mut chars = ident.chars();
    let Some(first) = chars.next() else {
        return Err(IdentProblem::Empty);
    };
    if first.is_ascii_digit() {
        return Err(IdentProblem::StartsWithDigit);
    }
    if !(first == '_' || unicode_ident::is_xid_start(first)) {
        return Err(IdentProblem::InvalidStart(first));
    }
    if let Some(bad) = chars.find(|&c| !unicode_ident::is_xid_continue(c)) {
        return Err(IdentProblem::InvalidCharacter(bad));
    }
    if ident == "_" {
        return Err(IdentProblem::Underscore);
    }
    if KEYWORDS.contains(&&*ident) {
        return Err(IdentProblem::Keyword(ident.into_owned()));
    }
    Ok(ident.into_owned())
}

/// The variant identifier generated for a wire name: the UpperCamelCase form of its NFC form,
/// exactly as `heck::ToUpperCamelCase` makes it (`USER_ID` → `UserId`, `auth_base` →
/// `AuthBase`), checked by [`check_identifier`].
///
/// ```
/// assert_eq!(authcode_spec::variant_name_for("PLAINTEXT_USER_LOGIN_ID").unwrap(), "PlaintextUserLoginId");
/// assert!(authcode_spec::variant_name_for("self").is_err());
/// ```
pub fn variant_name_for(wire_name: &str) -> Result<String, IdentProblem> {
    // NFC first: heck splits words at characters that are not alphanumeric, and a combining
    // accent is not, so `CAFE` + U+0301 would lose its accent instead of becoming `Café`.
    check_identifier(&nfc(wire_name).to_upper_camel_case())
}

/// Checks that `name` can name a struct field and returns it as the generated code writes it:
/// in NFC, and as a raw identifier when it is a keyword (`type` → `r#type`).
///
/// ```
/// use authcode_spec::{IdentProblem, check_field_identifier};
/// assert_eq!(check_field_identifier("user_id").as_deref(), Ok("user_id"));
/// assert_eq!(check_field_identifier("type").as_deref(), Ok("r#type"));
/// assert_eq!(check_field_identifier("self"), Err(IdentProblem::NotRawIdentifier("self".into())));
/// ```
pub fn check_field_identifier(name: &str) -> Result<String, IdentProblem> {
    match check_identifier(name) {
        Err(IdentProblem::Keyword(word)) if NOT_RAW.contains(&word.as_str()) => {
            Err(IdentProblem::NotRawIdentifier(word))
        }
        Err(IdentProblem::Keyword(word)) => Ok(format!("r#{word}")),
        other => other,
    }
}

/// The Rust field name generated for a user-info wire name: the snake_case form of its NFC
/// form, as `heck::ToSnakeCase` makes it, checked by [`check_field_identifier`].
///
/// ```
/// assert_eq!(authcode_spec::field_name_for("loginIdInfos").unwrap(), "login_id_infos");
/// assert_eq!(authcode_spec::field_name_for("type").unwrap(), "r#type");
/// ```
pub fn field_name_for(wire_name: &str) -> Result<String, IdentProblem> {
    // NFC first, for the reason given in `variant_name_for`.
    check_field_identifier(&nfc(wire_name).to_snake_case())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_like_heck() {
        for (wire, variant) in [
            ("USER_ID", "UserId"),
            ("auth_base", "AuthBase"),
            ("PLAINTEXT_USER_LOGIN_ID", "PlaintextUserLoginId"),
            ("User_Customer_KYC_Info", "UserCustomerKycInfo"),
            ("scope.read-write", "ScopeReadWrite"),
        ] {
            assert_eq!(variant_name_for(wire).as_deref(), Ok(variant));
        }
    }

    #[test]
    fn rejects_what_cannot_be_a_variant() {
        assert_eq!(variant_name_for("2FA"), Err(IdentProblem::StartsWithDigit));
        assert_eq!(
            variant_name_for("self"),
            Err(IdentProblem::Keyword("Self".into()))
        );
        assert_eq!(variant_name_for("__"), Err(IdentProblem::Empty));
        assert_eq!(
            check_identifier("Has Space"),
            Err(IdentProblem::InvalidCharacter(' '))
        );
        assert_eq!(
            check_identifier("gen"),
            Err(IdentProblem::Keyword("gen".into()))
        );
        assert_eq!(check_identifier("_"), Err(IdentProblem::Underscore));
        assert_eq!(check_identifier("_x").as_deref(), Ok("_x"));
        assert_eq!(check_identifier("Ⓐ"), Err(IdentProblem::InvalidStart('Ⓐ')));
        assert_eq!(
            variant_name_for("USER²"),
            Err(IdentProblem::InvalidCharacter('²'))
        );
    }

    #[test]
    fn identifiers_are_compared_in_nfc() {
        // Kelvin sign, Ångström sign, ohm sign: each is its letter once normalized.
        assert_eq!(variant_name_for("\u{212A}_ID"), variant_name_for("K_ID"));
        assert_eq!(check_identifier("\u{212B}").as_deref(), Ok("\u{C5}"));
        assert_eq!(check_identifier("\u{2126}").as_deref(), Ok("\u{3A9}"));
        // A decomposed letter and its precomposed form.
        assert_eq!(check_identifier("Cafe\u{301}").as_deref(), Ok("Caf\u{E9}"));
        // Non-Latin letters are identifiers.
        assert_eq!(check_identifier("Имя").as_deref(), Ok("Имя"));
    }

    #[test]
    fn field_names_escape_keywords() {
        assert_eq!(field_name_for("type").as_deref(), Ok("r#type"));
        assert_eq!(field_name_for("gen").as_deref(), Ok("r#gen"));
        assert_eq!(field_name_for("userId").as_deref(), Ok("user_id"));
        for word in ["self", "Self", "super", "crate"] {
            assert_eq!(
                check_field_identifier(word),
                Err(IdentProblem::NotRawIdentifier(word.into()))
            );
        }
        assert_eq!(check_field_identifier("_"), Err(IdentProblem::Underscore));
    }

    #[test]
    fn every_reserved_name_names_its_item() {
        for name in RESERVED_VARIANTS {
            assert!(reserved_item(name).unwrap().contains(name));
        }
        assert_eq!(reserved_item("Ok"), None);
    }
}
