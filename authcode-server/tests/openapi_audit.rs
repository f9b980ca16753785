//! The audit trail of a whole flow over HTTP: the `authcode::audit` events a run produces, and
//! no secret (code, access token, refresh token) anywhere in the log, the emulator's request
//! lines and notification outcomes included.

mod openapi_support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use authcode_client::{Credential, GatewayProfile};
use authcode_runtime::UserInfo;
use authcode_server::{EMULATOR_GET_AUTH_CODE_PATH, NotifyOptions};
use authcode_wire::{AUTH_NOTIFY_PATH, ResultCode};
use openapi_support::{MERCHANT, USER, start};
use serde_json::json;

/// Everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// One thread: the server's, the client's and the receiver's tasks all run where the
// subscriber is the default.
#[tokio::test(flavor = "current_thread")]
async fn a_flow_leaves_its_audit_trail_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    // A receiver that refuses everything (it holds no key of the wallet's), so that failed
    // deliveries are logged too.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}{AUTH_NOTIFY_PATH}",
        listener.local_addr().unwrap()
    );
    let verifier = authcode_client::notify::NotificationVerifier::new(
        openapi_support::MERCHANT,
        openapi_support::key(3).verifying_key(),
    );
    let app = authcode_client::notify::router(Arc::new(verifier), |_| async {
        Ok::<(), std::convert::Infallible>(())
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    let options = NotifyOptions {
        max_attempts: 2,
        initial_backoff: std::time::Duration::from_millis(5),
        ..NotifyOptions::default()
    };
    let wallet = start(|server| {
        server
            .with_notifications(openapi_support::MERCHANT, &url, options)
            .unwrap()
    })
    .await;
    let client = wallet.client(GatewayProfile::v1());

    let call = json!({"clientId": MERCHANT, "userId": USER, "scopes": ["USER_ID", "USER_NICKNAME"],
                      "consent": "approve"});
    let (_, answer) = wallet
        .emulator_post(EMULATOR_GET_AUTH_CODE_PATH, &call.to_string())
        .await;
    let code = authcode_runtime::AuthCode::new(answer["authCode"].as_str().unwrap());
    let tokens = client.apply_token(&code).await.unwrap();
    let _: UserInfo = client
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    let refresh = tokens.refresh_token.clone().unwrap();
    let refreshed = client.refresh_token(&refresh).await.unwrap();
    let replay = client.apply_token(&code).await.unwrap_err();
    assert_eq!(replay.result_code(), Some(ResultCode::UsedCode));
    let refused = client
        .inquiry_user_info::<UserInfo>(&refreshed.access_token)
        .await;
    assert!(refused.is_err());
    let second = wallet.code(&["USER_ID"]).await;
    let second_tokens = client.apply_token(&second).await.unwrap();
    client.revoke(&second_tokens.access_token).await.unwrap();
    // The combined call (a v2 API) with the revoked token: refused, and logged as itself.
    let combined = wallet
        .client(GatewayProfile::v2())
        .apply_token_and_inquiry_user_info::<UserInfo>(Credential::AccessToken(
            &second_tokens.access_token,
        ))
        .await;
    assert!(combined.is_err());
    // Let the notifications' attempts run out.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let audit: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("authcode::audit"))
        .collect();
    for event in [
        "consent",
        "code_issued",
        "tokens_issued",
        "user_info_released",
        "replay",
        "refused",
        "grant_revoked",
    ] {
        assert!(
            audit
                .iter()
                .any(|line| line.contains(&format!("event=\"{event}\""))),
            "no {event} event in\n{}",
            audit.join("\n")
        );
    }
    assert!(
        audit
            .iter()
            .any(|line| line.contains("reason=\"CANCELLED_BY_MERCHANT\""))
    );
    assert!(
        audit
            .iter()
            .any(|line| line.contains("result=\"USED_CODE\""))
    );
    assert!(
        audit
            .iter()
            .any(|line| line.contains("api=\"applyTokenAndInquiryUserInfo\"")
                && line.contains("result=\"INVALID_ACCESS_TOKEN\"")),
        "{}",
        audit.join("\n")
    );
    assert!(log.contains("authcode::notify"), "{log}");
    assert!(log.contains("giving up"), "{log}");

    let secrets = [
        code.expose().to_owned(),
        second.expose().to_owned(),
        tokens.access_token.expose().to_owned(),
        refresh.expose().to_owned(),
        refreshed.access_token.expose().to_owned(),
        refreshed
            .refresh_token
            .as_ref()
            .unwrap()
            .expose()
            .to_owned(),
        second_tokens.access_token.expose().to_owned(),
    ];
    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()),
            "a secret is in the log:\n{log}"
        );
    }
}
