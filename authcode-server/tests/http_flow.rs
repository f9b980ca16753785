//! The merchant client against the emulator over real HTTP on 127.0.0.1: the whole flow,
//! replay, refresh rotation, expiry, and clients that are not the code's, on the v1 and v2
//! paths.

mod http_support;

use std::time::Duration;

use authcode_client::{ClientError, GatewayProfile};
use authcode_runtime::wire::{RefreshToken, ResultCode, ResultStatus, Tokens};
use authcode_runtime::{
    AccessToken, AuthCode, AuthOutcome, JsapiErrorCode, ScopeErrorValue, UserInfo,
};
use http_support::{AlipayPlusScope, Emulator, MERCHANT, OTHER_MERCHANT, USER};
use serde_json::json;

fn code_of(result: Result<impl std::fmt::Debug, ClientError>) -> ResultCode {
    match result {
        Err(err) => err
            .result_code()
            .unwrap_or_else(|| panic!("not an API failure: {err}")),
        Ok(value) => panic!("expected a failure, got {value:?}"),
    }
}

/// The refresh token the emulator always hands out with an access token.
fn refresh_of(tokens: &Tokens) -> &RefreshToken {
    tokens.refresh_token.as_ref().expect("a refresh token")
}

#[tokio::test]
async fn the_whole_flow_releases_only_the_granted_fields() {
    let emulator = Emulator::start().await;
    let client = emulator.client();

    // my.getAuthCode: USER_ID is silent, the others need (and get) consent.
    let response = emulator
        .get_auth_code(
            &["USER_ID", "USER_NICKNAME", "USER_AVATAR"],
            json!("approve"),
        )
        .await;
    assert_eq!(response.outcome(), AuthOutcome::Granted);
    let code = response.auth_code().unwrap().clone();

    let tokens = client.apply_token(&code).await.unwrap();
    assert_eq!(tokens.customer_id.as_deref(), Some(USER));
    let now = emulator.auth.now();
    assert!(tokens.access_token_expiry_time > now);
    assert!(tokens.refresh_token_expiry_time.unwrap() > tokens.access_token_expiry_time);

    let user: UserInfo = client
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        json!({"userId": USER, "nickName": "Ana", "avatar": "https://example.com/ana.png"})
    );

    // Refresh: a new pair; the new access token works, the used refresh token does not.
    let refreshed = client.refresh_token(refresh_of(&tokens)).await.unwrap();
    assert_ne!(refreshed.access_token, tokens.access_token);
    assert!(
        client
            .inquiry_user_info::<UserInfo>(&refreshed.access_token)
            .await
            .is_ok()
    );
    assert_eq!(
        code_of(client.refresh_token(refresh_of(&tokens)).await),
        ResultCode::UsedRefreshToken
    );
    // Reusing it revoked the whole family, the refreshed tokens too.
    assert_eq!(
        code_of(
            client
                .inquiry_user_info::<UserInfo>(&refreshed.access_token)
                .await
        ),
        ResultCode::InvalidAccessToken
    );
    emulator.stop().await;
}

#[tokio::test]
async fn a_partial_grant_and_a_cancel_come_back_as_the_jsapi_reports_them() {
    let emulator = Emulator::start().await;
    let partial = emulator
        .get_auth_code(
            &["USER_ID", "USER_NICKNAME", "USER_GENDER"],
            json!(["USER_NICKNAME"]),
        )
        .await;
    assert_eq!(partial.outcome(), AuthOutcome::PartiallyGranted);
    assert_eq!(
        partial.denial(AlipayPlusScope::UserGender),
        Some(&ScopeErrorValue::from("11"))
    );
    let tokens = emulator
        .client()
        .apply_token(partial.auth_code().unwrap())
        .await
        .unwrap();
    let user: UserInfo = emulator
        .client()
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    assert_eq!(user.nick_name.as_deref(), Some("Ana"));
    assert_eq!(user.gender, None);

    // The nickname's consent is remembered, so asking for it again is granted silently; the
    // gender, denied above, is asked again, and this time the user cancels.
    let again = emulator
        .get_auth_code(&["USER_NICKNAME"], json!("cancel"))
        .await;
    assert_eq!(again.outcome(), AuthOutcome::Granted);
    let cancelled = emulator
        .get_auth_code(&["USER_GENDER"], json!("cancel"))
        .await;
    assert_eq!(cancelled.auth_code(), None);
    assert_eq!(cancelled.error(), Some(JsapiErrorCode::UserCancelled));

    // A scope the second merchant may not request is refused in authErrorScopes.
    let refused = emulator
        .get_auth_code_for(
            OTHER_MERCHANT,
            &["USER_ID", "USER_ADDRESS"],
            json!("approve"),
        )
        .await;
    assert_eq!(
        refused.denial(AlipayPlusScope::UserAddress),
        Some(&ScopeErrorValue::from("40006"))
    );
}

#[tokio::test]
async fn a_replayed_code_fails_and_revokes_the_tokens_issued_from_it() {
    let emulator = Emulator::start().await;
    let client = emulator.client();
    let code = emulator.code().await;
    let tokens = client.apply_token(&code).await.unwrap();
    assert!(read(&client, &tokens.access_token).await.is_ok());

    let replay = client.apply_token(&code).await;
    let Err(ClientError::Api(failure)) = replay else {
        panic!("{replay:?}")
    };
    assert_eq!(failure.code(), Some(ResultCode::UsedCode));
    assert_eq!(failure.result_status, ResultStatus::Failure);

    assert_eq!(
        code_of(read(&client, &tokens.access_token).await),
        ResultCode::InvalidAccessToken
    );
    assert_eq!(
        code_of(client.refresh_token(refresh_of(&tokens)).await),
        ResultCode::InvalidRefreshToken
    );
}

