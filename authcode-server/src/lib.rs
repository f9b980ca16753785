//! The wallet side over HTTP: an [`AuthServer`] behind the Alipay+ authorization OpenAPIs,
//! verifying every request and signing every response, as a wallet emulator for merchant
//! backends to be built and tested against.
//!
//! [`WalletServer`] is generic over the scope type (and so over the wallet's user-info
//! model), so a wallet with its own spec gets the same server. The `authcode-wallet` binary
//! runs it for the wallets whose specs ship with authcode. With
//! [`WalletServer::with_emulator_endpoints`] it also answers `POST /emulator/getAuthCode`,
//! which stands in for the wallet app's `my.getAuthCode` JSAPI.
//!
//! | route | what |
//! | --- | --- |
//! | `POST /v1/authorizations/applyToken`, `POST /v2/...` | [`AuthServer::apply_token`] |
//! | `POST /v1/users/inquiryUserInfo`, `POST /v2/...` | [`AuthServer::inquiry_user_info`] |
//! | `POST /v2/authorizations/revoke`, `POST /v1/authorizations/cancelToken` | [`AuthServer::revoke`], answering a `RevokeResponse` |
//! | `POST /v2/authorizations/applyTokenAndInquiryUserInfo` | [`AuthServer::apply_token_and_inquiry_user_info`] |
//! | `POST /emulator/getAuthCode` | [`AuthServer::get_auth_code`] (only when enabled) |
//! | `GET /emulator/consents?userId=...` | [`AuthServer::consents`] (only when enabled) |
//! | `POST /emulator/unbind` | [`AuthServer::revoke_consent`] (only when enabled) |
//!
//! With [`WalletServer::with_notifications`] the server also tells the merchant of every code
//! issued, tokens issued and grant revoked with a signed authNotify, retried until
//! acknowledged. Its keys can be rotated while it serves ([`KeyRing`]).
//!
//! Every OpenAPI request is checked before the flow sees it: an unknown `Client-Id` gets
//! `INVALID_CLIENT`; a missing, malformed or wrong signature, or a body changed after signing,
//! `INVALID_SIGNATURE`; a key version the wallet does not hold `KEY_NOT_FOUND`; a
//! `Request-Time` more than 5 minutes from the server's clock `INVALID_SIGNATURE`; malformed
//! JSON `PARAM_ILLEGAL`. Those answers are HTTP 200 with a signed `result`, as the OpenAPIs
//! answer every business outcome; a refused request changes no state. What is not an
//! OpenAPI call at all is refused at the HTTP level, unsigned: an unknown path 404, another
//! method than POST 405, a body over 64 KiB 413, a request not read within the request
//! timeout 408.
//!
//! [`WalletServer::serve`] also bounds what a client can hold: request heads must arrive
//! within a timeout (which also closes idle keep-alive connections), requests within
//! another, connections are limited (with a log line when the limit is reached), and a
//! shutdown lets requests in flight finish, cutting stalled ones at a deadline
//! ([`ServeOptions`]).
//!
//! ```
//! # extern crate authcode_core as authcode_runtime;
//! use std::sync::Arc;
//! use authcode_signing::SigningKey;
//! use authcode_runtime::{AuthScopes, ScopeSet, UserInfo};
//! use authcode_runtime::flow::AuthServer;
//! use authcode_server::WalletServer;
//!
//! #[derive(AuthScopes)]
//! #[auth_scopes(wallet = "alipay-plus")]
//! pub struct AlipayPlus;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let merchant_key = SigningKey::generate()?;
//! let auth = Arc::new(AuthServer::<AlipayPlusScope>::new());
//! auth.register_client("2022000000000001", ScopeSet::all()).await?;
//! auth.add_user("2088001", UserInfo::default()).await?;
//!
//! let server = WalletServer::new(auth, SigningKey::generate()?)
//!     .with_client_key("2022000000000001", merchant_key.verifying_key())
//!     .with_emulator_endpoints();
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! println!("listening on http://{}", listener.local_addr()?);
//! let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
//! let running = tokio::spawn(server.serve(listener, async { stopped.await.ok(); }));
//! // ... merchants call it ...
//! stop.send(()).ok();
//! running.await??;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod emulator;
mod emulator_guard;
mod keys;
mod notify;
mod response;
mod routes;
mod serve;
mod shutdown;
mod verify;

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use authcode_core::Scope;
use authcode_core::flow::{AuthServer, MemoryStore, Store};
use tokio::net::TcpListener;

