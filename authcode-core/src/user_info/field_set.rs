//! [`FieldSet`]: a set of the paths of a user-info model, as a fixed-size bit set.

use std::fmt;
use std::marker::PhantomData;

use crate::ScopeBits;
use crate::user_info::ModelField;

/// A set of paths of one user-info model: what a grant's scopes release.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{FieldSet, UserInfoField};
///
/// let fields: FieldSet<UserInfoField> = [UserInfoField::UserName, UserInfoField::Avatar].into_iter().collect();
/// assert!(fields.contains(UserInfoField::UserName));
/// // Granting an object grants all of it.
/// assert!(fields.covers(UserInfoField::UserNameFullName));
/// assert!(!fields.contains(UserInfoField::UserNameFullName));
/// assert!(!fields.covers(UserInfoField::NickName));
/// assert_eq!(format!("{fields:?}"), "{userName, avatar}");
/// ```
pub struct FieldSet<F: ModelField> {
    bits: F::Bits,
    field: PhantomData<fn() -> F>,
}

impl<F: ModelField> FieldSet<F> {
    /// The empty set.
    pub fn new() -> Self {
        FieldSet {
            bits: F::Bits::EMPTY,
            field: PhantomData,
        }
    }

    /// Adds `field`; `true` if it was not in the set.
    pub fn insert(&mut self, field: F) -> bool {
        let (word, bit) = position(field.index());
        let words = self.bits.words_mut();
        let was = words.get(word).is_some_and(|w| w & bit != 0);
        if let Some(w) = words.get_mut(word) {
            *w |= bit;
        }
        !was
    }

    /// `true` when `field` itself is in the set.
    pub fn contains(&self, field: F) -> bool {
        self.has_index(field.index())
    }

    /// `true` when `field` is released: it is in the set, or an object it lies in is.
    pub fn covers(&self, field: F) -> bool {
        // Ancestors come before a field in preorder and their subtrees contain it.
        F::ALL[..field.index()]
            .iter()
            .any(|&ancestor| ancestor.subtree_end() > field.index() && self.contains(ancestor))
            || self.contains(field)
    }

    /// `true` when some field strictly inside the object `field` is in the set (so the object
    /// is released in part).
    pub fn any_inside(&self, field: F) -> bool {
        (field.index() + 1..field.subtree_end()).any(|index| self.has_index(index))
    }

    /// `true` when nothing is in the set.
    pub fn is_empty(&self) -> bool {
        self.bits.words().iter().all(|&word| word == 0)
    }

    /// The fields in the set, in model order.
    pub fn iter(&self) -> impl Iterator<Item = F> + '_ {
        F::ALL.iter().copied().filter(|&field| self.contains(field))
    }

    fn has_index(&self, index: usize) -> bool {
        let (word, bit) = position(index);
        self.bits.words().get(word).is_some_and(|w| w & bit != 0)
    }
}

fn position(index: usize) -> (usize, u64) {
    (index / 64, 1u64 << (index % 64))
}

impl<F: ModelField> Default for FieldSet<F> {
    fn default() -> Self {
        FieldSet::new()
    }
}

impl<F: ModelField> Clone for FieldSet<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: ModelField> Copy for FieldSet<F> {}

impl<F: ModelField> PartialEq for FieldSet<F> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}

impl<F: ModelField> Eq for FieldSet<F> {}

impl<F: ModelField> FromIterator<F> for FieldSet<F> {
    fn from_iter<I: IntoIterator<Item = F>>(fields: I) -> Self {
        let mut set = FieldSet::new();
        for field in fields {
            set.insert(field);
        }
        set
    }
}

impl<F: ModelField> fmt::Debug for FieldSet<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(|field| DisplayAsDebug(field.path())))
            .finish()
    }
}

/// Prints a path without quotes inside `{...}`.
struct DisplayAsDebug(&'static str);

impl fmt::Debug for DisplayAsDebug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
