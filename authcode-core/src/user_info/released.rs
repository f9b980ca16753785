//! [`Released`]: a profile together with what the grant's scopes release, so that a merchant
//! tells "no granted scope releases this field" from "released, but the wallet has no value".

use std::fmt;

use crate::user_info::{FieldSet, ModelField, UserInfoModel, UserInfoOf, released_fields};
use crate::{Scope, ScopeSet};

/// A field that none of the grant's scopes releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotReleased<F: ModelField>(pub F);

impl<F: ModelField> fmt::Display for NotReleased<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no granted scope releases `{}`", self.0.path())
    }
}

impl<F: ModelField> std::error::Error for NotReleased<F> {}

/// A profile read with inquiryUserInfo, and the fields its grant releases.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthScopes, Released, ScopeSet, UserInfo, UserInfoField};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// let info = UserInfo { user_id: Some("2088001".into()), ..Default::default() };
/// let user = Released::of_scopes(info, ScopeSet::from([AlipayPlusScope::UserId, AlipayPlusScope::UserAvatar]));
/// assert_eq!(user.get(UserInfoField::UserId, |u| u.user_id.as_deref()), Ok(Some("2088001")));
/// // Released, but the wallet has no picture of this user.
/// assert_eq!(user.get(UserInfoField::Avatar, |u| u.avatar.as_deref()), Ok(None));
/// // No granted scope releases the nickname.
/// let err = user.get(UserInfoField::NickName, |u| u.nick_name.as_deref()).unwrap_err();
/// assert_eq!(err.to_string(), "no granted scope releases `nickName`");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Released<U: UserInfoModel> {
    info: U,
    fields: FieldSet<U::Field>,
}

impl<U: UserInfoModel> Released<U> {
    /// `info` as released by the fields `fields`.
    pub fn new(info: U, fields: FieldSet<U::Field>) -> Self {
        Released { info, fields }
    }

    /// `info` as released by a grant of `scopes` (the `authSuccessScopes` of the callback).
    pub fn of_scopes<S: Scope<UserInfo = U>>(info: UserInfoOf<S>, scopes: ScopeSet<S>) -> Self {
        Released::new(info, released_fields(scopes))
    }

    /// The profile.
    pub fn info(&self) -> &U {
        &self.info
    }

    /// The profile, taken out.
    pub fn into_info(self) -> U {
        self.info
    }

    /// The fields the grant releases.
    pub fn fields(&self) -> FieldSet<U::Field> {
        self.fields
    }

    /// The value `read` finds for `field`: `Err` when the grant does not release the field,
    /// `Ok(None)` when it does but the wallet sent no value.
    pub fn get<'a, T: ?Sized>(
        &'a self,
        field: U::Field,
        read: impl FnOnce(&'a U) -> Option<&'a T>,
    ) -> Result<Option<&'a T>, NotReleased<U::Field>> {
        if self.fields.covers(field) {
            Ok(read(&self.info))
        } else {
            Err(NotReleased(field))
        }
    }
}
