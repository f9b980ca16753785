use std::fmt;

use heck::ToUpperCamelCase;

/// Why a string cannot be a Rust enum variant identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentProblem {
    /// Nothing is left (the name had no letters or digits).
    Empty,
    /// Identifiers cannot start with a digit.
    StartsWithDigit,
    /// A Rust keyword (`Self`, `fn`, ...), which cannot name a variant.
    Keyword(String),
    /// A character that cannot appear in an identifier.
    InvalidCharacter(char),
}

impl fmt::Display for IdentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdentProblem::Empty => f.write_str("it is empty"),
            IdentProblem::StartsWithDigit => f.write_str("it starts with a digit"),
            IdentProblem::Keyword(word) => write!(f, "`{word}` is a Rust keyword"),
            IdentProblem::InvalidCharacter(c) => write!(f, "it contains {c:?}"),
        }
    }
}

/// Every Rust keyword of edition 2024, strict and reserved: none of them can name a variant
/// (`r#` raw identifiers are not accepted for variants named from a spec).
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield", "_",
];

/// Checks that `ident` can be written as a Rust identifier.
///
/// ```
/// use authcode_spec::{IdentProblem, check_identifier};
/// assert!(check_identifier("UserId").is_ok());
/// assert_eq!(check_identifier("9Lives"), Err(IdentProblem::StartsWithDigit));
/// ```
pub fn check_identifier(ident: &str) -> Result<(), IdentProblem> {
    let mut chars = ident.chars();
    let Some(first) = chars.next() else {
        return Err(IdentProblem::Empty);
    };
    if first.is_ascii_digit() {
        return Err(IdentProblem::StartsWithDigit);
    }
    if !(first == '_' || first.is_alphabetic()) {
        return Err(IdentProblem::InvalidCharacter(first));
    }
    if let Some(bad) = chars.find(|&c| !(c == '_' || c.is_alphanumeric())) {
        return Err(IdentProblem::InvalidCharacter(bad));
    }
    if KEYWORDS.contains(&ident) {
        return Err(IdentProblem::Keyword(ident.to_owned()));
    }
    Ok(())
}

/// The variant identifier generated for a wire name: its UpperCamelCase form, exactly as
/// `heck::ToUpperCamelCase` makes it (`USER_ID` → `UserId`, `auth_base` → `AuthBase`).
///
/// ```
/// assert_eq!(authcode_spec::variant_name_for("PLAINTEXT_USER_LOGIN_ID").unwrap(), "PlaintextUserLoginId");
/// assert!(authcode_spec::variant_name_for("self").is_err());
/// ```
pub fn variant_name_for(wire_name: &str) -> Result<String, IdentProblem> {
    let ident = wire_name.to_upper_camel_case();
    check_identifier(&ident)?;
    Ok(ident)
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
            check_identifier("fn"),
            Err(IdentProblem::Keyword("fn".into()))
        );
    }
}
