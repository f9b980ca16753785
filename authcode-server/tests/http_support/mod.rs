//! What the HTTP tests share: an emulator on 127.0.0.1 (port 0) with test key pairs generated
//! once per test binary and a manual clock, a client for it, and helpers to send hand-made
//! requests.
#![allow(dead_code)] // each test file uses a different part

use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use authcode_client::{GatewayProfile, MerchantClient, RetryPolicy};
use authcode_runtime::flow::AuthServer;
use authcode_runtime::{
    AuthCode, AuthCodeResponse, AuthScopes, Clock, ManualClock, ScopeSet, UserInfo,
};
use authcode_server::{EMULATOR_GET_AUTH_CODE_PATH, WalletServer};
use authcode_signing::{
    CLIENT_ID, JSON_CONTENT_TYPE, Message, REQUEST_TIME, RESPONSE_TIME, SIGNATURE, SigningKey,
    VerifyingKey,
};
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The Alipay+ wallet of the tests.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

pub const MERCHANT: &str = "2022000000000001";
/// A second merchant, registered with the same key, for cross-client tests.
pub const OTHER_MERCHANT: &str = "2022000000000002";
pub const USER: &str = "2088001";

/// The merchant's and the wallet's private keys as PKCS#8 PEM, generated once per test binary
/// (RSA key generation takes a while). `SigningKey` is not `Clone`, so each caller gets a key
/// of its own read from the PEM.
fn pem(which: usize) -> &'static str {
    static KEYS: OnceLock<[String; 2]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        [(); 2].map(|()| {
            SigningKey::generate()
                .expect("a test key")
                .to_pkcs8_pem()
                .to_string()
        })
    });
    &keys[which]
}

pub fn merchant_key() -> SigningKey {
    SigningKey::from_pkcs8_pem(pem(0)).unwrap()
}

pub fn wallet_key() -> SigningKey {
    SigningKey::from_pkcs8_pem(pem(1)).unwrap()
}

pub fn wallet_public_key() -> VerifyingKey {
    wallet_key().verifying_key()
}

pub fn ana() -> UserInfo {
    serde_json::from_value(json!({
        "nickName": "Ana",
        "avatar": "https://example.com/ana.png",
        "gender": "FEMALE",
        "loginIdInfos": [{"loginIdType": "MOBILE_PHONE", "loginId": "639171234567",
                          "maskLoginId": "63-917****567"}]
    }))
    .unwrap()
}

