//! The Alipay+ model the runtime generates from the spec reader's definition: its serde form
//! and its release to granted paths.

mod serde_form {
    use crate::UserInfo;
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

mod release {
    use crate::{FieldSet, ModelField, UserInfo, UserInfoField, UserInfoModel};
    use serde_json::json;

    type Fields = FieldSet<UserInfoField>;

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