#[tokio::test]
async fn codes_and_tokens_expire_on_the_injected_clock() {
    let emulator = Emulator::start().await;
    let client = emulator.client();

    let late_code = emulator.code().await;
    let code = emulator.code().await;
    let tokens = client.apply_token(&code).await.unwrap();

    // Ten minutes and a second later: the code has expired, the access token (1 h) not yet.
    emulator.clock.advance(Duration::from_secs(601));
    assert_eq!(
        code_of(client.apply_token(&late_code).await),
        ResultCode::ExpiredCode
    );
    assert!(read(&client, &tokens.access_token).await.is_ok());

    // After an hour the access token is gone; the refresh token (30 days) still works.
    emulator.clock.advance(Duration::from_secs(3600));
    assert_eq!(
        code_of(read(&client, &tokens.access_token).await),
        ResultCode::InvalidAccessToken
    );
    let refreshed = client.refresh_token(refresh_of(&tokens)).await.unwrap();
    assert!(read(&client, &refreshed.access_token).await.is_ok());

    emulator.clock.advance(Duration::from_secs(31 * 24 * 3600));
    let expired = client.refresh_token(refresh_of(&refreshed)).await;
    assert!(matches!(
        code_of(expired),
        ResultCode::ExpiredRefreshToken | ResultCode::InvalidRefreshToken
    ),);
}

#[tokio::test]
async fn another_client_cannot_use_the_code_or_tokens_and_an_unknown_one_is_refused() {
    let emulator = Emulator::start().await;
    let code = emulator.code().await;

    // The second merchant presents the first one's code: refused as an unknown code would be
    // (it is not confirmed to be live), and the code is untouched.
    let other = emulator.client_as(OTHER_MERCHANT);
    assert_eq!(
        code_of(other.apply_token(&code).await),
        ResultCode::InvalidCode
    );
    let tokens = emulator.client().apply_token(&code).await.unwrap();
    assert_eq!(
        code_of(read(&other, &tokens.access_token).await),
        ResultCode::InvalidAccessToken
    );
    assert_eq!(
        code_of(other.refresh_token(refresh_of(&tokens)).await),
        ResultCode::InvalidRefreshToken
    );
    // None of that touched the first merchant's tokens.
    assert!(read(&emulator.client(), &tokens.access_token).await.is_ok());

    // A client the wallet does not know.
    let stranger = emulator.client_as("2022999999999999");
    assert_eq!(
        code_of(stranger.apply_token(&AuthCode::new("whatever")).await),
        ResultCode::InvalidClient
    );
    // Unknown secrets.
    assert_eq!(
        code_of(
            emulator
                .client()
                .apply_token(&AuthCode::new("not-a-code"))
                .await
        ),
        ResultCode::InvalidCode
    );
    assert_eq!(
        code_of(read(&emulator.client(), &AccessToken::new("not-a-token")).await),
        ResultCode::InvalidAccessToken
    );
}

#[tokio::test]
async fn naming_another_client_in_the_request_does_not_match() {
    let emulator = Emulator::start().await;
    let code = emulator.code().await;

    // The code's own client, whose v1 request names another mini program in
    // referenceClientId: told they do not match, and the code is left as it was.
    let naming_other = emulator.client_with(MERCHANT, GatewayProfile::v1().client(OTHER_MERCHANT));
    assert_eq!(
        code_of(naming_other.apply_token(&code).await),
        ResultCode::ReferenceClientIdNotMatch
    );
    // Naming itself is fine.
    let naming_itself = emulator.client_with(MERCHANT, GatewayProfile::v1().client(MERCHANT));
    let tokens = naming_itself.apply_token(&code).await.unwrap();
    assert_eq!(
        code_of(naming_other.refresh_token(refresh_of(&tokens)).await),
        ResultCode::ReferenceClientIdNotMatch
    );

    // v2 names the client in authClientId, on applyToken and on inquiryUserInfo.
    let v2_other = emulator.client_with(MERCHANT, GatewayProfile::v2().client(OTHER_MERCHANT));
    assert_eq!(
        code_of(read(&v2_other, &tokens.access_token).await),
        ResultCode::ReferenceClientIdNotMatch
    );
    assert_eq!(
        code_of(v2_other.apply_token(&emulator.code().await).await),
        ResultCode::ReferenceClientIdNotMatch
    );
    let v2_itself = emulator.client_with(MERCHANT, GatewayProfile::v2().client(MERCHANT));
    assert!(read(&v2_itself, &tokens.access_token).await.is_ok());
}

#[tokio::test]
async fn the_v2_paths_serve_the_same_flow() {
    let emulator = Emulator::start().await;
    let client = emulator.client_with(
        MERCHANT,
        GatewayProfile::v2()
            .client(MERCHANT)
            .app_id("3500020000000001")
            .customer_belongs_to("GCASH"),
    );
    let code = emulator.code().await;
    let tokens = client.apply_token(&code).await.unwrap();
    assert_eq!(tokens.customer_id.as_deref(), Some(USER));
    let user = read(&client, &tokens.access_token).await.unwrap();
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        json!({"userId": USER, "nickName": "Ana", "avatar": "https://example.com/ana.png"})
    );
    let refreshed = client.refresh_token(refresh_of(&tokens)).await.unwrap();
    assert!(read(&client, &refreshed.access_token).await.is_ok());
    // A code redeemed on v2 is used on v1 too: one flow behind both paths.
    assert_eq!(
        code_of(emulator.client().apply_token(&code).await),
        ResultCode::UsedCode
    );
}

/// inquiryUserInfo as the Alipay+ model.
async fn read(
    client: &authcode_client::MerchantClient,
    token: &AccessToken,
) -> Result<UserInfo, ClientError> {
    client.inquiry_user_info(token).await
}