/// A running emulator. Dropping it stops the server.
pub struct Emulator {
    pub base_url: String,
    pub auth: Arc<AuthServer<AlipayPlusScope>>,
    /// Shared by the server and the clients made by [`Emulator::client`].
    pub clock: ManualClock,
    pub http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Emulator {
    /// An emulator with two merchants (all scopes permitted, except USER_ADDRESS for the
    /// second) and the user Ana, its clock stopped at the current time.
    pub async fn start() -> Emulator {
        let clock = ManualClock::new(SystemTime::now());
        let auth = AuthServer::<AlipayPlusScope>::new().with_clock(clock.clone());
        auth.register_client(MERCHANT, ScopeSet::all())
            .await
            .unwrap();
        auth.register_client(
            OTHER_MERCHANT,
            ScopeSet::all() - ScopeSet::single(AlipayPlusScope::UserAddress),
        )
        .await
        .unwrap();
        auth.add_user(USER, ana()).await.unwrap();
        let server = WalletServer::new(Arc::new(auth), wallet_key())
            .with_client_key(MERCHANT, merchant_key().verifying_key())
            .with_client_key(OTHER_MERCHANT, merchant_key().verifying_key())
            .with_emulator_endpoints();
        Emulator::serve(server, clock).await
    }

    /// Serves `server` on 127.0.0.1, port 0.
    pub async fn serve(server: WalletServer<AlipayPlusScope>, clock: ManualClock) -> Emulator {
        let auth = Arc::clone(server.auth_server());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.serve(listener, async {
            stopped.await.ok();
        }));
        Emulator {
            base_url,
            auth,
            clock,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// A client of merchant `client_id` with the test keys, this emulator's clock, no retries.
    pub fn client_as(&self, client_id: &str) -> MerchantClient {
        self.client_with(client_id, GatewayProfile::default())
    }

    /// [`client_as`](Emulator::client_as), calling through `gateway`.
    pub fn client_with(&self, client_id: &str, gateway: GatewayProfile) -> MerchantClient {
        MerchantClient::builder(
            &self.base_url,
            client_id,
            merchant_key(),
            wallet_public_key(),
        )
        .gateway(gateway)
        .clock(self.clock.clone())
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
    }

    pub fn client(&self) -> MerchantClient {
        self.client_as(MERCHANT)
    }

    /// `POST /emulator/getAuthCode` for Ana and `MERCHANT`: the callback object.
    pub async fn get_auth_code(
        &self,
        scopes: &[&str],
        consent: Value,
    ) -> AuthCodeResponse<AlipayPlusScope> {
        self.get_auth_code_for(MERCHANT, scopes, consent).await
    }

    pub async fn get_auth_code_for(
        &self,
        client_id: &str,
        scopes: &[&str],
        consent: Value,
    ) -> AuthCodeResponse<AlipayPlusScope> {
        let response = self
            .http
            .post(format!("{}{EMULATOR_GET_AUTH_CODE_PATH}", self.base_url))
            .header("content-type", JSON_CONTENT_TYPE)
            .body(
                json!({"clientId": client_id, "userId": USER, "scopes": scopes, "consent": consent})
                    .to_string(),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    /// A fresh code for USER_ID, USER_NICKNAME and USER_AVATAR, approved.
    pub async fn code(&self) -> AuthCode {
        self.get_auth_code(
            &["USER_ID", "USER_NICKNAME", "USER_AVATAR"],
            json!("approve"),
        )
        .await
        .auth_code()
        .expect("a code")
        .clone()
    }

    /// The current time of the emulator's clock as a `Request-Time`.
    pub fn now_text(&self) -> String {
        authcode_wire::time::format(self.clock.now()).unwrap()
    }

    /// Sends a hand-made request: `body` to `path`, with the given headers (`None` leaves a
    /// header out).
    pub async fn send_raw(
        &self,
        path: &str,
        client_id: Option<&str>,
        time: Option<&str>,
        signature: Option<&str>,
        body: Vec<u8>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base_url))
            .header("content-type", JSON_CONTENT_TYPE)
            .body(body);
        if let Some(client_id) = client_id {
            request = request.header(CLIENT_ID, client_id);
        }
        if let Some(time) = time {
            request = request.header(REQUEST_TIME, time);
        }
        if let Some(signature) = signature {
            request = request.header(SIGNATURE, signature);
        }
        request.send().await.unwrap()
    }

    /// The `Signature` header `key` (key version 1) makes for `body` sent to `path` (with its
    /// query, if any) by `client_id` at `time`.
    pub fn sign(key: &SigningKey, path: &str, client_id: &str, time: &str, body: &[u8]) -> String {
        Message {
            method: "POST",
            path,
            client_id,
            time,
            body,
        }
        .sign(key, 1)
        .unwrap()
        .to_string()
    }

    /// Stops the server gracefully and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
    }
}

/// Checks that `response` is signed by the wallet for `client_id` and returns its JSON body.
pub async fn verified_json(
    response: reqwest::Response,
    path: &str,
    client_id: &str,
) -> (u16, Value) {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap();
    let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    let time = header(RESPONSE_TIME).expect("Response-Time");
    let message = Message {
        method: "POST",
        path,
        client_id,
        time: &time,
        body: &body,
    };
    message
        .verify(&wallet_public_key(), header(SIGNATURE).as_deref())
        .expect("the response is signed by the wallet");
    (status, serde_json::from_slice(&body).unwrap())
}

/// The applyToken body for `code`.
pub fn apply_token_body(code: &AuthCode) -> Vec<u8> {
    serde_json::to_vec(&json!({"grantType": "AUTHORIZATION_CODE", "authCode": code.expose()}))
        .unwrap()
}

/// The error and its sources, as a log line shows them (`Display` of a `ClientError` does not
/// repeat its source).
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(err) = source {
        text.push_str(": ");
        text.push_str(&err.to_string());
        source = err.source();
    }
    text
}
