mod input_text;

use std::fmt;

use authcode_names::NameIndex;

use crate::Scope;
use input_text::InputText;

/// A wire name that is not a scope of the wallet's spec: the error of the generated `FromStr`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::AuthScopes;
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
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
    /// The wire names of the scope type that rejected the input, to find a suggestion in.
    /// The search runs when the suggestion is asked for, not when parsing fails: it costs
    /// far more than the parse, and most callers that meet a miss (skipping an unknown scope
    /// a wallet sent) never show the message. The index bounds its cost whatever the spec's
    /// size.
    names: &'static NameIndex<'static>,
}

impl UnknownScope {
    /// The error for `input`, with the closest wire name of `S` as a suggestion if one is near.
    #[inline]
    pub fn new<S: Scope>(input: &str) -> UnknownScope {
        UnknownScope {
            input: InputText::new(input),
            names: const { &S::NAME_INDEX },
        }
    }

    /// The name that was not recognised.
    pub fn input(&self) -> &str {
        self.input.as_str()
    }

    /// The closest known wire name, when one is close enough to suggest.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.names.suggest(self.input())
    }
}

// Equal when they say the same: the same input, rejected by the same scope type (whose names
// decide the suggestion), so that comparing errors never runs a suggestion search.
impl PartialEq for UnknownScope {
    fn eq(&self, other: &Self) -> bool {
        self.input() == other.input() && std::ptr::eq(self.names, other.names)
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
        write!(f, "unknown scope {:?}", authcode_wire::shown(self.input()))?;
        if let Some(suggestion) = self.suggestion() {
            write!(f, "; did you mean {suggestion:?}?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownScope {}
