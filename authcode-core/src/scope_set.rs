//! [`ScopeSet`]: a set of scopes as a fixed-size bit set.
//!
//! The set is split over small files: this one holds the type and its set algebra, `iter.rs`
//! the iterator, `ops.rs` the operator and collection traits, `fmt.rs` its `Debug`, and
//! `serde.rs` its JSON form.

mod fmt;
mod iter;
mod ops;
mod serde;

use std::marker::PhantomData;

pub use iter::ScopeSetIter;

use crate::{Scope, ScopeBits};

/// A set of the scopes of one wallet: one bit per scope in `S::Bits`, so it is `Copy`, never
/// allocates, and inserting, removing and looking up a scope are O(1).
///
/// Iteration, `Debug` and the serialized form all follow spec order. Serialized, a set is a
/// JSON array of wire names; a name that is not a scope of `S` fails deserialization (the
/// response type, [`AuthCodeResponse`](crate::AuthCodeResponse), is the one that keeps unknown
/// names).
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthScopes, ScopeSet};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// let mut profile: ScopeSet<AlipayPlusScope> =
///     [AlipayPlusScope::UserNickname, AlipayPlusScope::UserAvatar].into_iter().collect();
/// profile.insert(AlipayPlusScope::UserId);
/// assert_eq!(profile.len(), 3);
/// assert!(profile.contains(AlipayPlusScope::UserAvatar));
/// assert_eq!(format!("{profile:?}"), "{USER_ID, USER_NICKNAME, USER_AVATAR}");
/// assert_eq!(
///     serde_json::to_string(&profile)?,
///     r#"["USER_ID","USER_NICKNAME","USER_AVATAR"]"#
/// );
/// assert!(std::mem::size_of::<ScopeSet<AlipayPlusScope>>() <= 16);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub struct ScopeSet<S: Scope> {
    /// Bit `i` of word `i / 64` is set when `S::ALL[i]` is in the set. Bits past the last
    /// scope can only come from [`ScopeSet::from_bits`], which is `const` and so cannot clear
    /// them; every read goes through [`ScopeSet::bits`], which does.
    bits: S::Bits,
    /// `fn() -> S` keeps the set `Send`, `Sync` and covariant whatever `S` is, and owns no `S`.
    scope: PhantomData<fn() -> S>,
}

impl<S: Scope> ScopeSet<S> {
    /// The empty set; usable in `const` items.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// const NONE: ScopeSet<AlipayPlusScope> = ScopeSet::new();
    /// assert!(NONE.is_empty());
    /// ```
    pub const fn new() -> Self {
        Self::from_bits(S::Bits::EMPTY)
    }

    /// The empty set (the same as [`ScopeSet::new`]).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// assert_eq!(ScopeSet::<AlipayPlusScope>::empty(), ScopeSet::new());
    /// ```
    pub const fn empty() -> Self {
        Self::new()
    }

    /// The set with the given bits: bit `i % 64` of word `i / 64` stands for `S::ALL[i]`.
    ///
    /// It is `const` so that sets can be computed at compile time (the generated
    /// `silent(&[...])` helper builds its set this way). A `const fn` cannot look into generic
    /// bits, so bits past the last scope are kept as given but ignored by every method.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// // USER_ID is scope 0 and USER_NICKNAME scope 1 of the Alipay+ spec.
    /// const LOGIN: ScopeSet<AlipayPlusScope> = ScopeSet::from_bits([0b11]);
    /// assert_eq!(LOGIN, ScopeSet::from([AlipayPlusScope::UserId, AlipayPlusScope::UserNickname]));
    ///
    /// // Bit 63 is no scope of a 15-scope spec: it is ignored.
    /// assert_eq!(ScopeSet::<AlipayPlusScope>::from_bits([1 << 63]), ScopeSet::new());
    /// ```
    pub const fn from_bits(bits: S::Bits) -> Self {
        ScopeSet {
            bits,
            scope: PhantomData,
        }
    }

    /// The set's bits, in the layout [`ScopeSet::from_bits`] takes, without bits past the last
    /// scope.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let set = ScopeSet::single(AlipayPlusScope::UserAvatar);
    /// assert_eq!(set.bits(), [1 << AlipayPlusScope::UserAvatar.index()]);
    /// ```
    pub fn bits(&self) -> S::Bits {
        let mut bits = self.bits;
        let scopes = S::ALL.len();
        for (position, word) in bits.words_mut().iter_mut().enumerate() {
            let first = position * 64;
            if first >= scopes {
                *word = 0;
            } else if scopes - first < 64 {
                *word &= (1u64 << (scopes - first)) - 1;
            }
        }
        bits
    }

