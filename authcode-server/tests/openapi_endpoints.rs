//! Every authorization OpenAPI of the emulator, end to end over HTTP with the merchant
//! client: applyToken and inquiryUserInfo on the v1 and v2 paths, revoke (v2) and
//! cancelToken (v1), and applyTokenAndInquiryUserInfo; revocation idempotent and effective at
//! once, also for a token other requests are using; request fields the wire types do not
//! model accepted.

mod openapi_support;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use authcode_client::{ClientError, Credential, GatewayProfile};
use authcode_runtime::UserInfo;
use authcode_wire::{APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH, ApiVersion, ResultCode, RevokeApi};
use openapi_support::{MERCHANT, USER, result_code, start};
use serde_json::{Value, json};

fn profiles() -> [GatewayProfile; 2] {
    [GatewayProfile::v1(), GatewayProfile::v2().client(MERCHANT)]
}

#[tokio::test]
async fn apply_token_and_inquiry_user_info_on_both_versions() {
    let wallet = start(|server| server).await;
    for profile in profiles() {
        let client = wallet.client(profile.clone());
        let code = wallet.code(&["USER_ID", "USER_NICKNAME"]).await;
        let tokens = client.apply_token(&code).await.unwrap();
        assert_eq!(tokens.customer_id.as_deref(), Some(USER), "{profile:?}");
        let user: UserInfo = client
            .inquiry_user_info(&tokens.access_token)
            .await
            .unwrap();
        assert_eq!(user.nick_name.as_deref(), Some("Ana"));
        // USER_AVATAR was not granted.
        assert_eq!(user.avatar, None);
        let refreshed = client
            .refresh_token(tokens.refresh_token.as_ref().unwrap())
            .await
            .unwrap();
        assert_ne!(refreshed.access_token, tokens.access_token);
    }
}

#[tokio::test]
async fn revoke_and_cancel_token_are_idempotent_and_effective_at_once() {
    let wallet = start(|server| server).await;
    for profile in [
        GatewayProfile::v2().client(MERCHANT),
        GatewayProfile::v1(),
        // GCash and Rebell: v2 paths, cancelToken.
        GatewayProfile::v2().revoke(RevokeApi::CancelToken),
    ] {
        let client = wallet.client(profile.clone());
        let tokens = client
            .apply_token(&wallet.code(&["USER_ID"]).await)
            .await
            .unwrap();
        let _: UserInfo = client
            .inquiry_user_info(&tokens.access_token)
            .await
            .unwrap();

        client.revoke(&tokens.access_token).await.unwrap();
        // The same answer again: the merchant that lost the first one can resend it.
        client.revoke(&tokens.access_token).await.unwrap();

        let err = client
            .inquiry_user_info::<UserInfo>(&tokens.access_token)
            .await
            .unwrap_err();
        assert_eq!(
            err.result_code(),
            Some(ResultCode::InvalidAccessToken),
            "{profile:?}"
        );
        // The refresh token died with the grant.
        let err = client
            .refresh_token(tokens.refresh_token.as_ref().unwrap())
            .await
            .unwrap_err();
        assert_eq!(
            err.result_code(),
            Some(ResultCode::InvalidRefreshToken),
            "{profile:?}"
        );
    }
}

#[tokio::test]
async fn both_revocation_paths_answer_the_same_body_twice() {
    let wallet = start(|server| server).await;
    let client = wallet.client(GatewayProfile::v1());
    for api in RevokeApi::ALL {
        let tokens = client
            .apply_token(&wallet.code(&["USER_ID"]).await)
            .await
            .unwrap();
        let body = json!({"accessToken": tokens.access_token.expose()});
        let (status, first) = wallet.signed(api.path(), &body).await;
        assert_eq!((status, result_code(&first)), (200, "SUCCESS"), "{api:?}");
        let (_, second) = wallet.signed(api.path(), &body).await;
        assert_eq!(first, second, "{api:?}");
        assert_eq!(
            first,
            json!({"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}})
        );
        // An unknown token is not a success.
        let (_, unknown) = wallet
            .signed(api.path(), &json!({"accessToken": "no-such-token"}))
            .await;
        assert_eq!(result_code(&unknown), "INVALID_ACCESS_TOKEN");
        let (_, missing) = wallet.signed(api.path(), &json!({})).await;
        assert_eq!(result_code(&missing), "PARAM_ILLEGAL");
    }
}

#[tokio::test]
async fn apply_token_and_inquiry_user_info_in_its_three_modes() {
    let wallet = start(|server| server).await;
    let client = wallet.client(GatewayProfile::v2().client(MERCHANT));
    let code = wallet.code(&["USER_ID", "USER_NICKNAME"]).await;

    let first = client
        .apply_token_and_inquiry_user_info::<UserInfo>(Credential::AuthCode(&code))
        .await
        .unwrap();
    let tokens = first.tokens.expect("tokens for a code");
    assert_eq!(first.user_info.nick_name.as_deref(), Some("Ana"));
    assert_eq!(first.user_info.gender, None);

    let read = client
        .apply_token_and_inquiry_user_info::<UserInfo>(Credential::AccessToken(
            &tokens.access_token,
        ))
        .await
        .unwrap();
    assert_eq!(read.tokens, None);
    assert_eq!(read.user_info, first.user_info);

    let refreshed = client
        .apply_token_and_inquiry_user_info::<UserInfo>(Credential::RefreshToken(
            tokens.refresh_token.as_ref().unwrap(),
        ))
        .await
        .unwrap();
    let new_tokens = refreshed.tokens.expect("tokens for a refresh token");
    assert_ne!(new_tokens.access_token, tokens.access_token);

    // The code is single-use here too: a replay fails and revokes what it gave.
    let err = client
        .apply_token_and_inquiry_user_info::<UserInfo>(Credential::AuthCode(&code))
        .await
        .unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::UsedCode));
    let err = client
        .inquiry_user_info::<UserInfo>(&new_tokens.access_token)
        .await
        .unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::InvalidAccessToken));

    let (_, neither) = wallet
        .signed(
            APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH,
            &json!({"appId": "3"}),
        )
        .await;
    assert_eq!(result_code(&neither), "PARAM_ILLEGAL");
}

