//! The emulator's checks of incoming requests, over real HTTP: each bad request gets its
//! result code in a signed response, and none of them changes any state (the code sent in a
//! refused request is still redeemable by a good one afterwards). What is not an OpenAPI call
//! at all (an unknown path, another method, a body over 64 KiB, a request that is not read in
//! time) is refused at the HTTP level, unsigned.

mod http_support;

use std::sync::Arc;
use std::time::Duration;

use authcode_client::ClientError;
use authcode_runtime::flow::AuthServer;
use authcode_runtime::wire::{ApiVersion, ResultCode};
use authcode_runtime::{AuthCode, Clock, ManualClock, ScopeSet};
use authcode_server::{ServeOptions, WalletServer};
use authcode_signing::{MAX_BODY_BYTES, SignatureError, SigningKey};
use http_support::{
    AlipayPlusScope, Emulator, MERCHANT, USER, ana, apply_token_body, merchant_key, verified_json,
    wallet_key,
};
use serde_json::Value;

const APPLY_TOKEN_PATH: &str = ApiVersion::V1.apply_token_path();
const INQUIRY_USER_INFO_PATH: &str = ApiVersion::V1.inquiry_user_info_path();

/// The `resultCode` and `resultMessage` of a response body.
fn result_of(body: &Value) -> (String, String) {
    let result = &body["result"];
    (
        result["resultCode"].as_str().unwrap().to_owned(),
        result["resultMessage"].as_str().unwrap().to_owned(),
    )
}

/// Sends a request that `mangle` spoils, for a fresh code; checks the refusal (HTTP status,
/// code, message), that nothing changed, and that the code is then redeemable.
async fn refused_without_effect(
    mangle: impl FnOnce(&Emulator, &AuthCode) -> RawRequest,
    status: u16,
    code: ResultCode,
    message: &str,
) {
    let emulator = Emulator::start().await;
    let auth_code = emulator.code().await;
    let entries_before = emulator.auth.store().len();

    let request = mangle(&emulator, &auth_code);
    let response = emulator
        .send_raw(
            &request.path,
            request.client_id.as_deref(),
            request.time.as_deref(),
            request.signature.as_deref(),
            request.body,
        )
        .await;
    let echoed = request.client_id.unwrap_or_default();
    let (got_status, body) = verified_json(response, &request.path, &echoed).await;
    let (got_code, got_message) = result_of(&body);
    assert_eq!(
        (got_status, got_code.as_str()),
        (status, code.as_str()),
        "{got_message}"
    );
    assert!(
        got_message.contains(message),
        "{got_message:?} lacks {message:?}"
    );
    assert_eq!(body["result"]["resultStatus"], "F");
    assert_eq!(body.get("accessToken"), None);

    assert_eq!(
        emulator.auth.store().len(),
        entries_before,
        "a refused request changed state"
    );
    let tokens = emulator.client().apply_token(&auth_code).await;
    assert!(
        tokens.is_ok(),
        "the code is no longer redeemable: {tokens:?}"
    );
}

/// A hand-made request; [`RawRequest::good`] is a correctly signed applyToken.
struct RawRequest {
    path: String,
    client_id: Option<String>,
    time: Option<String>,
    signature: Option<String>,
    body: Vec<u8>,
}

impl RawRequest {
    fn good(emulator: &Emulator, code: &AuthCode) -> RawRequest {
        RawRequest::signed(emulator.now_text(), apply_token_body(code))
    }

    /// Signed correctly for `body` at `time`.
    fn signed(time: String, body: Vec<u8>) -> RawRequest {
        let signature = Emulator::sign(&merchant_key(), APPLY_TOKEN_PATH, MERCHANT, &time, &body);
        RawRequest {
            path: APPLY_TOKEN_PATH.to_owned(),
            client_id: Some(MERCHANT.to_owned()),
            time: Some(time),
            signature: Some(signature),
            body,
        }
    }