    /// The set holding just `scope`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let set = ScopeSet::single(AlipayPlusScope::UserId);
    /// assert_eq!(set.len(), 1);
    /// assert!(set.contains(AlipayPlusScope::UserId));
    /// ```
    pub fn single(scope: S) -> Self {
        Self::new().with(scope)
    }

    /// Every scope of the spec.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, Scope, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// assert_eq!(ScopeSet::<AlipayPlusScope>::all().len(), AlipayPlusScope::ALL.len());
    /// ```
    pub fn all() -> Self {
        S::ALL.iter().copied().collect()
    }

    /// The scopes the spec marks silent: granted without a consent prompt.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// #[allow(deprecated)]
    /// let expected = ScopeSet::from([AlipayPlusScope::UserId, AlipayPlusScope::AuthBase]);
    /// assert_eq!(ScopeSet::<AlipayPlusScope>::silent(), expected);
    /// ```
    pub fn silent() -> Self {
        S::ALL.iter().copied().filter(|s| s.is_silent()).collect()
    }

    /// The scopes the spec marks proactive: the user is asked to consent.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let proactive = ScopeSet::<AlipayPlusScope>::proactive();
    /// assert!(proactive.contains(AlipayPlusScope::UserNickname));
    /// assert_eq!(proactive | ScopeSet::silent(), ScopeSet::all());
    /// ```
    pub fn proactive() -> Self {
        S::ALL
            .iter()
            .copied()
            .filter(|s| s.is_proactive())
            .collect()
    }

    /// The legacy scopes the spec marks deprecated.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// #[allow(deprecated)]
    /// let legacy = ScopeSet::from([AlipayPlusScope::AuthBase, AlipayPlusScope::AuthUser]);
    /// assert_eq!(ScopeSet::<AlipayPlusScope>::deprecated(), legacy);
    /// ```
    pub fn deprecated() -> Self {
        S::ALL
            .iter()
            .copied()
            .filter(|s| s.is_deprecated())
            .collect()
    }

    /// Adds `scope`; returns `true` when it was not in the set yet.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let mut set = ScopeSet::new();
    /// assert!(set.insert(AlipayPlusScope::UserId));
    /// assert!(!set.insert(AlipayPlusScope::UserId));
    /// ```
    pub fn insert(&mut self, scope: S) -> bool {
        let (word, mask) = Self::locate(scope);
        let words = self.bits.words_mut();
        let added = words[word] & mask == 0;
        words[word] |= mask;
        added
    }

    /// Removes `scope`; returns `true` when it was in the set.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let mut set = ScopeSet::single(AlipayPlusScope::UserId);
    /// assert!(set.remove(AlipayPlusScope::UserId));
    /// assert!(!set.remove(AlipayPlusScope::UserId));
    /// assert!(set.is_empty());
    /// ```
    pub fn remove(&mut self, scope: S) -> bool {
        let (word, mask) = Self::locate(scope);
        let words = self.bits.words_mut();
        let removed = words[word] & mask != 0;
        words[word] &= !mask;
        removed
    }

    /// The set with `scope` added, for building sets in one expression.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let set = ScopeSet::new().with(AlipayPlusScope::UserId).with(AlipayPlusScope::UserName);
    /// assert_eq!(set.len(), 2);
    /// ```
    #[must_use]
    pub fn with(mut self, scope: S) -> Self {
        self.insert(scope);
        self
    }

    /// Whether `scope` is in the set.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let set = ScopeSet::single(AlipayPlusScope::UserId);
    /// assert!(set.contains(AlipayPlusScope::UserId));
    /// assert!(!set.contains(AlipayPlusScope::UserName));
    /// ```
    pub fn contains(&self, scope: S) -> bool {
        let (word, mask) = Self::locate(scope);
        self.bits.words()[word] & mask != 0
    }

    /// The number of scopes in the set.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// assert_eq!(ScopeSet::<AlipayPlusScope>::all().len(), 15);
    /// ```
    pub fn len(&self) -> usize {
        let bits = self.bits();
        bits.words()
            .iter()
            .map(|word| word.count_ones() as usize)
            .sum()
    }

