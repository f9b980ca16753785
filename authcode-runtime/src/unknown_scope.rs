use std::fmt;

use crate::Scope;

/// A wire name that is not a scope of the wallet's spec: the error of the generated `FromStr`.
///
/// ```
/// use authcode_runtime::AuthScopes;
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(spec = "../spec/alipay-plus.json")]
/// struct AlipayPlus;
///
/// let err = "USER_NAM".parse::<AlipayPlusScope>().unwrap_err();
/// assert_eq!(err.input(), "USER_NAM");
/// assert_eq!(err.suggestion(), Some("USER_NAME"));
/// assert_eq!(err.to_string(), r#"unknown scope "USER_NAM"; did you mean "USER_NAME"?"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownScope {
    input: String,
    suggestion: Option<&'static str>,
}

impl UnknownScope {
    /// The error for `input`, with the closest wire name of `S` as a suggestion if one is near.
    pub fn new<S: Scope>(input: &str) -> UnknownScope {
        let wire_names = S::ALL.iter().flat_map(|scope| {
            std::iter::once(scope.as_str()).chain(scope.aliases().iter().copied())
        });
        UnknownScope {
            input: input.to_owned(),
            suggestion: authcode_spec::closest(input, wire_names),
        }
    }

    /// The name that was not recognised.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The closest known wire name, when one is close enough to suggest.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

impl fmt::Display for UnknownScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown scope {:?}", self.input)?;
        if let Some(suggestion) = self.suggestion {
            write!(f, "; did you mean {suggestion:?}?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownScope {}
