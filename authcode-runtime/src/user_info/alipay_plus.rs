//! The Alipay+ `userInfo` model: what inquiryUserInfo returns about a user.
//!
//! Every field is optional, because a response carries only what the access token's scopes
//! release (see [`UserInfoModel::released`](crate::UserInfoModel::released)). Fields this model
//! does not know yet are kept in `extra` and written back unchanged, so a wallet adding a field
//! never breaks parsing.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A user's profile in the Alipay+ `userInfo` model; wire names are camelCase.
///
/// ```
/// use authcode_runtime::UserInfo;
///
/// let json = r#"{"userId":"2088001","nickName":"Ana","vipLevel":3}"#;
/// let user: UserInfo = serde_json::from_str(json)?;
/// assert_eq!(user.user_id.as_deref(), Some("2088001"));
/// assert_eq!(user.nick_name.as_deref(), Some("Ana"));
/// assert_eq!(user.avatar, None);
/// // An unknown field is kept and written back.
/// assert_eq!(user.extra["vipLevel"], 3);
/// assert_eq!(serde_json::to_string(&user)?, json);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserInfo {
    /// `userId`: the user's unique ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// `nickName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nick_name: Option<String>,
    /// `userName`: the user's legal name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<UserName>,
    /// `avatar`: a URL of the user's picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    /// `gender`, e.g. `MALE` or `FEMALE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// `birthDate`, e.g. `1990-01-31`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// `nationality`: an ISO 3166 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// `loginIdInfos`: the user's login IDs, each in plain, masked and hashed forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id_infos: Option<Vec<LoginIdInfo>>,
    /// `contactInfos`: phone numbers and e-mail addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_infos: Option<Vec<ContactInfo>>,
    /// `addresses`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Address>>,
    /// Fields this model does not know, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `userName`: the parts of a user's legal name.
///
/// ```
/// use authcode_runtime::UserName;
/// let name: UserName = serde_json::from_str(r#"{"fullName":"Ana Cruz","firstName":"Ana"}"#)?;
/// assert_eq!(name.first_name.as_deref(), Some("Ana"));
/// assert_eq!(name.last_name, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserName {
    /// `fullName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// `firstName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// `lastName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Fields this model does not know (e.g. `middleName`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One entry of `loginIdInfos`: a login ID (a phone number, an e-mail address, ...) in the
/// forms a merchant may be granted: plain, masked, or hashed.
///
/// ```
/// use authcode_runtime::LoginIdInfo;
/// let info: LoginIdInfo = serde_json::from_str(
///     r#"{"loginIdType":"MOBILE_PHONE","maskLoginId":"63-917****567"}"#,
/// )?;
/// assert_eq!(info.login_id, None);
/// assert_eq!(info.mask_login_id.as_deref(), Some("63-917****567"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginIdInfo {
    /// `loginIdType`, e.g. `MOBILE_PHONE` or `EMAIL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id_type: Option<String>,
    /// `loginId`: the login ID in plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_id: Option<String>,
    /// `maskLoginId`: the login ID with some characters hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask_login_id: Option<String>,
    /// `hashLoginId`: a hash of the login ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_login_id: Option<String>,
    /// Fields this model does not know, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One entry of `contactInfos`.
///
/// ```
/// use authcode_runtime::ContactInfo;
/// let contact: ContactInfo =
///     serde_json::from_str(r#"{"contactNo":"ana@example.com","contactType":"EMAIL"}"#)?;
/// assert_eq!(contact.contact_type.as_deref(), Some("EMAIL"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactInfo {
    /// `contactNo`: the phone number or e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_no: Option<String>,
    /// `contactType`, e.g. `MOBILE_PHONE` or `EMAIL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// Fields this model does not know, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One entry of `addresses`.
///
/// ```
/// use authcode_runtime::Address;
/// let address: Address = serde_json::from_str(r#"{"region":"PH","city":"Makati","zipCode":"1200"}"#)?;
/// assert_eq!(address.zip_code.as_deref(), Some("1200"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// `region`: an ISO 3166 country or region code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// `state`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `city`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `address1`: the first address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address1: Option<String>,
    /// `address2`: the second address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    /// `zipCode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_full_profile_round_trips_with_wire_names() {
        let wire = json!({
            "userId": "2088001",
            "nickName": "Ana",
            "userName": {"fullName": "Ana Cruz", "firstName": "Ana", "lastName": "Cruz", "middleName": "M"},
            "avatar": "https://example.com/ana.png",
            "gender": "FEMALE",
            "birthDate": "1990-01-31",
            "nationality": "PH",
            "loginIdInfos": [{"loginIdType": "MOBILE_PHONE", "loginId": "639171234567",
                              "maskLoginId": "63-917****567", "hashLoginId": "9f86d0"}],
            "contactInfos": [{"contactNo": "ana@example.com", "contactType": "EMAIL"}],
            "addresses": [{"region": "PH", "state": "NCR", "city": "Makati", "address1": "1 Ayala Ave",
                           "address2": "Unit 2", "zipCode": "1200", "label": "HOME"}],
            "vipLevel": 3
        });
        let user: UserInfo = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(user.birth_date.as_deref(), Some("1990-01-31"));
        let name = user.user_name.as_ref().unwrap();
        assert_eq!(name.last_name.as_deref(), Some("Cruz"));
        assert_eq!(name.extra["middleName"], "M");
        assert_eq!(user.addresses.as_ref().unwrap()[0].extra["label"], "HOME");
        assert_eq!(
            user.login_id_infos.as_ref().unwrap()[0]
                .hash_login_id
                .as_deref(),
            Some("9f86d0")
        );
        assert_eq!(serde_json::to_value(&user).unwrap(), wire);
    }

    #[test]
    fn an_empty_profile_is_an_empty_object() {
        assert_eq!(serde_json::to_string(&UserInfo::default()).unwrap(), "{}");
        assert_eq!(
            serde_json::from_str::<UserInfo>("{}").unwrap(),
            UserInfo::default()
        );
    }

    #[test]
    fn malformed_input_is_an_error() {
        for bad in [
            r#"[]"#,
            r#"{"userId": 7}"#,
            r#"{"loginIdInfos": {"loginId": "x"}}"#,
            r#"{"userName": "Ana"}"#,
            r#"{"userId": "a""#,
        ] {
            assert!(serde_json::from_str::<UserInfo>(bad).is_err(), "{bad}");
        }
        // Deep nesting in an unknown field hits serde_json's recursion limit: an error, no
        // stack overflow.
        let deep = format!(r#"{{"x":{}{}}}"#, "[".repeat(10_000), "]".repeat(10_000));
        let err = serde_json::from_str::<UserInfo>(&deep).unwrap_err();
        assert!(err.to_string().contains("recursion limit"), "{err}");
    }
}
