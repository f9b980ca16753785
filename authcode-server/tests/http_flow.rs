//! The merchant client against the emulator over real HTTP on 127.0.0.1: the whole flow,
//! replay, refresh rotation, expiry, and clients that are not the code's.
#![cfg(all(feature = "server", feature = "client"))]

mod http_support;

use std::time::Duration;

use authcode_runtime::client::ClientError;
use authcode_runtime::flow::{AccessToken, ResultCode, ResultStatus};
use authcode_runtime::{AuthCode, AuthOutcome, JsapiErrorCode, ScopeErrorValue};
use http_support::{AlipayPlusScope, Emulator, OTHER_MERCHANT, USER};
use serde_json::json;

fn code_of(result: Result<impl std::fmt::Debug, ClientError>) -> ResultCode {
    match result {
        Err(err) => err
            .result_code()
            .unwrap_or_else(|| panic!("not an API failure: {err}")),
        Ok(value) => panic!("expected a failure, got {value:?}"),
    }
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
    assert_eq!(tokens.customer_id, USER);
    let now = emulator.auth.now();
    assert!(tokens.access_token_expiry_time > now);
    assert!(tokens.refresh_token_expiry_time > tokens.access_token_expiry_time);

    let user = client
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        json!({"userId": USER, "nickName": "Ana", "avatar": "https://example.com/ana.png"})
    );

    // Refresh: a new pair; the new access token works, the used refresh token does not.
    let refreshed = client.refresh_token(&tokens.refresh_token).await.unwrap();
    assert_ne!(refreshed.access_token, tokens.access_token);
    assert!(
        client
            .inquiry_user_info(&refreshed.access_token)
            .await
            .is_ok()
    );
    assert_eq!(
        code_of(client.refresh_token(&tokens.refresh_token).await),
        ResultCode::UsedRefreshToken
    );
    // Reusing it revoked the whole family, the refreshed tokens too.
    assert_eq!(
        code_of(client.inquiry_user_info(&refreshed.access_token).await),
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
    let user = emulator
        .client()
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    assert_eq!(user.nick_name.as_deref(), Some("Ana"));
    assert_eq!(user.gender, None);

    let cancelled = emulator
        .get_auth_code(&["USER_NICKNAME"], json!("cancel"))
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
    assert!(client.inquiry_user_info(&tokens.access_token).await.is_ok());

    let replay = client.apply_token(&code).await;
    let Err(ClientError::Api(failure)) = replay else {
        panic!("{replay:?}")
    };
    assert_eq!(failure.code(), Some(ResultCode::UsedCode));
    assert_eq!(failure.result_status, ResultStatus::Failure);

    assert_eq!(
        code_of(client.inquiry_user_info(&tokens.access_token).await),
        ResultCode::InvalidAccessToken
    );
    assert_eq!(
        code_of(client.refresh_token(&tokens.refresh_token).await),
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
    assert!(client.inquiry_user_info(&tokens.access_token).await.is_ok());

    // After an hour the access token is gone; the refresh token (30 days) still works.
    emulator.clock.advance(Duration::from_secs(3600));
    assert_eq!(
        code_of(client.inquiry_user_info(&tokens.access_token).await),
        ResultCode::InvalidAccessToken
    );
    let refreshed = client.refresh_token(&tokens.refresh_token).await.unwrap();
    assert!(
        client
            .inquiry_user_info(&refreshed.access_token)
            .await
            .is_ok()
    );

    emulator.clock.advance(Duration::from_secs(31 * 24 * 3600));
    let expired = client.refresh_token(&refreshed.refresh_token).await;
    assert!(matches!(
        code_of(expired),
        ResultCode::ExpiredRefreshToken | ResultCode::InvalidRefreshToken
    ),);
}

#[tokio::test]
async fn another_client_cannot_use_the_code_or_tokens_and_an_unknown_one_is_refused() {
    let emulator = Emulator::start().await;
    let code = emulator.code().await;

    // The second merchant presents the first one's code: refused, and the code is untouched.
    let other = emulator.client_as(OTHER_MERCHANT);
    assert_eq!(
        code_of(other.apply_token(&code).await),
        ResultCode::ReferenceClientIdNotMatch
    );
    let tokens = emulator.client().apply_token(&code).await.unwrap();
    assert_eq!(
        code_of(other.inquiry_user_info(&tokens.access_token).await),
        ResultCode::ReferenceClientIdNotMatch
    );

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
        code_of(
            emulator
                .client()
                .inquiry_user_info(&AccessToken::new("not-a-token"))
                .await
        ),
        ResultCode::InvalidAccessToken
    );
}
