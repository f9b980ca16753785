//! applyToken: code exchange, expiry, client binding, replay revocation and refresh-token
//! rotation, on the embedded wallet with a manual clock.

extern crate authcode_core as authcode_runtime;

mod flow_fixture;

use std::time::Duration;

use authcode_runtime::AuthCode;
use authcode_runtime::flow::{
    FlowError, Lifetimes, SecretHash, SecretKind, Store, TokenGrant, apply_token_response,
};
use authcode_runtime::wire::{
    ApplyTokenRequest, GrantType, InquiryUserInfoRequest, RefreshToken, ResultCode, ResultStatus,
};
use flow_fixture::{
    AlipayPlusScope, MERCHANT, OTHER_MERCHANT, USER, refresh_token_of, start, wallet,
};
use serde_json::json;

#[tokio::test]
async fn a_code_is_exchanged_for_tokens_bound_to_the_user_and_scopes() {
    let wallet = wallet().await;
    let code = wallet.code(&["USER_ID", "USER_NICKNAME"]).await;
    let tokens = wallet.exchange(&code).await.unwrap();
    assert_eq!(tokens.tokens.customer_id.as_deref(), Some(USER));
    assert_eq!(
        tokens.scopes,
        [AlipayPlusScope::UserId, AlipayPlusScope::UserNickname]
            .into_iter()
            .collect()
    );
    let lifetimes = Lifetimes::default();
    assert_eq!(
        tokens.tokens.access_token_expiry_time,
        start() + lifetimes.access_token
    );
    assert_eq!(
        tokens.tokens.refresh_token_expiry_time,
        Some(start() + lifetimes.refresh_token)
    );
    assert_ne!(
        tokens.tokens.access_token.expose(),
        refresh_token_of(&tokens).expose()
    );
    assert_eq!(tokens.tokens.access_token.expose().len(), 43);

    let wire =
        serde_json::to_value(apply_token_response(Ok::<_, FlowError>(tokens.clone()))).unwrap();
    assert_eq!(wire["result"]["resultStatus"], "S");
    assert_eq!(wire["accessToken"], tokens.tokens.access_token.expose());
    // Times go out in UTC with a numeric offset, as the OpenAPI documentation writes them.
    assert_eq!(wire["accessTokenExpiryTime"], "2026-01-01T01:00:00+00:00");
    assert_eq!(wire["refreshTokenExpiryTime"], "2026-01-31T00:00:00+00:00");
    assert_eq!(wire["customerId"], USER);
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes_by_default() {
    let wallet = wallet().await;
    let code = wallet.code(&["USER_ID"]).await;
    wallet.clock.advance(Duration::from_secs(10 * 60 - 1));
    let fresh = wallet.code(&["USER_ID"]).await;
    assert!(wallet.exchange(&fresh).await.is_ok());
    wallet.clock.advance(Duration::from_secs(1));
    let err = wallet.exchange(&code).await.unwrap_err();
    assert_eq!(err.code(), ResultCode::ExpiredCode);
    assert_eq!(err.status(), ResultStatus::Failure);
}

#[tokio::test]
async fn the_code_lifetime_is_configurable() {
    let wallet = wallet().await;
    let server = wallet.server.with_lifetimes(Lifetimes {
        auth_code: Duration::from_secs(30),
        ..Lifetimes::default()
    });
    let response = server
        .get_auth_code(
            MERCHANT,
            USER,
            ["USER_ID"],
            authcode_runtime::flow::ConsentDecision::ApproveAll,
        )
        .await;
    let code = response.auth_code().unwrap().clone();
    wallet.clock.advance(Duration::from_secs(30));
    let err = server
        .apply_token(MERCHANT, &ApplyTokenRequest::authorization_code(code))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ExpiredCode);
}

#[tokio::test]
async fn a_code_presented_by_another_client_fails_as_unknown_and_stays_usable() {
    let wallet = wallet().await;
    let code = wallet.code(&["USER_ID"]).await;
    let err = wallet
        .server
        .apply_token(
            OTHER_MERCHANT,
            &ApplyTokenRequest::authorization_code(code.clone()),
        )
        .await
        .unwrap_err();
    // Telling the other client the code belongs to someone else would confirm it is live.
    assert_eq!(err.code(), ResultCode::InvalidCode);
    assert!(wallet.exchange(&code).await.is_ok());
}

