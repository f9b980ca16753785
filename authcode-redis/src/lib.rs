//! A Redis [`Store`](authcode_core::flow::Store) for the authcode authorization server:
//! every instance of a wallet sharing one Redis (a single node or Redis Cluster) sees the
//! same clients, users, grants, codes and tokens, so a code issued by one instance is
//! redeemed on another, exactly once.
//!
//! ```no_run
//! # extern crate authcode_core as authcode_runtime;
//! use authcode_redis::{RedisOptions, RedisStore};
//! use authcode_runtime::flow::AuthServer;
//! use authcode_runtime::{AuthScopes, ScopeSet};
//!
//! #[derive(AuthScopes)]
//! #[auth_scopes(wallet = "alipay-plus")]
//! pub struct AlipayPlus;
//!
//! # #[tokio::main]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let store = RedisStore::<AlipayPlusScope>::connect(
//!     &"redis://127.0.0.1:6379".parse()?,
//!     &RedisOptions::default(),
//! )
//! .await?;
//! let wallet = AuthServer::with_store(store);
//! wallet.register_client("2022000000000001", ScopeSet::all()).await?;
//! # Ok(())
//! # }
//! ```
//!
//! For a cluster, name some of its nodes: `redis-cluster://10.0.0.1:7000,10.0.0.2:7000`
//! ([`RedisTarget`]).
//!
//! # The guarantees, and how they are kept
//!
//! - **Single use.** [`Store::mark_used`](authcode_core::flow::Store::mark_used) is one Lua
//!   script on the secret's key: it reads the record, sets its `used` flag and returns the
//!   record as it was. Redis runs scripts one at a time, so of any number of concurrent
//!   redemptions, from any number of instances, exactly one sees the code unused. The used
//!   record stays until the secret expires, so a replay is recognised as one (`USED_CODE`,
//!   and the grant is revoked) rather than taken for an unknown code, as it would be after a
//!   `GETDEL`.
//! - **Revocation** is a flag on the grant's hash, read by every check of every code and
//!   token of the grant: once `revoke_grant` has answered, no instance accepts them.
//! - **Expiry** is Redis's: every record gets a TTL (`PEXPIREAT`/`PXAT`) at the millisecond
//!   at or after its `expires_at` plus
//!   [`EXPIRED_RETENTION`](authcode_core::flow::EXPIRED_RETENTION) (so that an expired code is
//!   told from an unknown one, as the memory store tells it), in the same step that writes
//!   it, so nothing is ever stored without one and memory stays proportional to the codes and
//!   tokens of the last lifetime.
//!   [`purge_expired`](authcode_core::flow::Store::purge_expired) has nothing to do and
//!   returns `Ok(0)`. Expiry times are stored to the nanosecond, and the flow decides by them
//!   (with its own clock); TTLs run on Redis's clock, so keep the wallet's and Redis's clocks
//!   in step: a record Redis has dropped is answered as an unknown one.
//! - **Only hashes.** Secrets reach the store as SHA-256 hashes, and only those are written,
//!   inside key names; a dump of Redis holds no code or token that could be presented.
//! - **Scopes by name.** Scope sets are stored as wire names, so records survive the spec
//!   gaining scopes; a name the spec no longer has is dropped when read back, which can only
//!   narrow what a record grants.
//! - **Bounded calls.** Every call of the store, all its round trips together, is cut at
//!   [`RedisOptions::timeout`] (1 s by default), and connection attempts at
//!   [`RedisOptions::connect_timeout`]: a dead or unreachable Redis makes calls fail fast with
//!   [`StoreError::Unavailable`], which the
//!   flow answers with `UNKNOWN_EXCEPTION` and status `U`. The connection is re-established in
//!   the background, so service resumes when Redis is back, without a restart.
//!
//! # Keys, and Redis Cluster
//!
//! Every key starts with the store's prefix ([`RedisOptions::prefix`], `authcode:` by default)
//! and carries a hash tag, so that every command or script touches the keys of one slot:
//!
//! | key | type | holds | TTL |
//! | --- | --- | --- | --- |
//! | `P{c:<client>}` | string | the client's permitted scopes (JSON array of wire names) | none |
//! | `P{u:<user>}:profile` | string | the user's profile (the wallet's userInfo JSON) | none |
//! | `P{u:<user>}:consents` | hash | client ID → the scopes consented to | none |
//! | `P{u:<user>}:grants:<client>` | sorted set | the grants of the pair, scored by expiry (ms) | its last grant's |
//! | `P{g:<grant>}` | hash | client, user, scopes, expiry, revoked flag | the grant's expiry |
//! | `P{s:<kind>:<sha256>}` | string | `<used>:<grant>:<seconds>:<nanoseconds>` | the secret's expiry |
//!
//! `<kind>` is `code`, `access` or `refresh`; client and user IDs have `%`, `{`, `}` and `:`
//! percent-encoded, so an ID cannot break a hash tag.
//!
//! Two operations need keys of two slots, and are done as single-slot steps in an order
//! chosen so that a failure between two steps (a timeout, a failover, a crashed instance)
//! leaves nothing reachable that should not be, only records that expire by themselves:
//!
//! - storing a grant writes the grant, then its entry in the user's grant index; a grant
//!   whose indexing failed has no code yet (the call failed), so nothing can reach it;
//! - adding secrets to a grant first checks that the grant exists and raises its expiry to
//!   cover the secrets, then raises its index entry to match, then writes the secrets. A
//!   failure before the last step leaves a grant that lives longer than it needs to; one
//!   during it, secrets whose values were never handed out, since the call failed.
//!
//! # What Redis replication can and cannot promise
//!
//! Single use is exactly as durable as the `used` flag's write. Redis replicates
//! asynchronously: a primary that fails right after a redemption may not have passed the
//! flag on, and the replica promoted in its place then accepts the code a second time. A
//! primary restarted without persistence forgets every code and token alike (they are then
//! refused as unknown, which fails safe). `WAIT` does not make Redis strongly consistent
//! either: a write acknowledged by replicas can still be lost in a failover. What narrows the
//! window:
//!
//! - `appendonly yes` with `appendfsync always`, so that a restarted primary remembers every
//!   flag it acknowledged (at a cost in write latency);
//! - `min-replicas-to-write 1` with `min-replicas-max-lag`, so that a primary cut off from its
//!   replicas stops accepting writes instead of acknowledging flags it cannot pass on;
//! - `maxmemory-policy noeviction`: an evicted used record makes a replay look unknown, and an
//!   evicted grant loses its revocation flag. Size Redis for the live codes and tokens.
//!
//! Where a double redemption after a failover is not acceptable, keep the flags in a database
//! with synchronous commits.
#![forbid(unsafe_code)]

