mod input_text;

use std::fmt;

use crate::Scope;
use input_text::InputText;

/// A wire name that is not a scope of the wallet's spec: the error of the generated `FromStr`.
///
/// ```
/// use authcode_runtime::AuthScopes;
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(spec = "spec/alipay-plus.json")]
/// struct AlipayPlus;
///
/// let err = "USER_NAM".parse::<AlipayPlusScope>().unwrap_err();
/// assert_eq!(err.input(), "USER_NAM");
/// assert_eq!(err.suggestion(), Some("USER_NAME"));
/// assert_eq!(err.to_string(), r#"unknown scope "USER_NAM"; did you mean "USER_NAME"?"#);
/// ```
#[derive(Clone)]
pub struct UnknownScope {
    input: InputText,
    /// Finds the suggestion among the wire names of the scope type that rejected the input.
    /// It runs when the suggestion is asked for, not when parsing fails: comparing the input
    /// with every wire name costs microseconds, far more than the parse, and most callers that
    /// meet a miss (skipping an unknown scope a wallet sent) never show the message.
    suggest: fn(&str) -> Option<&'static str>,
}

impl UnknownScope {
    /// The error for `input`, with the closest wire name of `S` as a suggestion if one is near.
    pub fn new<S: Scope>(input: &str) -> UnknownScope {
        UnknownScope {
            input: InputText::new(input),
            suggest: closest_wire_name::<S>,
        }
    }

    /// The name that was not recognised.
    pub fn input(&self) -> &str {
        self.input.as_str()
    }

    /// The closest known wire name, when one is close enough to suggest.
    pub fn suggestion(&self) -> Option<&'static str> {
        (self.suggest)(self.input())
    }
}

/// The wire name or alias of `S` closest to `input`, if one is near enough.
fn closest_wire_name<S: Scope>(input: &str) -> Option<&'static str> {
    let wire_names = S::ALL
        .iter()
        .flat_map(|scope| std::iter::once(scope.as_str()).chain(scope.aliases().iter().copied()));
    authcode_names::closest(input, wire_names)
}

// Compared and printed by what they say, the input and the suggestion, as when both were
// fields (the function that finds the suggestion is an implementation detail).
impl PartialEq for UnknownScope {
    fn eq(&self, other: &Self) -> bool {
        self.input() == other.input() && self.suggestion() == other.suggestion()
    }
}

impl Eq for UnknownScope {}

impl fmt::Debug for UnknownScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownScope")
            .field("input", &self.input())
            .field("suggestion", &self.suggestion())
            .finish()
    }
}

impl fmt::Display for UnknownScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown scope {:?}", self.input())?;
        if let Some(suggestion) = self.suggestion() {
            write!(f, "; did you mean {suggestion:?}?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownScope {}
