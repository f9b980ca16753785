use std::fmt;

use crate::{Scope, ScopeSet};

/// A non-empty [`ScopeSet`] known to hold only silent scopes: requesting it never shows the
/// user a consent prompt, which login flows rely on.
///
/// Build one at compile time with the generated `silent` helper: naming a proactive scope there
/// (or naming none) stops the build with a message that names the scope.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthRequest, AuthScopes, SilentScopes};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// const LOGIN: SilentScopes<AlipayPlusScope> = AlipayPlusScope::silent(&[AlipayPlusScope::UserId]);
///
/// let request = AuthRequest::from(LOGIN);
/// assert!(request.is_silent());
/// ```
///
/// Asking for a proactive scope does not compile:
///
/// ```compile_fail
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, SilentScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// // error: scope USER_NICKNAME is proactive (it needs the user's consent) and cannot be part of
/// // a silent request
/// const LOGIN: SilentScopes<AlipayPlusScope> =
///     AlipayPlusScope::silent(&[AlipayPlusScope::UserId, AlipayPlusScope::UserNickname]);
/// # fn main() { let _ = LOGIN; }
/// ```
///
/// Sets only known at run time go through [`SilentScopes::new`], which checks the same rules.
pub struct SilentScopes<S: Scope> {
    scopes: ScopeSet<S>,
}

impl<S: Scope> SilentScopes<S> {
    /// The set, checked at run time: it must be non-empty and hold only silent scopes.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet, SilentScopes, NotSilent};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use AlipayPlusScope::*;
    /// assert!(SilentScopes::new(ScopeSet::single(UserId)).is_ok());
    ///
    /// let err = SilentScopes::new(ScopeSet::from([UserId, UserNickname, UserAvatar])).unwrap_err();
    /// assert_eq!(err, NotSilent::Proactive(ScopeSet::from([UserNickname, UserAvatar])));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "scopes USER_NICKNAME, USER_AVATAR are proactive (they need the user's consent) and \
    ///      cannot be part of a silent request"
    /// );
    /// assert_eq!(SilentScopes::new(ScopeSet::new()).unwrap_err(), NotSilent::<AlipayPlusScope>::Empty);
    /// ```
    pub fn new(scopes: ScopeSet<S>) -> Result<Self, NotSilent<S>> {
        let proactive = scopes - ScopeSet::silent();
        if scopes.is_empty() {
            Err(NotSilent::Empty)
        } else if !proactive.is_empty() {
            Err(NotSilent::Proactive(proactive))
        } else {
            Ok(SilentScopes { scopes })
        }
    }

    /// Wraps bits whose scopes the caller has already proven silent and non-empty: the
    /// generated `silent` helper checks each scope during const evaluation.
    pub(crate) const fn from_checked_bits(bits: S::Bits) -> Self {
        SilentScopes {
            scopes: ScopeSet::from_bits(bits),
        }
    }

    /// The scopes.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet, SilentScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// const LOGIN: SilentScopes<AlipayPlusScope> = AlipayPlusScope::silent(&[AlipayPlusScope::UserId]);
    /// assert_eq!(LOGIN.scopes(), ScopeSet::single(AlipayPlusScope::UserId));
    /// ```
    pub const fn scopes(self) -> ScopeSet<S> {
        self.scopes
    }
}

/// The scopes, as a plain set.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet, SilentScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let set: ScopeSet<_> = AlipayPlusScope::silent(&[AlipayPlusScope::UserId]).into();
/// assert!(set.is_silent());
/// ```
impl<S: Scope> From<SilentScopes<S>> for ScopeSet<S> {
    fn from(silent: SilentScopes<S>) -> Self {
        silent.scopes
    }
}

/// The same check as [`SilentScopes::new`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet, SilentScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// assert!(SilentScopes::try_from(ScopeSet::single(AlipayPlusScope::UserName)).is_err());
/// ```
impl<S: Scope> TryFrom<ScopeSet<S>> for SilentScopes<S> {
    type Error = NotSilent<S>;

    fn try_from(scopes: ScopeSet<S>) -> Result<Self, NotSilent<S>> {
        SilentScopes::new(scopes)
    }
}

impl<S: Scope> Clone for SilentScopes<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Scope> Copy for SilentScopes<S> {}

impl<S: Scope> PartialEq for SilentScopes<S> {
    fn eq(&self, other: &Self) -> bool {
        self.scopes == other.scopes
    }
}

impl<S: Scope> Eq for SilentScopes<S> {}

impl<S: Scope> std::hash::Hash for SilentScopes<S> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.scopes.hash(state);
    }
}

/// Shows the scopes, as `SilentScopes({USER_ID})`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, SilentScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let login = AlipayPlusScope::silent(&[AlipayPlusScope::UserId]);
/// assert_eq!(format!("{login:?}"), "SilentScopes({USER_ID})");
/// ```
impl<S: Scope> fmt::Debug for SilentScopes<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SilentScopes").field(&self.scopes).finish()
    }
}

/// Why a set cannot be a [`SilentScopes`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet, SilentScopes, NotSilent};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// match SilentScopes::new(ScopeSet::single(AlipayPlusScope::UserGender)) {
///     Err(NotSilent::Proactive(scopes)) => assert!(scopes.contains(AlipayPlusScope::UserGender)),
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum NotSilent<S: Scope> {
    /// The set is empty: there is nothing to request.
    Empty,
    /// These scopes of the set need the user's consent.
    Proactive(ScopeSet<S>),
}

impl<S: Scope> fmt::Display for NotSilent<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotSilent::Empty => f.write_str("a silent request needs at least one scope"),
            NotSilent::Proactive(scopes) => {
                let names: Vec<&str> = scopes.iter().map(S::as_str).collect();
                let (noun, verb, pronoun) = if names.len() == 1 {
                    ("scope", "is", "it needs")
                } else {
                    ("scopes", "are", "they need")
                };
                write!(
                    f,
                    "{noun} {} {verb} proactive ({pronoun} the user's consent) and cannot be part \
                     of a silent request",
                    names.join(", ")
                )
            }
        }
    }
}

impl<S: Scope> std::error::Error for NotSilent<S> {}
