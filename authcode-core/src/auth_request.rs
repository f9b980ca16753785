//! [`AuthRequest`]: the argument a mini program passes to `my.getAuthCode`. The error type is in
//! `error.rs`, the JSON form in `serde.rs`.

mod error;
mod serde;

pub use error::InvalidAuthRequest;

use std::collections::HashSet;

use crate::{Scope, ScopeSet, SilentScopes, UnknownScope};

/// The scopes a mini program asks for with `my.getAuthCode`; serialized, the JSAPI argument
/// `{"scopes": [...]}` with wire names in spec order.
///
/// A request is never empty (the JSAPI requires `scopes`). Deprecated scopes may be requested,
/// and [`AuthRequest::deprecated_scopes`] lists them so that callers can warn.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthRequest, AuthScopes};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// use AlipayPlusScope::*;
/// let request = AuthRequest::new([UserId, UserNickname, UserAvatar])?;
/// assert_eq!(request.to_json(), r#"{"scopes":["USER_ID","USER_NICKNAME","USER_AVATAR"]}"#);
/// assert!(!request.is_silent());
///
/// // Untrusted input: every unknown name is reported, with suggestions.
/// let err = AuthRequest::<AlipayPlusScope>::from_json(r#"{"scopes":["USER_ID","user_nickname","PAYMENT"]}"#)
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"the request names 2 unknown scopes: "user_nickname" (did you mean "USER_NICKNAME"?), "PAYMENT""#
/// );
/// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
/// ```
pub struct AuthRequest<S: Scope> {
    /// Never empty: every constructor checks it.
    scopes: ScopeSet<S>,
}

impl<S: Scope> AuthRequest<S> {
    /// A request for `scopes`: a [`ScopeSet`], an array of scopes, a single scope or
    /// [`SilentScopes`]. An empty set is an error.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes, InvalidAuthRequest, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let request = AuthRequest::new(AlipayPlusScope::UserId)?;
    /// assert_eq!(request.scopes().len(), 1);
    ///
    /// let empty = AuthRequest::new(ScopeSet::<AlipayPlusScope>::new());
    /// assert_eq!(empty.unwrap_err(), InvalidAuthRequest::Empty);
    /// # Ok::<(), InvalidAuthRequest>(())
    /// ```
    pub fn new(scopes: impl Into<ScopeSet<S>>) -> Result<Self, InvalidAuthRequest> {
        let scopes = scopes.into();
        if scopes.is_empty() {
            return Err(InvalidAuthRequest::Empty);
        }
        Ok(AuthRequest { scopes })
    }

    /// A request that shows no consent prompt, from scopes checked at compile time; usable in
    /// `const` items.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// const LOGIN: AuthRequest<AlipayPlusScope> =
    ///     AuthRequest::silent(AlipayPlusScope::silent(&[AlipayPlusScope::UserId]));
    /// assert!(LOGIN.is_silent());
    /// assert_eq!(LOGIN.to_json(), r#"{"scopes":["USER_ID"]}"#);
    /// ```
    pub const fn silent(scopes: SilentScopes<S>) -> Self {
        AuthRequest {
            scopes: scopes.scopes(),
        }
    }

    /// A request from wire names (or aliases), as found in untrusted input. Every name that is
    /// not a scope of `S` is reported in one error, in input order, each with a suggestion when
    /// one is close; a name given twice counts once.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes, InvalidAuthRequest};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let request = AuthRequest::<AlipayPlusScope>::parse_wire_names(["USER_ID", "auth_base"])?;
    /// assert_eq!(request.scopes().len(), 2);
    ///
    /// let err = AuthRequest::<AlipayPlusScope>::parse_wire_names(["USER_NAM", "USER_ID", "USER_GENDR"])
    ///     .unwrap_err();
    /// let unknown: Vec<_> = err.unknown_scopes().iter().map(|u| (u.input(), u.suggestion())).collect();
    /// assert_eq!(unknown, [("USER_NAM", Some("USER_NAME")), ("USER_GENDR", Some("USER_GENDER"))]);
    ///
    /// let none: [&str; 0] = [];
    /// assert_eq!(AuthRequest::<AlipayPlusScope>::parse_wire_names(none).unwrap_err(), InvalidAuthRequest::Empty);
    /// # Ok::<(), InvalidAuthRequest>(())
    /// ```
    pub fn parse_wire_names<'a>(
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, InvalidAuthRequest> {
        let (scopes, unknown) = WireNames::sort(names);
        let unknown: Vec<UnknownScope> = unknown.into_iter().map(UnknownScope::new::<S>).collect();
        if !unknown.is_empty() {
            return Err(InvalidAuthRequest::UnknownScopes(unknown));
        }
        Self::new(scopes)
    }

