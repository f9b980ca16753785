//! The merchant's client of the wallet's OpenAPIs (feature `client`): applyToken and
//! inquiryUserInfo over HTTPS, with signed requests and verified responses.
//!
//! Every request is signed with the merchant's private key. Every response must carry a valid
//! signature by the wallet's key: a response whose `Signature` header is missing is refused
//! like one whose signature is wrong, so a man in the middle (or a misconfigured proxy) cannot
//! feed the merchant forged tokens or user info by dropping the header. Calls time out, and
//! failures that may be transient (status `U`, transport errors) are retried with backoff
//! ([`RetryPolicy`]); `F` failures never are.
//!
//! ```no_run
//! use authcode_runtime::AuthCode;
//! use authcode_runtime::client::MerchantClient;
//! use authcode_runtime::openapi::{SigningKey, VerifyingKey};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = MerchantClient::builder(
//!     "http://127.0.0.1:8080",
//!     "2022000000000001",
//!     SigningKey::from_pkcs8_pem(&std::fs::read_to_string("merchant.key.pem")?)?,
//!     VerifyingKey::from_spki_pem(&std::fs::read_to_string("wallet.pub.pem")?)?,
//! )
//! .build()?;
//!
//! let tokens = client.apply_token(&AuthCode::new("the authCode from my.getAuthCode")).await?;
//! let user = client.inquiry_user_info(&tokens.access_token).await?;
//! println!("user {:?}", user.user_id);
//! # Ok(())
//! # }
//! ```

mod error;
mod response;
mod retry;
mod tokens;

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde::Serialize;

use crate::AuthCode;
use crate::flow::{
    AccessToken, ApplyTokenRequest, ApplyTokenResponse, Clock, InquiryUserInfoRequest,
    InquiryUserInfoResponse, RefreshToken, SystemClock, UserInfo,
};
use crate::openapi::{
    APPLY_TOKEN_PATH, CLIENT_ID, INQUIRY_USER_INFO_PATH, JSON_CONTENT_TYPE, METHOD, Message,
    REQUEST_TIME, SIGNATURE, SigningKey, VerifyingKey, format_time,
};

pub use error::{ApiFailure, ClientError};
pub use response::VerifiedResponse;
pub use retry::RetryPolicy;
pub use tokens::Tokens;

/// A merchant backend's client of the wallet's OpenAPIs. Cheap to clone (clones share the
/// connection pool); `Send + Sync`.
#[derive(Clone)]
pub struct MerchantClient {
    http: reqwest::Client,
    base: Url,
    client_id: String,
    merchant_key: Arc<SigningKey>,
    wallet_key: VerifyingKey,
    clock: Arc<dyn Clock>,
    retry: RetryPolicy,
}

impl MerchantClient {
    /// A builder for a client of the wallet at `base_url` (e.g.
    /// `https://wallet.example.com`, or a path prefix under it), calling as `client_id`,
    /// signing with `merchant_key` and verifying responses with `wallet_key`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authcode_runtime::client::{MerchantClient, RetryPolicy};
    /// use authcode_runtime::openapi::SigningKey;
    ///
    /// let wallet = SigningKey::generate()?;
    /// let client = MerchantClient::builder("https://wallet.example.com/api", "2022000000000001", SigningKey::generate()?, wallet.verifying_key())
    ///     .timeout(Duration::from_secs(5))
    ///     .retry(RetryPolicy::none())
    ///     .build()?;
    /// assert_eq!(client.url_for("/v1/users/inquiryUserInfo").as_str(), "https://wallet.example.com/api/v1/users/inquiryUserInfo");
    ///
    /// let err = MerchantClient::builder("ftp://wallet.example.com", "c", SigningKey::generate()?, wallet.verifying_key())
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("http or https"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        merchant_key: SigningKey,
        wallet_key: VerifyingKey,
    ) -> MerchantClientBuilder {
        MerchantClientBuilder {
            base_url: base_url.into(),
            client_id: client_id.into(),
            merchant_key,
            wallet_key,
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            retry: RetryPolicy::default(),
            clock: Arc::new(SystemClock),
        }
    }

