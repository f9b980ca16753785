//! The `userInfo` object of inquiryUserInfo, as a wallet models it.
//!
//! Wallets differ in what they return about a user (Qi adds `userNameInArabic`, DANA KYC data,
//! ...), so the model is generated from the wallet's spec (its `user_info`), and the flow, the
//! emulator and the merchant client are generic over [`UserInfoModel`]. A spec without
//! `user_info` gets the Alipay+ model, [`UserInfo`].
//!
//! Each scope releases fields of the model (the spec's `grants`); a [`FieldSet`] holds the
//! fields a grant's scopes release, and [`UserInfoModel::released`] cuts a profile down to
//! them. Granting an object grants all of it.

mod field_set;
mod released;
#[cfg(test)]
mod tests;

use std::fmt::{Debug, Display};
use std::hash::Hash;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use field_set::FieldSet;
pub use released::{NotReleased, Released};

use crate::{Scope, ScopeBits, ScopeSet};

/// A path into a user-info model, such as `userName` or `loginIdInfos.hashLoginId`: the
/// generated enum of a model's fields implements it.
///
/// `ALL` lists the paths in preorder (an object before its fields), so that the fields inside
/// an object are the positions from the object's own up to [`subtree_end`](Self::subtree_end).
pub trait ModelField: Copy + Eq + Ord + Hash + Debug + Display + Send + Sync + 'static {
    /// The bits of a [`FieldSet`] of these fields: one per path.
    type Bits: ScopeBits;

    /// Every path of the model, in preorder.
    const ALL: &'static [Self];

    /// This field's position in [`ModelField::ALL`].
    fn index(self) -> usize;

    /// The dotted wire path, e.g. `loginIdInfos.hashLoginId`.
    fn path(self) -> &'static str;

    /// The position just past this field's last descendant in [`ModelField::ALL`] (one past
    /// its own for a field that is not an object).
    fn subtree_end(self) -> usize;
}

/// A wallet's `userInfo` model: the struct the derive generates from the spec (or the
/// Alipay+ [`UserInfo`]).
///
/// Every field is optional, because a response carries only what the token's scopes release,
/// and fields the model does not know are kept in an `extra` map and written back, so a
/// wallet adding a field never breaks parsing.
pub trait UserInfoModel:
    Clone + Debug + Default + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// The model's paths.
    type Field: ModelField;

    /// A copy holding only the fields in `fields` (an object in `fields` whole, with its
    /// unknown fields; an object with some of its fields in `fields` with those alone; array
    /// items with nothing released left out). Unknown top-level fields are never released.
    fn released(&self, fields: &FieldSet<Self::Field>) -> Self;

    /// Sets the profile's `userId` (a model without that field ignores it).
    fn set_user_id(&mut self, user_id: &str);
}

/// The user-info model of the scopes `S`.
pub type UserInfoOf<S> = <S as Scope>::UserInfo;

/// The fields of `S`'s model that the scopes `scopes` release.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthScopes, ScopeSet, UserInfoField, released_fields};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// let fields = released_fields(ScopeSet::from([AlipayPlusScope::UserId, AlipayPlusScope::UserNickname]));
/// assert!(fields.contains(UserInfoField::UserId));
/// assert!(fields.contains(UserInfoField::NickName));
/// assert!(!fields.contains(UserInfoField::Avatar));
/// ```
pub fn released_fields<S: Scope>(
    scopes: ScopeSet<S>,
) -> FieldSet<<UserInfoOf<S> as UserInfoModel>::Field> {
    scopes
        .iter()
        .flat_map(|scope| scope.grants().iter().copied())
        .collect()
}

// The Alipay+ model, which specs without `user_info` get: `UserInfo` (with `UserName`,
// `LoginIdInfo`, `ContactInfo`, `Address`) and the enum of its paths, `UserInfoField`. It is
// generated from the model's one definition, in the spec reader, by the derive's own
// generator.
authcode_macros::__alipay_plus_user_info!();
