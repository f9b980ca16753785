//! The wallet the flow benches run: the in-memory `AuthServer` with one merchant allowed every
//! scope and one user with a full profile, and one round trip of the flow.
//!
//! The flow's methods are async; on the in-memory store their futures are ready at once, and
//! `block_on` runs them from the benches' threads as a synchronous caller would.

use authcode_runtime::flow::{AuthServer, CodeLimits, ConsentDecision, Store, block_on};
use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest};
use authcode_runtime::{AuthCode, ScopeSet, UserInfo};

use super::AlipayPlusScope;

pub const MERCHANT: &str = "2021000000000001";
pub const USER: &str = "2088001";

/// No bound on live authorization codes. The benches issue far more codes within one code
/// lifetime than the default limits allow (10,000 per client): those bound what an abuser of
/// the unauthenticated getAuthCode can make a server hold, not a load test.
pub const NO_CODE_LIMITS: CodeLimits = CodeLimits {
    per_client: usize::MAX,
    per_user: usize::MAX,
    total: usize::MAX,
};

/// The sample request of the `my.getAuthCode` documentation: one silent scope and two that need consent (approved).
pub const SCOPES: [&str; 3] = ["USER_ID", "USER_NICKNAME", "USER_AVATAR"];

/// A merchant and a user registered on `wallet`.
pub fn set_up<St: Store<AlipayPlusScope>>(wallet: &AuthServer<AlipayPlusScope, St>) {
    block_on(wallet.register_client(MERCHANT, ScopeSet::all())).expect("the merchant registers");
    let profile: UserInfo = serde_json::from_value(serde_json::json!({
        "nickName": "Ana",
        "avatar": "https://example.com/ana.png",
        "gender": "FEMALE",
        "birthDate": "1990-01-01",
        "nationality": "PH"
    }))
    .expect("the profile is valid");
    block_on(wallet.add_user(USER, profile)).expect("the user registers");
}

/// getAuthCode: a fresh code for the sample request's scopes.
pub fn get_auth_code<St: Store<AlipayPlusScope>>(
    wallet: &AuthServer<AlipayPlusScope, St>,
) -> AuthCode {
    block_on(wallet.get_auth_code(MERCHANT, USER, SCOPES, ConsentDecision::ApproveAll))
        .auth_code()
        .expect("the scopes are granted")
        .clone()
}

/// getAuthCode + applyToken + inquiryUserInfo; returns the released nickname's length so that
/// nothing is optimised away.
pub fn round_trip<St: Store<AlipayPlusScope>>(wallet: &AuthServer<AlipayPlusScope, St>) -> usize {
    let code = get_auth_code(wallet);
    let exchange = ApplyTokenRequest::authorization_code(code);
    let tokens = block_on(wallet.apply_token(MERCHANT, &exchange))
        .expect("the code is exchanged")
        .tokens;
    let inquiry = InquiryUserInfoRequest::new(tokens.access_token);
    let user =
        block_on(wallet.inquiry_user_info(MERCHANT, &inquiry)).expect("the user info is released");
    user.nick_name.map_or(0, |name| name.len())
}