    /// The same request with its signature replaced by one made with `key` for `path`.
    fn resigned(self, key: &SigningKey, path: &str) -> RawRequest {
        let time = self.time.clone().unwrap_or_default();
        let signature = Emulator::sign(key, path, MERCHANT, &time, &self.body);
        RawRequest {
            signature: Some(signature),
            ..self
        }
    }
}

#[tokio::test]
async fn a_good_request_succeeds_as_sent_by_hand() {
    let emulator = Emulator::start().await;
    let code = emulator.code().await;
    let request = RawRequest::good(&emulator, &code);
    let response = emulator
        .send_raw(
            &request.path,
            Some(MERCHANT),
            request.time.as_deref(),
            request.signature.as_deref(),
            request.body,
        )
        .await;
    let (status, body) = verified_json(response, APPLY_TOKEN_PATH, MERCHANT).await;
    assert_eq!(status, 200);
    assert_eq!(result_of(&body).0, "SUCCESS");
    assert_eq!(body["customerId"], "2088001");
}

#[tokio::test]
async fn a_body_changed_after_signing_is_refused() {
    refused_without_effect(
        |emulator, code| {
            let mut request = RawRequest::good(emulator, code);
            // Same code, one more space: the signature no longer covers the body.
            request.body = format!(
                r#"{{"grantType": "AUTHORIZATION_CODE","authCode":"{}"}}"#,
                code.expose()
            )
            .into_bytes();
            request
        },
        200,
        ResultCode::InvalidSignature,
        "does not match the request",
    )
    .await;
}

#[tokio::test]
async fn a_missing_malformed_or_foreign_signature_is_refused() {
    refused_without_effect(
        |emulator, code| RawRequest {
            signature: None,
            ..RawRequest::good(emulator, code)
        },
        200,
        ResultCode::InvalidSignature,
        "Signature header is missing",
    )
    .await;
    refused_without_effect(
        |emulator, code| RawRequest {
            signature: Some("algorithm=RSA256, keyVersion=1, signature=%%%".to_owned()),
            ..RawRequest::good(emulator, code)
        },
        200,
        ResultCode::InvalidSignature,
        "not valid base64",
    )
    .await;
    refused_without_effect(
        |emulator, code| RawRequest {
            signature: Some("algorithm=HMAC256, signature=AA%3D%3D".to_owned()),
            ..RawRequest::good(emulator, code)
        },
        200,
        ResultCode::InvalidSignature,
        "unsupported algorithm",
    )
    .await;
    // Signed with a key that is not the merchant's (the wallet's own).
    refused_without_effect(
        |emulator, code| RawRequest::good(emulator, code).resigned(&wallet_key(), APPLY_TOKEN_PATH),
        200,
        ResultCode::InvalidSignature,
        "does not match",
    )
    .await;
    // Signed for the other API's path.
    refused_without_effect(
        |emulator, code| {
            RawRequest::good(emulator, code).resigned(&merchant_key(), INQUIRY_USER_INFO_PATH)
        },
        200,
        ResultCode::InvalidSignature,
        "does not match",
    )
    .await;
}

#[tokio::test]
async fn an_unknown_or_missing_client_is_refused() {
    refused_without_effect(
        |emulator, code| RawRequest {
            client_id: Some("2022999999999999".to_owned()),
            ..RawRequest::good(emulator, code)
        },
        200,
        ResultCode::InvalidClient,
        "is not registered",
    )
    .await;
    refused_without_effect(
        |emulator, code| RawRequest {
            client_id: None,
            ..RawRequest::good(emulator, code)
        },
        200,
        ResultCode::InvalidClient,
        "Client-Id header is missing",
    )
    .await;
}