pub use keys::KeyRing;

/// The keys the wallet signs with and verifies merchants with, re-exported from
/// `authcode-signing`.
pub use authcode_signing::{KeyError, SigningKey, VerifyingKey};
pub use notify::{NotifyOptions, NotifyUrlError};
pub use serve::ServeOptions;
pub use shutdown::shutdown_signal;

/// The path of the development endpoint that stands in for `my.getAuthCode`.
pub const EMULATOR_GET_AUTH_CODE_PATH: &str = "/emulator/getAuthCode";

/// The path of the development endpoint that lists a user's consents, as the wallet app's
/// list of authorized mini programs: `GET /emulator/consents?userId=...`.
pub const EMULATOR_CONSENTS_PATH: &str = "/emulator/consents";

/// The path of the development endpoint where the user unbinds a mini program in the
/// wallet: `POST /emulator/unbind` `{"clientId", "userId"}`.
pub const EMULATOR_UNBIND_PATH: &str = "/emulator/unbind";

/// An HTTP server for the wallet's OpenAPIs, on top of an [`AuthServer`].
///
/// See the [crate documentation](crate) for the routes and an example.
pub struct WalletServer<S: Scope, St: Store<S> = MemoryStore<S>> {
    auth: Arc<AuthServer<S, St>>,
    keys: KeyRing,
    emulator: bool,
    /// The origins a browser page may call the emulator endpoints from.
    allowed_origins: emulator_guard::AllowedOrigins,
    /// Set up by `with_notifications`, started by `into_router`.
    notifications: Option<notify::Pending>,
}

