//! The command line of `authcode-wallet`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use authcode_redis::RedisTarget;
use clap::Parser;

/// A local wallet emulator: the authorization OpenAPIs (applyToken, inquiryUserInfo, v1 and v2)
/// with request verification and signed responses, plus `POST /emulator/getAuthCode` standing
/// in for the wallet app's my.getAuthCode JSAPI, for one of the wallets whose specs ship with
/// authcode (Alipay+ by default).
///
/// Prints `listening on http://<ip>:<port>` as its first line on stdout; logs go to stderr.
/// Started without --client-id it sets itself up (a merchant client and key pairs in
/// --keys-dir) and then prints, one `name: value` line each, `client-id`,
/// `merchant-private-key`, `wallet-public-key` and a `try` command that gets an authCode.
/// The /emulator/ endpoints are unauthenticated: for development only. Stops gracefully on
/// SIGINT or SIGTERM.
#[derive(Clone, Debug, Parser)]
#[command(name = "authcode-wallet", version)]
pub struct Options {
    /// The address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// The wallet to emulate, by name: its scopes and its userInfo model (alipay-plus,
    /// alipay-connect, alipayhk, besuperapp, claro, dana, gcash, m-pesa, rebell, superqi,
    /// touch-n-go, vodapay).
    #[arg(long, default_value = "alipay-plus", value_parser = shipped_wallet, value_name = "NAME")]
    pub wallet: String,

    /// A merchant client ID. Repeat it with --client-public-key for several merchants; the
    /// n-th ID goes with the n-th key. Without any, the wallet sets itself up: client
    /// 2022000000000001, with the key pairs of --keys-dir.
    #[arg(long = "client-id", value_name = "ID", requires = "client_public_keys")]
    pub client_ids: Vec<String>,

    /// The merchant's RSA public key (SubjectPublicKeyInfo PEM, `openssl pkey -pubout`),
    /// which verifies its requests.
    #[arg(
        long = "client-public-key",
        value_name = "PEM_FILE",
        requires = "client_ids"
    )]
    pub client_public_keys: Vec<PathBuf>,

    /// Where a wallet started without --client-id keeps the merchant's and the wallet's key
    /// pairs (made on the first start, reused on the next): by default the user's data
    /// directory, `$XDG_DATA_HOME/authcode-wallet` or `~/.local/share/authcode-wallet`.
    #[arg(long, value_name = "DIR")]
    pub keys_dir: Option<PathBuf>,

    /// The keys of a start without --client-id (set by the binary, not a flag).
    #[arg(skip)]
    pub setup: Option<crate::setup::Setup>,

    /// The scopes the merchants may request, comma-separated wire names (default: all).
    #[arg(long, value_delimiter = ',', value_name = "SCOPES")]
    pub scopes: Vec<String>,

    /// The wallet's RSA private key (PKCS#8 PEM), which signs responses. Without it a fresh
    /// 2048-bit key is generated at start.
    #[arg(long, value_name = "PEM_FILE")]
    pub wallet_private_key: Option<PathBuf>,

    /// Write the wallet's public key (SubjectPublicKeyInfo PEM) here, for the merchant to
    /// verify responses with.
    #[arg(long, value_name = "PEM_FILE")]
    pub write_wallet_public_key: Option<PathBuf>,

    /// Users as a JSON array of userInfo objects in the wallet's model, each with a "userId"
    /// (default: two built-in demo users, 2088001 and 2088002).
    #[arg(long, value_name = "JSON_FILE")]
    pub users: Option<PathBuf>,

    /// How long authorization codes stay valid, in seconds.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    pub auth_code_lifetime: u64,

    /// How long access tokens stay valid, in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    pub access_token_lifetime: u64,

    /// How long refresh tokens stay valid, in seconds.
    #[arg(long, default_value_t = 30 * 24 * 3600, value_name = "SECONDS")]
    pub refresh_token_lifetime: u64,

    /// Where codes, tokens, grants, clients and users are kept: `memory` (this process only),
    /// `redis://host:port[/db]` (also `rediss://`, `unix:///path`), or
    /// `redis-cluster://host:port,host:port,...` for a Redis Cluster. Emulators sharing a Redis
    /// (and a --store-prefix) share every code and token: a code issued by one is redeemed on
    /// another, once.
    // Read as text and parsed after the command line, so that a malformed URL is never
    // echoed whole, credentials and all, by the argument parser.
    #[arg(long, default_value = "memory", value_name = "STORE")]
    pub store: String,

    /// Serve the wallet's OpenAPIs only, without the unauthenticated /emulator/ endpoints
    /// that stand in for the wallet app.
    #[arg(long)]
    pub no_emulator_endpoints: bool,

    /// An origin (`http://localhost:5173`, or `*`) whose pages may call the /emulator/
    /// endpoints from a browser; repeat for several. Other origins are refused.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allowed_origins: Vec<String>,

    /// The start of every Redis key, so that several wallets can share one Redis.
    #[arg(long, default_value = "authcode:", value_name = "PREFIX")]
    pub store_prefix: String,

    /// The most detailed log level written to stderr: error, warn, info, debug or trace.
    #[arg(long, default_value = "info", value_name = "LEVEL")]
    pub log_level: tracing::Level,
}

/// The stores `--store` chooses from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreChoice {
    /// In this process's memory.
    Memory,
    /// In Redis, one node or a cluster.
    Redis(RedisTarget),
}

impl FromStr for StoreChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<StoreChoice, String> {
        if text == "memory" {
            return Ok(StoreChoice::Memory);
        }
        text.parse()
            .map(StoreChoice::Redis)
            .map_err(|err| format!("expected memory or a Redis URL: {err}"))
    }
}

/// `--wallet`: a name from the registry of shipped wallets.
fn shipped_wallet(name: &str) -> Result<String, String> {
    authcode_spec::wallets::find(name)
        .map(|wallet| wallet.name.to_owned())
        .map_err(|err| err.to_string())
}
