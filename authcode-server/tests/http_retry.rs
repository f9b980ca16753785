//! The client's retries, against scripted wallets that count the requests they get: status
//! `U` and transport failures are retried with backoff where sending again is safe, `F` never.
//! applyToken redeems a single-use code, so it is sent again only when the first attempt
//! provably never reached the wallet (no connection) or the wallet refused it before doing
//! anything (`REQUEST_TRAFFIC_EXCEED_LIMIT`); a lost answer is `OutcomeUnknown`, sent once.
//! inquiryUserInfo only reads, and is retried on every transient failure.

mod http_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use authcode_client::{ClientError, MerchantClient, RetryPolicy, TransportKind};
use authcode_runtime::wire::ResultCode;
use authcode_runtime::{AccessToken, AuthCode, UserInfo};
use authcode_signing::Message;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use http_support::{MERCHANT, merchant_key, wallet_key, wallet_public_key};
use serde_json::json;

/// A wallet that answers the n-th request (from 0) with `script(n)`, signed.
struct Scripted {
    hits: AtomicUsize,
    script: fn(usize) -> serde_json::Value,
}

async fn answer(State(wallet): State<Arc<Scripted>>, request: Request) -> Response {
    let n = wallet.hits.fetch_add(1, Ordering::SeqCst);
    let body = (wallet.script)(n).to_string().into_bytes();
    let time = authcode_wire::time::format(std::time::SystemTime::now()).unwrap();
    let signature = Message {
        method: "POST",
        path: request.uri().path(),
        client_id: MERCHANT,
        time: &time,
        body: &body,
    }
    .sign(&wallet_key(), 1)
    .unwrap()
    .to_string();
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert("client-id", MERCHANT.parse().unwrap());
    headers.insert("response-time", time.parse().unwrap());
    headers.insert("signature", signature.parse().unwrap());
    response
}

async fn start(script: fn(usize) -> serde_json::Value) -> (String, Arc<Scripted>) {
    let wallet = Arc::new(Scripted {
        hits: AtomicUsize::new(0),
        script,
    });
    let app = axum::Router::new()
        .fallback(answer)
        .with_state(Arc::clone(&wallet));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, wallet)
}

fn client(base: &str, attempts: u32) -> MerchantClient {
    MerchantClient::builder(base, MERCHANT, merchant_key(), wallet_public_key())
        .retry(RetryPolicy {
            max_attempts: attempts,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
        })
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap()
}

fn failure(code: &str, status: &str) -> serde_json::Value {
    json!({"result": {"resultCode": code, "resultStatus": status, "resultMessage": "scripted"}})
}

fn success() -> serde_json::Value {
    json!({
        "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
        "accessToken": "at", "accessTokenExpiryTime": "2030-01-01T00:00:00Z",
        "refreshToken": "rt", "refreshTokenExpiryTime": "2030-02-01T00:00:00Z",
        "customerId": "2088001"
    })
}

fn user_info() -> serde_json::Value {
    json!({
        "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
        "userInfo": {"userId": "2088001", "nickName": "Ana"}
    })
}

async fn inquire(client: &MerchantClient) -> Result<UserInfo, ClientError> {
    client.inquiry_user_info(&AccessToken::new("at")).await
}