impl<S: Scope, St: Store<S> + 'static> WalletServer<S, St> {
    /// A server for `auth`, signing its responses with `wallet_key` as key version 1. No
    /// client can call it until its public key is added with
    /// [`with_client_key`](WalletServer::with_client_key).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use std::sync::Arc;
    /// use authcode_signing::SigningKey;
    /// use authcode_runtime::flow::AuthServer;
    /// use authcode_server::WalletServer;
    ///
    /// let wallet_key = SigningKey::generate()?;
    /// let public = wallet_key.verifying_key();
    /// let server = WalletServer::new(Arc::new(AuthServer::<AlipayPlusScope>::new()), wallet_key);
    /// assert_eq!(server.wallet_public_key(), public);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(auth: Arc<AuthServer<S, St>>, wallet_key: SigningKey) -> Self {
        WalletServer {
            auth,
            keys: KeyRing::new(wallet_key),
            emulator: false,
            allowed_origins: emulator_guard::AllowedOrigins::default(),
            notifications: None,
        }
    }

    /// This server, signing its responses with `key` as key version `version` from now on
    /// (a rotation of the wallet's key: merchants verify against the set of wallet keys
    /// they hold, by the version each response names). [`KeyRing::set_wallet_key`] does the
    /// same while the server runs.
    pub fn with_wallet_key(self, version: u32, key: SigningKey) -> Self {
        self.keys.set_wallet_key(version, key);
        self
    }

    /// This server, accepting requests from client `client_id` signed with the private half
    /// of `key` as key version 1. The client must also be registered with the
    /// [`AuthServer`] (`register_client`), which says what it may request.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// # use std::sync::Arc;
    /// # use authcode_signing::SigningKey;
    /// # use authcode_runtime::flow::AuthServer;
    /// # use authcode_server::WalletServer;
    /// let merchant = SigningKey::generate()?;
    /// let server = WalletServer::new(Arc::new(AuthServer::<AlipayPlusScope>::new()), SigningKey::generate()?)
    ///     .with_client_key("2022000000000001", merchant.verifying_key());
    /// assert_eq!(server.client_ids(), ["2022000000000001"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_client_key(self, client_id: impl Into<String>, key: VerifyingKey) -> Self {
        self.with_client_key_version(client_id, 1, key)
    }

    /// This server, also accepting requests from `client_id` signed with key version
    /// `version` (replacing an earlier key of that version). During a rollover a client has
    /// two versions; a request's `Signature` header names the one it used, and one that
    /// names none is checked with the latest.
    pub fn with_client_key_version(
        self,
        client_id: impl Into<String>,
        version: u32,
        key: VerifyingKey,
    ) -> Self {
        self.keys.set_client_key(client_id, version, key);
        self
    }

    /// This server, no longer accepting key version `version` of `client_id` (the end of a
    /// rollover). [`KeyRing::remove_client_key`] does the same while the server runs.
    pub fn without_client_key_version(self, client_id: &str, version: u32) -> Self {
        self.keys.remove_client_key(client_id, version);
        self
    }

    /// The handle on this server's keys, to rotate them while it serves (see [`KeyRing`]).
    pub fn key_ring(&self) -> KeyRing {
        self.keys.clone()
    }

    /// This server, also answering `POST /emulator/getAuthCode` (see
    /// [`EMULATOR_GET_AUTH_CODE_PATH`]): `{"clientId", "userId", "scopes": [...], "consent":
    /// "approve" | "cancel" | ["SCOPE", ...]}` returns the object the JSAPI's callbacks
    /// receive (`authCode`, `authSuccessScopes`, `authErrorScopes`, `error`, `errorMessage`).
    ///
    /// With it come `GET /emulator/consents?userId=...` (see [`EMULATOR_CONSENTS_PATH`]),
    /// which answers `{"userId", "consents": [{"clientId", "scopes": [...]}]}`, and `POST
    /// /emulator/unbind` `{"clientId", "userId"}` (see [`EMULATOR_UNBIND_PATH`]), the user
    /// unbinding the mini program in the wallet, which answers `{"clientId", "userId",
    /// "revokedGrants"}`. A malformed call to either is HTTP 400 with `{"error": ...}`, an
    /// unknown user 404.
    ///
    /// The endpoints are unauthenticated, since they play the part of the wallet app on the
    /// user's phone: enable them for development and tests only. The codes it can make the
    /// server hold are bounded by [`AuthServer::with_code_limits`].
    ///
    /// So that a web page open in the developer's browser cannot drive them, a request with a
    /// body must be `Content-Type: application/json` (HTTP 415 otherwise), and a request with
    /// an `Origin` other than the server's own is refused (HTTP 403) unless
    /// [`with_allowed_origins`](WalletServer::with_allowed_origins) names it.
    pub fn with_emulator_endpoints(mut self) -> Self {
        self.emulator = true;
        self
    }

    /// This server, letting pages of `origins` (`http://localhost:5173`, or `*` for any) call
    /// the emulator endpoints from a browser: their requests pass, and their CORS preflights
    /// are answered.
    pub fn with_allowed_origins<I, O>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = O>,
        O: Into<String>,
    {
        self.allowed_origins =
            emulator_guard::AllowedOrigins(origins.into_iter().map(Into::into).collect());
        self
    }

    /// This server, telling client `client_id`'s receiver at `url` (the full URL of its receiver, e.g.
    /// `https://merchant.example/aps/api/v1/authorizations/authNotify`, see
    /// [`AUTH_NOTIFY_PATH`](authcode_wire::AUTH_NOTIFY_PATH)) of every authorization change
    /// with a signed `authNotify`:
    ///
    /// | event | `authorizationNotifyType` | fields besides `authClientId` |
    /// | --- | --- | --- |
    /// | a code issued | `AUTHCODE_CREATED` | `authCode` |
    /// | tokens issued | `TOKEN_CREATED` | `customerId`, `accessToken`, `refreshToken` and their expiry times |
    /// | a grant revoked | `TOKEN_CANCELED` | `customerId`, `reason` (`CANCELLED_BY_MERCHANT`, `CONSENT_WITHDRAWN`, `REPLAY`), and `accessToken` when the merchant cancelled that token |
    ///
    /// Each notification is a POST signed like an OpenAPI request, by the wallet's current
    /// key: `Client-Id` is the client concerned, `Request-Time` the time of the attempt. It is
    /// acknowledged by HTTP 200 with `result.resultCode` `SUCCESS`; anything else is retried
    /// as [`NotifyOptions`] says, with the same body, so that the receiver can recognise a
    /// redelivery (`authcode_client::notify::NotificationVerifier` does). Events are queued
    /// without waiting; delivery never slows the request that caused them, and notifications
    /// may arrive in another order than their events. Every outcome is logged under the
    /// `tracing` target `authcode::notify`, without the body.
    ///
    /// Events are heard from this call on, those of in-process calls on the
    /// [`AuthServer`] included; the deliveries start when the router is made
    /// ([`into_router`](Self::into_router), [`serve`](Self::serve)), which must then run
    /// inside a Tokio runtime.
    ///
    /// Each client has its own URL (call this once per client; the `options` of the first
    /// call apply to all): a client's events go to its receiver only, and a client without
    /// one is told nothing, so one merchant never receives another's codes and tokens.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use std::sync::Arc;
    /// use authcode_signing::SigningKey;
    /// use authcode_runtime::flow::AuthServer;
    /// use authcode_server::{NotifyOptions, WalletServer};
    /// use authcode_wire::AUTH_NOTIFY_PATH;
    ///
    /// let server = WalletServer::new(Arc::new(AuthServer::<AlipayPlusScope>::new()), SigningKey::generate()?)
    ///     .with_notifications("2022000000000001", &format!("http://127.0.0.1:8081{AUTH_NOTIFY_PATH}"), NotifyOptions::default())?
    ///     .with_notifications("2022000000000002", &format!("http://127.0.0.1:8082{AUTH_NOTIFY_PATH}"), NotifyOptions::default())?;
    /// # let _ = server;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_notifications(
        mut self,
        client_id: &str,
        url: &str,
        options: NotifyOptions,
    ) -> Result<Self, NotifyUrlError> {
        let auth = &self.auth;
        self.notifications
            .get_or_insert_with(|| notify::Pending::subscribe(auth, options))
            .add(client_id, url)?;
        Ok(self)
    }

    /// The public half of the wallet's current key, for merchants to verify responses with.
    pub fn wallet_public_key(&self) -> VerifyingKey {
        self.keys.wallet_public_key()
    }

    /// The version of the wallet's current key, which responses name in `keyVersion`.
    pub fn wallet_key_version(&self) -> u32 {
        self.keys.wallet_key_version()
    }

    /// The client IDs whose keys this server holds, sorted.
    pub fn client_ids(&self) -> Vec<String> {
        self.keys.client_ids()
    }

    /// The authorization server behind the endpoints.
    pub fn auth_server(&self) -> &Arc<AuthServer<S, St>> {
        &self.auth
    }

    /// The routes as an [`axum::Router`], to serve or to nest in a larger application. The
    /// router carries the 64 KiB body limit; the timeouts and the connection limit of
    /// [`ServeOptions`] are [`serve_with`](Self::serve_with)'s, so apply your own around it
    /// when you serve it another way.
    pub fn into_router(mut self) -> axum::Router {
        if let Some(notifications) = self.notifications.take() {
            notifications.start(self.keys.clone());
        }
        routes::router(Arc::new(self))
    }

    /// Serves on `listener` with the default [`ServeOptions`] until `shutdown` completes,
    /// then stops accepting connections and returns once the requests in progress are
    /// answered (or the shutdown deadline passes). Pass [`shutdown_signal()`] to stop on
    /// SIGINT or SIGTERM.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        self.serve_with(listener, shutdown, ServeOptions::default())
            .await
    }

    /// [`serve`](Self::serve) with other limits and timeouts.
    pub async fn serve_with(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
        options: ServeOptions,
    ) -> std::io::Result<()> {
        serve::serve(listener, self.into_router(), shutdown, options).await
    }
}

impl<S: Scope, St: Store<S>> fmt::Debug for WalletServer<S, St> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WalletServer")
            .field("clients", &self.keys.client_count())
            .field("wallet_key_version", &self.keys.wallet_key_version())
            .field("emulator", &self.emulator)
            .field("notifications", &self.notifications.is_some())
            .finish_non_exhaustive()
    }
}
