//! Consents over HTTP: remembered (a second getAuthCode of the same scopes does not prompt),
//! listed with `GET /emulator/consents` and withdrawn with `POST /emulator/unbind`, which
//! kills the grant's tokens at once; the next request prompts again.

mod openapi_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use authcode_client::GatewayProfile;
use authcode_runtime::flow::{ConsentDecision, ConsentRequest};
use authcode_runtime::{AuthCodeResponse, ScopeSet, UserInfo};
use authcode_server::{EMULATOR_CONSENTS_PATH, EMULATOR_GET_AUTH_CODE_PATH, EMULATOR_UNBIND_PATH};
use authcode_wire::ResultCode;
use openapi_support::{AlipayPlusScope, MERCHANT, USER, start};
use serde_json::{Value, json};

const SCOPES: [&str; 3] = ["USER_ID", "USER_NICKNAME", "USER_AVATAR"];

/// `POST /emulator/getAuthCode` for Ana and `MERCHANT` with the user's answer `consent`.
async fn get_auth_code(
    wallet: &openapi_support::Wallet,
    consent: Value,
) -> AuthCodeResponse<AlipayPlusScope> {
    let call = json!({"clientId": MERCHANT, "userId": USER, "scopes": SCOPES, "consent": consent});
    let (status, body) = wallet
        .emulator_post(EMULATOR_GET_AUTH_CODE_PATH, &call.to_string())
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).unwrap()
}

#[tokio::test]
async fn a_consent_is_remembered_listed_and_withdrawn() {
    let wallet = start(|server| server).await;
    let client = wallet.client(GatewayProfile::v1());

    // First time: the user is asked. Cancelling gives no code at all.
    let cancelled = get_auth_code(&wallet, json!("cancel")).await;
    assert!(cancelled.auth_code().is_none());
    let approved = get_auth_code(&wallet, json!("approve")).await;
    let tokens = client
        .apply_token(approved.auth_code().unwrap())
        .await
        .unwrap();

    // Second time the same scopes: no prompt, so the "cancel" the user would answer is never
    // asked, and the code grants all three.
    let remembered = get_auth_code(&wallet, json!("cancel")).await;
    assert!(remembered.auth_code().is_some(), "{remembered:?}");
    assert_eq!(
        format!("{:?}", remembered.granted()),
        "{USER_ID, USER_NICKNAME, USER_AVATAR}"
    );

    let (status, listed) = wallet
        .emulator_get(&format!("{EMULATOR_CONSENTS_PATH}?userId={USER}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        listed,
        json!({"userId": USER, "consents": [
            {"clientId": MERCHANT, "scopes": ["USER_NICKNAME", "USER_AVATAR"]}
        ]})
    );

    let (status, unbound) = wallet
        .emulator_post(
            EMULATOR_UNBIND_PATH,
            &json!({"clientId": MERCHANT, "userId": USER}).to_string(),
        )
        .await;
    assert_eq!(status, 200);
    // Two grants: the exchanged one and the remembered code's.
    assert_eq!(
        unbound,
        json!({"clientId": MERCHANT, "userId": USER, "revokedGrants": 2})
    );

    // The tokens are dead at once, and so is the code issued without asking.
    let err = client
        .inquiry_user_info::<UserInfo>(&tokens.access_token)
        .await
        .unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::InvalidAccessToken));
    let err = client
        .apply_token(remembered.auth_code().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::InvalidCode));

    let (_, listed) = wallet
        .emulator_get(&format!("{EMULATOR_CONSENTS_PATH}?userId={USER}"))
        .await;
    assert_eq!(listed, json!({"userId": USER, "consents": []}));
    // The user is asked again: cancelling now gives no code.
    let asked = get_auth_code(&wallet, json!("cancel")).await;
    assert!(asked.auth_code().is_none());
    // Unbinding again revokes nothing more.
    let (_, again) = wallet
        .emulator_post(
            EMULATOR_UNBIND_PATH,
            &json!({"clientId": MERCHANT, "userId": USER}).to_string(),
        )
        .await;
    assert_eq!(again["revokedGrants"], 0);
}