    /// Parses the JSAPI argument, `{"scopes": [...]}`, as in [`AuthRequest::parse_wire_names`].
    /// Other keys of the object (such as callbacks a client serialized along) are ignored.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes, InvalidAuthRequest};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let request = AuthRequest::<AlipayPlusScope>::from_json(r#"{"scopes":["USER_ID"]}"#)?;
    /// assert!(request.is_silent());
    ///
    /// let err = AuthRequest::<AlipayPlusScope>::from_json(r#"{"scope":["USER_ID"]}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid my.getAuthCode request: missing field `scopes` at line 1 column 21");
    /// # Ok::<(), InvalidAuthRequest>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, InvalidAuthRequest> {
        let raw: serde::RawRequest = serde_json::from_str(text)
            .map_err(|err| InvalidAuthRequest::Malformed(err.to_string()))?;
        Self::parse_wire_names(raw.names())
    }

    /// The JSAPI argument as JSON text: `{"scopes":[...]}`, wire names in spec order.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let request = AuthRequest::new([AlipayPlusScope::UserAvatar, AlipayPlusScope::UserId])?;
    /// assert_eq!(request.to_json(), r#"{"scopes":["USER_ID","USER_AVATAR"]}"#);
    /// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Through `Value`, whose `Display` cannot fail, rather than `to_string`'s `Result`.
        let names = self.wire_names().map(serde_json::Value::from).collect();
        let mut object = serde_json::Map::new();
        object.insert("scopes".to_owned(), serde_json::Value::Array(names));
        serde_json::Value::Object(object).to_string()
    }

    /// The requested scopes.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let request = AuthRequest::new([AlipayPlusScope::UserId, AlipayPlusScope::UserName])?;
    /// assert_eq!(request.scopes(), ScopeSet::from([AlipayPlusScope::UserId, AlipayPlusScope::UserName]));
    /// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
    /// ```
    pub fn scopes(&self) -> ScopeSet<S> {
        self.scopes
    }

    /// The requested wire names, in spec order.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let request = AuthRequest::new([AlipayPlusScope::UserName, AlipayPlusScope::UserId])?;
    /// assert_eq!(request.wire_names().collect::<Vec<_>>(), ["USER_ID", "USER_NAME"]);
    /// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
    /// ```
    pub fn wire_names(&self) -> impl Iterator<Item = &'static str> + use<S> {
        self.scopes.iter().map(S::as_str)
    }

    /// The requested scopes that the spec marks deprecated: allowed, but worth a warning.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes, Scope};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let request = AuthRequest::<AlipayPlusScope>::parse_wire_names(["USER_ID", "auth_user"])?;
    /// for scope in request.deprecated_scopes() {
    ///     assert_eq!(scope.as_str(), "auth_user");
    ///     assert!(scope.deprecation_note().unwrap().contains("USER_*"));
    /// }
    /// assert_eq!(request.deprecated_scopes().len(), 1);
    /// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
    /// ```
    pub fn deprecated_scopes(&self) -> ScopeSet<S> {
        self.scopes & ScopeSet::deprecated()
    }

    /// The requested scopes that need the user's consent.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let request = AuthRequest::new([AlipayPlusScope::UserId, AlipayPlusScope::UserGender])?;
    /// assert_eq!(request.proactive_scopes(), ScopeSet::single(AlipayPlusScope::UserGender));
    /// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
    /// ```
    pub fn proactive_scopes(&self) -> ScopeSet<S> {
        self.scopes & ScopeSet::proactive()
    }

    /// `true` when the request shows no consent prompt: every scope is silent.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthRequest, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// assert!(AuthRequest::new(AlipayPlusScope::UserId)?.is_silent());
    /// assert!(!AuthRequest::new(AlipayPlusScope::UserName)?.is_silent());
    /// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
    /// ```
    pub fn is_silent(&self) -> bool {
        self.scopes.is_silent()
    }
}

