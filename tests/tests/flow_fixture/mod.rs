//! Shared setup of the `flow_*` tests: the Alipay+ scopes, a wallet on a manual clock with two
//! merchants and a user with a full profile.

// Each `flow_*` test crate uses a different part of the fixture.
#![allow(dead_code)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use authcode_runtime::flow::{
    ApplyTokenRequest, AuthServer, ConsentDecision, FlowError, InquiryUserInfoRequest, ManualClock,
    TokenGrant, UserInfo,
};
use authcode_runtime::{AuthCode, AuthScopes, ScopeSet};

#[derive(AuthScopes)]
#[auth_scopes(spec = "../spec/alipay-plus.json")]
pub struct AlipayPlus;

/// A merchant allowed every scope.
pub const MERCHANT: &str = "2021000000000001";
/// Another merchant allowed every scope.
pub const OTHER_MERCHANT: &str = "2021000000000002";
/// The user with [`ana`]'s profile.
pub const USER: &str = "2088001";

/// 2026-01-01T00:00:00Z: the manual clock's start.
pub fn start() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

pub struct Wallet {
    pub server: AuthServer<AlipayPlusScope>,
    pub clock: ManualClock,
}

/// A profile with every field of the model set, and an unknown extra field.
pub fn ana() -> UserInfo {
    serde_json::from_value(serde_json::json!({
        "nickName": "Ana",
        "userName": {"fullName": "Ana Cruz", "firstName": "Ana", "lastName": "Cruz"},
        "avatar": "https://example.com/ana.png",
        "gender": "FEMALE",
        "birthDate": "1990-01-31",
        "nationality": "PH",
        "loginIdInfos": [{"loginIdType": "MOBILE_PHONE", "loginId": "639171234567",
                          "maskLoginId": "63-917****567", "hashLoginId": "9f86d081884c7d65"}],
        "contactInfos": [{"contactNo": "ana@example.com", "contactType": "EMAIL"}],
        "addresses": [{"region": "PH", "city": "Makati", "zipCode": "1200"}],
        "walletTier": "GOLD"
    }))
    .expect("the fixture profile parses")
}

pub fn wallet() -> Wallet {
    let clock = ManualClock::new(start());
    let server = AuthServer::new().with_clock(clock.clone());
    server.register_client(MERCHANT, ScopeSet::all()).unwrap();
    server
        .register_client(OTHER_MERCHANT, ScopeSet::all())
        .unwrap();
    server.add_user(USER, ana()).unwrap();
    Wallet { server, clock }
}

impl Wallet {
    /// A code for [`USER`] and [`MERCHANT`], every proactive scope approved.
    pub fn code(&self, scopes: &[&str]) -> AuthCode {
        let response =
            self.server
                .get_auth_code(MERCHANT, USER, scopes, ConsentDecision::ApproveAll);
        response.auth_code().expect("a code is issued").clone()
    }

    /// applyToken with a code, as [`MERCHANT`].
    pub fn exchange(&self, code: &AuthCode) -> Result<TokenGrant<AlipayPlusScope>, FlowError> {
        self.server.apply_token(
            MERCHANT,
            &ApplyTokenRequest::authorization_code(code.clone()),
        )
    }

    /// applyToken with a refresh token, as [`MERCHANT`].
    pub fn refresh(
        &self,
        tokens: &TokenGrant<AlipayPlusScope>,
    ) -> Result<TokenGrant<AlipayPlusScope>, FlowError> {
        self.server.apply_token(
            MERCHANT,
            &ApplyTokenRequest::refresh(tokens.refresh_token.clone()),
        )
    }

    /// inquiryUserInfo, as [`MERCHANT`].
    pub fn user_info(&self, tokens: &TokenGrant<AlipayPlusScope>) -> Result<UserInfo, FlowError> {
        self.server.inquiry_user_info(
            MERCHANT,
            &InquiryUserInfoRequest::new(tokens.access_token.clone()),
        )
    }
}
