//! The client's retries, against scripted wallets that count the requests they get: status
//! `U` and transport failures are retried with backoff, `F` never.
#![cfg(all(feature = "server", feature = "client"))]

mod http_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use authcode_runtime::AuthCode;
use authcode_runtime::client::{ClientError, MerchantClient, RetryPolicy};
use authcode_runtime::flow::ResultCode;
use authcode_runtime::openapi::{Message, format_time};
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
    let time = format_time(std::time::SystemTime::now()).unwrap();
    let signature = Message {
        method: "POST",
        path: request.uri().path(),
        client_id: MERCHANT,
        time: &time,
        body: &body,
    }
    .sign(&wallet_key())
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

#[tokio::test]
async fn status_u_is_retried_until_it_succeeds() {
    let (base, wallet) = start(|n| {
        if n < 2 {
            failure("UNKNOWN_EXCEPTION", "U")
        } else {
            success()
        }
    })
    .await;
    let tokens = client(&base, 3)
        .apply_token(&AuthCode::new("c"))
        .await
        .unwrap();
    assert_eq!(tokens.customer_id, "2088001");
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
}

#[tokio::test]
async fn transport_failures_are_retried() {
    // A "wallet" that accepts connections and closes them at once, counting them.
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
    let err = client(&base, 3)
        .apply_token(&AuthCode::new("c"))
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::Transport(_)), "{err:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_timeout_is_a_transport_failure() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    // Accepts and never answers.
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let client = MerchantClient::builder(&base, MERCHANT, merchant_key(), wallet_public_key())
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client.apply_token(&AuthCode::new("c")).await.unwrap_err();
    assert!(
        matches!(&err, ClientError::Transport(inner) if inner.is_timeout()),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}
