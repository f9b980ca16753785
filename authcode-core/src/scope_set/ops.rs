//! Set operators (`|`, `&`, `-` and their assigning forms) and the collection traits.

use std::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, Sub, SubAssign};

use crate::{Scope, ScopeSet};

/// `a | b` is [`ScopeSet::union`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use AlipayPlusScope::*;
/// assert_eq!(ScopeSet::single(UserId) | ScopeSet::single(UserName), ScopeSet::from([UserId, UserName]));
/// ```
impl<S: Scope> BitOr for ScopeSet<S> {
    type Output = Self;

    fn bitor(self, other: Self) -> Self {
        self.union(other)
    }
}

/// `a & b` is [`ScopeSet::intersection`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use AlipayPlusScope::*;
/// assert_eq!(ScopeSet::from([UserId, UserName]) & ScopeSet::single(UserName), ScopeSet::single(UserName));
/// ```
impl<S: Scope> BitAnd for ScopeSet<S> {
    type Output = Self;

    fn bitand(self, other: Self) -> Self {
        self.intersection(other)
    }
}

/// `a - b` is [`ScopeSet::difference`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use AlipayPlusScope::*;
/// assert_eq!(ScopeSet::from([UserId, UserName]) - ScopeSet::single(UserName), ScopeSet::single(UserId));
/// ```
impl<S: Scope> Sub for ScopeSet<S> {
    type Output = Self;

    fn sub(self, other: Self) -> Self {
        self.difference(other)
    }
}

/// `a |= b` adds the scopes of `b`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let mut set = ScopeSet::single(AlipayPlusScope::UserId);
/// set |= ScopeSet::single(AlipayPlusScope::UserName);
/// assert_eq!(set.len(), 2);
/// ```
impl<S: Scope> BitOrAssign for ScopeSet<S> {
    fn bitor_assign(&mut self, other: Self) {
        *self = self.union(other);
    }
}

/// `a &= b` keeps only the scopes also in `b`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let mut set = ScopeSet::<AlipayPlusScope>::all();
/// set &= ScopeSet::silent();
/// assert!(set.is_silent());
/// ```
impl<S: Scope> BitAndAssign for ScopeSet<S> {
    fn bitand_assign(&mut self, other: Self) {
        *self = self.intersection(other);
    }
}

/// `a -= b` removes the scopes of `b`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let mut set = ScopeSet::<AlipayPlusScope>::all();
/// set -= ScopeSet::proactive();
/// assert_eq!(set, ScopeSet::silent());
/// ```
impl<S: Scope> SubAssign for ScopeSet<S> {
    fn sub_assign(&mut self, other: Self) {
        *self = self.difference(other);
    }
}

/// Collects scopes into a set; repeated scopes are kept once.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use AlipayPlusScope::*;
/// let set: ScopeSet<_> = [UserId, UserName, UserId].into_iter().collect();
/// assert_eq!(set.len(), 2);
/// ```
impl<S: Scope> FromIterator<S> for ScopeSet<S> {
    fn from_iter<I: IntoIterator<Item = S>>(scopes: I) -> Self {
        let mut set = ScopeSet::new();
        set.extend(scopes);
        set
    }
}

/// Adds every scope of an iterator.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let mut set = ScopeSet::single(AlipayPlusScope::UserId);
/// set.extend([AlipayPlusScope::UserName, AlipayPlusScope::UserGender]);
/// assert_eq!(set.len(), 3);
/// ```
impl<S: Scope> Extend<S> for ScopeSet<S> {
    fn extend<I: IntoIterator<Item = S>>(&mut self, scopes: I) {
        for scope in scopes {
            self.insert(scope);
        }
    }
}

/// The set of the scopes in an array.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let set = ScopeSet::from([AlipayPlusScope::UserId, AlipayPlusScope::UserName]);
/// assert_eq!(set.len(), 2);
/// ```
impl<S: Scope, const N: usize> From<[S; N]> for ScopeSet<S> {
    fn from(scopes: [S; N]) -> Self {
        scopes.into_iter().collect()
    }
}

/// The set holding one scope, as [`ScopeSet::single`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let set: ScopeSet<_> = AlipayPlusScope::UserId.into();
/// assert!(set.contains(AlipayPlusScope::UserId));
/// ```
impl<S: Scope> From<S> for ScopeSet<S> {
    fn from(scope: S) -> Self {
        ScopeSet::single(scope)
    }
}
