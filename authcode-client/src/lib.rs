//! The merchant's client of a wallet's authorization OpenAPIs: applyToken, inquiryUserInfo,
//! revoke / cancelToken and applyTokenAndInquiryUserInfo over HTTPS, with signed requests and
//! verified responses; and the receiver of the wallet's authNotify notifications
//! ([`notify`]).
//!
//! Every request is signed with the merchant's private key. Every response must carry a valid
//! signature by one of the wallet's keys: a response whose `Signature` header is missing is
//! refused like one whose signature is wrong, so a man in the middle (or a misconfigured
//! proxy) cannot feed the merchant forged tokens or user info by dropping the header.
//!
//! The client is safe on unreliable networks:
//! - a code or refresh token is never sent twice once the request may have reached the
//!   wallet (a lost answer is [`ClientError::OutcomeUnknown`], not a retry the wallet would
//!   answer as a replay, revoking the grant); see [`RetryPolicy`];
//! - a response body is read up to a limit (1 MiB by default), never whole into memory, and
//!   every call, body included, has a deadline.
//!
//! Wallets differ in the path version (`/v1` or `/v2`), the revocation API and the fields that
//! name the client; a [`GatewayProfile`] says which ([`GatewayProfile::of_spec`] reads it from
//! a wallet's scope spec).
//!
//! ```no_run
//! # extern crate authcode_core as authcode_runtime;
//! use authcode_client::MerchantClient;
//! use authcode_signing::{SigningKey, VerifyingKey};
//! use authcode_runtime::{AuthCode, UserInfo};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = MerchantClient::builder(
//!     "https://wallet.example.com",
//!     "2022000000000001",
//!     SigningKey::from_pkcs8_pem(&std::fs::read_to_string("merchant.key.pem")?)?,
//!     VerifyingKey::from_spki_pem(&std::fs::read_to_string("wallet.pub.pem")?)?,
//! )
//! .build()?;
//!
//! let tokens = client.apply_token(&AuthCode::new("the authCode from my.getAuthCode")).await?;
//! let user: UserInfo = client.inquiry_user_info(&tokens.access_token).await?;
//! println!("user {:?}", user.user_id);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod error;
mod gateway;
pub mod notify;
mod response;
mod retry;
mod transport;

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use authcode_core::{AccessToken, AuthCode, Clock, RefreshToken, ScopeSpec, SystemClock};
use authcode_wire::{
    APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH, ApplyTokenAndInquiryUserInfoRequest,
    ApplyTokenAndInquiryUserInfoResponse, ApplyTokenRequest, ApplyTokenResponse,
    InquiryUserInfoRequest, InquiryUserInfoResponse, RevokeApi, RevokeRequest, RevokeResponse,
};
use reqwest::Url;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use error::{
    ApiFailure, ClientError, ConfigError, OutcomeCause, ProtocolError, TransportError,
    TransportKind,
};
pub use gateway::GatewayProfile;
pub use response::VerifiedResponse;
pub use retry::RetryPolicy;

/// Signing and verifying the OpenAPIs' messages ([`authcode_signing`]).
pub use authcode_signing as signing;
/// The keys a merchant signs with and verifies the wallet with, re-exported from
/// `authcode-signing` so that a client is configured from this crate alone.
pub use authcode_signing::{KeyError, SigningKey, VerifyingKey};
/// The tokens an exchange returns and the result codes a wallet answers with.
pub use authcode_wire::{ResultCode, ResultStatus, Tokens};

use response::WalletKeys;