#[tokio::test]
async fn a_request_naming_another_client_does_not_match_and_leaves_the_code() {
    let wallet = wallet().await;
    let code = wallet.code(&["USER_ID"]).await;
    for (reference, auth) in [(Some(OTHER_MERCHANT), None), (None, Some(OTHER_MERCHANT))] {
        let mut request = ApplyTokenRequest::authorization_code(code.clone());
        request.reference_client_id = reference.map(str::to_owned);
        request.auth_client_id = auth.map(str::to_owned);
        let err = wallet
            .server
            .apply_token(MERCHANT, &request)
            .await
            .unwrap_err();
        assert_eq!(
            err.code(),
            ResultCode::ReferenceClientIdNotMatch,
            "{request:?}"
        );
    }
    // Naming the client the code was issued to is what the v1 and v2 gateways do.
    let mut request = ApplyTokenRequest::authorization_code(code.clone());
    request.reference_client_id = Some(MERCHANT.to_owned());
    let tokens = wallet.server.apply_token(MERCHANT, &request).await.unwrap();

    let mut refresh = ApplyTokenRequest::refresh(refresh_token_of(&tokens).clone());
    refresh.auth_client_id = Some(OTHER_MERCHANT.to_owned());
    let err = wallet
        .server
        .apply_token(MERCHANT, &refresh)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ReferenceClientIdNotMatch);

    let mut inquiry = InquiryUserInfoRequest::new(tokens.tokens.access_token.clone());
    inquiry.auth_client_id = Some(OTHER_MERCHANT.to_owned());
    let err = wallet
        .server
        .inquiry_user_info(MERCHANT, &inquiry)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ReferenceClientIdNotMatch);
    // None of those used anything up.
    assert!(wallet.user_info(&tokens).await.is_ok());
    assert!(wallet.refresh(&tokens).await.is_ok());
}

#[tokio::test]
async fn a_code_of_a_revoked_grant_is_invalid() {
    let wallet = wallet().await;
    let code = wallet.code(&["USER_ID"]).await;
    let store = wallet.server.store();
    let record = store
        .secret(SecretKind::AuthCode, &SecretHash::of(code.expose()))
        .await
        .unwrap()
        .expect("the code is stored");
    assert!(store.revoke_grant(record.grant).await.unwrap());
    let err = wallet.exchange(&code).await.unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidCode);
}

#[tokio::test]
async fn unknown_codes_and_missing_parameters_fail() {
    let wallet = wallet().await;
    let err = wallet
        .exchange(&AuthCode::new("made-up"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidCode);

    let missing = [
        ApplyTokenRequest {
            grant_type: GrantType::AuthorizationCode,
            auth_code: None,
            ..ApplyTokenRequest::refresh(RefreshToken::new("r"))
        },
        ApplyTokenRequest::authorization_code(AuthCode::new("")),
        ApplyTokenRequest {
            grant_type: GrantType::RefreshToken,
            refresh_token: None,
            ..ApplyTokenRequest::authorization_code(AuthCode::new("c"))
        },
        ApplyTokenRequest::refresh(RefreshToken::new("")),
    ];
    for request in missing {
        let err = wallet
            .server
            .apply_token(MERCHANT, &request)
            .await
            .unwrap_err();
        assert_eq!(err.code(), ResultCode::ParamIllegal, "{request:?}");
        assert!(
            err.to_string().contains("is required when grantType is"),
            "{err}"
        );
    }
}

#[tokio::test]
async fn a_replayed_code_fails_with_used_code_and_revokes_its_tokens() {
    let wallet = wallet().await;
    let code = wallet.code(&["USER_ID", "USER_NICKNAME"]).await;
    let tokens = wallet.exchange(&code).await.unwrap();
    assert!(wallet.user_info(&tokens).await.is_ok());

    let err = wallet.exchange(&code).await.unwrap_err();
    assert_eq!(err.code(), ResultCode::UsedCode);
    assert_eq!(
        serde_json::to_value(apply_token_response(Err::<TokenGrant<AlipayPlusScope>, _>(
            err
        )))
        .unwrap(),
        json!({"result": {"resultCode": "USED_CODE", "resultStatus": "F",
            "resultMessage": "the authorization code has been used; every token issued from it is revoked"}})
    );

    let err = wallet.user_info(&tokens).await.unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidAccessToken);
    assert_eq!(err.to_string(), "the access token has been revoked");
    let err = wallet.refresh(&tokens).await.unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidRefreshToken);

    // Other grants of the same user are untouched.
    let other = wallet
        .exchange(&wallet.code(&["USER_ID"]).await)
        .await
        .unwrap();
    assert!(wallet.user_info(&other).await.is_ok());
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_family() {
    let wallet = wallet().await;
    let first = wallet
        .exchange(&wallet.code(&["USER_ID"]).await)
        .await
        .unwrap();
    wallet.clock.advance(Duration::from_secs(3000));
    let second = wallet.refresh(&first).await.unwrap();
    assert_ne!(refresh_token_of(&second), refresh_token_of(&first));
    assert_ne!(second.tokens.access_token, first.tokens.access_token);
    assert_eq!(second.tokens.customer_id.as_deref(), Some(USER));
    assert_eq!(
        second.tokens.access_token_expiry_time,
        start() + Duration::from_secs(3000) + Lifetimes::default().access_token
    );
    let third = wallet.refresh(&second).await.unwrap();
    assert!(wallet.user_info(&third).await.is_ok());

    // The first refresh token again: a stolen copy being used. The whole family goes.
    let err = wallet.refresh(&first).await.unwrap_err();
    assert_eq!(err.code(), ResultCode::UsedRefreshToken);
    for tokens in [&first, &second, &third] {
        assert_eq!(
            wallet.user_info(tokens).await.unwrap_err().code(),
            ResultCode::InvalidAccessToken
        );
    }
    assert_eq!(
        wallet.refresh(&third).await.unwrap_err().code(),
        ResultCode::InvalidRefreshToken
    );
}