/// The request of [`AuthRequest::silent`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthRequest, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let request = AuthRequest::from(AlipayPlusScope::silent(&[AlipayPlusScope::UserId]));
/// assert!(request.is_silent());
/// ```
impl<S: Scope> From<SilentScopes<S>> for AuthRequest<S> {
    fn from(scopes: SilentScopes<S>) -> Self {
        AuthRequest::silent(scopes)
    }
}

/// The request of [`AuthRequest::new`]: an empty set is an error.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthRequest, AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// assert!(AuthRequest::try_from(ScopeSet::<AlipayPlusScope>::all()).is_ok());
/// assert!(AuthRequest::try_from(ScopeSet::<AlipayPlusScope>::new()).is_err());
/// ```
impl<S: Scope> TryFrom<ScopeSet<S>> for AuthRequest<S> {
    type Error = InvalidAuthRequest;

    fn try_from(scopes: ScopeSet<S>) -> Result<Self, InvalidAuthRequest> {
        AuthRequest::new(scopes)
    }
}

/// The requested scopes, as a plain set.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthRequest, AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let request = AuthRequest::new(AlipayPlusScope::UserId)?;
/// assert_eq!(ScopeSet::from(request), ScopeSet::single(AlipayPlusScope::UserId));
/// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
/// ```
impl<S: Scope> From<AuthRequest<S>> for ScopeSet<S> {
    fn from(request: AuthRequest<S>) -> Self {
        request.scopes
    }
}

impl<S: Scope> Clone for AuthRequest<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Scope> Copy for AuthRequest<S> {}

impl<S: Scope> PartialEq for AuthRequest<S> {
    fn eq(&self, other: &Self) -> bool {
        self.scopes == other.scopes
    }
}

impl<S: Scope> Eq for AuthRequest<S> {}

impl<S: Scope> std::hash::Hash for AuthRequest<S> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.scopes.hash(state);
    }
}

/// Shows the scopes, as `AuthRequest { scopes: {USER_ID} }`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthRequest, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let request = AuthRequest::new(AlipayPlusScope::UserId)?;
/// assert_eq!(format!("{request:?}"), "AuthRequest { scopes: {USER_ID} }");
/// # Ok::<(), authcode_runtime::InvalidAuthRequest>(())
/// ```
impl<S: Scope> std::fmt::Debug for AuthRequest<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthRequest")
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// Wire names sorted into the scopes of `S` and the names that are not, as both a request
/// parsed from untrusted input and the wallet's getAuthCode read them.
pub(crate) struct WireNames;

impl WireNames {
    /// The scopes named, and each distinct unknown name once, in input order. A set beside the
    /// list: searching the list made thousands of distinct names quadratic.
    pub(crate) fn sort<'a, S: Scope>(
        names: impl IntoIterator<Item = &'a str>,
    ) -> (ScopeSet<S>, Vec<&'a str>) {
        let mut scopes = ScopeSet::new();
        let mut unknown = Vec::new();
        let mut reported = HashSet::new();
        for name in names {
            match S::from_wire_name(name) {
                Some(scope) => {
                    scopes.insert(scope);
                }
                None if reported.insert(name) => unknown.push(name),
                None => {}
            }
        }
        (scopes, unknown)
    }
}
