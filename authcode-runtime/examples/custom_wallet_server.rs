//! A wallet with its own scopes (spec/example-wallet.json, "Example Pay") served over HTTP by
//! the same `WalletServer` as the Alipay+ emulator, and called by the merchant client.
//!
//! The server is generic over the scope type the derive generates, so another wallet takes
//! a derive, an `AuthServer` and a `WalletServer`: the first lines of `main`.
//!
//! Run with `cargo run -p authcode-runtime --features server,client --example custom_wallet_server`.

use std::sync::Arc;

use authcode_runtime::client::MerchantClient;
use authcode_runtime::client::SigningKey;
use authcode_runtime::flow::AuthServer;
use authcode_runtime::server::{EMULATOR_GET_AUTH_CODE_PATH, WalletServer};
use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeSet, UserInfo};

/// Example Pay; its scope enum, `ExamplePayScope`, is generated from the spec.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/example-wallet.json")]
pub struct ExamplePay;

const SHOP: &str = "shop-001";
const USER: &str = "u-100";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The wallet: its scopes, one merchant, one user.
    let auth = Arc::new(AuthServer::<ExamplePayScope>::new());
    auth.register_client(SHOP, ScopeSet::all()).await?;
    auth.add_user(
        USER,
        serde_json::from_value::<UserInfo>(serde_json::json!({
            "nickName": "Mei",
            "avatar": "https://example.com/mei.png",
            "contactInfos": [{"contactNo": "mei@example.com", "contactType": "EMAIL"}]
        }))?,
    )
    .await?;

    // Keys: the merchant's and the wallet's (generated here; real ones come from PEM files).
    let merchant_key = SigningKey::generate()?;
    let wallet_key = SigningKey::generate()?;
    let wallet_public = wallet_key.verifying_key();

    // The HTTP server, for Example Pay's scopes.
    let server = WalletServer::new(auth, wallet_key)
        .with_client_key(SHOP, merchant_key.verifying_key())
        .with_emulator_endpoints();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    println!("listening on {base}");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.serve(listener, async {
        stopped.await.ok();
    }));

    // The mini program calls my.getAuthCode (here through the development endpoint).
    let call = serde_json::json!({
        "clientId": SHOP, "userId": USER, "scopes": ["BASIC_ID", "PROFILE"], "consent": "approve"
    });
    let answer = reqwest::Client::builder()
        .no_proxy()
        .build()?
        .post(format!("{base}{EMULATOR_GET_AUTH_CODE_PATH}"))
        .header("content-type", "application/json")
        .body(call.to_string())
        .send()
        .await?
        .bytes()
        .await?;
    let response: AuthCodeResponse<ExamplePayScope> = serde_json::from_slice(&answer)?;
    println!("getAuthCode granted {:?}", response.granted());
    let code = response.auth_code().ok_or("no authCode")?;

    // The merchant backend: signed requests, verified responses.
    let client = MerchantClient::builder(&base, SHOP, merchant_key, wallet_public).build()?;
    let tokens = client.apply_token(code).await?;
    println!("applyToken: customer {:?}", tokens.customer_id);
    let user: UserInfo = client.inquiry_user_info(&tokens.access_token).await?;
    // BASIC_ID and PROFILE release userId, nickName and avatar; not the contact infos.
    println!("inquiryUserInfo: {}", serde_json::to_string(&user)?);
    assert_eq!(user.contact_infos, None);

    stop.send(()).ok();
    running.await??;
    Ok(())
}
