//! inquiryUserInfo releases exactly the fields that the access token's scopes grant.

mod flow_fixture;

use authcode_runtime::flow::{InquiryUserInfoRequest, ResultCode, UserInfo};
use authcode_runtime::{Scope, UserInfoField};
use flow_fixture::{AlipayPlusScope, MERCHANT, USER, ana, wallet};
use serde_json::{Value, json};

fn keys(user: &UserInfo) -> Vec<String> {
    match serde_json::to_value(user).unwrap() {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn each_scope_releases_the_fields_its_spec_grants() {
    let wallet = wallet();
    for &scope in AlipayPlusScope::ALL {
        let tokens = wallet.exchange(&wallet.code(&[scope.as_str()])).unwrap();
        let user = wallet.user_info(&tokens).unwrap();
        assert_eq!(user, ana_with_id().released(scope.grants()), "{scope}");
        let mut expected: Vec<String> = scope
            .grants()
            .iter()
            .map(|field| field.as_str().split('.').next().unwrap().to_owned())
            .collect();
        expected.sort();
        expected.dedup();
        let mut got = keys(&user);
        got.sort();
        assert_eq!(got, expected, "{scope}");
    }
}

fn ana_with_id() -> UserInfo {
    UserInfo {
        user_id: Some(USER.to_owned()),
        ..ana()
    }
}

#[test]
fn the_seed_request_releases_id_nickname_and_avatar() {
    let wallet = wallet();
    let tokens = wallet
        .exchange(&wallet.code(&["USER_ID", "USER_NICKNAME", "USER_AVATAR"]))
        .unwrap();
    let response = authcode_runtime::flow::InquiryUserInfoResponse::from(wallet.user_info(&tokens));
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({
            "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
            "userInfo": {"userId": USER, "nickName": "Ana", "avatar": "https://example.com/ana.png"}
        })
    );
}

#[test]
fn login_id_scopes_release_one_form_each() {
    let wallet = wallet();
    let cases = [
        (
            "USER_LOGIN_ID",
            json!({"loginIdType": "MOBILE_PHONE", "maskLoginId": "63-917****567"}),
        ),
        (
            "PLAINTEXT_USER_LOGIN_ID",
            json!({"loginIdType": "MOBILE_PHONE", "loginId": "639171234567"}),
        ),
        (
            "HASH_LOGIN_ID",
            json!({"loginIdType": "MOBILE_PHONE", "hashLoginId": "9f86d081884c7d65"}),
        ),
    ];
    for (scope, expected) in cases {
        let tokens = wallet.exchange(&wallet.code(&[scope])).unwrap();
        let user = serde_json::to_value(wallet.user_info(&tokens).unwrap()).unwrap();
        assert_eq!(user, json!({"loginIdInfos": [expected]}), "{scope}");
    }
}

#[test]
fn send_message_releases_no_field_and_auth_user_the_basic_profile() {
    let wallet = wallet();
    let tokens = wallet.exchange(&wallet.code(&["SEND_MESSAGE"])).unwrap();
    assert_eq!(wallet.user_info(&tokens).unwrap(), UserInfo::default());

    let tokens = wallet.exchange(&wallet.code(&["auth_user"])).unwrap();
    let mut got = keys(&wallet.user_info(&tokens).unwrap());
    got.sort();
    assert_eq!(got, ["avatar", "gender", "nickName", "userId", "userName"]);
}

#[test]
fn fields_no_scope_can_grant_are_never_released() {
    let wallet = wallet();
    let every_scope: Vec<&str> = AlipayPlusScope::ALL.iter().map(|s| s.as_str()).collect();
    let tokens = wallet.exchange(&wallet.code(&every_scope)).unwrap();
    let user = wallet.user_info(&tokens).unwrap();
    assert!(user.extra.is_empty(), "{:?}", user.extra);
    let mut expected = ana_with_id();
    expected.extra.clear();
    assert_eq!(user, expected);
    assert_eq!(
        keys(&user).len(),
        UserInfoField::ALL.len() - 2,
        "the three login ID forms share one key"
    );
}

#[test]
fn unknown_tokens_and_vanished_users_are_invalid_access_tokens() {
    let wallet = wallet();
    let err = wallet
        .server
        .inquiry_user_info(
            MERCHANT,
            &InquiryUserInfoRequest::new(authcode_runtime::flow::AccessToken::new("nope")),
        )
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidAccessToken);
    let err = wallet
        .server
        .inquiry_user_info(
            MERCHANT,
            &InquiryUserInfoRequest::new(authcode_runtime::flow::AccessToken::new("")),
        )
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ParamIllegal);

    // A profile update is visible to existing tokens.
    let tokens = wallet.exchange(&wallet.code(&["USER_NICKNAME"])).unwrap();
    wallet
        .server
        .add_user(
            USER,
            UserInfo {
                nick_name: Some("Ana C.".into()),
                ..ana()
            },
        )
        .unwrap();
    assert_eq!(
        wallet.user_info(&tokens).unwrap().nick_name.as_deref(),
        Some("Ana C.")
    );
}
