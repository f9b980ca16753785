//! The whole `my.getAuthCode` flow on the embedded wallet, with the sample request of the
//! Alipay+ `my.getAuthCode` documentation:
//!
//! 1. the mini program asks for USER_ID, USER_NICKNAME and USER_AVATAR;
//! 2. the wallet grants the silent scope and asks the user about the proactive ones;
//! 3. the wallet issues an authCode and fires the `success` callback;
//! 4. the merchant backend exchanges the code for tokens (applyToken);
//! 5. the merchant backend reads the user's info (inquiryUserInfo) and tells, field by field,
//!    what the granted scopes released: a value, no value (the wallet has none), or nothing
//!    at all (no granted scope releases the field);
//! 6. the same code presented again is rejected with USED_CODE, and the earlier token dies.
//!
//! Run with `cargo run --example quickstart` from the repository root.

use std::cell::RefCell;

use authcode_runtime::flow::{
    AuthServer, ConsentDecision, ConsentRequest, GetAuthCode, apply_token_response,
    inquiry_user_info_response,
};
use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest};
use authcode_runtime::{
    Address, AuthCode, AuthScopes, ContactInfo, LoginIdInfo, ModelField, Released, ScopeSet,
    UserName,
};

/// The Alipay+ wallet: the derive generates `AlipayPlusScope` (its scopes) and
/// `AlipayPlusUserInfo` (its userInfo model) from the spec.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

const MERCHANT: &str = "2021000000000001";
const USER: &str = "2088001";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The wallet: one merchant allowed every scope, and a demo user.
    let wallet = AuthServer::<AlipayPlusScope>::new();
    wallet.register_client(MERCHANT, ScopeSet::all()).await?;
    wallet.add_user(USER, demo_profile()?).await?;
    println!("wallet: merchant {MERCHANT} registered; user {USER} signed in\n");

    // 1. The request, as in the documentation's sample code.
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

    // 3. The callbacks, as the documentation's sample registers them. The mini program hands
    // the code and the granted scopes (`authSuccessScopes`) to its backend.
    let issued: RefCell<Option<(AuthCode, ScopeSet<AlipayPlusScope>)>> = RefCell::new(None);
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
                *issued.borrow_mut() = Some((code.clone(), res.granted()));
            })
            .fail(|res| println!("\n3. fail callback fired: {:?}", res.outcome()))
            .complete(|_| println!("   complete callback fired")),
    )
    .await;
    let (code, granted) = issued.into_inner().ok_or("no authCode was issued")?;

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
    let info: AlipayPlusUserInfo = wallet.inquiry_user_info(MERCHANT, &inquiry).await?;
    println!("\n5. inquiryUserInfo");
    println!(
        "   response: {}",
        serde_json::to_string_pretty(&inquiry_user_info_response(Ok(info.clone())))?
            .replace('\n', "\n   ")
    );
    // `Released` pairs the profile with what the grant's scopes release, so that a field
    // the wallet left empty is told apart from one no granted scope releases.
    let user = Released::of_scopes(info, granted);
    println!("   what {granted:?} released, field by field:");
    use AlipayPlusUserInfoField as Field;
    let text = |value: &str| value.to_owned();
    show(&user, Field::UserId, |u| u.user_id.as_deref(), text);
    show(&user, Field::NickName, |u| u.nick_name.as_deref(), text);
    show(&user, Field::Avatar, |u| u.avatar.as_deref(), text);
    show(
        &user,
        Field::UserName,
        |u| u.user_name.as_ref(),
        |name: &UserName| name.full_name.clone().unwrap_or_default(),
    );
    show(&user, Field::Gender, |u| u.gender.as_deref(), text);
    show(&user, Field::BirthDate, |u| u.birth_date.as_deref(), text);
    show(
        &user,
        Field::Nationality,
        |u| u.nationality.as_deref(),
        text,
    );
    show(
        &user,
        Field::LoginIdInfos,
        |u| u.login_id_infos.as_deref(),
        |ids: &[LoginIdInfo]| format!("{} login IDs", ids.len()),
    );
    show(
        &user,
        Field::ContactInfos,
        |u| u.contact_infos.as_deref(),
        |contacts: &[ContactInfo]| format!("{} contacts", contacts.len()),
    );
    show(
        &user,
        Field::Addresses,
        |u| u.addresses.as_deref(),
        |addresses: &[Address]| format!("{} addresses", addresses.len()),
    );

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

/// Prints what the grant gives the merchant for `field`: the value `read` finds, described
/// by `describe`; that the field is released but the wallet has no value; or that no granted
/// scope releases it.
fn show<'a, T: ?Sized + 'a>(
    user: &'a Released<AlipayPlusUserInfo>,
    field: AlipayPlusUserInfoField,
    read: impl FnOnce(&'a AlipayPlusUserInfo) -> Option<&'a T>,
    describe: impl FnOnce(&T) -> String,
) {
    let what = match user.get(field, read) {
        Ok(Some(value)) => format!("released: {}", describe(value)),
        Ok(None) => "released, no value (the wallet has none for this user)".to_owned(),
        Err(_) => "not granted".to_owned(),
    };
    println!("     {:<13} {what}", field.path());
}

/// The demo user: the Alipay+ userInfo model filled in, but for a profile picture, which Ana
/// never set.
fn demo_profile() -> serde_json::Result<AlipayPlusUserInfo> {
    serde_json::from_value(serde_json::json!({
        "nickName": "Ana",
        "userName": {"fullName": "Ana Cruz", "firstName": "Ana", "lastName": "Cruz"},
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
