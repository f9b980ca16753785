//! Compile-time checked authorization for the mini-program JSAPI `my.getAuthCode`, for Alipay+
//! and the wallets built on it (GCash, DANA, Touch 'n Go, SuperQi, ...).
//!
//! This is the one crate a merchant backend depends on. Every wallet publishes its own scopes
//! and its own `userInfo` model; `#[derive(AuthScopes)]` turns a wallet's spec into a scope enum
//! and a typed user-info struct, so a misspelt scope is a compile error, silent and proactive
//! scopes are told apart by the type system, and legacy scopes carry `#[deprecated]`.
//!
//! ```
//! use authcode_runtime::{AuthScopes, Scope};
//!
//! #[derive(AuthScopes)]
//! #[auth_scopes(wallet = "alipay-plus")] // a shipped wallet; `spec = "path.json"` for your own
//! pub struct AlipayPlus;
//!
//! let scope: AlipayPlusScope = "USER_NICKNAME".parse()?;
//! assert_eq!(scope, AlipayPlusScope::UserNickname);
//! assert!(scope.is_proactive());
//! assert!(AlipayPlusScope::UserId.is_silent());
//! # Ok::<(), authcode_runtime::UnknownScope>(())
//! ```
//!
//! # Features
//!
//! | feature | what it adds |
//! |---|---|
//! | (default) | the derive, scope sets, `my.getAuthCode` callbacks, user info, the wire types ([`wire`]) |
//! | `flow` | [`flow`]: the authorization server in process (`AuthServer`, the `Store` trait, `MemoryStore`) |
//! | `client` | `client`: the merchant's signed client of the wallet's OpenAPIs ([`authcode-client`](https://docs.rs/authcode-client)) |
//! | `axum` | `client::notify::router`, the receiver of the wallet's notifications |
//! | `server` | `server`: the wallet's OpenAPIs over HTTP, the emulator's library ([`authcode-server`](https://docs.rs/authcode-server)); implies `flow` |
//! | `redis` | `redis`: the flow's state in Redis ([`authcode-redis`](https://docs.rs/authcode-redis)); implies `flow` |
//!
//! The other crates of the workspace stay published for those who want one piece; this one
//! re-exports them, so their types have one path here: `authcode_runtime::client::MerchantClient`,
//! `authcode_runtime::server::WalletServer`, `authcode_runtime::redis::RedisStore`.
//!
//! The guides teach each part: [scopes, callbacks and the flow](guide::scopes), [the wallet
//! emulator, the merchant client and Redis](guide::wallet), [the errors you will
//! meet](guide::errors) (built with every feature, as on docs.rs).
//!
//! When this crate is renamed in `Cargo.toml`, point the derive at it with
//! `#[auth_scopes(wallet = "...", crate = "my_name")]`.
#![forbid(unsafe_code)]

pub use authcode_core::*;

/// The merchant's client of the wallet's OpenAPIs (feature `client`): [`authcode_client`].
#[cfg(feature = "client")]
pub use authcode_client as client;

/// The wallet's OpenAPIs over HTTP (feature `server`): [`authcode_server`].
#[cfg(feature = "server")]
pub use authcode_server as server;

/// The flow's state in Redis (feature `redis`): [`authcode_redis`].
#[cfg(feature = "redis")]
pub use authcode_redis as redis;

/// Guides to each part, with examples that run (they need every feature, as on docs.rs).
#[cfg(all(
    feature = "flow",
    feature = "client",
    feature = "server",
    feature = "redis",
    feature = "axum"
))]
pub mod guide {
    #[doc = include_str!("../guide/scopes.md")]
    pub mod scopes {}

    #[doc = include_str!("../guide/wallet.md")]
    pub mod wallet {}

    #[doc = include_str!("../guide/errors.md")]
    pub mod errors {}
}
