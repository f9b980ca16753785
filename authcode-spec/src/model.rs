use crate::Location;

/// A validated spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The format version (always [`SPEC_VERSION`](crate::SPEC_VERSION) once validated).
    pub spec_version: u64,
    /// The wallet the spec describes, e.g. `Alipay+`.
    pub wallet: Option<String>,
    /// The JSAPI the scopes are passed to, e.g. `my.getAuthCode`.
    pub jsapi: Option<String>,
    /// The scopes, in file order; never empty once validated.
    pub scopes: Vec<ScopeDef>,
}

/// One scope of a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeDef {
    /// The exact, case-sensitive wire name.
    pub name: String,
    /// What the scope authorizes, shown to developers in docs and IDE hovers.
    pub description: String,
    /// Whether the wallet grants it silently or asks the user.
    pub authorization: Authorization,
    /// The deprecation note, for legacy scopes.
    pub deprecated: Option<String>,
    /// Other wire names accepted when parsing.
    pub aliases: Vec<String>,
    /// The variant identifier the spec asked for, if it overrides the derived one.
    pub rust_name: Option<String>,
    /// The user-info fields the scope releases (see [`USER_INFO_FIELDS`](crate::USER_INFO_FIELDS)).
    pub grants: Vec<String>,
    /// The variant identifier to generate: `rust_name`, or the name in UpperCamelCase.
    pub variant: String,
    /// Where the scope's `name` value is in the file.
    pub location: Location,
    /// Where each alias is in the file, parallel to `aliases`.
    pub alias_locations: Vec<Location>,
}

/// How a scope is granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Authorization {
    /// Granted without showing the user a consent prompt.
    Silent,
    /// Granted only after the user consents.
    Proactive,
}

impl Authorization {
    /// The spelling used in spec files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Authorization::Silent => "silent",
            Authorization::Proactive => "proactive",
        }
    }

    /// Whether this is [`Authorization::Silent`].
    pub const fn is_silent(self) -> bool {
        matches!(self, Authorization::Silent)
    }
}