    /// The client ID sent with every request.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The URL of the API at `path` (e.g. [`APPLY_TOKEN_PATH`]) under the base URL.
    pub fn url_for(&self, path: &str) -> Url {
        let mut url = self.base.clone();
        let joined = format!("{}{}", self.base.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        url
    }

    /// applyToken with grantType `AUTHORIZATION_CODE`: exchanges the authCode from
    /// `my.getAuthCode` for tokens.
    pub async fn apply_token(&self, auth_code: &AuthCode) -> Result<Tokens, ClientError> {
        let request = ApplyTokenRequest::authorization_code(auth_code.clone());
        let response: ApplyTokenResponse = self
            .call_json(APPLY_TOKEN_PATH, "applyToken", &request)
            .await?;
        Tokens::try_from(response)
    }

    /// applyToken with grantType `REFRESH_TOKEN`: exchanges a refresh token for a new pair of
    /// tokens (the old refresh token is used up).
    pub async fn refresh_token(&self, refresh_token: &RefreshToken) -> Result<Tokens, ClientError> {
        let request = ApplyTokenRequest::refresh(refresh_token.clone());
        let response: ApplyTokenResponse = self
            .call_json(APPLY_TOKEN_PATH, "applyToken", &request)
            .await?;
        Tokens::try_from(response)
    }

    /// inquiryUserInfo: the user's info, with only the fields the token's scopes grant.
    pub async fn inquiry_user_info(
        &self,
        access_token: &AccessToken,
    ) -> Result<UserInfo, ClientError> {
        let request = InquiryUserInfoRequest::new(access_token.clone());
        let response: InquiryUserInfoResponse = self
            .call_json(INQUIRY_USER_INFO_PATH, "inquiryUserInfo", &request)
            .await?;
        response.user_info.ok_or_else(|| {
            ClientError::Protocol("inquiryUserInfo succeeded without userInfo".to_owned())
        })
    }

    /// Sends `body` to the API at `path`, signed, with the retry policy, and returns the
    /// verified response whatever its `result`: for OpenAPIs this client does not wrap.
    pub async fn call(&self, path: &str, body: Vec<u8>) -> Result<VerifiedResponse, ClientError> {
        let url = self.url_for(path);
        let attempts = self.retry.max_attempts.max(1);
        let mut attempt = 1;
        loop {
            let outcome = self.send_once(&url, &body).await;
            let retry = match &outcome {
                Ok(response) if attempt < attempts => is_transient(path, response),
                Err(err) if attempt < attempts => err.is_retryable(),
                _ => false,
            };
            if !retry {
                return outcome;
            }
            let wait = self.retry.backoff(attempt);
            tracing::warn!(path, attempt, ?wait, "transient failure; retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn call_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        api: &str,
        request: &impl Serialize,
    ) -> Result<T, ClientError> {
        let body = serde_json::to_vec(request).map_err(|err| {
            ClientError::Protocol(format!("the {api} request could not be written: {err}"))
        })?;
        let response = self.call(path, body).await?;
        response::interpret(api, &response)
    }

    /// One signed request and the verification of its response.
    async fn send_once(&self, url: &Url, body: &[u8]) -> Result<VerifiedResponse, ClientError> {
        let time = format_time(self.clock.now()).ok_or_else(|| {
            ClientError::Config("the clock is outside the years 0 to 9999".to_owned())
        })?;
        let path = url.path();
        let message = Message {
            method: METHOD,
            path,
            client_id: &self.client_id,
            time: &time,
            body,
        };
        // RSA signing is CPU work of a millisecond or two; not worth a blocking thread.
        let signature = message
            .sign(&self.merchant_key)
            .map_err(ClientError::Signing)?;
        let response = self
            .http
            .post(url.clone())
            .header(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE))
            .header(CLIENT_ID, &self.client_id)
            .header(REQUEST_TIME, &time)
            .header(SIGNATURE, signature.to_string())
            .body(body.to_vec())
            .send()
            .await
            .map_err(ClientError::Transport)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(ClientError::Transport)?;
        let expected = response::Expected {
            method: METHOD,
            path,
            client_id: &self.client_id,
            wallet_key: &self.wallet_key,
            now: self.clock.now(),
        };
        response::verify(&expected, status, &headers, body.to_vec())
    }
}

/// `true` when a verified response reports status `U` (read leniently, without failing).
fn is_transient(path: &str, response: &VerifiedResponse) -> bool {
    matches!(
        response::interpret::<serde::de::IgnoredAny>(path, response),
        Err(ref err @ ClientError::Api(_)) if err.is_retryable()
    )
}

impl fmt::Debug for MerchantClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MerchantClient")
            .field("base", &self.base.as_str())
            .field("client_id", &self.client_id)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// Configures a [`MerchantClient`]; made by [`MerchantClient::builder`].
pub struct MerchantClientBuilder {
    base_url: String,
    client_id: String,
    merchant_key: SigningKey,
    wallet_key: VerifyingKey,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
}

impl MerchantClientBuilder {
    /// The longest one attempt may take, from connecting to reading the whole response
    /// (10 s by default).
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

    /// The clock that dates requests (`Request-Time`) and judges the age of responses; the
    /// system clock unless set. Tests that move a [`ManualClock`](crate::flow::ManualClock)
    /// on the wallet give the client a clone of it.
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The client; an error for a base URL that is not `http` or `https`.
    pub fn build(self) -> Result<MerchantClient, ClientError> {
        let base = Url::parse(&self.base_url)
            .map_err(|err| ClientError::Config(format!("base URL {:?}: {err}", self.base_url)))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(ClientError::Config(format!(
                "base URL {:?} must be http or https",
                self.base_url
            )));
        }
        if HeaderValue::from_str(&self.client_id).is_err() || self.client_id.is_empty() {
            return Err(ClientError::Config(format!(
                "client ID {:?} must be non-empty visible ASCII",
                self.client_id
            )));
        }
        let mut http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            // Never follow redirects: the signature covers the path it was made for.
            .redirect(reqwest::redirect::Policy::none());
        if is_loopback(&base) {
            // A proxy from the environment must not capture calls to a local emulator.
            http = http.no_proxy();
        }
        let http = http.build().map_err(ClientError::Transport)?;
        Ok(MerchantClient {
            http,
            base,
            client_id: self.client_id,
            merchant_key: Arc::new(self.merchant_key),
            wallet_key: self.wallet_key,
            clock: self.clock,
            retry: self.retry,
        })
    }
}

impl fmt::Debug for MerchantClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MerchantClientBuilder")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host_str() {
        Some(host) if host.eq_ignore_ascii_case("localhost") => true,
        // IPv6 hosts come bracketed: `[::1]`.
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}
