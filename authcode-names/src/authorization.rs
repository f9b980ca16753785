//! [`Authorization`]: how a wallet grants a scope. The spec reader parses it and the runtime's
//! scope types report it, so it is defined here, below both.

/// How the wallet grants a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Authorization {
    /// Granted without a consent prompt ("silent authorization").
    Silent,
    /// Granted only after the user consents ("proactive authorization").
    Proactive,
}

impl Authorization {
    /// The spelling of spec files (`"silent"`, `"proactive"`).
    ///
    /// ```
    /// assert_eq!(authcode_names::Authorization::Silent.as_str(), "silent");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Authorization::Silent => "silent",
            Authorization::Proactive => "proactive",
        }
    }

    /// `true` for [`Authorization::Silent`]; usable in const contexts.
    ///
    /// ```
    /// use authcode_names::Authorization;
    /// const SILENT: bool = Authorization::Silent.is_silent();
    /// assert!(SILENT);
    /// ```
    pub const fn is_silent(self) -> bool {
        matches!(self, Authorization::Silent)
    }

    /// `true` for [`Authorization::Proactive`]; usable in const contexts.
    ///
    /// ```
    /// assert!(authcode_names::Authorization::Proactive.is_proactive());
    /// ```
    pub const fn is_proactive(self) -> bool {
        matches!(self, Authorization::Proactive)
    }
}
