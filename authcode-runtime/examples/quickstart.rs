//! The whole `my.getAuthCode` flow on the embedded wallet, with the seed's sample request:
//!
//! 1. the mini program asks for USER_ID, USER_NICKNAME and USER_AVATAR;
//! 2. the wallet grants the silent scope and asks the user about the proactive ones;
//! 3. the wallet issues an authCode and fires the `success` callback;
//! 4. the merchant backend exchanges the code for tokens (applyToken);
//! 5. the merchant backend reads the user's info (inquiryUserInfo): only what was granted;
//! 6. the same code presented again is rejected with USED_CODE, and the earlier token dies.
//!
//! Run with `cargo run -p authcode-runtime --example quickstart`.

use std::cell::RefCell;

use authcode_runtime::flow::{
    AuthServer, ConsentDecision, ConsentRequest, GetAuthCode, apply_token_response,
    inquiry_user_info_response,
};
use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest};
use authcode_runtime::{AuthCode, AuthScopes, ScopeSet, UserInfo};

/// The Alipay+ wallet; its scope enum is generated from the seed's spec.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/alipay-plus.json")]
pub struct AlipayPlus;

const MERCHANT: &str = "2021000000000001";
const USER: &str = "2088001";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The wallet: one merchant allowed every scope, and a demo user with a full profile.
    let wallet = AuthServer::<AlipayPlusScope>::new();
    wallet.register_client(MERCHANT, ScopeSet::all()).await?;
    wallet.add_user(USER, demo_profile()?).await?;
    println!("wallet: merchant {MERCHANT} registered; user {USER} signed in\n");

    // 1. The request, as in the seed's sample code.
    let scopes = ["USER_ID", "USER_NICKNAME", "USER_AVATAR"];
    println!("1. my.getAuthCode({{ scopes: {scopes:?} }})");
    for name in scopes {
        let scope: AlipayPlusScope = name.parse()?;
        let how = if scope.is_silent() {
            "silent: granted without a prompt"
        } else {
            "proactive: needs the user's consent"
        };
        println!("   {name:<14} {how}");
    }

    // 2. The consent prompt: shown once, for the proactive scopes only. The demo user approves.
    let consent = |request: &ConsentRequest<AlipayPlusScope>| {
        println!(
            "\n2. consent prompt for client {}: {:?}",
            request.client_id, request.scopes
        );
        println!("   the user taps \"Allow\": approve all");
        ConsentDecision::ApproveAll
    };

    // 3. The callbacks, as the seed's sample registers them.
    let issued: RefCell<Option<AuthCode>> = RefCell::new(None);
    let mut my = wallet.mini_program(MERCHANT, USER, consent);
    my.get_auth_code(
        GetAuthCode::new(scopes)
            .success(|res| {
                let code = res.auth_code().expect("success carries an authCode");
                println!("\n3. success callback fired");
                println!(
                    "   authCode: {code} ({} characters, 256 random bits)",
                    code.expose().len()
                );
                println!("   authSuccessScopes: {:?}", res.granted());
                *issued.borrow_mut() = Some(code.clone());
            })
            .fail(|res| println!("\n3. fail callback fired: {:?}", res.outcome()))
            .complete(|_| println!("   complete callback fired")),
    )
    .await;
    let code = issued.into_inner().ok_or("no authCode was issued")?;

    // 4. The merchant backend exchanges the code.
    let request = ApplyTokenRequest::authorization_code(code.clone());
    println!("\n4. applyToken (client-id {MERCHANT})");
    let outcome = wallet.apply_token(MERCHANT, &request).await;
    let tokens = outcome.clone()?.tokens;
    let refresh_token = tokens.refresh_token.as_ref().map_or("", |t| t.expose());
    let secrets = [code.expose(), tokens.access_token.expose(), refresh_token];
    println!(
        "   request:  {}",
        redacted(&serde_json::to_string(&request)?, &secrets)
    );
    println!(
        "   response: {}",
        redacted(
            &serde_json::to_string(&apply_token_response(outcome))?,
            &secrets
        )
    );

    // 5. The merchant backend reads the user's info: only what the scopes grant.
    let inquiry = InquiryUserInfoRequest::new(tokens.access_token.clone());
    let response = inquiry_user_info_response(wallet.inquiry_user_info(MERCHANT, &inquiry).await);
    println!("\n5. inquiryUserInfo");
    println!(
        "   response: {}",
        serde_json::to_string_pretty(&response)?.replace('\n', "\n   ")
    );
    println!("   (gender, birthDate, loginIdInfos, ... stay in the wallet: not granted)");

    // 6. The same code again: rejected, and the token issued from it is revoked.
    println!("\n6. applyToken again with the same authCode (a replay)");
    let replay = apply_token_response(wallet.apply_token(MERCHANT, &request).await);
    println!("   response: {}", serde_json::to_string(&replay)?);
    let after = inquiry_user_info_response(wallet.inquiry_user_info(MERCHANT, &inquiry).await);
    println!(
        "   inquiryUserInfo with the earlier access token: {}",
        serde_json::to_string(&after)?
    );
    Ok(())
}

/// The demo user: every field of the Alipay+ userInfo model.
fn demo_profile() -> serde_json::Result<UserInfo> {
    serde_json::from_value(serde_json::json!({
        "nickName": "Ana",
        "userName": {"fullName": "Ana Cruz", "firstName": "Ana", "lastName": "Cruz"},
        "avatar": "https://example.com/avatars/ana.png",
        "gender": "FEMALE",
        "birthDate": "1990-01-31",
        "nationality": "PH",
        "loginIdInfos": [{"loginIdType": "MOBILE_PHONE", "loginId": "639171234567",
                          "maskLoginId": "63-917****567"}],
        "contactInfos": [{"contactNo": "ana@example.com", "contactType": "EMAIL"}],
        "addresses": [{"region": "PH", "city": "Makati", "zipCode": "1200"}]
    }))
}

/// `json` with the codes and tokens in `secrets` replaced, so that the output can be shared.
fn redacted(json: &str, secrets: &[&str]) -> String {
    secrets.iter().fold(json.to_owned(), |json, secret| {
        json.replace(secret, "<redacted>")
    })
}
