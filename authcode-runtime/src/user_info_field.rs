use std::fmt;

/// A user-info field that a scope may release (the spec's `grants`): the fields of the Alipay+
/// `userInfo` model.
///
/// ```
/// use authcode_runtime::UserInfoField;
/// assert_eq!(UserInfoField::MaskLoginId.as_str(), "loginIdInfos.maskLoginId");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UserInfoField {
    /// `userId`: the user's unique ID for this merchant.
    UserId,
    /// `nickName`.
    NickName,
    /// `userName`: full, first and last name.
    UserName,
    /// `avatar`: a URL of the user's picture.
    Avatar,
    /// `gender`.
    Gender,
    /// `birthDate`.
    BirthDate,
    /// `nationality`.
    Nationality,
    /// `loginIdInfos[].loginId`: the login ID in plain text.
    LoginId,
    /// `loginIdInfos[].maskLoginId`: the login ID with hidden digits.
    MaskLoginId,
    /// `loginIdInfos[].hashLoginId`: a hash of the login ID.
    HashLoginId,
    /// `contactInfos`: phone numbers and e-mail addresses.
    ContactInfos,
    /// `addresses`.
    Addresses,
}

impl UserInfoField {
    /// Every field, in the order of the Alipay+ model.
    pub const ALL: &'static [UserInfoField] = &[
        UserInfoField::UserId,
        UserInfoField::NickName,
        UserInfoField::UserName,
        UserInfoField::Avatar,
        UserInfoField::Gender,
        UserInfoField::BirthDate,
        UserInfoField::Nationality,
        UserInfoField::LoginId,
        UserInfoField::MaskLoginId,
        UserInfoField::HashLoginId,
        UserInfoField::ContactInfos,
        UserInfoField::Addresses,
    ];

    /// The field's name in spec files (nested fields as `parent.child`).
    pub const fn as_str(self) -> &'static str {
        match self {
            UserInfoField::UserId => "userId",
            UserInfoField::NickName => "nickName",
            UserInfoField::UserName => "userName",
            UserInfoField::Avatar => "avatar",
            UserInfoField::Gender => "gender",
            UserInfoField::BirthDate => "birthDate",
            UserInfoField::Nationality => "nationality",
            UserInfoField::LoginId => "loginIdInfos.loginId",
            UserInfoField::MaskLoginId => "loginIdInfos.maskLoginId",
            UserInfoField::HashLoginId => "loginIdInfos.hashLoginId",
            UserInfoField::ContactInfos => "contactInfos",
            UserInfoField::Addresses => "addresses",
        }
    }
}

impl fmt::Display for UserInfoField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::UserInfoField;

    /// The macro maps spec names to variants through `authcode_spec`; both lists must agree.
    #[test]
    fn agrees_with_the_spec_vocabulary() {
        let names: Vec<_> = UserInfoField::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(names, authcode_spec::USER_INFO_FIELDS);
        for field in UserInfoField::ALL {
            assert_eq!(
                authcode_spec::user_info_field_variant(field.as_str()),
                Some(format!("{field:?}").as_str())
            );
        }
    }
}
