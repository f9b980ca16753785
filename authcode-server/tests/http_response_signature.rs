//! The client refuses responses whose signature is missing or wrong. A proxy between the
//! client and the emulator strips the `Signature` header, or changes the body, or a wallet
//! signs with a key that is not the one the merchant holds. For applyToken, which spends the
//! code, an answer that cannot be trusted leaves the outcome unknown, and the error says so.

mod http_support;

use std::sync::Arc;

use authcode_client::{ClientError, MerchantClient, OutcomeCause, RetryPolicy};
use authcode_runtime::flow::AuthServer;
use authcode_runtime::{AuthCode, ManualClock, ScopeSet};
use authcode_server::WalletServer;
use authcode_signing::{SignatureError, SigningKey};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use http_support::{
    AlipayPlusScope, Emulator, MERCHANT, USER, ana, chain, merchant_key, wallet_public_key,
};

/// What the proxy does to responses.
#[derive(Clone, Copy)]
enum Tamper {
    Nothing,
    StripSignature,
    ChangeBody,
}

struct Proxy {
    upstream: String,
    tamper: Tamper,
    http: reqwest::Client,
}

/// Starts a proxy to `upstream` on 127.0.0.1; returns its base URL.
async fn start_proxy(upstream: &str, tamper: Tamper) -> String {
    let proxy = Arc::new(Proxy {
        upstream: upstream.to_owned(),
        tamper,
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
    });
    let app = axum::Router::new().fallback(forward).with_state(proxy);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

async fn forward(State(proxy): State<Arc<Proxy>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    let mut upstream = proxy
        .http
        .post(format!("{}{}", proxy.upstream, parts.uri.path()))
        .body(body);
    for name in ["content-type", "client-id", "request-time", "signature"] {
        if let Some(value) = parts.headers.get(name) {
            upstream = upstream.header(name, value.clone());
        }
    }
    let answer = upstream.send().await.unwrap();
    let status = answer.status();
    let mut headers = answer.headers().clone();
    let mut body = answer.bytes().await.unwrap().to_vec();
    match proxy.tamper {
        Tamper::Nothing => {}
        Tamper::StripSignature => {
            headers.remove("signature");
        }
        Tamper::ChangeBody => {
            // Swap the customer for another one, keeping the JSON valid.
            let text = String::from_utf8(body).unwrap().replace(USER, "2088999");
            body = text.into_bytes();
        }
    }
    headers.remove("content-length");
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

fn client_of(base: &str, clock: &ManualClock) -> MerchantClient {
    MerchantClient::builder(base, MERCHANT, merchant_key(), wallet_public_key())
        .clock(clock.clone())
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_untouched_response_passes_through_the_proxy() {
    let emulator = Emulator::start().await;
    let proxy = start_proxy(&emulator.base_url, Tamper::Nothing).await;
    let tokens = client_of(&proxy, &emulator.clock)
        .apply_token(&emulator.code().await)
        .await
        .unwrap();
    assert_eq!(tokens.customer_id.as_deref(), Some(USER));
}

#[tokio::test]
async fn a_response_without_signature_is_refused() {
    let emulator = Emulator::start().await;
    let proxy = start_proxy(&emulator.base_url, Tamper::StripSignature).await;
    let client = client_of(&proxy, &emulator.clock);

    let result = client.apply_token(&emulator.code().await).await;
    assert!(
        matches!(
            result,
            Err(ClientError::OutcomeUnknown {
                api: "applyToken",
                cause: OutcomeCause::ResponseSignature(SignatureError::Missing)
            })
        ),
        "{result:?}"
    );
    // Failures are unsigned too, and refused the same way, not read as the wallet's word.
    let result = client.apply_token(&AuthCode::new("unknown")).await;
    assert!(
        matches!(
            result,
            Err(ClientError::OutcomeUnknown {
                cause: OutcomeCause::ResponseSignature(SignatureError::Missing),
                ..
            })
        ),
        "{result:?}"
    );
    // A call that spends nothing is refused as it is: nothing is unknown about it.
    let result = client
        .inquiry_user_info::<serde_json::Value>(&authcode_runtime::AccessToken::new("at"))
        .await;
    assert!(
        matches!(
            result,
            Err(ClientError::ResponseSignature(SignatureError::Missing))
        ),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_changed_response_body_is_refused() {
    let emulator = Emulator::start().await;
    let proxy = start_proxy(&emulator.base_url, Tamper::ChangeBody).await;
    let result = client_of(&proxy, &emulator.clock)
        .apply_token(&emulator.code().await)
        .await;
    assert!(
        matches!(
            result,
            Err(ClientError::OutcomeUnknown {
                cause: OutcomeCause::ResponseSignature(SignatureError::Mismatch),
                ..
            })
        ),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_response_signed_with_another_wallet_key_is_refused() {
    let clock = ManualClock::new(std::time::SystemTime::now());
    let auth = AuthServer::<AlipayPlusScope>::new().with_clock(clock.clone());
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, ana()).await.unwrap();
    // Not the key whose public half the merchant holds.
    let impostor = SigningKey::generate().unwrap();
    let server = WalletServer::new(Arc::new(auth), impostor)
        .with_client_key(MERCHANT, merchant_key().verifying_key())
        .with_emulator_endpoints();
    let emulator = Emulator::serve(server, clock).await;

    let result = emulator.client().apply_token(&emulator.code().await).await;
    let Err(err) = result else {
        panic!("{result:?}")
    };
    assert!(
        matches!(
            err,
            ClientError::OutcomeUnknown {
                cause: OutcomeCause::ResponseSignature(SignatureError::Mismatch),
                ..
            }
        ),
        "{err:?}"
    );
    // The message says why, through its sources: the code may be spent, and the signature.
    assert!(
        chain(&err).contains("ask the user to authorize again"),
        "{err}"
    );
    assert!(chain(&err).contains("does not match"), "{err}");
}