#[tokio::test]
async fn status_u_is_retried_until_it_succeeds() {
    let (base, wallet) = start(|n| {
        if n < 2 {
            failure("UNKNOWN_EXCEPTION", "U")
        } else {
            user_info()
        }
    })
    .await;
    let user = inquire(&client(&base, 3)).await.unwrap();
    assert_eq!(user.user_id.as_deref(), Some("2088001"));
    assert_eq!(wallet.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn an_unknown_exception_of_apply_token_is_not_retried() {
    // After UNKNOWN_EXCEPTION the wallet may have redeemed the code: a second attempt would be
    // answered USED_CODE and revoke the grant.
    let (base, wallet) = start(|n| {
        if n < 2 {
            failure("UNKNOWN_EXCEPTION", "U")
        } else {
            success()
        }
    })
    .await;
    let err = client(&base, 3)
        .apply_token(&AuthCode::new("c"))
        .await
        .unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::UnknownException));
    assert!(err.is_retryable(), "the caller may decide to, with care");
    assert_eq!(wallet.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn traffic_limits_of_apply_token_are_retried_until_it_succeeds() {
    // REQUEST_TRAFFIC_EXCEED_LIMIT is answered before the request is processed.
    let (base, wallet) = start(|n| {
        if n < 2 {
            failure("REQUEST_TRAFFIC_EXCEED_LIMIT", "U")
        } else {
            success()
        }
    })
    .await;
    let tokens = client(&base, 3)
        .apply_token(&AuthCode::new("c"))
        .await
        .unwrap();
    assert_eq!(tokens.customer_id.as_deref(), Some("2088001"));
    assert_eq!(wallet.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn status_u_gives_up_after_the_last_attempt() {
    let (base, wallet) = start(|_| failure("REQUEST_TRAFFIC_EXCEED_LIMIT", "U")).await;
    let err = client(&base, 4)
        .apply_token(&AuthCode::new("c"))
        .await
        .unwrap_err();
    assert_eq!(
        err.result_code(),
        Some(ResultCode::RequestTrafficExceedLimit)
    );
    assert_eq!(wallet.hits.load(Ordering::SeqCst), 4);

    let (base, wallet) = start(|_| failure("UNKNOWN_EXCEPTION", "U")).await;
    let err = inquire(&client(&base, 4)).await.unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::UnknownException));
    assert_eq!(wallet.hits.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn status_f_is_never_retried() {
    let (base, wallet) = start(|_| failure("USED_CODE", "F")).await;
    let err = client(&base, 5)
        .apply_token(&AuthCode::new("c"))
        .await
        .unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::UsedCode));
    assert_eq!(wallet.hits.load(Ordering::SeqCst), 1);

    let (base, wallet) = start(|_| failure("INVALID_ACCESS_TOKEN", "F")).await;
    let err = inquire(&client(&base, 5)).await.unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::InvalidAccessToken));
    assert_eq!(wallet.hits.load(Ordering::SeqCst), 1);
}

/// A "wallet" that accepts connections and closes them at once; returns its base URL and the
/// count of connections accepted.
async fn closing_listener() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (base, accepted)
}

#[tokio::test]
async fn transport_failures_of_inquiries_are_retried() {
    let (base, accepted) = closing_listener().await;
    let err = inquire(&client(&base, 3)).await.unwrap_err();
    assert!(matches!(err, ClientError::Transport(_)), "{err:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_lost_apply_token_answer_is_an_unknown_outcome_sent_once() {
    // The connection was made, so the request may have reached the wallet and redeemed the
    // code: sending it again would be a replay.
    let (base, accepted) = closing_listener().await;
    let err = client(&base, 3)
        .apply_token(&AuthCode::new("c"))
        .await
        .unwrap_err();
    let ClientError::OutcomeUnknown { api, cause } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*api, "applyToken");
    assert_ne!(cause.transport_kind(), Some(TransportKind::Connect));
    assert!(cause.transport_kind().is_some());
    assert!(!err.is_retryable());
    assert!(
        http_support::chain(&err).contains("ask the user to authorize again"),
        "{err}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn apply_token_is_retried_when_no_connection_could_be_made() {
    // A port nothing listens on: nothing was sent, so even applyToken may be tried again.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let started = std::time::Instant::now();
    let err = MerchantClient::builder(&base, MERCHANT, merchant_key(), wallet_public_key())
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_millis(200),
        })
        .build()
        .unwrap()
        .apply_token(&AuthCode::new("c"))
        .await
        .unwrap_err();
    let ClientError::Transport(cause) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(cause.kind(), TransportKind::Connect);
    assert!(cause.nothing_sent());
    // Two retries, each after at least half of its 200 ms backoff.
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}: not retried",
        started.elapsed()
    );
}

/// A "wallet" that accepts connections and never answers, holding them open.
async fn silent_listener() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    base
}

#[tokio::test]
async fn a_timeout_is_a_transport_failure() {
    let base = silent_listener().await;
    let client = MerchantClient::builder(&base, MERCHANT, merchant_key(), wallet_public_key())
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = inquire(&client).await.unwrap_err();
    assert!(
        matches!(&err, ClientError::Transport(inner) if inner.kind() == TransportKind::Timeout),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    // applyToken timed out after sending: the outcome is unknown, not a transport failure to
    // retry.
    let started = std::time::Instant::now();
    let err = client.apply_token(&AuthCode::new("c")).await.unwrap_err();
    assert!(
        matches!(
            &err,
            ClientError::OutcomeUnknown { cause, .. } if cause.transport_kind() == Some(TransportKind::Timeout)
        ),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}