#[tokio::test]
async fn a_stale_or_future_request_time_is_refused_even_when_signed() {
    for skew in [-301i64, 301, -3600] {
        refused_without_effect(
            |emulator, code| {
                let now = emulator.clock.now();
                let by = Duration::from_secs(skew.unsigned_abs());
                let sent = if skew < 0 { now - by } else { now + by };
                RawRequest::signed(
                    authcode_wire::time::format(sent).unwrap(),
                    apply_token_body(code),
                )
            },
            200,
            ResultCode::InvalidSignature,
            "more than 5 minutes",
        )
        .await;
    }
    refused_without_effect(
        |_, code| {
            RawRequest::signed(
                "2026-13-01T00:00:00+00:00".to_owned(),
                apply_token_body(code),
            )
        },
        200,
        ResultCode::ParamIllegal,
        "not an ISO 8601",
    )
    .await;
}

#[tokio::test]
async fn a_body_over_64_kib_is_refused_with_a_plain_413() {
    let emulator = Emulator::start().await;
    let auth_code = emulator.code().await;
    let entries_before = emulator.auth.store().len();
    // A valid, correctly signed request, padded with whitespace past the limit.
    let mut body = apply_token_body(&auth_code);
    body.extend(std::iter::repeat_n(b' ', MAX_BODY_BYTES));
    let request = RawRequest::signed(emulator.now_text(), body);
    let response = emulator
        .send_raw(
            &request.path,
            request.client_id.as_deref(),
            request.time.as_deref(),
            request.signature.as_deref(),
            request.body,
        )
        .await;
    assert_eq!(response.status(), 413);
    assert!(!response.headers().contains_key("signature"));
    let text = response.text().await.unwrap();
    assert!(text.contains("length limit exceeded"), "{text}");

    assert_eq!(
        emulator.auth.store().len(),
        entries_before,
        "a refused request changed state"
    );
    let tokens = emulator.client().apply_token(&auth_code).await;
    assert!(
        tokens.is_ok(),
        "the code is no longer redeemable: {tokens:?}"
    );
}

#[tokio::test]
async fn malformed_json_is_param_illegal() {
    for (body, message) in [
        (
            &b"{\"grantType\": \"AUTHORIZATION_CODE\", "[..],
            "malformed applyToken request",
        ),
        (b"", "malformed applyToken request"),
        (b"[]", "malformed applyToken request"),
        (
            br#"{"grantType":"PASSWORD","authCode":"x"}"#,
            "unknown variant",
        ),
        (br#"{"authCode":"x"}"#, "missing field `grantType`"),
        (
            br#"{"grantType":"AUTHORIZATION_CODE"}"#,
            "authCode is required",
        ),
    ] {
        refused_without_effect(
            |emulator, _| RawRequest::signed(emulator.now_text(), body.to_vec()),
            200,
            ResultCode::ParamIllegal,
            message,
        )
        .await;
    }
}

#[tokio::test]
async fn extra_fields_of_the_wire_format_are_accepted() {
    let emulator = Emulator::start().await;
    let code = emulator.code().await;
    let body = serde_json::json!({
        "grantType": "AUTHORIZATION_CODE",
        "authCode": code.expose(),
        "referenceClientId": MERCHANT,
        "extendInfo": "{\"channel\":\"test\"}",
    })
    .to_string()
    .into_bytes();
    let response = emulator
        .client()
        .call(APPLY_TOKEN_PATH, body)
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    let body: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(result_of(&body).0, "SUCCESS");
}

#[tokio::test]
async fn wrong_paths_and_methods_get_plain_refusals() {
    let emulator = Emulator::start().await;
    let client = emulator.client();
    // `call` verifies the signature of whatever comes back: a plain 404 is not the wallet's
    // word. `call` treats the API as single-use, so an answer it cannot trust leaves the
    // outcome unknown.
    let err = client
        .call("/v1/authorizations/applyTokn", b"{}".to_vec())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::OutcomeUnknown {
                cause: authcode_client::OutcomeCause::ResponseSignature(SignatureError::Missing),
                ..
            }
        ),
        "{err:?}"
    );
    let response = emulator
        .send_raw(
            "/v1/authorizations/applyTokn",
            Some(MERCHANT),
            None,
            None,
            b"{}".to_vec(),
        )
        .await;
    assert_eq!(response.status(), 404);
    assert!(!response.headers().contains_key("signature"));

    let response = emulator
        .http
        .get(format!("{}{APPLY_TOKEN_PATH}", emulator.base_url))
        .header("client-id", MERCHANT)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert!(!response.headers().contains_key("signature"));
}