mod codec;
mod connection;
mod keys;
mod scripts;
mod store;

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use authcode_core::Scope;
use authcode_core::flow::StoreError;

use crate::connection::Connection;
use crate::keys::Keys;

/// Where the store's Redis is: one node, or some nodes of a cluster (the client learns the
/// rest from them).
///
/// Parsed from `redis://host:port[/db]`, `rediss://...`, `redis+unix:///path` or
/// `unix:///path` for a node, and `redis-cluster://host:port,host:port,...` for a cluster
/// (each node is then reached as `redis://host:port`; credentials, if any, go before the
/// first host and apply to every node: `redis-cluster://user:password@h1:7000,h2:7000`).
///
/// ```
/// use authcode_redis::RedisTarget;
///
/// let node: RedisTarget = "redis://127.0.0.1:6379".parse()?;
/// assert_eq!(node, RedisTarget::Node("redis://127.0.0.1:6379".into()));
/// let cluster: RedisTarget = "redis-cluster://10.0.0.1:7000,10.0.0.2:7000".parse()?;
/// assert_eq!(
///     cluster,
///     RedisTarget::Cluster(vec!["redis://10.0.0.1:7000".into(), "redis://10.0.0.2:7000".into()])
/// );
/// assert!("memory".parse::<RedisTarget>().is_err());
/// # Ok::<(), authcode_redis::InvalidTarget>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub enum RedisTarget {
    /// One Redis server, by its URL.
    Node(String),
    /// A Redis Cluster, by the URLs of some of its nodes.
    Cluster(Vec<String>),
}