#[tokio::test]
async fn request_fields_the_wire_types_do_not_model_are_accepted() {
    let wallet = start(|server| server).await;
    let extra = json!({"merchantRegion": "PH", "nested": {"a": [1, 2.5, null]}, "memo": "x"});
    let with_extra = |body: Value| {
        let mut body = body.as_object().unwrap().clone();
        body.extend(extra.as_object().unwrap().clone());
        Value::Object(body)
    };
    for version in ApiVersion::ALL {
        let code = wallet.code(&["USER_ID"]).await;
        let (_, applied) = wallet
            .signed(
                version.apply_token_path(),
                &with_extra(
                    json!({"grantType": "AUTHORIZATION_CODE", "authCode": code.expose(),
                                   "extendInfo": "{\"customerBelongsTo\":\"GCASH\"}"}),
                ),
            )
            .await;
        assert_eq!(result_code(&applied), "SUCCESS", "{applied}");
        let token = applied["accessToken"].as_str().unwrap();
        let (_, user) = wallet
            .signed(
                version.inquiry_user_info_path(),
                &with_extra(json!({"accessToken": token, "authClientId": MERCHANT})),
            )
            .await;
        assert_eq!(user["userInfo"], json!({"userId": USER}), "{user}");
        let (_, combined) = wallet
            .signed(
                APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH,
                &with_extra(json!({"accessToken": token})),
            )
            .await;
        assert_eq!(combined["userInfo"], json!({"userId": USER}), "{combined}");
        let revoke = match version {
            ApiVersion::V1 => RevokeApi::CancelToken,
            ApiVersion::V2 => RevokeApi::Revoke,
        };
        let (_, revoked) = wallet
            .signed(
                revoke.path(),
                &with_extra(json!({"accessToken": token, "extendInfo": "{\"memo\":\"memo\"}"})),
            )
            .await;
        assert_eq!(result_code(&revoked), "SUCCESS", "{revoked}");
    }
}

/// What one inquiry saw: when it started, and its result code.
type Seen = Vec<(Instant, Result<(), Option<ResultCode>>)>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_inquiry_that_starts_after_the_revoke_answered_fails() {
    let wallet = start(|server| server).await;
    let client = wallet.client(GatewayProfile::v1());
    let tokens = client
        .apply_token(&wallet.code(&["USER_ID"]).await)
        .await
        .unwrap();
    let token = Arc::new(tokens.access_token);
    let answered: Arc<OnceLock<Instant>> = Arc::new(OnceLock::new());
    let seen: Arc<Mutex<Seen>> = Arc::new(Mutex::new(Vec::new()));

    let mut inquirers = Vec::new();
    for _ in 0..6 {
        let (client, token, answered, seen) = (
            client.clone(),
            Arc::clone(&token),
            Arc::clone(&answered),
            Arc::clone(&seen),
        );
        inquirers.push(tokio::spawn(async move {
            // Bounded: until three inquiries of this task started after the revoke answered.
            let mut after = 0;
            for _ in 0..2_000 {
                let started = Instant::now();
                let outcome = client.inquiry_user_info::<UserInfo>(&token).await;
                let outcome = outcome
                    .map(|_| ())
                    .map_err(|err: ClientError| err.result_code());
                seen.lock().unwrap().push((started, outcome));
                if answered.get().is_some_and(|at| started > *at) {
                    after += 1;
                    if after == 3 {
                        break;
                    }
                }
            }
        }));
    }
    // Let the inquiries run for a while, then revoke in the middle of them.
    tokio::time::sleep(Duration::from_millis(150)).await;
    client.revoke(&token).await.unwrap();
    answered.set(Instant::now()).unwrap();
    for inquirer in inquirers {
        inquirer.await.unwrap();
    }

    let at = *answered.get().unwrap();
    let seen = seen.lock().unwrap();
    let before_ok = seen
        .iter()
        .filter(|(started, outcome)| *started < at && outcome.is_ok())
        .count();
    let after: Vec<_> = seen.iter().filter(|(started, _)| *started > at).collect();
    assert!(before_ok > 0, "no inquiry succeeded before the revoke");
    assert!(after.len() >= 6 * 3, "{}", after.len());
    for (_, outcome) in after {
        assert_eq!(*outcome, Err(Some(ResultCode::InvalidAccessToken)));
    }
}