/// What [`MerchantClient::apply_token_and_inquiry_user_info`] presents: a credential to
/// exchange, or an access token that is still live.
#[derive(Clone, Copy, Debug)]
pub enum Credential<'a> {
    /// The authCode from `my.getAuthCode` (grantType `AUTHORIZATION_CODE`): single-use.
    AuthCode(&'a AuthCode),
    /// A refresh token (grantType `REFRESH_TOKEN`): single-use, rotated by the call.
    RefreshToken(&'a RefreshToken),
    /// A live access token: the user's info only, no new tokens.
    AccessToken(&'a AccessToken),
}

/// The answer of applyTokenAndInquiryUserInfo: the tokens of the exchange (none when an
/// access token was presented) and the user's info. `Debug` shows the tokens as
/// `<redacted>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokensAndUserInfo<U> {
    /// The new tokens, when a code or refresh token was exchanged.
    pub tokens: Option<Tokens>,
    /// The user's info, with only the fields the grant's scopes release.
    pub user_info: U,
}

/// Whether a call may be sent again after a failure that may have happened after the wallet
/// received it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Idempotence {
    /// Reading only (inquiryUserInfo), or answered the same however often it is sent
    /// (revoke): any transient failure may be retried.
    Idempotent,
    /// Redeeming a single-use secret (applyToken): retried only when it provably never
    /// reached the wallet.
    SingleUse,
}

/// A merchant backend's client of the wallet's OpenAPIs. Cheap to clone (clones share the
/// connection pool); `Send + Sync`.
///
/// `W` is the wallet: made with [`MerchantClientBuilder::wallet`], the client calls with the
/// gateway profile of the wallet's spec and reads user info as the wallet's typed model
/// (`inquiry_user_info` returns `<Name>UserInfo`). Without it (`W` is [`AnyWallet`]), the
/// caller names the user-info type at each call.
pub struct MerchantClient<W = AnyWallet> {
    http: reqwest::Client,
    base: Url,
    client_id: String,
    merchant_key: Arc<SigningKey>,
    merchant_key_version: u32,
    wallet_keys: WalletKeys,
    gateway: GatewayProfile,
    clock: Arc<dyn Clock>,
    retry: RetryPolicy,
    max_response_bytes: usize,
    wallet: PhantomData<fn() -> W>,
}

/// The wallet of a [`MerchantClient`] made without [`MerchantClientBuilder::wallet`]: user
/// info is read as whatever type the caller names (`inquiry_user_info::<U>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnyWallet;

impl<W> Clone for MerchantClient<W> {
    fn clone(&self) -> Self {
        MerchantClient {
            http: self.http.clone(),
            base: self.base.clone(),
            client_id: self.client_id.clone(),
            merchant_key: Arc::clone(&self.merchant_key),
            merchant_key_version: self.merchant_key_version,
            wallet_keys: self.wallet_keys.clone(),
            gateway: self.gateway.clone(),
            clock: Arc::clone(&self.clock),
            retry: self.retry,
            max_response_bytes: self.max_response_bytes,
            wallet: PhantomData,
        }
    }
}

impl MerchantClient<AnyWallet> {
    /// A builder for a client of the wallet at `base_url` (e.g. `https://wallet.example.com`,
    /// or a path prefix under it), calling as `client_id`, signing with `merchant_key` (key
    /// version 1) and verifying responses with `wallet_key` (key version 1).
    ///
    /// ```
    /// use std::time::Duration;
    /// use authcode_client::{GatewayProfile, MerchantClient, RetryPolicy};
    /// use authcode_signing::SigningKey;
    /// use authcode_wire::ApiVersion;
    ///
    /// let wallet = SigningKey::generate()?;
    /// let client = MerchantClient::builder("https://wallet.example.com/api", "2022000000000001", SigningKey::generate()?, wallet.verifying_key())
    ///     .gateway(GatewayProfile::v2())
    ///     .timeout(Duration::from_secs(5))
    ///     .retry(RetryPolicy::none())
    ///     .build()?;
    /// assert_eq!(client.url_for(ApiVersion::V2.inquiry_user_info_path()).as_str(), "https://wallet.example.com/api/v2/users/inquiryUserInfo");
    ///
    /// let err = MerchantClient::builder("ftp://wallet.example.com", "c", SigningKey::generate()?, wallet.verifying_key())
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("invalid client configuration"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        merchant_key: SigningKey,
        wallet_key: VerifyingKey,
    ) -> MerchantClientBuilder {
        let mut wallet_keys = WalletKeys::default();
        wallet_keys.insert(1, wallet_key);
        MerchantClientBuilder {
            base_url: base_url.into(),
            client_id: client_id.into(),
            merchant_key,
            merchant_key_version: 1,
            wallet_keys,
            gateway: GatewayProfile::default(),
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            retry: RetryPolicy::default(),
            clock: Arc::new(SystemClock),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            wallet: PhantomData,
        }
    }