/// `Debug` hides the credentials of every URL, so a target can be logged.
impl fmt::Debug for RedisTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedisTarget::Node(url) => f.debug_tuple("Node").field(&redacted(url)).finish(),
            RedisTarget::Cluster(urls) => f
                .debug_tuple("Cluster")
                .field(&urls.iter().map(|url| redacted(url)).collect::<Vec<_>>())
                .finish(),
        }
    }
}

/// `url` as it may be shown in a log or an error: the password (or a lone secret) before the
/// host replaced by `***`, at most 200 characters. Every message that shows a store URL goes
/// through here.
///
/// ```
/// use authcode_redis::redacted;
/// assert_eq!(redacted("redis://user:hunter2@h:6379/0"), "redis://user:***@h:6379/0");
/// assert_eq!(redacted("redis-cluster://hunter2@h1:7000,h2:7000"), "redis-cluster://***@h1:7000,h2:7000");
/// assert_eq!(redacted("redis://h:6379"), "redis://h:6379");
/// ```
pub fn redacted(url: &str) -> String {
    const SHOWN: usize = 200;
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let shown = match rest.rsplit_once('@') {
        Some((credentials, hosts)) => {
            let user = match credentials.split_once(':') {
                Some((user, _password)) => format!("{user}:"),
                None => String::new(),
            };
            let separator = if scheme.is_empty() { "" } else { "://" };
            format!("{scheme}{separator}{user}***@{hosts}")
        }
        None => url.to_owned(),
    };
    match shown.char_indices().nth(SHOWN) {
        None => shown,
        Some((cut, _)) => format!("{}…", &shown[..cut]),
    }
}

/// The scheme of a [`RedisTarget::Cluster`].
const CLUSTER_SCHEME: &str = "redis-cluster://";

impl FromStr for RedisTarget {
    type Err = InvalidTarget;

    fn from_str(text: &str) -> Result<RedisTarget, InvalidTarget> {
        if let Some(nodes) = text.strip_prefix(CLUSTER_SCHEME) {
            let (credentials, nodes) = match nodes.rsplit_once('@') {
                Some((credentials, nodes)) => (format!("{credentials}@"), nodes),
                None => (String::new(), nodes),
            };
            let nodes: Vec<String> = nodes
                .split(',')
                .map(str::trim)
                .map(|node| {
                    if node.is_empty() || node.contains('/') {
                        Err(InvalidTarget(format!(
                            "{:?}: a cluster is {CLUSTER_SCHEME}host:port,host:port,...",
                            redacted(text)
                        )))
                    } else {
                        Ok(format!("redis://{credentials}{node}"))
                    }
                })
                .collect::<Result<_, _>>()?;
            return Ok(RedisTarget::Cluster(nodes));
        }
        let node_schemes = ["redis://", "rediss://", "redis+unix://", "unix://"];
        if node_schemes.iter().any(|scheme| text.starts_with(scheme)) {
            Ok(RedisTarget::Node(text.to_owned()))
        } else {
            Err(InvalidTarget(format!(
                "{:?}: expected redis://host:port, rediss://..., unix:///path or \
                 {CLUSTER_SCHEME}host:port,host:port,...",
                redacted(text)
            )))
        }
    }
}

/// A [`RedisTarget`] that could not be parsed; `Display` says what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidTarget(String);

impl fmt::Display for InvalidTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidTarget {}

/// How a [`RedisStore`] names its keys and how long it waits for Redis.
///
/// ```
/// use std::time::Duration;
/// use authcode_redis::RedisOptions;
///
/// let options = RedisOptions { prefix: "wallet-a:".into(), ..RedisOptions::default() };
/// assert_eq!(options.timeout, Duration::from_secs(1));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedisOptions {
    /// The start of every key (`authcode:`), so that wallets or environments can share a
    /// Redis without seeing each other's records.
    pub prefix: String,
    /// The longest a store call may take, all its round trips together, before it fails with
    /// [`StoreError::Unavailable`] (1 s). Also each response's timeout.
    pub timeout: Duration,
    /// The longest one connection attempt may take (1 s).
    pub connect_timeout: Duration,
}

impl Default for RedisOptions {
    fn default() -> Self {
        RedisOptions {
            prefix: "authcode:".to_owned(),
            timeout: Duration::from_secs(1),
            connect_timeout: Duration::from_secs(1),
        }
    }
}