#[tokio::test]
async fn a_chunked_body_without_length_is_cut_off_at_64_kib() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let emulator = Emulator::start().await;
    let address = emulator.base_url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST {APPLY_TOKEN_PATH} HTTP/1.1\r\nHost: {address}\r\nClient-Id: {MERCHANT}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // 80 chunks of 1 KiB, no Content-Length: only counting while reading can stop it.
    let chunk = format!("400\r\n{}\r\n", " ".repeat(1024));
    for _ in 0..80 {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break; // the server may answer and close before reading everything
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("length limit exceeded"), "{answer}");
    assert!(
        !answer.to_ascii_lowercase().contains("\r\nsignature:"),
        "{answer}"
    );
}

#[tokio::test]
async fn the_signature_covers_the_query_string() {
    let emulator = Emulator::start().await;
    let path = format!("{APPLY_TOKEN_PATH}?channel=test");

    // Signed over the path alone, sent with a query: the signed URI is not the one sent.
    refused_without_effect(
        |emulator, code| RawRequest {
            path: format!("{APPLY_TOKEN_PATH}?channel=test"),
            ..RawRequest::good(emulator, code)
        },
        200,
        ResultCode::InvalidSignature,
        "does not match",
    )
    .await;

    // Signed over the path and its query: accepted, and the response is signed for it too.
    let code = emulator.code().await;
    let request = RawRequest::good(&emulator, &code).resigned(&merchant_key(), &path);
    let response = emulator
        .send_raw(
            &path,
            Some(MERCHANT),
            request.time.as_deref(),
            request.signature.as_deref(),
            request.body,
        )
        .await;
    let (status, body) = verified_json(response, &path, MERCHANT).await;
    assert_eq!(status, 200);
    assert_eq!(result_of(&body).0, "SUCCESS");
}

/// A server whose merchant has key versions 1 (the usual test key) and 2 (`second`), the
/// user Ana, on a manual clock.
async fn rolling_over(second: &SigningKey) -> Emulator {
    let clock = ManualClock::new(std::time::SystemTime::now());
    let auth = AuthServer::<AlipayPlusScope>::new().with_clock(clock.clone());
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.register_client("2022000000000009", ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, ana()).await.unwrap();
    let server = WalletServer::new(Arc::new(auth), wallet_key())
        .with_client_key(MERCHANT, merchant_key().verifying_key())
        .with_client_key_version(MERCHANT, 2, second.verifying_key())
        .with_emulator_endpoints();
    Emulator::serve(server, clock).await
}

/// `Emulator::sign`, with the header naming `version` (or no version at all).
fn sign_as(key: &SigningKey, version: Option<u32>, time: &str, body: &[u8]) -> String {
    let signature = Emulator::sign(key, APPLY_TOKEN_PATH, MERCHANT, time, body);
    match version {
        Some(version) => signature.replace("keyVersion=1", &format!("keyVersion={version}")),
        None => signature.replace("keyVersion=1, ", ""),
    }
}

#[tokio::test]
async fn the_key_version_of_the_signature_selects_the_client_key() {
    let second = SigningKey::generate().unwrap();
    let emulator = rolling_over(&second).await;
    let cases = [
        // (key, version named, expected result code)
        (merchant_key(), Some(1), "SUCCESS"),
        (
            SigningKey::from_pkcs8_pem(&second.to_pkcs8_pem()).unwrap(),
            Some(2),
            "SUCCESS",
        ),
        // No version: the latest key, 2.
        (
            SigningKey::from_pkcs8_pem(&second.to_pkcs8_pem()).unwrap(),
            None,
            "SUCCESS",
        ),
        (merchant_key(), None, "INVALID_SIGNATURE"),
        // The right key under the wrong version.
        (merchant_key(), Some(2), "INVALID_SIGNATURE"),
        // A version the wallet does not hold.
        (merchant_key(), Some(3), "KEY_NOT_FOUND"),
    ];
    for (key, version, expected) in cases {
        let code = emulator.code().await;
        let body = apply_token_body(&code);
        let time = emulator.now_text();
        let signature = sign_as(&key, version, &time, &body);
        let response = emulator
            .send_raw(
                APPLY_TOKEN_PATH,
                Some(MERCHANT),
                Some(&time),
                Some(&signature),
                body,
            )
            .await;
        let (status, answer) = verified_json(response, APPLY_TOKEN_PATH, MERCHANT).await;
        assert_eq!(status, 200);
        assert_eq!(
            result_of(&answer).0,
            expected,
            "version {version:?}: {answer}"
        );
    }
}

