//! A merchant backend's login, as a backend really takes it: the mini program calls
//! `my.getAuthCode` and posts the authCode to the backend; the backend's handler exchanges it
//! with applyToken, reads the user with inquiryUserInfo, and answers with the typed user info.
//!
//! The example runs the whole thing on this machine: an Alipay+ wallet emulator (what
//! `authcode-wallet` serves), the backend, and the mini program's two calls. Run it with
//! `cargo run -p authcode-runtime --features client,server --example merchant_backend`.

use std::sync::Arc;

use authcode_runtime::client::{ClientError, MerchantClient, SigningKey, VerifyingKey};
use authcode_runtime::{AuthCode, AuthScopes};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};

/// The wallet: Alipay+, whose spec ships with authcode.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

/// `POST /login {"authCode": "..."}`: the authCode from `my.getAuthCode`, exchanged once.
async fn login(
    State(wallet): State<Arc<MerchantClient<AlipayPlus>>>,
    Json(body): Json<Value>,
) -> Result<Json<Value>, (StatusCode, String)> {
    let code = body["authCode"]
        .as_str()
        .ok_or((StatusCode::BAD_REQUEST, "authCode is missing".to_owned()))?;
    let tokens = wallet
        .apply_token(&AuthCode::new(code))
        .await
        .map_err(refused)?;
    // The wallet's model, `AlipayPlusUserInfo`: no type to name.
    let user = wallet
        .inquiry_user_info(&tokens.access_token)
        .await
        .map_err(refused)?;
    // Typed: a field the granted scopes did not release is `None`.
    Ok(Json(
        json!({ "userId": user.user_id, "nickName": user.nick_name }),
    ))
}

/// What the mini program is told when the wallet refuses: the user logs in again.
fn refused(err: ClientError) -> (StatusCode, String) {
    (StatusCode::UNAUTHORIZED, err.to_string())
}

/// The backend's router, given the wallet's address and the keys.
fn backend(wallet_url: &str, merchant_key: SigningKey, wallet_key: VerifyingKey) -> Router {
    let client = MerchantClient::builder(wallet_url, MERCHANT, merchant_key, wallet_key)
        .wallet::<AlipayPlus>()
        .build()
        .expect("a valid client configuration");
    Router::new()
        .route("/login", post(login))
        .with_state(Arc::new(client))
}

const MERCHANT: &str = "2022000000000001";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The wallet: an emulator of Alipay+ with one merchant and its demo user.
    let (merchant_key, wallet_key) = (SigningKey::generate()?, SigningKey::generate()?);
    let wallet_public_key = wallet_key.verifying_key();
    let auth = Arc::new(authcode_runtime::flow::AuthServer::<AlipayPlusScope>::new());
    auth.register_client(MERCHANT, authcode_runtime::ScopeSet::all())
        .await?;
    auth.add_user(
        "2088001",
        serde_json::from_value(json!({"userId": "2088001", "nickName": "Ana"}))?,
    )
    .await?;
    let wallet = authcode_runtime::server::WalletServer::new(auth, wallet_key)
        .with_client_key(MERCHANT, merchant_key.verifying_key())
        .with_emulator_endpoints();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let wallet_url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(wallet.serve(listener, std::future::pending()));

    // The backend.
    let app = backend(&wallet_url, merchant_key, wallet_public_key);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let backend_url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    // The mini program: my.getAuthCode (the emulator's stand-in), then the login call.
    let http = reqwest::Client::builder().no_proxy().build()?;
    let granted = http
        .post(format!("{wallet_url}/emulator/getAuthCode"))
        .header("content-type", "application/json")
        .body(
            json!({"clientId": MERCHANT, "userId": "2088001",
                   "scopes": ["USER_ID", "USER_NICKNAME"], "consent": "approve"})
            .to_string(),
        )
        .send()
        .await?
        .bytes()
        .await?;
    let granted: Value = serde_json::from_slice(&granted)?;
    let code = granted["authCode"].as_str().ok_or("no authCode")?;
    let login = |code: String| {
        http.post(format!("{backend_url}/login"))
            .header("content-type", "application/json")
            .body(json!({ "authCode": code }).to_string())
            .send()
    };
    let user: Value = serde_json::from_slice(&login(code.to_owned()).await?.bytes().await?)?;
    println!("logged in: {user}");
    assert_eq!(user["nickName"], "Ana");

    // The same code again: the wallet refuses a spent code, and the backend says so.
    let again = login(code.to_owned()).await?;
    println!("the same code again: {}", again.status());
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    Ok(())
}