/// A [`Store`](authcode_core::flow::Store) in Redis, for the scopes `S`; see the
/// [crate documentation](crate) for its guarantees and its keys.
///
/// Cloning it is cheap: clones share the connection (and its pipelining).
pub struct RedisStore<S: Scope> {
    connection: Connection,
    keys: Keys,
    prefix: Arc<str>,
    timeout: Duration,
    scope: PhantomData<fn() -> S>,
}

impl<S: Scope> RedisStore<S> {
    /// Connects to `target`. Fails with [`StoreError::Unavailable`] when Redis cannot be
    /// reached within the options' timeouts, so a wallet misconfigured at start says so at
    /// once.
    ///
    /// ```no_run
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_redis::{RedisOptions, RedisStore};
    /// # #[tokio::main]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let target = "redis-cluster://127.0.0.1:7000,127.0.0.1:7001".parse()?;
    /// let store = RedisStore::<AlipayPlusScope>::connect(&target, &RedisOptions::default()).await?;
    /// assert!(store.is_cluster());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn connect(
        target: &RedisTarget,
        options: &RedisOptions,
    ) -> Result<RedisStore<S>, StoreError> {
        let (timeout, connect_timeout) = (options.timeout, options.connect_timeout);
        // The client retries a first connection a few times; the whole attempt is bounded.
        let budget = connect_timeout.saturating_mul(3).max(timeout);
        let connecting = async {
            match target {
                RedisTarget::Node(url) => Connection::node(url, timeout, connect_timeout).await,
                RedisTarget::Cluster(nodes) => {
                    Connection::cluster(nodes, timeout, connect_timeout).await
                }
            }
        };
        let connection = match tokio::time::timeout(budget, connecting).await {
            Ok(Ok(connection)) => connection,
            Ok(Err(err)) => {
                return Err(StoreError::Unavailable(format!(
                    "cannot connect to Redis: {err}"
                )));
            }
            Err(_) => {
                return Err(StoreError::Unavailable(format!(
                    "cannot connect to Redis within {budget:?}"
                )));
            }
        };
        let store = RedisStore {
            connection,
            keys: Keys::new(&options.prefix),
            prefix: options.prefix.as_str().into(),
            timeout,
            scope: PhantomData,
        };
        store.ping().await?;
        Ok(store)
    }

    /// This store's connection with another key prefix: a separate namespace on the same
    /// Redis, without another connection.
    ///
    /// ```no_run
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// # use authcode_redis::{RedisOptions, RedisStore};
    /// # #[tokio::main]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let staging = RedisStore::<AlipayPlusScope>::connect(&"redis://127.0.0.1".parse()?, &RedisOptions::default()).await?;
    /// let testing = staging.with_prefix("authcode-test:");
    /// assert_eq!(testing.prefix(), "authcode-test:");
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_prefix(&self, prefix: &str) -> RedisStore<S> {
        RedisStore {
            connection: self.connection.clone(),
            keys: Keys::new(prefix),
            prefix: prefix.into(),
            timeout: self.timeout,
            scope: PhantomData,
        }
    }

    /// The prefix of this store's keys, as given in [`RedisOptions::prefix`].
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The longest one call of this store may take.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// `true` when the store is on a Redis Cluster.
    pub fn is_cluster(&self) -> bool {
        matches!(self.connection, Connection::Cluster(_))
    }

    /// Checks that Redis answers, within the store's timeout.
    ///
    /// ```no_run
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// # use authcode_redis::{RedisOptions, RedisStore};
    /// # #[tokio::main]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = RedisStore::<AlipayPlusScope>::connect(&"redis://127.0.0.1".parse()?, &RedisOptions::default()).await?;
    /// store.ping().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.bounded("PING", async {
            let mut connection = self.connection.clone();
            redis::cmd("PING")
                .query_async::<String>(&mut connection)
                .await
                .map(drop)
                .map_err(store::from_redis)
        })
        .await
    }
}

impl<S: Scope> Clone for RedisStore<S> {
    fn clone(&self) -> Self {
        RedisStore {
            connection: self.connection.clone(),
            keys: self.keys.clone(),
            prefix: Arc::clone(&self.prefix),
            timeout: self.timeout,
            scope: PhantomData,
        }
    }
}

impl<S: Scope> fmt::Debug for RedisStore<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("cluster", &self.is_cluster())
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}
