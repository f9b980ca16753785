//! The paths of the Alipay+ `userInfo` model, as a scope's `grants` name them.

use std::fmt;

use crate::user_info::ModelField;

/// A path of the Alipay+ `userInfo` model ([`UserInfo`](crate::UserInfo)) that a scope may
/// release (the spec's `grants`), in the model's order (an object before its fields).
///
/// ```
/// use authcode_runtime::{ModelField, UserInfoField};
/// assert_eq!(UserInfoField::LoginIdInfosMaskLoginId.path(), "loginIdInfos.maskLoginId");
/// assert_eq!(UserInfoField::UserName.subtree_end(), UserInfoField::Avatar.index());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UserInfoField {
    /// `userId`: the user's unique ID for this merchant.
    UserId,
    /// `nickName`: the user's nickname.
    NickName,
    /// `userName`: the user's name.
    UserName,
    /// `userName.fullName`.
    UserNameFullName,
    /// `userName.firstName`.
    UserNameFirstName,
    /// `userName.lastName`.
    UserNameLastName,
    /// `avatar`: a URL of the user's picture.
    Avatar,
    /// `gender`: the user's gender.
    Gender,
    /// `birthDate`: the user's birth date.
    BirthDate,
    /// `nationality`: the user's nationality.
    Nationality,
    /// `loginIdInfos`: the user's login IDs.
    LoginIdInfos,
    /// `loginIdInfos.loginIdType`: the kind of login ID.
    LoginIdInfosLoginIdType,
    /// `loginIdInfos.loginId`: the login ID in plain text.
    LoginIdInfosLoginId,
    /// `loginIdInfos.maskLoginId`: the login ID with hidden digits.
    LoginIdInfosMaskLoginId,
    /// `loginIdInfos.hashLoginId`: a hash of the login ID.
    LoginIdInfosHashLoginId,
    /// `contactInfos`: phone numbers and e-mail addresses.
    ContactInfos,
    /// `contactInfos.contactNo`.
    ContactInfosContactNo,
    /// `contactInfos.contactType`.
    ContactInfosContactType,
    /// `addresses`: the user's addresses.
    Addresses,
    /// `addresses.region`.
    AddressesRegion,
    /// `addresses.state`.
    AddressesState,
    /// `addresses.city`.
    AddressesCity,
    /// `addresses.address1`.
    AddressesAddress1,
    /// `addresses.address2`.
    AddressesAddress2,
    /// `addresses.zipCode`.
    AddressesZipCode,
}

impl UserInfoField {
    const PATHS: [&'static str; 25] = [
        "userId",
        "nickName",
        "userName",
        "userName.fullName",
        "userName.firstName",
        "userName.lastName",
        "avatar",
        "gender",
        "birthDate",
        "nationality",
        "loginIdInfos",
        "loginIdInfos.loginIdType",
        "loginIdInfos.loginId",
        "loginIdInfos.maskLoginId",
        "loginIdInfos.hashLoginId",
        "contactInfos",
        "contactInfos.contactNo",
        "contactInfos.contactType",
        "addresses",
        "addresses.region",
        "addresses.state",
        "addresses.city",
        "addresses.address1",
        "addresses.address2",
        "addresses.zipCode",
    ];
    const ENDS: [usize; 25] = [
        1, 2, 6, 4, 5, 6, 7, 8, 9, 10, 15, 12, 13, 14, 15, 18, 17, 18, 25, 20, 21, 22, 23, 24, 25,
    ];
}

impl ModelField for UserInfoField {
    type Bits = [u64; 1];

    const ALL: &'static [Self] = &[
        UserInfoField::UserId,
        UserInfoField::NickName,
        UserInfoField::UserName,
        UserInfoField::UserNameFullName,
        UserInfoField::UserNameFirstName,
        UserInfoField::UserNameLastName,
        UserInfoField::Avatar,
        UserInfoField::Gender,
        UserInfoField::BirthDate,
        UserInfoField::Nationality,
        UserInfoField::LoginIdInfos,
        UserInfoField::LoginIdInfosLoginIdType,
        UserInfoField::LoginIdInfosLoginId,
        UserInfoField::LoginIdInfosMaskLoginId,
        UserInfoField::LoginIdInfosHashLoginId,
        UserInfoField::ContactInfos,
        UserInfoField::ContactInfosContactNo,
        UserInfoField::ContactInfosContactType,
        UserInfoField::Addresses,
        UserInfoField::AddressesRegion,
        UserInfoField::AddressesState,
        UserInfoField::AddressesCity,
        UserInfoField::AddressesAddress1,
        UserInfoField::AddressesAddress2,
        UserInfoField::AddressesZipCode,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn path(self) -> &'static str {
        UserInfoField::PATHS[self as usize]
    }

    fn subtree_end(self) -> usize {
        UserInfoField::ENDS[self as usize]
    }
}

impl fmt::Display for UserInfoField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_in_preorder_with_their_subtrees() {
        for (position, field) in UserInfoField::ALL.iter().enumerate() {
            assert_eq!(field.index(), position);
            let inside: Vec<_> = UserInfoField::ALL[position + 1..field.subtree_end()]
                .iter()
                .map(|f| f.path())
                .collect();
            assert!(
                inside
                    .iter()
                    .all(|path| path.starts_with(&format!("{}.", field.path()))),
                "{field}: {inside:?}"
            );
        }
    }
}
