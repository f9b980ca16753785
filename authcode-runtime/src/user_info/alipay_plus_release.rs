//! Cutting an Alipay+ profile down to a set of released fields: what inquiryUserInfo does with
//! the scopes of an access token.

use crate::user_info::{
    Address, ContactInfo, FieldSet, LoginIdInfo, UserInfo, UserInfoField, UserInfoModel, UserName,
};

type Fields = FieldSet<UserInfoField>;

impl UserInfoModel for UserInfo {
    type Field = UserInfoField;

    fn released(&self, fields: &Fields) -> UserInfo {
        use UserInfoField as F;
        let keep = |field, value: &Option<String>| value.clone().filter(|_| fields.contains(field));
        UserInfo {
            user_id: keep(F::UserId, &self.user_id),
            nick_name: keep(F::NickName, &self.nick_name),
            user_name: object(fields, F::UserName, &self.user_name, |name| UserName {
                full_name: keep(F::UserNameFullName, &name.full_name),
                first_name: keep(F::UserNameFirstName, &name.first_name),
                last_name: keep(F::UserNameLastName, &name.last_name),
                extra: Default::default(),
            }),
            avatar: keep(F::Avatar, &self.avatar),
            gender: keep(F::Gender, &self.gender),
            birth_date: keep(F::BirthDate, &self.birth_date),
            nationality: keep(F::Nationality, &self.nationality),
            login_id_infos: items(fields, F::LoginIdInfos, &self.login_id_infos, |info| {
                LoginIdInfo {
                    login_id_type: keep(F::LoginIdInfosLoginIdType, &info.login_id_type),
                    login_id: keep(F::LoginIdInfosLoginId, &info.login_id),
                    mask_login_id: keep(F::LoginIdInfosMaskLoginId, &info.mask_login_id),
                    hash_login_id: keep(F::LoginIdInfosHashLoginId, &info.hash_login_id),
                    extra: Default::default(),
                }
            }),
            contact_infos: items(fields, F::ContactInfos, &self.contact_infos, |info| {
                ContactInfo {
                    contact_no: keep(F::ContactInfosContactNo, &info.contact_no),
                    contact_type: keep(F::ContactInfosContactType, &info.contact_type),
                    extra: Default::default(),
                }
            }),
            addresses: items(fields, F::Addresses, &self.addresses, |address| Address {
                region: keep(F::AddressesRegion, &address.region),
                state: keep(F::AddressesState, &address.state),
                city: keep(F::AddressesCity, &address.city),
                address1: keep(F::AddressesAddress1, &address.address1),
                address2: keep(F::AddressesAddress2, &address.address2),
                zip_code: keep(F::AddressesZipCode, &address.zip_code),
                extra: Default::default(),
            }),
            // Fields the model does not know are released by no scope.
            extra: Default::default(),
        }
    }

    fn set_user_id(&mut self, user_id: &str) {
        self.user_id = Some(user_id.to_owned());
    }
}

/// An object field: whole when it is released, in part when fields inside it are, else none.
fn object<T: Clone + Default + PartialEq>(
    fields: &Fields,
    field: UserInfoField,
    value: &Option<T>,
    part: impl Fn(&T) -> T,
) -> Option<T> {
    if fields.contains(field) {
        value.clone()
    } else if fields.any_inside(field) {
        value
            .as_ref()
            .map(part)
            .filter(|kept| *kept != T::default())
    } else {
        None
    }
}

/// An array of objects: as [`object`], item by item, leaving out items with nothing released.
fn items<T: Clone + Default + PartialEq>(
    fields: &Fields,
    field: UserInfoField,
    value: &Option<Vec<T>>,
    part: impl Fn(&T) -> T,
) -> Option<Vec<T>> {
    if fields.contains(field) {
        value.clone()
    } else if fields.any_inside(field) {
        let kept: Vec<T> = value
            .iter()
            .flatten()
            .map(&part)
            .filter(|kept| *kept != T::default())
            .collect();
        (!kept.is_empty()).then_some(kept)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ModelField;
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

    fn of(fields: &[UserInfoField]) -> Fields {
        fields.iter().copied().collect()
    }

    #[test]
    fn nothing_granted_releases_nothing() {
        assert_eq!(full_profile().released(&of(&[])), UserInfo::default());
    }

    #[test]
    fn every_field_granted_releases_all_but_unknown_top_level_fields() {
        let released = full_profile().released(&of(UserInfoField::ALL));
        let mut expected = full_profile();
        expected.extra.clear();
        assert_eq!(released, expected);
    }

    #[test]
    fn each_top_level_field_releases_only_itself() {
        let profile = full_profile();
        for &field in UserInfoField::ALL {
            let released = serde_json::to_value(profile.released(&of(&[field]))).unwrap();
            let keys: Vec<&str> = released
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let top_level = field.path().split('.').next().unwrap();
            let has_value = !keys.is_empty();
            // A granted path the profile has no value for releases nothing.
            if has_value {
                assert_eq!(keys, [top_level], "{field}");
            }
        }
    }

    #[test]
    fn login_id_forms_are_released_separately() {
        let profile = full_profile();
        let hashed = profile.released(&of(&[
            UserInfoField::LoginIdInfosHashLoginId,
            UserInfoField::LoginIdInfosLoginIdType,
        ]));
        // Only the phone number has a hashed form; the e-mail entry keeps its type alone.
        assert_eq!(
            serde_json::to_value(&hashed).unwrap(),
            json!({"loginIdInfos": [{"loginIdType": "MOBILE_PHONE", "hashLoginId": "9f86d0"},
                                    {"loginIdType": "EMAIL"}]})
        );
        let plain = profile.released(&of(&[UserInfoField::LoginIdInfosLoginId]));
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            json!({"loginIdInfos": [{"loginId": "639171234567"}, {"loginId": "ana@example.com"}]})
        );
        let masked = profile.released(&of(&[UserInfoField::LoginIdInfosMaskLoginId]));
        assert_eq!(
            serde_json::to_value(&masked).unwrap(),
            json!({"loginIdInfos": [{"maskLoginId": "63-917****567"}]})
        );
    }

    #[test]
    fn objects_granted_whole_keep_their_unknown_fields() {
        let profile = full_profile();
        let released = profile.released(&of(&[
            UserInfoField::UserName,
            UserInfoField::ContactInfos,
            UserInfoField::Addresses,
        ]));
        assert_eq!(released.user_name, profile.user_name);
        assert_eq!(
            released.user_name.as_ref().map(|n| &n.extra["middleName"]),
            Some(&json!("M"))
        );
        assert_eq!(released.contact_infos, profile.contact_infos);
        assert_eq!(released.addresses, profile.addresses);
        assert_eq!(released.user_id, None);
        // In part, an object keeps only what is named.
        let first = profile.released(&of(&[UserInfoField::UserNameFullName]));
        assert_eq!(
            serde_json::to_value(&first).unwrap(),
            json!({"userName": {"fullName": "Ana Cruz"}})
        );
        let nothing = profile.released(&of(&[UserInfoField::UserNameLastName]));
        assert_eq!(nothing, UserInfo::default());
    }
}
