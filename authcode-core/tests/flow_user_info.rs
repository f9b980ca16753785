//! inquiryUserInfo releases exactly the fields that the access token's scopes grant.

extern crate authcode_core as authcode_runtime;

mod flow_fixture;

use authcode_runtime::flow::inquiry_user_info_response;
use authcode_runtime::wire::{AccessToken, InquiryUserInfoRequest, ResultCode};
use authcode_runtime::{FieldSet, ModelField, Scope, UserInfo, UserInfoField, UserInfoModel};
use flow_fixture::{AlipayPlusScope, MERCHANT, USER, ana, wallet};
use serde_json::{Value, json};

fn keys(user: &UserInfo) -> Vec<String> {
    match serde_json::to_value(user).unwrap() {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

#[tokio::test]
async fn each_scope_releases_the_fields_its_spec_grants() {
    let wallet = wallet().await;
    for &scope in AlipayPlusScope::ALL {
        let tokens = wallet
            .exchange(&wallet.code(&[scope.as_str()]).await)
            .await
            .unwrap();
        let user = wallet.user_info(&tokens).await.unwrap();
        let grants: FieldSet<UserInfoField> = scope.grants().iter().copied().collect();
        assert_eq!(user, ana_with_id().released(&grants), "{scope}");
        let mut expected: Vec<String> = scope
            .grants()
            .iter()
            .map(|field| field.path().split('.').next().unwrap().to_owned())
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

#[tokio::test]
async fn the_documented_sample_request_releases_id_nickname_and_avatar() {
    let wallet = wallet().await;
    let tokens = wallet
        .exchange(
            &wallet
                .code(&["USER_ID", "USER_NICKNAME", "USER_AVATAR"])
                .await,
        )
        .await
        .unwrap();
    let response = inquiry_user_info_response(wallet.user_info(&tokens).await);
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({
            "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
            "userInfo": {"userId": USER, "nickName": "Ana", "avatar": "https://example.com/ana.png"}
        })
    );
}

#[tokio::test]
async fn login_id_scopes_release_one_form_each() {
    let wallet = wallet().await;
    // Each scope releases exactly the paths it grants: one form of the login ID, with its
    // type (`loginIdInfos.loginIdType`), which every login-ID scope of the spec grants.
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
        let tokens = wallet.exchange(&wallet.code(&[scope]).await).await.unwrap();
        let user = serde_json::to_value(wallet.user_info(&tokens).await.unwrap()).unwrap();
        assert_eq!(user, json!({"loginIdInfos": [expected]}), "{scope}");
    }
}

#[tokio::test]
async fn send_message_releases_no_field_and_auth_user_the_basic_profile() {
    let wallet = wallet().await;
    let tokens = wallet
        .exchange(&wallet.code(&["SEND_MESSAGE"]).await)
        .await
        .unwrap();
    assert_eq!(
        wallet.user_info(&tokens).await.unwrap(),
        UserInfo::default()
    );

    let tokens = wallet
        .exchange(&wallet.code(&["auth_user"]).await)
        .await
        .unwrap();
    let mut got = keys(&wallet.user_info(&tokens).await.unwrap());
    got.sort();
    assert_eq!(got, ["avatar", "gender", "nickName", "userId", "userName"]);
}

#[tokio::test]
async fn fields_no_scope_can_grant_are_never_released() {
    let wallet = wallet().await;
    let every_scope: Vec<&str> = AlipayPlusScope::ALL.iter().map(|s| s.as_str()).collect();
    let tokens = wallet
        .exchange(&wallet.code(&every_scope).await)
        .await
        .unwrap();
    let user = wallet.user_info(&tokens).await.unwrap();
    assert!(user.extra.is_empty(), "{:?}", user.extra);
    let mut expected = ana_with_id();
    expected.extra.clear();
    assert_eq!(user, expected);
    // Every top-level field of the model (the paths without a dot), the three login ID
    // forms sharing one key.
    let top_level = UserInfoField::ALL
        .iter()
        .filter(|field| !field.path().contains('.'))
        .count();
    assert_eq!(top_level, 10);
    assert_eq!(keys(&user).len(), top_level);
}

#[tokio::test]
async fn unknown_tokens_and_vanished_users_are_invalid_access_tokens() {
    let wallet = wallet().await;
    let err = wallet
        .server
        .inquiry_user_info(
            MERCHANT,
            &InquiryUserInfoRequest::new(AccessToken::new("nope")),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidAccessToken);
    let err = wallet
        .server
        .inquiry_user_info(MERCHANT, &InquiryUserInfoRequest::new(AccessToken::new("")))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ParamIllegal);

    // A profile update is visible to existing tokens.
    let tokens = wallet
        .exchange(&wallet.code(&["USER_NICKNAME"]).await)
        .await
        .unwrap();
    wallet
        .server
        .add_user(
            USER,
            UserInfo {
                nick_name: Some("Ana C.".into()),
                ..ana()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        wallet
            .user_info(&tokens)
            .await
            .unwrap()
            .nick_name
            .as_deref(),
        Some("Ana C.")
    );
}
