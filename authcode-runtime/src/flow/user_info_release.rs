//! Cutting a profile down to what a set of granted fields allows: what inquiryUserInfo does
//! with the scopes of an access token.

use crate::UserInfoField;
use crate::flow::{LoginIdInfo, UserInfo};

impl UserInfo {
    /// The part of this profile that `fields` release; everything else is absent.
    ///
    /// Deny by default: fields of the profile that no [`UserInfoField`] names (the `extra`
    /// map) are never released, since no scope can have granted them. Within a login ID, each
    /// form (plain, masked, hashed) is released only with its own field; its `loginIdType`
    /// goes with any released form, and a login ID with no released form is left out.
    ///
    /// ```
    /// use authcode_runtime::UserInfoField;
    /// use authcode_runtime::flow::{LoginIdInfo, UserInfo};
    ///
    /// let profile = UserInfo {
    ///     user_id: Some("2088001".into()),
    ///     nick_name: Some("Ana".into()),
    ///     avatar: Some("https://example.com/ana.png".into()),
    ///     login_id_infos: Some(vec![LoginIdInfo {
    ///         login_id_type: Some("MOBILE_PHONE".into()),
    ///         login_id: Some("639171234567".into()),
    ///         mask_login_id: Some("63-917****567".into()),
    ///         ..Default::default()
    ///     }]),
    ///     ..Default::default()
    /// };
    /// let released = profile.released(&[UserInfoField::UserId, UserInfoField::MaskLoginId]);
    /// assert_eq!(
    ///     serde_json::to_value(&released)?,
    ///     serde_json::json!({
    ///         "userId": "2088001",
    ///         "loginIdInfos": [{"loginIdType": "MOBILE_PHONE", "maskLoginId": "63-917****567"}]
    ///     })
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn released(&self, fields: &[UserInfoField]) -> UserInfo {
        let has = |field| fields.contains(&field);
        let keep = |field, value: &Option<_>| if has(field) { value.clone() } else { None };
        UserInfo {
            user_id: keep(UserInfoField::UserId, &self.user_id),
            nick_name: keep(UserInfoField::NickName, &self.nick_name),
            user_name: if has(UserInfoField::UserName) {
                self.user_name.clone()
            } else {
                None
            },
            avatar: keep(UserInfoField::Avatar, &self.avatar),
            gender: keep(UserInfoField::Gender, &self.gender),
            birth_date: keep(UserInfoField::BirthDate, &self.birth_date),
            nationality: keep(UserInfoField::Nationality, &self.nationality),
            login_id_infos: self
                .login_id_infos
                .as_deref()
                .map(|infos| released_login_ids(infos, &has))
                .filter(|infos| !infos.is_empty()),
            contact_infos: if has(UserInfoField::ContactInfos) {
                self.contact_infos.clone()
            } else {
                None
            },
            addresses: if has(UserInfoField::Addresses) {
                self.addresses.clone()
            } else {
                None
            },
            extra: Default::default(),
        }
    }
}

fn released_login_ids(
    infos: &[LoginIdInfo],
    has: &impl Fn(UserInfoField) -> bool,
) -> Vec<LoginIdInfo> {
    infos
        .iter()
        .filter_map(|info| {
            let form = |field, value: &Option<String>| value.clone().filter(|_| has(field));
            let released = LoginIdInfo {
                login_id_type: None,
                login_id: form(UserInfoField::LoginId, &info.login_id),
                mask_login_id: form(UserInfoField::MaskLoginId, &info.mask_login_id),
                hash_login_id: form(UserInfoField::HashLoginId, &info.hash_login_id),
                // Unknown entries could be any form of the ID (or the ID itself): withheld.
                extra: Default::default(),
            };
            let any_form = released.login_id.is_some()
                || released.mask_login_id.is_some()
                || released.hash_login_id.is_some();
            any_form.then(|| LoginIdInfo {
                login_id_type: info.login_id_type.clone(),
                ..released
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{Address, ContactInfo, UserName};
    use serde_json::json;

    fn full_profile() -> UserInfo {
        serde_json::from_value(json!({
            "userId": "2088001",
            "nickName": "Ana",
            "userName": {"fullName": "Ana Cruz", "middleName": "M"},
            "avatar": "https://example.com/ana.png",
            "gender": "FEMALE",
            "birthDate": "1990-01-31",
            "nationality": "PH",
            "loginIdInfos": [
                {"loginIdType": "MOBILE_PHONE", "loginId": "639171234567",
                 "maskLoginId": "63-917****567", "hashLoginId": "9f86d0", "secretNote": "x"},
                {"loginIdType": "EMAIL", "loginId": "ana@example.com"}
            ],
            "contactInfos": [{"contactNo": "ana@example.com", "contactType": "EMAIL"}],
            "addresses": [{"region": "PH", "city": "Makati"}],
            "vipLevel": 3
        }))
        .unwrap()
    }

    #[test]
    fn nothing_granted_releases_nothing() {
        assert_eq!(full_profile().released(&[]), UserInfo::default());
    }

    #[test]
    fn every_field_granted_releases_all_but_unknown_fields() {
        let released = full_profile().released(UserInfoField::ALL);
        let mut expected = full_profile();
        expected.extra.clear();
        expected.login_id_infos.as_mut().unwrap()[0].extra.clear();
        assert_eq!(released, expected);
    }

    #[test]
    fn each_field_releases_only_itself() {
        let profile = full_profile();
        for &field in UserInfoField::ALL {
            let released = serde_json::to_value(profile.released(&[field])).unwrap();
            let keys: Vec<&str> = released
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let top_level = field.as_str().split('.').next().unwrap();
            assert_eq!(keys, [top_level], "{field}");
        }
    }

    #[test]
    fn login_id_forms_are_released_separately() {
        let profile = full_profile();
        let hashed = profile.released(&[UserInfoField::HashLoginId]);
        // Only the phone number has a hashed form; the e-mail entry is dropped entirely.
        assert_eq!(
            hashed.login_id_infos,
            Some(vec![LoginIdInfo {
                login_id_type: Some("MOBILE_PHONE".into()),
                hash_login_id: Some("9f86d0".into()),
                ..Default::default()
            }])
        );
        let plain = profile.released(&[UserInfoField::LoginId]);
        let plain_ids: Vec<_> = plain
            .login_id_infos
            .unwrap()
            .into_iter()
            .map(|info| {
                (
                    info.login_id.unwrap(),
                    info.mask_login_id,
                    info.hash_login_id,
                )
            })
            .collect();
        assert_eq!(
            plain_ids,
            [
                ("639171234567".to_owned(), None, None),
                ("ana@example.com".to_owned(), None, None)
            ]
        );
    }

    #[test]
    fn nested_objects_are_released_whole() {
        let profile = full_profile();
        let released = profile.released(&[
            UserInfoField::UserName,
            UserInfoField::ContactInfos,
            UserInfoField::Addresses,
        ]);
        assert_eq!(released.user_name, profile.user_name);
        assert_eq!(
            released
                .user_name
                .as_ref()
                .map(|n: &UserName| &n.extra["middleName"]),
            Some(&json!("M"))
        );
        assert_eq!(
            released.contact_infos.as_deref().map(<[ContactInfo]>::len),
            Some(1)
        );
        assert_eq!(released.addresses.as_deref().map(<[Address]>::len), Some(1));
        assert_eq!(released.user_id, None);
    }
}
