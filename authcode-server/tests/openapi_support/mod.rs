//! What the OpenAPI tests share: an emulator on 127.0.0.1 (port 0) with generated keys, a
//! merchant client for it, and signed hand-made requests.
#![allow(dead_code)] // each test file uses a different part

use std::sync::{Arc, OnceLock};

use authcode_client::{GatewayProfile, MerchantClient, RetryPolicy};
use authcode_runtime::flow::{AuthServer, ConsentDecision};
use authcode_runtime::{AuthCode, AuthScopes, ScopeSet, UserInfo};
use authcode_server::{KeyRing, WalletServer};
use authcode_signing::{
    CLIENT_ID, JSON_CONTENT_TYPE, Message, REQUEST_TIME, RESPONSE_TIME, SIGNATURE, SigningKey,
};
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// The Alipay+ wallet of the tests.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

pub const MERCHANT: &str = "2022000000000001";
pub const USER: &str = "2088001";

/// Four key pairs made once per test binary (RSA key generation takes a while), as PEM:
/// 0 the merchant's, 1 the wallet's, 2 the merchant's next, 3 the wallet's next.
pub fn key(which: usize) -> SigningKey {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        (0..4)
            .map(|_| SigningKey::generate().unwrap().to_pkcs8_pem().to_string())
            .collect()
    });
    SigningKey::from_pkcs8_pem(&keys[which]).unwrap()
}

pub fn merchant_key() -> SigningKey {
    key(0)
}

pub fn wallet_key() -> SigningKey {
    key(1)
}

pub fn ana() -> UserInfo {
    serde_json::from_value(json!({
        "nickName": "Ana",
        "avatar": "https://example.com/ana.png",
        "gender": "FEMALE"
    }))
    .unwrap()
}

/// A running emulator (it stops with the test's runtime).
pub struct Wallet {
    pub base_url: String,
    pub auth: Arc<AuthServer<AlipayPlusScope>>,
    pub keys: KeyRing,
    pub http: reqwest::Client,
}

/// An emulator with `MERCHANT` (every scope) and Ana, its emulator endpoints on, after
/// `configure`.
pub async fn start(
    configure: impl FnOnce(WalletServer<AlipayPlusScope>) -> WalletServer<AlipayPlusScope>,
) -> Wallet {
    let auth = Arc::new(AuthServer::<AlipayPlusScope>::new());
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, ana()).await.unwrap();
    let server = WalletServer::new(Arc::clone(&auth), wallet_key())
        .with_client_key(MERCHANT, merchant_key().verifying_key())
        .with_emulator_endpoints();
    let server = configure(server);
    let keys = server.key_ring();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server.serve(listener, std::future::pending()));
    Wallet {
        base_url,
        auth,
        keys,
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
    }
}

impl Wallet {
    /// A client of `MERCHANT` with `profile`, no retries.
    pub fn client(&self, profile: GatewayProfile) -> MerchantClient {
        MerchantClient::builder(
            &self.base_url,
            MERCHANT,
            merchant_key(),
            wallet_key().verifying_key(),
        )
        .gateway(profile)
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
    }

    /// A code for Ana and `MERCHANT` granting `scopes`, the user approving.
    pub async fn code(&self, scopes: &[&str]) -> AuthCode {
        self.auth
            .get_auth_code(MERCHANT, USER, scopes, ConsentDecision::ApproveAll)
            .await
            .auth_code()
            .expect("a code")
            .clone()
    }

    /// Sends `body` to `path` as `MERCHANT`, signed with its key (version 1), and returns
    /// the HTTP status and the body of the answer, whose wallet signature is checked.
    pub async fn signed(&self, path: &str, body: &Value) -> (u16, Value) {
        let body = body.to_string().into_bytes();
        let time = authcode_wire::time::format(std::time::SystemTime::now()).unwrap();
        let signature = Message {
            method: "POST",
            path,
            client_id: MERCHANT,
            time: &time,
            body: &body,
        }
        .sign(&merchant_key(), 1)
        .unwrap()
        .to_string();
        let response = self
            .http
            .post(format!("{}{path}", self.base_url))
            .header("content-type", JSON_CONTENT_TYPE)
            .header(CLIENT_ID, MERCHANT)
            .header(REQUEST_TIME, &time)
            .header(SIGNATURE, signature)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let answer = response.bytes().await.unwrap();
        let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned());
        Message {
            method: "POST",
            path,
            client_id: MERCHANT,
            time: &header(RESPONSE_TIME).expect("Response-Time"),
            body: &answer,
        }
        .verify(&self.keys.wallet_public_key(), header(SIGNATURE).as_deref())
        .expect("the answer is signed by the wallet");
        (status, serde_json::from_slice(&answer).unwrap())
    }

    /// An unsigned emulator call: the HTTP status and JSON body.
    pub async fn emulator_get(&self, path_and_query: &str) -> (u16, Value) {
        let response = self
            .http
            .get(format!("{}{path_and_query}", self.base_url))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap(),
        )
    }

    pub async fn emulator_post(&self, path: &str, body: &str) -> (u16, Value) {
        let response = self
            .http
            .post(format!("{}{path}", self.base_url))
            .header("content-type", JSON_CONTENT_TYPE)
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap(),
        )
    }
}

/// The `resultCode` of an answer body.
pub fn result_code(body: &Value) -> &str {
    body["result"]["resultCode"].as_str().unwrap_or_default()
}