    /// inquiryUserInfo, read as `U` (the Alipay+ [`UserInfo`](authcode_core::UserInfo), a
    /// `<Wallet>UserInfo` the derive generates, or `serde_json::Value`); see
    /// [`inquiry_user_info_as`](Self::inquiry_user_info_as).
    pub async fn inquiry_user_info<U: DeserializeOwned>(
        &self,
        access_token: &AccessToken,
    ) -> Result<U, ClientError> {
        self.inquiry_user_info_as(access_token).await
    }

    /// applyTokenAndInquiryUserInfo, the user info read as `U`; see
    /// [`apply_token_and_inquiry_user_info_as`](Self::apply_token_and_inquiry_user_info_as).
    pub async fn apply_token_and_inquiry_user_info<U: DeserializeOwned>(
        &self,
        credential: Credential<'_>,
    ) -> Result<TokensAndUserInfo<U>, ClientError> {
        self.apply_token_and_inquiry_user_info_as(credential).await
    }
}

impl<W: ScopeSpec> MerchantClient<W> {
    /// inquiryUserInfo: the user's info as the wallet's model, with only the fields the
    /// token's scopes release.
    pub async fn inquiry_user_info(
        &self,
        access_token: &AccessToken,
    ) -> Result<W::UserInfo, ClientError> {
        self.inquiry_user_info_as(access_token).await
    }

    /// applyTokenAndInquiryUserInfo, the user info as the wallet's model.
    pub async fn apply_token_and_inquiry_user_info(
        &self,
        credential: Credential<'_>,
    ) -> Result<TokensAndUserInfo<W::UserInfo>, ClientError> {
        self.apply_token_and_inquiry_user_info_as(credential).await
    }
}

impl<W> MerchantClient<W> {
    /// The client ID sent with every request.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The gateway profile the client calls with.
    pub fn gateway(&self) -> &GatewayProfile {
        &self.gateway
    }