#[tokio::test]
async fn the_consent_hook_is_called_only_for_what_was_not_consented_to() {
    let wallet = start(|server| server).await;
    let asked = Arc::new(AtomicUsize::new(0));
    let hook = |asked: Arc<AtomicUsize>| {
        move |request: &ConsentRequest<AlipayPlusScope>| {
            asked.fetch_add(1, Ordering::SeqCst);
            assert!(request.scopes.iter().all(|scope| scope.is_proactive()));
            ConsentDecision::ApproveAll
        }
    };
    let ask = |scopes: &'static [&'static str]| {
        let (wallet, asked) = (&wallet, Arc::clone(&asked));
        async move {
            wallet
                .auth
                .get_auth_code(MERCHANT, USER, scopes, hook(asked))
                .await
        }
    };
    ask(&["USER_ID", "USER_NICKNAME"]).await;
    assert_eq!(asked.load(Ordering::SeqCst), 1);
    ask(&["USER_ID", "USER_NICKNAME"]).await;
    assert_eq!(
        asked.load(Ordering::SeqCst),
        1,
        "asked again for a remembered consent"
    );
    // A new proactive scope is asked about (alone); the remembered one is still granted.
    let response = ask(&["USER_NICKNAME", "USER_AVATAR"]).await;
    assert_eq!(asked.load(Ordering::SeqCst), 2);
    assert_eq!(
        response.granted(),
        ScopeSet::from_iter([AlipayPlusScope::UserNickname, AlipayPlusScope::UserAvatar])
    );
    wallet.auth.revoke_consent(MERCHANT, USER).await.unwrap();
    ask(&["USER_NICKNAME"]).await;
    assert_eq!(asked.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn malformed_emulator_calls_are_told_what_is_wrong() {
    let wallet = start(|server| server).await;
    for (query, status, said) in [
        ("", 400, "userId is required"),
        ("?userid=2088001", 400, "unknown parameter \"userid\""),
        ("?userId=1&userId=2", 400, "given twice"),
        ("?userId=nobody", 404, "unknown user \"nobody\""),
    ] {
        let (got, body) = wallet
            .emulator_get(&format!("{EMULATOR_CONSENTS_PATH}{query}"))
            .await;
        assert_eq!(got, status, "{query}: {body}");
        let error = body["error"].as_str().unwrap();
        assert!(error.contains(said), "{query}: {error}");
    }
    for (body, status, said) in [
        ("not json", 400, "malformed unbind call"),
        (r#"{"clientId": "m"}"#, 400, "missing field `userId`"),
        (
            r#"{"clientId": "m", "userId": "u", "extra": 1}"#,
            400,
            "unknown field `extra`",
        ),
        (
            r#"{"clientId": "m", "userId": "nobody"}"#,
            404,
            "unknown user",
        ),
    ] {
        let (got, answer) = wallet.emulator_post(EMULATOR_UNBIND_PATH, body).await;
        assert_eq!(got, status, "{body}: {answer}");
        let error = answer["error"].as_str().unwrap();
        assert!(error.contains(said), "{body}: {error}");
    }
    // Every echo is cut: a huge client ID is neither answered whole nor taken as a client.
    let huge = "m".repeat(60_000);
    let body = serde_json::json!({"clientId": huge, "userId": USER}).to_string();
    let (got, answer) = wallet.emulator_post(EMULATOR_UNBIND_PATH, &body).await;
    assert_eq!(got, 404, "{answer}");
    let shown = answer.to_string();
    assert!(shown.contains("unknown client"), "{shown}");
    assert!(shown.len() < 400, "the echo is {} bytes", shown.len());
}

#[tokio::test]
async fn the_consent_endpoints_exist_only_with_the_emulator_endpoints() {
    let auth = Arc::new(authcode_runtime::flow::AuthServer::<AlipayPlusScope>::new());
    let server = authcode_server::WalletServer::new(auth, openapi_support::wallet_key());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server.serve(listener, std::future::pending()));
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let listed = http
        .get(format!("{base}{EMULATOR_CONSENTS_PATH}?userId={USER}"))
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 404);
    let unbound = http
        .post(format!("{base}{EMULATOR_UNBIND_PATH}"))
        .body(json!({"clientId": MERCHANT, "userId": USER}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(unbound.status(), 404);
}
