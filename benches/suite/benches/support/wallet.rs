//! The wallet the flow benches run: the in-memory `AuthServer` with one merchant allowed every
//! scope and one user with a full profile, and one round trip of the flow.

use authcode_runtime::flow::{
    ApplyTokenRequest, AuthServer, ConsentDecision, InquiryUserInfoRequest, Store, UserInfo,
};
use authcode_runtime::{AuthCode, ScopeSet};

use super::AlipayPlusScope;

pub const MERCHANT: &str = "2021000000000001";
pub const USER: &str = "2088001";

/// The seed's sample request: one silent scope and two that need consent (approved).
pub const SCOPES: [&str; 3] = ["USER_ID", "USER_NICKNAME", "USER_AVATAR"];

/// A merchant and a user registered on `wallet`.
pub fn set_up<St: Store<AlipayPlusScope>>(wallet: &AuthServer<AlipayPlusScope, St>) {
    wallet
        .register_client(MERCHANT, ScopeSet::all())
        .expect("the merchant registers");
    let profile: UserInfo = serde_json::from_value(serde_json::json!({
        "nickName": "Ana",
        "avatar": "https://example.com/ana.png",
        "gender": "FEMALE",
        "birthDate": "1990-01-01",
        "nationality": "PH"
    }))
    .expect("the profile is valid");
    wallet.add_user(USER, profile).expect("the user registers");
}

/// getAuthCode: a fresh code for the seed's scopes.
pub fn get_auth_code<St: Store<AlipayPlusScope>>(
    wallet: &AuthServer<AlipayPlusScope, St>,
) -> AuthCode {
    wallet
        .get_auth_code(MERCHANT, USER, SCOPES, ConsentDecision::ApproveAll)
        .auth_code()
        .expect("the scopes are granted")
        .clone()
}

/// getAuthCode + applyToken + inquiryUserInfo; returns the released nickname's length so that
/// nothing is optimised away.
pub fn round_trip<St: Store<AlipayPlusScope>>(wallet: &AuthServer<AlipayPlusScope, St>) -> usize {
    let code = get_auth_code(wallet);
    let tokens = wallet
        .apply_token(MERCHANT, &ApplyTokenRequest::authorization_code(code))
        .expect("the code is exchanged");
    let user = wallet
        .inquiry_user_info(MERCHANT, &InquiryUserInfoRequest::new(tokens.access_token))
        .expect("the user info is released");
    user.nick_name.map_or(0, |name| name.len())
}
