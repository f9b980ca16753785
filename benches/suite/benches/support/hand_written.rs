//! The Alipay+ scopes as a user would write them without the derive: strum for parsing and
//! printing, serde with renames for JSON. The baseline of the parsing and response benches.

/// The 15 scopes of `spec/alipay-plus.json`, in spec order.
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
pub enum HandScope {
    #[strum(serialize = "USER_ID")]
    #[serde(rename = "USER_ID")]
    UserId,
    #[strum(serialize = "USER_NICKNAME")]
    #[serde(rename = "USER_NICKNAME")]
    UserNickname,
    #[strum(serialize = "USER_NAME")]
    #[serde(rename = "USER_NAME")]
    UserName,
    #[strum(serialize = "USER_LOGIN_ID")]
    #[serde(rename = "USER_LOGIN_ID")]
    UserLoginId,
    #[strum(serialize = "PLAINTEXT_USER_LOGIN_ID")]
    #[serde(rename = "PLAINTEXT_USER_LOGIN_ID")]
    PlaintextUserLoginId,
    #[strum(serialize = "HASH_LOGIN_ID")]
    #[serde(rename = "HASH_LOGIN_ID")]
    HashLoginId,
    #[strum(serialize = "USER_AVATAR")]
    #[serde(rename = "USER_AVATAR")]
    UserAvatar,
    #[strum(serialize = "USER_GENDER")]
    #[serde(rename = "USER_GENDER")]
    UserGender,
    #[strum(serialize = "USER_BIRTHDAY")]
    #[serde(rename = "USER_BIRTHDAY")]
    UserBirthday,
    #[strum(serialize = "USER_NATIONALITY")]
    #[serde(rename = "USER_NATIONALITY")]
    UserNationality,
    #[strum(serialize = "USER_CONTACTINFO")]
    #[serde(rename = "USER_CONTACTINFO")]
    UserContactinfo,
    #[strum(serialize = "USER_ADDRESS")]
    #[serde(rename = "USER_ADDRESS")]
    UserAddress,
    #[strum(serialize = "SEND_MESSAGE")]
    #[serde(rename = "SEND_MESSAGE")]
    SendMessage,
    #[strum(serialize = "auth_base")]
    #[serde(rename = "auth_base")]
    AuthBase,
    #[strum(serialize = "auth_user")]
    #[serde(rename = "auth_user")]
    AuthUser,
}
