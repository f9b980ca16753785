//! `authcode-wallet`: a wallet emulator (Alipay+ or any wallet whose spec ships with authcode),
//! for testing a merchant backend locally.
//!
//! ```text
//! cargo run --bin authcode-wallet -- \
//!     --addr 127.0.0.1:0 --client-id 2022000000000001 --client-public-key merchant.pub.pem \
//!     --write-wallet-public-key wallet.pub.pem
//! ```
//!
//! With `--store redis://127.0.0.1:6379` (or `--store redis-cluster://h1:p1,h2:p2,h3:p3`)
//! the codes and tokens live in Redis, so several emulators behind one address share them: a
//! code issued by one is redeemed on another, once.
#![forbid(unsafe_code)]

mod options;
mod setup;
mod users;
mod wallets;

use std::io::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use authcode_redis::{RedisOptions, RedisStore};
use authcode_runtime::flow::{AuthServer, Client, Configured, Lifetimes, MemoryStore, Store};
use authcode_runtime::{AuthRequest, ScopeSet, ScopeSpec};
use authcode_server::{WalletServer, shutdown_signal};
use authcode_signing::{SigningKey, VerifyingKey};
use clap::Parser;

use crate::options::{Options, StoreChoice};

fn main() -> ExitCode {
    let options = Options::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(options.log_level)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("authcode-wallet: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("authcode-wallet: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(mut options: Options) -> Result<(), String> {
    if options.client_ids.is_empty() {
        let dir = options
            .keys_dir
            .clone()
            .unwrap_or_else(setup::default_keys_dir);
        let keys = setup::keys_in(&dir)?;
        options.client_ids = vec![setup::DEFAULT_CLIENT_ID.to_owned()];
        options.client_public_keys = vec![keys.merchant_public_key.clone()];
        if options.wallet_private_key.is_none() {
            options.wallet_private_key = Some(keys.wallet_private_key.clone());
        }
        options.setup = Some(keys);
    }
    wallets::with_wallet!(options.wallet.as_str(), W => serve::<W>(&options).await)?
}

/// Builds the emulator of wallet `W` on the store `--store` names and serves it until SIGINT
/// or SIGTERM.
async fn serve<W: ScopeSpec>(options: &Options) -> Result<(), String> {
    let store: StoreChoice = options
        .store
        .parse()
        .map_err(|err| format!("--store: {err}"))?;
    match &store {
        StoreChoice::Memory => serve_on::<W, _>(options, MemoryStore::new()).await,
        StoreChoice::Redis(target) => {
            let redis = RedisOptions {
                prefix: options.store_prefix.clone(),
                ..RedisOptions::default()
            };
            let store = RedisStore::connect(target, &redis)
                .await
                .map_err(|err| format!("--store: {err}"))?;
            tracing::info!(cluster = store.is_cluster(), prefix = %store.prefix(), "store: Redis");
            serve_on::<W, _>(options, store).await
        }
    }
}

/// Serves the emulator of wallet `W` on `store`.
async fn serve_on<W: ScopeSpec, St: Store<W::Scope> + 'static>(
    options: &Options,
    store: St,
) -> Result<(), String> {
    let (server, first_user) = build::<W, St>(options, store).await?;
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .map_err(|err| format!("cannot listen on {}: {err}", options.addr))?;
    let local = listener
        .local_addr()
        .map_err(|err| format!("cannot read the bound address: {err}"))?;
    // The first line on stdout, for scripts and tests to find the port.
    let mut stdout = std::io::stdout();
    let mut said = format!("listening on http://{local}\n");
    if let Some(keys) = &options.setup {
        let user = (!options.no_emulator_endpoints).then_some(first_user.as_str());
        said.push_str(&setup::announce(
            keys,
            &format!("http://{local}"),
            setup::DEFAULT_CLIENT_ID,
            user,
        ));
    }
    stdout
        .write_all(said.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|err| format!("cannot write to stdout: {err}"))?;
    if !options.no_emulator_endpoints {
        tracing::warn!(
            "the /emulator/ endpoints are unauthenticated: use this wallet for development only"
        );
    }
    server
        .serve(listener, shutdown_signal())
        .await
        .map_err(|err| format!("server failed: {err}"))
}

/// The server the options describe, on `store`: its clients, users, scopes, lifetimes and
/// key; and the ID of its first user, for the `try` line.
async fn build<W: ScopeSpec, St: Store<W::Scope> + 'static>(
    options: &Options,
    store: St,
) -> Result<(WalletServer<W::Scope, Configured<W::Scope, St>>, String), String> {
    if options.client_ids.len() != options.client_public_keys.len() {
        return Err(format!(
            "{} --client-id but {} --client-public-key: give one key per client",
            options.client_ids.len(),
            options.client_public_keys.len()
        ));
    }
    let permitted = if options.scopes.is_empty() {
        ScopeSet::all()
    } else {
        AuthRequest::<W::Scope>::parse_wire_names(options.scopes.iter().map(|s| s.trim()))
            .map_err(|err| format!("--scopes: {err}"))?
            .scopes()
    };
    let lifetimes = Lifetimes {
        auth_code: Duration::from_secs(options.auth_code_lifetime),
        access_token: Duration::from_secs(options.access_token_lifetime),
        refresh_token: Duration::from_secs(options.refresh_token_lifetime),
    };
    // Clients and users are configuration, held in this process: a store that loses its
    // state (Redis restarted empty, flushed, failed over) loses codes, tokens, grants and
    // consents, never them, and service goes on without a restart.
    let mut store = Configured::new(store);
    let users = users::load(options.users.as_deref())?;
    // `load` refuses a file without users.
    let first_user = users.first().map(|(id, _)| id.clone()).unwrap_or_default();
    for (id, user) in users {
        store = store.with_user(id, user);
    }
    let mut client_keys = Vec::with_capacity(options.client_ids.len());
    for (client_id, key_path) in options.client_ids.iter().zip(&options.client_public_keys) {
        client_keys.push((
            client_id.clone(),
            read_pem(key_path, VerifyingKey::from_spki_pem)?,
        ));
        store = store.with_client(Client {
            id: client_id.clone(),
            permitted,
        });
    }
    let auth = AuthServer::with_store(store).with_lifetimes(lifetimes);

    let wallet_key = match &options.wallet_private_key {
        Some(path) => read_pem(path, SigningKey::from_pkcs8_pem)?,
        None => {
            tracing::info!("no --wallet-private-key: generated a fresh wallet key");
            SigningKey::generate().map_err(|err| err.to_string())?
        }
    };
    match &options.write_wallet_public_key {
        Some(path) => {
            std::fs::write(path, wallet_key.verifying_key().to_spki_pem())
                .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
            tracing::info!(path = %path.display(), "wrote the wallet's public key");
        }
        None if options.wallet_private_key.is_none() => tracing::warn!(
            "the generated wallet key is not saved: pass --write-wallet-public-key so that \
             merchants can verify responses"
        ),
        None => {}
    }

    let mut server = WalletServer::new(Arc::new(auth), wallet_key)
        .with_allowed_origins(options.allowed_origins.iter().cloned());
    if !options.no_emulator_endpoints {
        server = server.with_emulator_endpoints();
    }
    for (client_id, key) in client_keys {
        tracing::info!(%client_id, scopes = ?permitted, "registered merchant client");
        server = server.with_client_key(client_id, key);
    }
    if let Some(wallet) = W::WALLET {
        tracing::info!(wallet, "emulating");
    }
    Ok((server, first_user))
}

/// Reads the PEM file at `path` with `parse`, naming the file in any error.
fn read_pem<T, E: std::fmt::Display>(
    path: &std::path::Path,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    parse(&text).map_err(|err| format!("{}: {err}", path.display()))
}
