//! applyToken: code exchange, expiry, client binding, replay revocation and refresh-token
//! rotation, on the embedded wallet with a manual clock.

mod flow_fixture;

use std::time::Duration;

use authcode_runtime::AuthCode;
use authcode_runtime::flow::{
    ApplyTokenRequest, ApplyTokenResponse, GrantType, InquiryUserInfoRequest, Lifetimes,
    RefreshToken, ResultCode, ResultStatus,
};
use flow_fixture::{AlipayPlusScope, MERCHANT, OTHER_MERCHANT, USER, start, wallet};
use serde_json::json;

#[test]
fn a_code_is_exchanged_for_tokens_bound_to_the_user_and_scopes() {
    let wallet = wallet();
    let code = wallet.code(&["USER_ID", "USER_NICKNAME"]);
    let tokens = wallet.exchange(&code).unwrap();
    assert_eq!(tokens.customer_id, USER);
    assert_eq!(
        tokens.scopes,
        [AlipayPlusScope::UserId, AlipayPlusScope::UserNickname]
            .into_iter()
            .collect()
    );
    let lifetimes = Lifetimes::default();
    assert_eq!(
        tokens.access_token_expiry_time,
        start() + lifetimes.access_token
    );
    assert_eq!(
        tokens.refresh_token_expiry_time,
        start() + lifetimes.refresh_token
    );
    assert_ne!(tokens.access_token.expose(), tokens.refresh_token.expose());
    assert_eq!(tokens.access_token.expose().len(), 43);

    let wire = serde_json::to_value(ApplyTokenResponse::from(Ok(tokens.clone()))).unwrap();
    assert_eq!(wire["result"]["resultStatus"], "S");
    assert_eq!(wire["accessToken"], tokens.access_token.expose());
    assert_eq!(wire["accessTokenExpiryTime"], "2026-01-01T01:00:00Z");
    assert_eq!(wire["refreshTokenExpiryTime"], "2026-01-31T00:00:00Z");
    assert_eq!(wire["customerId"], USER);
}

#[test]
fn a_code_expires_after_ten_minutes_by_default() {
    let wallet = wallet();
    let code = wallet.code(&["USER_ID"]);
    wallet.clock.advance(Duration::from_secs(10 * 60 - 1));
    let fresh = wallet.code(&["USER_ID"]);
    assert!(wallet.exchange(&fresh).is_ok());
    wallet.clock.advance(Duration::from_secs(1));
    let err = wallet.exchange(&code).unwrap_err();
    assert_eq!(err.code(), ResultCode::ExpiredCode);
    assert_eq!(err.status(), ResultStatus::Failure);
}

#[test]
fn the_code_lifetime_is_configurable() {
    let wallet = wallet();
    let server = wallet.server.with_lifetimes(Lifetimes {
        auth_code: Duration::from_secs(30),
        ..Lifetimes::default()
    });
    let response = server.get_auth_code(
        MERCHANT,
        USER,
        ["USER_ID"],
        authcode_runtime::flow::ConsentDecision::ApproveAll,
    );
    let code = response.auth_code().unwrap().clone();
    wallet.clock.advance(Duration::from_secs(30));
    let err = server
        .apply_token(MERCHANT, &ApplyTokenRequest::authorization_code(code))
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ExpiredCode);
}

#[test]
fn a_code_presented_by_another_client_fails_and_stays_usable() {
    let wallet = wallet();
    let code = wallet.code(&["USER_ID"]);
    let err = wallet
        .server
        .apply_token(
            OTHER_MERCHANT,
            &ApplyTokenRequest::authorization_code(code.clone()),
        )
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ReferenceClientIdNotMatch);
    assert!(wallet.exchange(&code).is_ok());
}

#[test]
fn unknown_codes_and_missing_parameters_fail() {
    let wallet = wallet();
    let err = wallet.exchange(&AuthCode::new("made-up")).unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidCode);

    let missing = [
        ApplyTokenRequest {
            grant_type: GrantType::AuthorizationCode,
            auth_code: None,
            refresh_token: Some(RefreshToken::new("r")),
        },
        ApplyTokenRequest::authorization_code(AuthCode::new("")),
        ApplyTokenRequest {
            grant_type: GrantType::RefreshToken,
            auth_code: Some(AuthCode::new("c")),
            refresh_token: None,
        },
        ApplyTokenRequest::refresh(RefreshToken::new("")),
    ];
    for request in missing {
        let err = wallet.server.apply_token(MERCHANT, &request).unwrap_err();
        assert_eq!(err.code(), ResultCode::ParamIllegal, "{request:?}");
        assert!(
            err.message().contains("is required when grantType is"),
            "{err}"
        );
    }
}

