//! The Alipay+ scopes written by hand, the way a user would without `#[derive(AuthScopes)]`:
//! strum for parsing, printing and iteration, serde with renames for JSON, and the spec's facts
//! (consent, descriptions, deprecations, released fields) as `const fn` matches. It provides
//! what the derive generates, so the compile-time comparison is like for like; `callback.rs`
//! reads the `my.getAuthCode` callback with them, as the other fixture does.

// strum's and serde's derives name the deprecated variants; without this every build warns
// (the derive marks its own generated impls the same way).
#![allow(deprecated)]

mod callback;

pub use callback::{AuthCodeResponse, granted};

/// The scope type `callback.rs` reads.
type Scope = AlipayPlusScope;

/// Whether a scope is granted without a consent prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authorization {
    /// Granted silently.
    Silent,
    /// Needs the user's consent.
    Proactive,
}

/// The user-info fields a scope releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserInfoField {
    /// `userId`.
    UserId,
    /// `nickName`.
    NickName,
    /// `userName`.
    UserName,
    /// `loginIdInfos.maskLoginId`.
    MaskLoginId,
    /// `loginIdInfos.loginId`.
    LoginId,
    /// `loginIdInfos.hashLoginId`.
    HashLoginId,
    /// `avatar`.
    Avatar,
    /// `gender`.
    Gender,
    /// `birthDate`.
    BirthDate,
    /// `nationality`.
    Nationality,
    /// `contactInfos`.
    ContactInfos,
    /// `addresses`.
    Addresses,
}

/// The authorization scopes of Alipay+.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Debug,
    strum::EnumString,
    strum::Display,
    strum::AsRefStr,
    strum::EnumIter,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum AlipayPlusScope {
    /// Authorized to obtain the unique user ID.
    #[strum(serialize = "USER_ID")]
    #[serde(rename = "USER_ID")]
    UserId,
    /// Authorized to obtain the user nickname.
    #[strum(serialize = "USER_NICKNAME")]
    #[serde(rename = "USER_NICKNAME")]
    UserNickname,
    /// Authorized to obtain the user name.
    #[strum(serialize = "USER_NAME")]
    #[serde(rename = "USER_NAME")]
    UserName,
    /// Authorized to obtain the user login ID, which is several hidden bits of the phone number to protect users' privacy.
    #[strum(serialize = "USER_LOGIN_ID")]
    #[serde(rename = "USER_LOGIN_ID")]
    UserLoginId,
    /// Authorized to obtain the user login ID that without hidden bits.
    #[strum(serialize = "PLAINTEXT_USER_LOGIN_ID")]
    #[serde(rename = "PLAINTEXT_USER_LOGIN_ID")]
    PlaintextUserLoginId,
    /// Authorized to obtain the hash user login ID.
    #[strum(serialize = "HASH_LOGIN_ID")]
    #[serde(rename = "HASH_LOGIN_ID")]
    HashLoginId,
    /// Authorized to obtain the user avatar.
    #[strum(serialize = "USER_AVATAR")]
    #[serde(rename = "USER_AVATAR")]
    UserAvatar,
    /// Authorized to obtain the user gender.
    #[strum(serialize = "USER_GENDER")]
    #[serde(rename = "USER_GENDER")]
    UserGender,
    /// Authorized to obtain the user birthday.
    #[strum(serialize = "USER_BIRTHDAY")]
    #[serde(rename = "USER_BIRTHDAY")]
    UserBirthday,
    /// Authorized to obtain the user nationality.
    #[strum(serialize = "USER_NATIONALITY")]
    #[serde(rename = "USER_NATIONALITY")]
    UserNationality,
    /// Authorized to obtain the user contact info.
    #[strum(serialize = "USER_CONTACTINFO")]
    #[serde(rename = "USER_CONTACTINFO")]
    UserContactinfo,
    /// Authorized to obtain the user address.
    #[strum(serialize = "USER_ADDRESS")]
    #[serde(rename = "USER_ADDRESS")]
    UserAddress,
    /// Authorized to send notification to user via SMS/PUSH/INBOX.
    #[strum(serialize = "SEND_MESSAGE")]
    #[serde(rename = "SEND_MESSAGE")]
    SendMessage,
    /// Authorized to obtain the unique user ID.
    #[deprecated(note = "Legacy scope, not recommended: use USER_ID.")]
    #[strum(serialize = "auth_base")]
    #[serde(rename = "auth_base")]
    AuthBase,
    /// Authorized to obtain user information.
    #[deprecated(note = "Legacy scope, not recommended: request the USER_* scopes you need.")]
    #[strum(serialize = "auth_user")]
    #[serde(rename = "auth_user")]
    AuthUser,
}

#[allow(deprecated)]
impl AlipayPlusScope {
    /// Every scope, in spec order.
    pub const ALL: [Self; 15] = [
        Self::UserId,
        Self::UserNickname,
        Self::UserName,
        Self::UserLoginId,
        Self::PlaintextUserLoginId,
        Self::HashLoginId,
        Self::UserAvatar,
        Self::UserGender,
        Self::UserBirthday,
        Self::UserNationality,
        Self::UserContactinfo,
        Self::UserAddress,
        Self::SendMessage,
        Self::AuthBase,
        Self::AuthUser,
    ];

