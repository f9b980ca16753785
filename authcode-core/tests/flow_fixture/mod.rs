//! Shared setup of the `flow_*` tests: the Alipay+ scopes, a wallet on a manual clock with two
//! merchants and a user with a full profile.
//!
//! The flow's methods are async. On the in-memory store every future is ready at once, so the
//! tests that run on threads of their own call the blocking forms (`*_blocking`), which run
//! them through `flow::block_on`; the others are `#[tokio::test]`s and `.await` them.

// Each `flow_*` test crate uses a different part of the fixture.
#![allow(dead_code)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use authcode_runtime::flow::{
    AuthServer, CodeLimits, ConsentDecision, FlowError, TokenGrant, block_on,
};
use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest, RefreshToken};
use authcode_runtime::{AuthCode, AuthScopes, ManualClock, ScopeSet, UserInfo};

#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
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

pub async fn wallet() -> Wallet {
    let clock = ManualClock::new(start());
    let server = AuthServer::new().with_clock(clock.clone());
    server
        .register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    server
        .register_client(OTHER_MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    server.add_user(USER, ana()).await.unwrap();
    Wallet { server, clock }
}

/// [`wallet`], for tests that run on threads of their own.
pub fn wallet_blocking() -> Wallet {
    block_on(wallet())
}

/// The refresh token the flow always hands out with an access token.
pub fn refresh_token_of(tokens: &TokenGrant<AlipayPlusScope>) -> &RefreshToken {
    tokens
        .tokens
        .refresh_token
        .as_ref()
        .expect("the flow issues a refresh token")
}

impl Wallet {
    /// This wallet without bounds on live codes: for tests that hold many codes of one user
    /// unexchanged (the bounds have tests of their own).
    pub fn without_code_limits(self) -> Wallet {
        let unbounded = CodeLimits {
            per_client: usize::MAX,
            per_user: usize::MAX,
            total: usize::MAX,
        };
        Wallet {
            server: self.server.with_code_limits(unbounded),
            clock: self.clock,
        }
    }

    /// A code for [`USER`] and [`MERCHANT`], every proactive scope approved.
    pub async fn code(&self, scopes: &[&str]) -> AuthCode {
        let response = self
            .server
            .get_auth_code(MERCHANT, USER, scopes, ConsentDecision::ApproveAll)
            .await;
        response.auth_code().expect("a code is issued").clone()
    }

    /// applyToken with a code, as [`MERCHANT`].
    pub async fn exchange(
        &self,
        code: &AuthCode,
    ) -> Result<TokenGrant<AlipayPlusScope>, FlowError> {
        self.server
            .apply_token(
                MERCHANT,
                &ApplyTokenRequest::authorization_code(code.clone()),
            )
            .await
    }

    /// applyToken with a refresh token, as [`MERCHANT`].
    pub async fn refresh(
        &self,
        tokens: &TokenGrant<AlipayPlusScope>,
    ) -> Result<TokenGrant<AlipayPlusScope>, FlowError> {
        self.server
            .apply_token(
                MERCHANT,
                &ApplyTokenRequest::refresh(refresh_token_of(tokens).clone()),
            )
            .await
    }

    /// inquiryUserInfo, as [`MERCHANT`].
    pub async fn user_info(
        &self,
        tokens: &TokenGrant<AlipayPlusScope>,
    ) -> Result<UserInfo, FlowError> {
        self.server
            .inquiry_user_info(
                MERCHANT,
                &InquiryUserInfoRequest::new(tokens.tokens.access_token.clone()),
            )
            .await
    }

    /// [`code`](Wallet::code) from a thread of its own.
    pub fn code_blocking(&self, scopes: &[&str]) -> AuthCode {
        block_on(self.code(scopes))
    }

    /// [`exchange`](Wallet::exchange) from a thread of its own.
    pub fn exchange_blocking(
        &self,
        code: &AuthCode,
    ) -> Result<TokenGrant<AlipayPlusScope>, FlowError> {
        block_on(self.exchange(code))
    }

    /// [`refresh`](Wallet::refresh) from a thread of its own.
    pub fn refresh_blocking(
        &self,
        tokens: &TokenGrant<AlipayPlusScope>,
    ) -> Result<TokenGrant<AlipayPlusScope>, FlowError> {
        block_on(self.refresh(tokens))
    }

    /// [`user_info`](Wallet::user_info) from a thread of its own.
    pub fn user_info_blocking(
        &self,
        tokens: &TokenGrant<AlipayPlusScope>,
    ) -> Result<UserInfo, FlowError> {
        block_on(self.user_info(tokens))
    }
}
