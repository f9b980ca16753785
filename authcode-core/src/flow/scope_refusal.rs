//! Why a requested scope was not granted: the values this server puts in `authErrorScopes`.

use crate::ScopeErrorValue;

/// Why a requested scope was not granted, as reported in `authErrorScopes`.
///
/// | refusal | value | when |
/// |---|---|---|
/// | [`NotPermitted`](ScopeRefusal::NotPermitted) | `"40006"` | the client is not registered for the scope, or the name is not a scope of the wallet at all (the same value as the failure example of the Alipay+ documentation: insufficient permissions) |
/// | [`Declined`](ScopeRefusal::Declined) | `"11"` | the user declined this scope while approving others (11 is the JSAPI's user-cancel code, here for one scope) |
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::ScopeErrorValue;
/// use authcode_runtime::flow::ScopeRefusal;
///
/// assert_eq!(ScopeRefusal::NotPermitted.error_value(), ScopeErrorValue::from("40006"));
/// assert_eq!(
///     ScopeRefusal::from_error_value(&ScopeErrorValue::from(11)),
///     Some(ScopeRefusal::Declined)
/// );
/// assert_eq!(ScopeRefusal::from_error_value(&ScopeErrorValue::from("1")), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeRefusal {
    /// The client may not request the scope, or no such scope exists.
    NotPermitted,
    /// The user declined the scope.
    Declined,
}

impl ScopeRefusal {
    /// The numeric code of the refusal.
    pub const fn code(self) -> i64 {
        match self {
            ScopeRefusal::NotPermitted => 40006,
            ScopeRefusal::Declined => 11,
        }
    }

    /// The `authErrorScopes` value: the code as a string, as in the examples of the Alipay+ documentation.
    pub fn error_value(self) -> ScopeErrorValue {
        ScopeErrorValue::from(self.code().to_string())
    }

    /// The refusal an `authErrorScopes` value stands for (given as a string or a number), if
    /// it is one of this server's.
    pub fn from_error_value(value: &ScopeErrorValue) -> Option<ScopeRefusal> {
        [ScopeRefusal::NotPermitted, ScopeRefusal::Declined]
            .into_iter()
            .find(|refusal| value.as_code() == Some(refusal.code()))
    }
}