#[tokio::test]
async fn a_retired_key_version_is_no_longer_accepted() {
    let second = SigningKey::generate().unwrap();
    let clock = ManualClock::new(std::time::SystemTime::now());
    let auth = AuthServer::<AlipayPlusScope>::new().with_clock(clock.clone());
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, ana()).await.unwrap();
    let server = WalletServer::new(Arc::new(auth), wallet_key())
        .with_client_key(MERCHANT, merchant_key().verifying_key())
        .with_client_key_version(MERCHANT, 2, second.verifying_key())
        .without_client_key_version(MERCHANT, 1)
        .with_emulator_endpoints();
    let emulator = Emulator::serve(server, clock).await;
    let code = emulator.code().await;
    let body = apply_token_body(&code);
    let time = emulator.now_text();
    for (key, version, expected) in [
        (merchant_key(), Some(1), "KEY_NOT_FOUND"),
        (second, Some(2), "SUCCESS"),
    ] {
        let signature = sign_as(&key, version, &time, &body);
        let response = emulator
            .send_raw(
                APPLY_TOKEN_PATH,
                Some(MERCHANT),
                Some(&time),
                Some(&signature),
                body.clone(),
            )
            .await;
        let (_, answer) = verified_json(response, APPLY_TOKEN_PATH, MERCHANT).await;
        assert_eq!(result_of(&answer).0, expected, "{answer}");
    }
}

#[tokio::test]
async fn a_registered_client_without_a_key_is_key_not_found() {
    let second = SigningKey::generate().unwrap();
    // "2022000000000009" is registered with the flow but the server holds no key for it.
    let emulator = rolling_over(&second).await;
    let time = emulator.now_text();
    let body = b"{}".to_vec();
    let signature = Emulator::sign(
        &merchant_key(),
        APPLY_TOKEN_PATH,
        "2022000000000009",
        &time,
        &body,
    );
    let response = emulator
        .send_raw(
            APPLY_TOKEN_PATH,
            Some("2022000000000009"),
            Some(&time),
            Some(&signature),
            body,
        )
        .await;
    let (status, answer) = verified_json(response, APPLY_TOKEN_PATH, "2022000000000009").await;
    assert_eq!(status, 200);
    let (code, message) = result_of(&answer);
    assert_eq!(code, "KEY_NOT_FOUND");
    assert!(message.contains("no public key"), "{message}");
}

#[tokio::test]
async fn a_request_not_read_in_time_is_cut_with_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let clock = ManualClock::new(std::time::SystemTime::now());
    let auth = AuthServer::<AlipayPlusScope>::new().with_clock(clock);
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    let server = WalletServer::new(Arc::new(auth), wallet_key())
        .with_client_key(MERCHANT, merchant_key().verifying_key());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let options = ServeOptions {
        request_timeout: Duration::from_millis(300),
        ..ServeOptions::default()
    };
    let running = tokio::spawn(server.serve_with(
        listener,
        async {
            stopped.await.ok();
        },
        options,
    ));

    // A head announcing a body that never comes.
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST {APPLY_TOKEN_PATH} HTTP/1.1\r\nHost: {address}\r\nClient-Id: {MERCHANT}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{{"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));

    stop.send(()).ok();
    running.await.unwrap().unwrap();
}