#[test]
fn a_replayed_code_fails_with_used_code_and_revokes_its_tokens() {
    let wallet = wallet();
    let code = wallet.code(&["USER_ID", "USER_NICKNAME"]);
    let tokens = wallet.exchange(&code).unwrap();
    assert!(wallet.user_info(&tokens).is_ok());

    let err = wallet.exchange(&code).unwrap_err();
    assert_eq!(err.code(), ResultCode::UsedCode);
    assert_eq!(
        serde_json::to_value(ApplyTokenResponse::from(Err::<
            authcode_runtime::flow::TokenGrant<AlipayPlusScope>,
            _,
        >(err)))
        .unwrap(),
        json!({"result": {"resultCode": "USED_CODE", "resultStatus": "F",
            "resultMessage": "the authorization code has been used; every token issued from it is revoked"}})
    );

    let err = wallet.user_info(&tokens).unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidAccessToken);
    assert_eq!(err.message(), "the access token has been revoked");
    let err = wallet.refresh(&tokens).unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidRefreshToken);

    // Other grants of the same user are untouched.
    let other = wallet.exchange(&wallet.code(&["USER_ID"])).unwrap();
    assert!(wallet.user_info(&other).is_ok());
}

#[test]
fn refresh_tokens_rotate_and_a_reused_one_revokes_the_family() {
    let wallet = wallet();
    let first = wallet.exchange(&wallet.code(&["USER_ID"])).unwrap();
    wallet.clock.advance(Duration::from_secs(3000));
    let second = wallet.refresh(&first).unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_ne!(second.access_token, first.access_token);
    assert_eq!(second.customer_id, USER);
    assert_eq!(
        second.access_token_expiry_time,
        start() + Duration::from_secs(3000) + Lifetimes::default().access_token
    );
    let third = wallet.refresh(&second).unwrap();
    assert!(wallet.user_info(&third).is_ok());

    // The first refresh token again: a stolen copy being used. The whole family goes.
    let err = wallet.refresh(&first).unwrap_err();
    assert_eq!(err.code(), ResultCode::UsedRefreshToken);
    for tokens in [&first, &second, &third] {
        assert_eq!(
            wallet.user_info(tokens).unwrap_err().code(),
            ResultCode::InvalidAccessToken
        );
    }
    assert_eq!(
        wallet.refresh(&third).unwrap_err().code(),
        ResultCode::InvalidRefreshToken
    );
}

#[test]
fn refresh_tokens_are_bound_to_the_client_and_expire() {
    let wallet = wallet();
    let tokens = wallet.exchange(&wallet.code(&["USER_ID"])).unwrap();
    let err = wallet
        .server
        .apply_token(
            OTHER_MERCHANT,
            &ApplyTokenRequest::refresh(tokens.refresh_token.clone()),
        )
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ReferenceClientIdNotMatch);

    wallet.clock.advance(Lifetimes::default().refresh_token);
    assert_eq!(
        wallet.refresh(&tokens).unwrap_err().code(),
        ResultCode::ExpiredRefreshToken
    );
    assert_eq!(
        wallet
            .server
            .apply_token(
                MERCHANT,
                &ApplyTokenRequest::refresh(RefreshToken::new("x"))
            )
            .unwrap_err()
            .code(),
        ResultCode::InvalidRefreshToken
    );
}

#[test]
fn access_tokens_expire_and_are_bound_to_the_client() {
    let wallet = wallet();
    let tokens = wallet.exchange(&wallet.code(&["USER_ID"])).unwrap();
    let err = wallet
        .server
        .inquiry_user_info(
            OTHER_MERCHANT,
            &InquiryUserInfoRequest::new(tokens.access_token.clone()),
        )
        .unwrap_err();
    assert_eq!(err.code(), ResultCode::ReferenceClientIdNotMatch);

    wallet
        .clock
        .advance(Lifetimes::default().access_token - Duration::from_secs(1));
    assert!(wallet.user_info(&tokens).is_ok());
    wallet.clock.advance(Duration::from_secs(1));
    let err = wallet.user_info(&tokens).unwrap_err();
    assert_eq!(err.code(), ResultCode::InvalidAccessToken);
    assert_eq!(err.message(), "the access token has expired");
    // The refresh token still works, and brings a working access token.
    let renewed = wallet.refresh(&tokens).unwrap();
    assert!(wallet.user_info(&renewed).is_ok());
}

#[test]
fn requests_arrive_as_wire_json() {
    let wallet = wallet();
    let code = wallet.code(&["USER_ID"]);
    let body = json!({"grantType": "AUTHORIZATION_CODE", "authCode": code.expose()});
    let request: ApplyTokenRequest = serde_json::from_value(body).unwrap();
    let response = ApplyTokenResponse::from(wallet.server.apply_token(MERCHANT, &request));
    assert_eq!(response.result.result_code, ResultCode::Success);
    assert_eq!(response.customer_id.as_deref(), Some(USER));
}