    /// The URL of the API at `path` (e.g. `/v1/users/inquiryUserInfo`) under the base URL.
    pub fn url_for(&self, path: &str) -> Url {
        let mut url = self.base.clone();
        let joined = format!("{}{}", self.base.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        url
    }

    /// applyToken with grantType `AUTHORIZATION_CODE`: exchanges the authCode from
    /// `my.getAuthCode` for tokens. Never sent twice once it may have reached the wallet.
    pub async fn apply_token(&self, auth_code: &AuthCode) -> Result<Tokens, ClientError> {
        let request = self
            .gateway
            .apply_token_request(ApplyTokenRequest::authorization_code(auth_code.clone()));
        self.apply(request).await
    }

    /// applyToken with grantType `REFRESH_TOKEN`: exchanges a refresh token for a new pair of
    /// tokens (the old refresh token is used up). Never sent twice once it may have reached
    /// the wallet.
    pub async fn refresh_token(&self, refresh_token: &RefreshToken) -> Result<Tokens, ClientError> {
        let request = self
            .gateway
            .apply_token_request(ApplyTokenRequest::refresh(refresh_token.clone()));
        self.apply(request).await
    }

    async fn apply(&self, request: ApplyTokenRequest) -> Result<Tokens, ClientError> {
        let path = self.gateway.version.apply_token_path();
        let response: ApplyTokenResponse = self
            .call_json(path, "applyToken", Idempotence::SingleUse, &request)
            .await?;
        response.into_tokens().map_err(|missing| {
            ClientError::Protocol(ProtocolError::MissingField {
                api: "applyToken",
                field: missing.0,
            })
        })
    }

    /// inquiryUserInfo: the user's info, with only the fields the token's scopes release, as
    /// `U` (the `<Wallet>UserInfo` the derive generates, the Alipay+
    /// [`UserInfo`](authcode_core::UserInfo), or `serde_json::Value` for the raw JSON).
    pub async fn inquiry_user_info_as<U: DeserializeOwned>(
        &self,
        access_token: &AccessToken,
    ) -> Result<U, ClientError> {
        let request = self
            .gateway
            .inquiry_user_info_request(InquiryUserInfoRequest::new(access_token.clone()));
        let path = self.gateway.version.inquiry_user_info_path();
        let response: InquiryUserInfoResponse<U> = self
            .call_json(path, "inquiryUserInfo", Idempotence::Idempotent, &request)
            .await?;
        response
            .user_info
            .ok_or(ClientError::Protocol(ProtocolError::MissingField {
                api: "inquiryUserInfo",
                field: "userInfo",
            }))
    }

    /// revoke (v2) or cancelToken (v1), as the gateway profile says
    /// ([`GatewayProfile::revoke_api`]): cancels `access_token` and the grant it belongs to,
    /// its refresh token included. The wallet answers a token already cancelled with the same
    /// success, so the call is retried like inquiryUserInfo: a lost answer is sent again.
    pub async fn revoke(&self, access_token: &AccessToken) -> Result<(), ClientError> {
        let api = self.gateway.revoke_api();
        let request = self
            .gateway
            .revoke_request(RevokeRequest::new(access_token.clone()));
        let name = match api {
            RevokeApi::Revoke => "revoke",
            RevokeApi::CancelToken => "cancelToken",
        };
        let _: RevokeResponse = self
            .call_json(api.path(), name, Idempotence::Idempotent, &request)
            .await?;
        Ok(())
    }

    /// applyTokenAndInquiryUserInfo (`POST /v2/authorizations/applyTokenAndInquiryUserInfo`,
    /// Alipay Connect): exchanges a code or refresh token and reads the user's info in one
    /// round trip, or reads it with a live access token. With a code or refresh token it is
    /// never sent twice once it may have reached the wallet, as applyToken; with an access
    /// token it reads only and is retried as inquiryUserInfo.
    pub async fn apply_token_and_inquiry_user_info_as<U: DeserializeOwned>(
        &self,
        credential: Credential<'_>,
    ) -> Result<TokensAndUserInfo<U>, ClientError> {
        const API: &str = "applyTokenAndInquiryUserInfo";
        let (request, idempotence) = match credential {
            Credential::AuthCode(code) => (
                ApplyTokenAndInquiryUserInfoRequest::authorization_code(code.clone()),
                Idempotence::SingleUse,
            ),
            Credential::RefreshToken(token) => (
                ApplyTokenAndInquiryUserInfoRequest::refresh(token.clone()),
                Idempotence::SingleUse,
            ),
            Credential::AccessToken(token) => (
                ApplyTokenAndInquiryUserInfoRequest::access_token(token.clone()),
                Idempotence::Idempotent,
            ),
        };
        let request = self
            .gateway
            .apply_token_and_inquiry_user_info_request(request);
        let response: ApplyTokenAndInquiryUserInfoResponse<U> = self
            .call_json(
                APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH,
                API,
                idempotence,
                &request,
            )
            .await?;
        let missing =
            |field| ClientError::Protocol(ProtocolError::MissingField { api: API, field });
        let tokens = response.tokens();
        if idempotence == Idempotence::SingleUse && tokens.is_none() {
            return Err(missing(if response.access_token.is_none() {
                "accessToken"
            } else {
                "accessTokenExpiryTime"
            }));
        }
        let user_info = response.user_info.ok_or_else(|| missing("userInfo"))?;
        Ok(TokensAndUserInfo { tokens, user_info })
    }

    /// Sends `body` to the API at `path`, signed, and returns the verified response whatever
    /// its `result`: for OpenAPIs this client does not wrap. Treated as a call that must not
    /// run twice: retried only when it provably did not reach the wallet.
    pub async fn call(&self, path: &str, body: Vec<u8>) -> Result<VerifiedResponse, ClientError> {
        self.call_with(path, "call", Idempotence::SingleUse, &body)
            .await
    }

    async fn call_json<T: DeserializeOwned>(
        &self,
        path: &str,
        api: &'static str,
        idempotence: Idempotence,
        request: &impl Serialize,
    ) -> Result<T, ClientError> {
        // Request types of strings and maps always serialize.
        let body = serde_json::to_vec(request).map_err(|err| {
            ClientError::Protocol(ProtocolError::Body {
                api,
                status: 0,
                reason: format!("the request could not be written: {err}"),
            })
        })?;
        let response = self.call_with(path, api, idempotence, &body).await?;
        let answer = response::interpret(api, &response);
        match (idempotence, answer) {
            // Verified, but unreadable: the wallet did something with the credential.
            (Idempotence::SingleUse, Err(err @ ClientError::Protocol(_))) => Err(unknown(api, err)),
            (_, answer) => answer,
        }
    }

    /// The retry loop: a failure is tried again only when the policy allows another attempt,
    /// the failure may be transient, and sending again is safe for this call.
    async fn call_with(
        &self,
        path: &str,
        api: &'static str,
        idempotence: Idempotence,
        body: &[u8],
    ) -> Result<VerifiedResponse, ClientError> {
        let url = self.url_for(path);
        let attempts = self.retry.max_attempts.max(1);
        let mut attempt = 1;
        loop {
            let outcome = transport::send(self, &url, body).await;
            let outcome = match (idempotence, outcome) {
                // An answer lost, or one that cannot be trusted, after the request may have
                // left: not a failure to retry, but an outcome nobody knows.
                (Idempotence::SingleUse, Err(err)) => match OutcomeCause::of(err) {
                    Ok(cause) => return Err(ClientError::OutcomeUnknown { api, cause }),
                    // Provably never sent (no connection): safe to send again.
                    Err(err) => Err(err),
                },
                (_, outcome) => outcome,
            };
            let retry = attempt < attempts
                && match &outcome {
                    Ok(response) => transient_answer(api, idempotence, response),
                    Err(err) => err.is_retryable(),
                };
            if !retry {
                return outcome;
            }
            let wait = self.retry.backoff(attempt);
            tracing::warn!(api, attempt, ?wait, "transient failure; retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

/// A failure of a single-use call as the caller must see it: [`ClientError::OutcomeUnknown`]
/// once the request may have reached the wallet and no trusted answer says what it did.
fn unknown(api: &'static str, err: ClientError) -> ClientError {
    match OutcomeCause::of(err) {
        Ok(cause) => ClientError::OutcomeUnknown { api, cause },
        Err(err) => err,
    }
}

/// `true` when a verified answer reports a transient failure that this call may be sent
/// again after: any `U` for an idempotent call; for a single-use one only
/// `REQUEST_TRAFFIC_EXCEED_LIMIT`, which a wallet answers before processing the request
/// (after `UNKNOWN_EXCEPTION` the code may have been redeemed).
fn transient_answer(
    api: &'static str,
    idempotence: Idempotence,
    response: &VerifiedResponse,
) -> bool {
    match response::interpret::<serde::de::IgnoredAny>(api, response) {
        Err(ClientError::Api(failure))
            if failure.result_status == authcode_wire::ResultStatus::Unknown =>
        {
            idempotence == Idempotence::Idempotent
                || failure.code() == Some(ResultCode::RequestTrafficExceedLimit)
        }
        _ => false,
    }
}

impl<W> fmt::Debug for MerchantClient<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MerchantClient")
            .field("base", &self.base.as_str())
            .field("client_id", &self.client_id)
            .field("gateway", &self.gateway)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// How much of a response body the client reads by default: the OpenAPI bodies are a few
/// kilobytes, and a hostile or broken server must not make the client allocate gigabytes.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// Configures a [`MerchantClient`]; made by [`MerchantClient::builder`].
pub struct MerchantClientBuilder<W = AnyWallet> {
    base_url: String,
    client_id: String,
    merchant_key: SigningKey,
    merchant_key_version: u32,
    wallet_keys: WalletKeys,
    gateway: GatewayProfile,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    max_response_bytes: usize,
    wallet: PhantomData<fn() -> W>,
}

impl MerchantClientBuilder<AnyWallet> {
    /// Makes the client one of wallet `W` (the type that carries `#[derive(AuthScopes)]`):
    /// it calls with the gateway profile of `W`'s spec (path version, revocation API, the
    /// fields that name the client, with this builder's client ID), and reads user info as
    /// `W`'s model. A spec without `openapi` keeps the profile this builder has.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::AuthScopes;
    /// use authcode_client::MerchantClient;
    /// use authcode_signing::SigningKey;
    /// use authcode_wire::{ApiVersion, RevokeApi};
    ///
    /// #[derive(AuthScopes)]
    /// #[auth_scopes(wallet = "gcash")]
    /// pub struct GCash;
    ///
    /// let wallet = SigningKey::generate()?.verifying_key();
    /// let client = MerchantClient::builder("https://gcash.example", "2022000000000001", SigningKey::generate()?, wallet)
    ///     .wallet::<GCash>()
    ///     .build()?;
    /// assert_eq!(client.gateway().version, ApiVersion::V2);
    /// assert_eq!(client.gateway().revoke_api(), RevokeApi::CancelToken);
    /// // client.inquiry_user_info(&token) returns a GCashUserInfo.
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn wallet<W: ScopeSpec>(self) -> MerchantClientBuilder<W> {
        let gateway = GatewayProfile::of_spec::<W>().map_or(self.gateway, |profile| {
            profile.client(self.client_id.clone())
        });
        MerchantClientBuilder {
            base_url: self.base_url,
            client_id: self.client_id,
            merchant_key: self.merchant_key,
            merchant_key_version: self.merchant_key_version,
            wallet_keys: self.wallet_keys,
            gateway,
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            retry: self.retry,
            clock: self.clock,
            max_response_bytes: self.max_response_bytes,
            wallet: PhantomData,
        }
    }
}

impl<W> MerchantClientBuilder<W> {
    /// The longest one attempt may take, from connecting to reading the whole response body
    /// (10 s by default): a body that trickles in is cut at this deadline.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (5 s by default).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The retry policy ([`RetryPolicy::default`] unless set).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The gateway profile: the API version and the fields that name the client
    /// ([`GatewayProfile::default`], v1 with no extra fields, unless set).
    pub fn gateway(mut self, gateway: GatewayProfile) -> Self {
        self.gateway = gateway;
        self
    }

    /// Signs requests with key version `version` of the merchant's key (1 unless set).
    pub fn merchant_key_version(mut self, version: u32) -> Self {
        self.merchant_key_version = version;
        self
    }

    /// Also accepts responses signed with `key` as the wallet's key version `version`
    /// (replacing a key of that version). Hold the old and the new key while the wallet
    /// rotates; a response that names no version is checked with the latest.
    pub fn wallet_key(mut self, version: u32, key: VerifyingKey) -> Self {
        self.wallet_keys.insert(version, key);
        self
    }

    /// The largest response body read, in bytes ([`DEFAULT_MAX_RESPONSE_BYTES`] unless set).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The clock that dates requests (`Request-Time`) and judges the age of responses; the
    /// system clock unless set. Tests that move a [`ManualClock`](authcode_core::ManualClock)
    /// on the wallet give the client a clone of it.
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The client; an error for a base URL that is not `http` or `https`, or a client ID that
    /// cannot travel in a header.
    pub fn build(self) -> Result<MerchantClient<W>, ClientError> {
        let config = |err| ClientError::Config(err);
        let base = Url::parse(&self.base_url).map_err(|err| {
            config(ConfigError::BaseUrl {
                url: authcode_wire::shown(&self.base_url),
                reason: err.to_string(),
            })
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(config(ConfigError::BaseUrl {
                url: authcode_wire::shown(&self.base_url),
                reason: "another scheme".to_owned(),
            }));
        }
        if self.client_id.is_empty() || !self.client_id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(config(ConfigError::ClientId(authcode_wire::shown(
                &self.client_id,
            ))));
        }
        if self.wallet_keys.is_empty() {
            return Err(config(ConfigError::NoWalletKey));
        }
        let http = transport::http_client(&base, self.timeout, self.connect_timeout)
            .map_err(|err| config(ConfigError::Http(err.to_string())))?;
        Ok(MerchantClient {
            http,
            base,
            client_id: self.client_id,
            merchant_key: Arc::new(self.merchant_key),
            merchant_key_version: self.merchant_key_version,
            wallet_keys: self.wallet_keys,
            gateway: self.gateway,
            clock: self.clock,
            retry: self.retry,
            max_response_bytes: self.max_response_bytes,
            wallet: PhantomData,
        })
    }
}

impl<W> fmt::Debug for MerchantClientBuilder<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MerchantClientBuilder")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}
