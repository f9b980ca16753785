//! The consent prompt's other answers: a cancel, a partial grant, and a scope the merchant
//! may not request.
//!
//! Run with `cargo run -p authcode-runtime --example consent`.

use authcode_runtime::flow::{AuthServer, ConsentDecision, GetAuthCode};
use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest};
use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeSet, UserInfo};

/// The Alipay+ wallet; its scope enum is generated from `spec/alipay-plus.json`.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

const MERCHANT: &str = "2021000000000001";
const LIMITED: &str = "2021000000000002";
const USER: &str = "2088001";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let wallet = AuthServer::<AlipayPlusScope>::new();
    wallet.register_client(MERCHANT, ScopeSet::all()).await?;
    // A merchant registered for the silent USER_ID only.
    wallet
        .register_client(LIMITED, ScopeSet::single(AlipayPlusScope::UserId))
        .await?;
    wallet
        .add_user(
            USER,
            UserInfo {
                nick_name: Some("Ana".into()),
                avatar: Some("https://example.com/avatars/ana.png".into()),
                ..UserInfo::default()
            },
        )
        .await?;
    let scopes = ["USER_ID", "USER_NICKNAME", "USER_AVATAR"];

    println!("A. the user taps \"Cancel\" on the consent prompt");
    let mut my = wallet.mini_program(MERCHANT, USER, ConsentDecision::Cancel);
    my.get_auth_code(callbacks(&scopes)).await;

    println!("\nB. the user allows the nickname but not the avatar");
    let nickname_only = ConsentDecision::Approve(ScopeSet::single(AlipayPlusScope::UserNickname));
    let mut my = wallet.mini_program(MERCHANT, USER, nickname_only);
    let response = my.get_auth_code(callbacks(&scopes)).await;
    if let Some(code) = response.auth_code() {
        let request = ApplyTokenRequest::authorization_code(code.clone());
        let tokens = wallet.apply_token(MERCHANT, &request).await?.tokens;
        let inquiry = InquiryUserInfoRequest::new(tokens.access_token);
        let user = wallet.inquiry_user_info(MERCHANT, &inquiry).await?;
        println!("   inquiryUserInfo: {}", serde_json::to_string(&user)?);
    }

    println!("\nC. a merchant registered for USER_ID only asks for the nickname too");
    let mut my = wallet.mini_program(LIMITED, USER, ConsentDecision::ApproveAll);
    my.get_auth_code(callbacks(&["USER_ID", "USER_NICKNAME"]))
        .await;
    Ok(())
}

/// The callbacks of the documentation's sample, printing what each one receives (the authCode redacted).
fn callbacks<'a>(scopes: &[&str]) -> GetAuthCode<'a, AlipayPlusScope> {
    GetAuthCode::new(scopes.iter().copied())
        .success(|res| println!("   success: {}", shown(res)))
        .fail(|res| println!("   fail:    {}", shown(res)))
        .complete(|res| println!("   complete (outcome: {:?})", res.outcome()))
}

fn shown(response: &AuthCodeResponse<AlipayPlusScope>) -> String {
    let json = serde_json::to_string(response).unwrap_or_default();
    match response.auth_code() {
        Some(code) => json.replace(code.expose(), "<redacted>"),
        None => json,
    }
}
