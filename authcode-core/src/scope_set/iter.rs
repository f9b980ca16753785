use std::iter::FusedIterator;

use crate::{Scope, ScopeBits, ScopeSet};

/// The scopes of a [`ScopeSet`] in spec order: the iterator of [`ScopeSet::iter`] and of
/// `for scope in set`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use AlipayPlusScope::*;
/// let set = ScopeSet::from([UserGender, UserId, UserName]);
/// let mut iter = set.iter();
/// assert_eq!(iter.len(), 3);
/// assert_eq!(iter.next(), Some(UserId));
/// assert_eq!(iter.collect::<Vec<_>>(), [UserName, UserGender]);
/// ```
#[derive(Clone)]
pub struct ScopeSetIter<S: Scope> {
    /// The bits not yet yielded; each step clears the lowest one.
    bits: S::Bits,
    /// The first word that may still hold a set bit, so a step skips the drained words.
    word: usize,
    remaining: usize,
}

impl<S: Scope> ScopeSetIter<S> {
    /// `bits` must hold no bit past the last scope ([`ScopeSet::bits`] guarantees it), so that
    /// every bit found names an entry of `S::ALL`.
    pub(super) fn new(bits: S::Bits) -> Self {
        let remaining = bits.words().iter().map(|w| w.count_ones() as usize).sum();
        ScopeSetIter {
            bits,
            word: 0,
            remaining,
        }
    }
}

impl<S: Scope> Iterator for ScopeSetIter<S> {
    type Item = S;

    fn next(&mut self) -> Option<S> {
        let words = self.bits.words_mut();
        while let Some(word) = words.get_mut(self.word) {
            if *word == 0 {
                self.word += 1;
                continue;
            }
            let bit = word.trailing_zeros() as usize;
            // Clear the lowest set bit.
            *word &= *word - 1;
            self.remaining -= 1;
            // `get` rather than indexing: a bit beyond `S::ALL` would end the iteration instead
            // of panicking, should the invariant above ever be broken.
            return S::ALL.get(self.word * 64 + bit).copied();
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<S: Scope> ExactSizeIterator for ScopeSetIter<S> {}

impl<S: Scope> FusedIterator for ScopeSetIter<S> {}

impl<S: Scope> std::fmt::Debug for ScopeSetIter<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.clone().map(S::as_str)).finish()
    }
}

/// `for scope in set` visits the scopes in spec order.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let set = ScopeSet::from([AlipayPlusScope::UserName, AlipayPlusScope::UserId]);
/// let mut names = Vec::new();
/// for scope in set {
///     names.push(scope.as_str());
/// }
/// assert_eq!(names, ["USER_ID", "USER_NAME"]);
/// ```
impl<S: Scope> IntoIterator for ScopeSet<S> {
    type Item = S;
    type IntoIter = ScopeSetIter<S>;

    fn into_iter(self) -> ScopeSetIter<S> {
        self.iter()
    }
}

impl<S: Scope> IntoIterator for &ScopeSet<S> {
    type Item = S;
    type IntoIter = ScopeSetIter<S>;

    fn into_iter(self) -> ScopeSetIter<S> {
        self.iter()
    }
}