    /// `true` when the set holds no scope.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// assert!(ScopeSet::<AlipayPlusScope>::new().is_empty());
    /// assert!(!ScopeSet::single(AlipayPlusScope::UserId).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.bits().words().iter().all(|&word| word == 0)
    }

    /// The scopes in either set (also `a | b`).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use AlipayPlusScope::*;
    /// let both = ScopeSet::single(UserId).union(ScopeSet::single(UserName));
    /// assert_eq!(both, ScopeSet::from([UserId, UserName]));
    /// ```
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        self.combine(other, |a, b| a | b)
    }

    /// The scopes in both sets (also `a & b`).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use AlipayPlusScope::*;
    /// let common = ScopeSet::from([UserId, UserName]).intersection(ScopeSet::from([UserName, UserGender]));
    /// assert_eq!(common, ScopeSet::single(UserName));
    /// ```
    #[must_use]
    pub fn intersection(self, other: Self) -> Self {
        self.combine(other, |a, b| a & b)
    }

    /// The scopes of `self` that are not in `other` (also `a - b`).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use AlipayPlusScope::*;
    /// let missing = ScopeSet::from([UserId, UserName]).difference(ScopeSet::single(UserId));
    /// assert_eq!(missing, ScopeSet::single(UserName));
    /// ```
    #[must_use]
    pub fn difference(self, other: Self) -> Self {
        self.combine(other, |a, b| a & !b)
    }

    /// `true` when every scope of `self` is also in `other`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use AlipayPlusScope::*;
    /// assert!(ScopeSet::single(UserId).is_subset(ScopeSet::from([UserId, UserName])));
    /// assert!(!ScopeSet::from([UserId, UserName]).is_subset(ScopeSet::single(UserId)));
    /// ```
    pub fn is_subset(self, other: Self) -> bool {
        self.difference(other).is_empty()
    }

    /// `true` when every scope in the set is silent, so requesting it shows no consent prompt
    /// (the empty set too).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use AlipayPlusScope::*;
    /// assert!(ScopeSet::single(UserId).is_silent());
    /// assert!(!ScopeSet::from([UserId, UserNickname]).is_silent());
    /// ```
    pub fn is_silent(self) -> bool {
        self.is_subset(Self::silent())
    }

    /// The scopes in spec order.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use AlipayPlusScope::*;
    /// let set = ScopeSet::from([UserAvatar, UserId]);
    /// assert_eq!(set.iter().collect::<Vec<_>>(), [UserId, UserAvatar]);
    /// ```
    pub fn iter(&self) -> ScopeSetIter<S> {
        ScopeSetIter::new(self.bits())
    }

    /// Where a scope's bit lives: its word and the mask within it.
    fn locate(scope: S) -> (usize, u64) {
        let index = scope.index();
        (index / 64, 1u64 << (index % 64))
    }

    fn combine(mut self, other: Self, op: impl Fn(u64, u64) -> u64) -> Self {
        for (word, theirs) in self.bits.words_mut().iter_mut().zip(other.bits.words()) {
            *word = op(*word, *theirs);
        }
        self
    }
}

// Written out rather than derived: a derive would compare and hash the raw bits, including the
// ones past the last scope that `from_bits` may carry, and would require `S::Bits: Default`.

impl<S: Scope> Clone for ScopeSet<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Scope> Copy for ScopeSet<S> {}

/// The empty set.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// assert!(ScopeSet::<AlipayPlusScope>::default().is_empty());
/// ```
impl<S: Scope> Default for ScopeSet<S> {
    fn default() -> Self {
        Self::new()
    }
}

/// Two sets are equal when they hold the same scopes.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use AlipayPlusScope::*;
/// assert_eq!(ScopeSet::from([UserId, UserName]), ScopeSet::from([UserName, UserId]));
/// assert_ne!(ScopeSet::from([UserId]), ScopeSet::from([UserName]));
/// ```
impl<S: Scope> PartialEq for ScopeSet<S> {
    fn eq(&self, other: &Self) -> bool {
        self.bits() == other.bits()
    }
}

impl<S: Scope> Eq for ScopeSet<S> {}

impl<S: Scope> std::hash::Hash for ScopeSet<S> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bits().hash(state);
    }
}