#[tokio::test]
async fn refresh_tokens_are_bound_to_the_client_and_expire() {
    let wallet = wallet().await;
    let tokens = wallet
        .exchange(&wallet.code(&["USER_ID"]).await)
        .await
        .unwrap();
    let err = wallet
        .server
        .apply_token(
            OTHER_MERCHANT,
            &ApplyTokenRequest::refresh(refresh_token_of(&tokens).clone()),
        )
        .await
        .unwrap_err();
    // Another client's refresh token fails as an unknown one would.
    assert_eq!(err.code(), ResultCode::InvalidRefreshToken);

    wallet.clock.advance(Lifetimes::default().refresh_token);
    assert_eq!(
        wallet.refresh(&tokens).await.unwrap_err().code(),
        ResultCode::ExpiredRefreshToken
    );
    assert_eq!(
        wallet
            .server
            .apply_token(
                MERCHANT,
                &ApplyTokenRequest::refresh(RefreshToken::new("x"))
            )
            .await
            .unwrap_err()
            .code(),
        ResultCode::InvalidRefreshToken
    );
}

#[tokio::test]
async fn another_clients_attempt_leaves_the_refresh_token_usable() {
    let wallet = wallet().await;
    let tokens = wallet
        .exchange(&wallet.code(&["USER_ID"]).await)
        .await
        .unwrap();
    let attempt = wallet
        .server
        .apply_token(
            OTHER_MERCHANT,
            &ApplyTokenRequest::refresh(refresh_token_of(&tokens).clone()),
        )
        .await;
    assert_eq!(attempt.unwrap_err().code(), ResultCode::InvalidRefreshToken);
    let rotated = wallet.refresh(&tokens).await.unwrap();
    assert!(wallet.user_info(&rotated).await.is_ok());
}

#[tokio::test]
async fn access_tokens_expire_and_are_bound_to_the_client() {
    let wallet = wallet().await;
    let tokens = wallet
        .exchange(&wallet.code(&["USER_ID"]).await)
        .await
        .unwrap();
    let err = wallet
        .server
        .inquiry_user_info(
            OTHER_MERCHANT,
            &InquiryUserInfoRequest::new(tokens.tokens.access_token.clone()),
        )
        .await
        .unwrap_err();
    // Another client's access token fails as an unknown one would.
    assert_eq!(err.code(), ResultCode::InvalidAccessToken);
    assert_eq!(err.to_string(), "the access token is invalid");

    wallet
        .clock
        .advance(Lifetimes::default().access_token - Duration::from_secs(1));
    assert!(wallet.user_info(&tokens).await.is_ok());
    wallet.clock.advance(Duration::from_secs(1));
    let err = wallet.user_info(&tokens).await.unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidAccessToken);
    assert_eq!(err.to_string(), "the access token has expired");
    // The refresh token still works, and brings a working access token.
    let renewed = wallet.refresh(&tokens).await.unwrap();
    assert!(wallet.user_info(&renewed).await.is_ok());
}

#[tokio::test]
async fn requests_arrive_as_wire_json() {
    let wallet = wallet().await;
    let code = wallet.code(&["USER_ID"]).await;
    let body = json!({"grantType": "AUTHORIZATION_CODE", "authCode": code.expose()});
    let request: ApplyTokenRequest = serde_json::from_value(body).unwrap();
    let response = apply_token_response(wallet.server.apply_token(MERCHANT, &request).await);
    assert_eq!(response.result.result_code, ResultCode::Success);
    assert_eq!(response.customer_id.as_deref(), Some(USER));
}
