//! The wallet side over HTTP (feature `server`): an [`AuthServer`] behind the Alipay+
//! OpenAPIs, verifying every request and signing every response.
//!
//! [`WalletServer`] is generic over the scope type, so a wallet with its own spec gets the
//! same server. The `authcode-wallet` binary runs it for the Alipay+ scopes as a local
//! emulator; with [`WalletServer::with_emulator_endpoints`] it also answers
//! `POST /emulator/getAuthCode`, which stands in for the wallet app's `my.getAuthCode` JSAPI.
//!
//! | route | what |
//! | --- | --- |
//! | `POST /v1/authorizations/applyToken` | [`AuthServer::apply_token`], signed |
//! | `POST /v1/users/inquiryUserInfo` | [`AuthServer::inquiry_user_info`], signed |
//! | `POST /emulator/getAuthCode` | [`AuthServer::get_auth_code`] (only when enabled) |
//!
//! Every OpenAPI request is checked before the flow sees it: an unknown `Client-Id` gets
//! `INVALID_CLIENT`; a missing, malformed or wrong signature, or a body changed after signing,
//! `INVALID_SIGNATURE`; a `Request-Time` more than 5 minutes from the server's clock
//! `INVALID_SIGNATURE`; a body over 64 KiB HTTP 413; malformed JSON `PARAM_ILLEGAL`. A refused
//! request changes no state. Every response, refusals included, is signed with the wallet's
//! key.
//!
//! ```
//! use std::sync::Arc;
//! use authcode_runtime::{AuthScopes, ScopeSet};
//! use authcode_runtime::flow::{AuthServer, UserInfo};
//! use authcode_runtime::openapi::SigningKey;
//! use authcode_runtime::server::WalletServer;
//!
//! #[derive(AuthScopes)]
//! #[auth_scopes(spec = "../spec/alipay-plus.json")]
//! pub struct AlipayPlus;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let merchant_key = SigningKey::generate()?;
//! let auth = Arc::new(AuthServer::<AlipayPlusScope>::new());
//! auth.register_client("2022000000000001", ScopeSet::all())?;
//! auth.add_user("2088001", UserInfo::default())?;
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

mod emulator;
mod request_body;
mod response;
mod routes;
mod shutdown;
mod sync_work;
mod verify;

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::Scope;
use crate::flow::{AuthServer, MemoryStore, Store};
use crate::openapi::{SigningKey, VerifyingKey};

pub use shutdown::shutdown_signal;

/// The path of the development endpoint that stands in for `my.getAuthCode`.
pub const EMULATOR_GET_AUTH_CODE_PATH: &str = "/emulator/getAuthCode";

/// An HTTP server for the wallet's OpenAPIs, on top of an [`AuthServer`].
///
/// See the [module documentation](self) for the routes and an example.
pub struct WalletServer<S: Scope, St: Store<S> = MemoryStore<S>> {
    auth: Arc<AuthServer<S, St>>,
    wallet_key: SigningKey,
    client_keys: verify::ClientKeys,
    emulator: bool,
}

impl<S: Scope, St: Store<S> + 'static> WalletServer<S, St> {
    /// A server for `auth`, signing its responses with `wallet_key`. No client can call it
    /// until its public key is added with [`with_client_key`](WalletServer::with_client_key).
    ///
    /// ```
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(spec = "../spec/alipay-plus.json")]
    /// # pub struct AlipayPlus;
    /// use std::sync::Arc;
    /// use authcode_runtime::flow::AuthServer;
    /// use authcode_runtime::openapi::SigningKey;
    /// use authcode_runtime::server::WalletServer;
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
            wallet_key,
            client_keys: verify::ClientKeys::new(),
            emulator: false,
        }
    }

    /// This server, accepting requests from client `client_id` signed with the private half
    /// of `key` (replacing an earlier key of that client). The client must also be registered
    /// with the [`AuthServer`] (`register_client`), which says what it may request.
    ///
    /// ```
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(spec = "../spec/alipay-plus.json")]
    /// # pub struct AlipayPlus;
    /// # use std::sync::Arc;
    /// # use authcode_runtime::flow::AuthServer;
    /// # use authcode_runtime::openapi::SigningKey;
    /// # use authcode_runtime::server::WalletServer;
    /// let merchant = SigningKey::generate()?;
    /// let server = WalletServer::new(Arc::new(AuthServer::<AlipayPlusScope>::new()), SigningKey::generate()?)
    ///     .with_client_key("2022000000000001", merchant.verifying_key());
    /// assert_eq!(server.client_ids().collect::<Vec<_>>(), ["2022000000000001"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_client_key(mut self, client_id: impl Into<String>, key: VerifyingKey) -> Self {
        self.client_keys.insert(client_id.into(), key);
        self
    }

    /// This server, also answering `POST /emulator/getAuthCode` (see
    /// [`EMULATOR_GET_AUTH_CODE_PATH`]): `{"clientId", "userId", "scopes": [...], "consent":
    /// "approve" | "cancel" | ["SCOPE", ...]}` returns the object the JSAPI's callbacks
    /// receive (`authCode`, `authSuccessScopes`, `authErrorScopes`, `error`, `errorMessage`).
    ///
    /// The endpoint is unauthenticated, since it plays the part of the wallet app on the
    /// user's phone: enable it for development and tests only.
    pub fn with_emulator_endpoints(mut self) -> Self {
        self.emulator = true;
        self
    }

    /// The public half of the wallet's key, for merchants to verify responses with.
    pub fn wallet_public_key(&self) -> VerifyingKey {
        self.wallet_key.verifying_key()
    }

    /// The client IDs whose keys this server holds, in no particular order.
    pub fn client_ids(&self) -> impl Iterator<Item = &str> {
        self.client_keys.keys().map(String::as_str)
    }

    /// The authorization server behind the endpoints.
    pub fn auth_server(&self) -> &Arc<AuthServer<S, St>> {
        &self.auth
    }

    /// The routes as an [`axum::Router`], to serve or to nest in a larger application.
    pub fn into_router(self) -> axum::Router {
        routes::router(Arc::new(self))
    }

    /// Serves on `listener` until `shutdown` completes, then stops accepting connections and
    /// returns once the requests in progress are answered (graceful shutdown). Pass
    /// [`shutdown_signal()`] to stop on SIGINT or SIGTERM.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let local = listener.local_addr()?;
        tracing::info!(%local, "wallet server listening");
        axum::serve(listener, self.into_router())
            .with_graceful_shutdown(shutdown)
            .await?;
        tracing::info!(%local, "wallet server stopped");
        Ok(())
    }
}

impl<S: Scope, St: Store<S>> fmt::Debug for WalletServer<S, St> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WalletServer")
            .field("clients", &self.client_keys.len())
            .field("emulator", &self.emulator)
            .finish_non_exhaustive()
    }
}