    /// The position of the scope in [`Self::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::UserId => "USER_ID",
            Self::UserNickname => "USER_NICKNAME",
            Self::UserName => "USER_NAME",
            Self::UserLoginId => "USER_LOGIN_ID",
            Self::PlaintextUserLoginId => "PLAINTEXT_USER_LOGIN_ID",
            Self::HashLoginId => "HASH_LOGIN_ID",
            Self::UserAvatar => "USER_AVATAR",
            Self::UserGender => "USER_GENDER",
            Self::UserBirthday => "USER_BIRTHDAY",
            Self::UserNationality => "USER_NATIONALITY",
            Self::UserContactinfo => "USER_CONTACTINFO",
            Self::UserAddress => "USER_ADDRESS",
            Self::SendMessage => "SEND_MESSAGE",
            Self::AuthBase => "auth_base",
            Self::AuthUser => "auth_user",
        }
    }

    /// Whether the scope is granted silently or needs consent.
    pub const fn authorization(self) -> Authorization {
        match self {
            Self::UserId => Authorization::Silent,
            Self::UserNickname => Authorization::Proactive,
            Self::UserName => Authorization::Proactive,
            Self::UserLoginId => Authorization::Proactive,
            Self::PlaintextUserLoginId => Authorization::Proactive,
            Self::HashLoginId => Authorization::Proactive,
            Self::UserAvatar => Authorization::Proactive,
            Self::UserGender => Authorization::Proactive,
            Self::UserBirthday => Authorization::Proactive,
            Self::UserNationality => Authorization::Proactive,
            Self::UserContactinfo => Authorization::Proactive,
            Self::UserAddress => Authorization::Proactive,
            Self::SendMessage => Authorization::Proactive,
            Self::AuthBase => Authorization::Silent,
            Self::AuthUser => Authorization::Proactive,
        }
    }

    /// `true` when the scope is granted without a consent prompt.
    pub const fn is_silent(self) -> bool {
        matches!(self.authorization(), Authorization::Silent)
    }

    /// `true` when the user must consent to the scope.
    pub const fn is_proactive(self) -> bool {
        !self.is_silent()
    }

    /// `true` for legacy scopes.
    pub const fn is_deprecated(self) -> bool {
        self.deprecation_note().is_some()
    }

    /// The deprecation note of legacy scopes.
    pub const fn deprecation_note(self) -> Option<&'static str> {
        match self {
            Self::UserId => None,
            Self::UserNickname => None,
            Self::UserName => None,
            Self::UserLoginId => None,
            Self::PlaintextUserLoginId => None,
            Self::HashLoginId => None,
            Self::UserAvatar => None,
            Self::UserGender => None,
            Self::UserBirthday => None,
            Self::UserNationality => None,
            Self::UserContactinfo => None,
            Self::UserAddress => None,
            Self::SendMessage => None,
            Self::AuthBase => Some("Legacy scope, not recommended: use USER_ID."),
            Self::AuthUser => {
                Some("Legacy scope, not recommended: request the USER_* scopes you need.")
            }
        }
    }

    /// What the scope authorizes.
    pub const fn description(self) -> &'static str {
        match self {
            Self::UserId => "Authorized to obtain the unique user ID.",
            Self::UserNickname => "Authorized to obtain the user nickname.",
            Self::UserName => "Authorized to obtain the user name.",
            Self::UserLoginId => {
                "Authorized to obtain the user login ID, which is several hidden bits of the phone number to protect users' privacy."
            }
            Self::PlaintextUserLoginId => {
                "Authorized to obtain the user login ID that without hidden bits."
            }
            Self::HashLoginId => "Authorized to obtain the hash user login ID.",
            Self::UserAvatar => "Authorized to obtain the user avatar.",
            Self::UserGender => "Authorized to obtain the user gender.",
            Self::UserBirthday => "Authorized to obtain the user birthday.",
            Self::UserNationality => "Authorized to obtain the user nationality.",
            Self::UserContactinfo => "Authorized to obtain the user contact info.",
            Self::UserAddress => "Authorized to obtain the user address.",
            Self::SendMessage => "Authorized to send notification to user via SMS/PUSH/INBOX.",
            Self::AuthBase => "Authorized to obtain the unique user ID.",
            Self::AuthUser => "Authorized to obtain user information.",
        }
    }

    /// Other wire names accepted for the scope.
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::UserId => &[],
            Self::UserNickname => &[],
            Self::UserName => &[],
            Self::UserLoginId => &[],
            Self::PlaintextUserLoginId => &[],
            Self::HashLoginId => &[],
            Self::UserAvatar => &[],
            Self::UserGender => &[],
            Self::UserBirthday => &[],
            Self::UserNationality => &[],
            Self::UserContactinfo => &[],
            Self::UserAddress => &[],
            Self::SendMessage => &[],
            Self::AuthBase => &[],
            Self::AuthUser => &[],
        }
    }

    /// The user-info fields the scope releases.
    pub const fn grants(self) -> &'static [UserInfoField] {
        match self {
            Self::UserId => &[UserInfoField::UserId],
            Self::UserNickname => &[UserInfoField::NickName],
            Self::UserName => &[UserInfoField::UserName],
            Self::UserLoginId => &[UserInfoField::MaskLoginId],
            Self::PlaintextUserLoginId => &[UserInfoField::LoginId],
            Self::HashLoginId => &[UserInfoField::HashLoginId],
            Self::UserAvatar => &[UserInfoField::Avatar],
            Self::UserGender => &[UserInfoField::Gender],
            Self::UserBirthday => &[UserInfoField::BirthDate],
            Self::UserNationality => &[UserInfoField::Nationality],
            Self::UserContactinfo => &[UserInfoField::ContactInfos],
            Self::UserAddress => &[UserInfoField::Addresses],
            Self::SendMessage => &[],
            Self::AuthBase => &[UserInfoField::UserId],
            Self::AuthUser => &[
                UserInfoField::UserId,
                UserInfoField::NickName,
                UserInfoField::UserName,
                UserInfoField::Avatar,
                UserInfoField::Gender,
            ],
        }
    }
}
