//! What the authorization server keeps, behind a trait so that a deployment can put it in a
//! database: registered clients, user profiles, grants, and the hashes of issued codes and
//! tokens.
//!
//! The trait is async, because the stores a deployment shares between instances (Redis, a
//! SQL database) are reached through async clients; the in-memory store's futures are ready
//! at once. The trait's operations are the atomic steps the server's guarantees rest on, and
//! an implementation must keep each of them atomic, also across instances sharing it: [`Store::mark_used`] is a test-and-set, so
//! that exactly one of many concurrent exchanges of a code wins; [`Store::revoke_grant`] is a
//! flag on the grant that every later check of every token of the grant reads, so a replay
//! that revokes a grant while the winning exchange is still issuing its tokens leaves those
//! tokens dead too (the winner's exchange is ordered first, the revocation after it).

use std::fmt;
use std::future::Future;
use std::time::{Duration, SystemTime};

use crate::UserInfoOf;
use crate::flow::{SecretHash, StoreError};
use crate::{Scope, ScopeSet};

/// Identifies a grant: one authorization of a client by a user, and every code and token
/// issued from it (the "family" that is revoked together).
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::GrantId;
/// let id = GrantId::from_u128(7);
/// assert_eq!(id.as_u128(), 7);
/// assert_eq!(id.to_string(), "00000000000000000000000000000007");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GrantId(u128);

impl GrantId {
    /// A grant ID from its number (as read back from storage).
    pub const fn from_u128(id: u128) -> GrantId {
        GrantId(id)
    }

    /// The ID's number (to write it to storage).
    pub const fn as_u128(self) -> u128 {
        self.0
    }
}

impl fmt::Display for GrantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl fmt::Debug for GrantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GrantId({self})")
    }
}

/// A merchant client (a mini program) registered with the wallet, and the scopes it may
/// request.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthScopes, ScopeSet};
/// use authcode_runtime::flow::Client;
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// let client = Client {
///     id: "2021000000000001".to_owned(),
///     permitted: ScopeSet::single(AlipayPlusScope::UserId),
/// };
/// assert!(client.permitted.contains(AlipayPlusScope::UserId));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client<S: Scope> {
    /// The client ID, as sent by the merchant with every call.
    pub id: String,
    /// The scopes this client may request; others are refused in `authErrorScopes`.
    pub permitted: ScopeSet<S>,
}

/// One authorization: who authorized which client for which scopes, and whether it has been
/// revoked.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use std::time::UNIX_EPOCH;
/// use authcode_runtime::{AuthScopes, ScopeSet};
/// use authcode_runtime::flow::Grant;
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// let grant = Grant {
///     client_id: "merchant".into(),
///     user_id: "2088001".into(),
///     scopes: ScopeSet::single(AlipayPlusScope::UserId),
///     expires_at: UNIX_EPOCH,
///     revoked: false,
/// };
/// assert!(!grant.revoked);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant<S: Scope> {
    /// The client the user authorized.
    pub client_id: String,
    /// The user who authorized it; the `customerId` of applyToken.
    pub user_id: String,
    /// The scopes granted.
    pub scopes: ScopeSet<S>,
    /// When the last code or token of the grant expires; the store may forget the grant
    /// [`EXPIRED_RETENTION`] later.
    pub expires_at: SystemTime,
    /// Set when the grant was revoked: none of its codes or tokens is accepted any more.
    pub revoked: bool,
}

/// The kind of a secret the server issues.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::SecretKind;
/// assert!(SecretKind::AuthCode.is_single_use());
/// assert!(!SecretKind::AccessToken.is_single_use());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// An authorization code: exchanged once for tokens.
    AuthCode,
    /// An access token: presented to inquiryUserInfo until it expires.
    AccessToken,
    /// A refresh token: exchanged once for a new pair of tokens.
    RefreshToken,
}

impl SecretKind {
    /// Every kind.
    pub const ALL: [SecretKind; 3] = [
        SecretKind::AuthCode,
        SecretKind::AccessToken,
        SecretKind::RefreshToken,
    ];

    /// The kind as the audit log writes it: `auth_code`, `access_token`, `refresh_token`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SecretKind::AuthCode => "auth_code",
            SecretKind::AccessToken => "access_token",
            SecretKind::RefreshToken => "refresh_token",
        }
    }

    /// `true` for codes and refresh tokens, which are redeemed once.
    pub const fn is_single_use(self) -> bool {
        !matches!(self, SecretKind::AccessToken)
    }
}

/// What the store knows about an issued code or token (kept under the hash of the secret).
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use std::time::{Duration, UNIX_EPOCH};
/// use authcode_runtime::flow::{GrantId, SecretRecord};
///
/// let record = SecretRecord::new(GrantId::from_u128(1), UNIX_EPOCH + Duration::from_secs(600));
/// assert!(!record.used);
/// assert!(!record.is_expired(UNIX_EPOCH + Duration::from_secs(599)));
/// assert!(record.is_expired(UNIX_EPOCH + Duration::from_secs(600)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecretRecord {
    /// The grant the secret belongs to.
    pub grant: GrantId,
    /// The end of the secret's lifetime (exclusive).
    pub expires_at: SystemTime,
    /// Set once a single-use secret has been redeemed. A used record is kept until it expires,
    /// so a replay is recognised (and revokes the grant) rather than reported as unknown.
    pub used: bool,
}

impl SecretRecord {
    /// An unused secret of `grant`, valid until `expires_at`.
    pub const fn new(grant: GrantId, expires_at: SystemTime) -> SecretRecord {
        SecretRecord {
            grant,
            expires_at,
            used: false,
        }
    }

    /// `true` at and after `expires_at`.
    pub fn is_expired(&self, now: SystemTime) -> bool {
        now >= self.expires_at
    }

    /// `true` from [`EXPIRED_RETENTION`] after `expires_at` on: the server then treats the
    /// record as unknown, whether the store still holds it or not.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use authcode_runtime::flow::{EXPIRED_RETENTION, GrantId, SecretRecord};
    /// let record = SecretRecord::new(GrantId::from_u128(1), UNIX_EPOCH + Duration::from_secs(600));
    /// let expiry = UNIX_EPOCH + Duration::from_secs(600);
    /// assert!(record.is_expired(expiry) && !record.is_forgotten(expiry));
    /// assert!(record.is_forgotten(expiry + EXPIRED_RETENTION));
    /// ```
    pub fn is_forgotten(&self, now: SystemTime) -> bool {
        now >= kept_until(self.expires_at)
    }
}

/// How long after its `expires_at` a store keeps a grant or a secret at least, so that an
/// expired code or token is told from an unknown one (`EXPIRED_CODE`, not `INVALID_CODE`), and
/// an expired token revoked again gets the same success. From then on the server treats the
/// entry as unknown, whether the store has forgotten it or not: stores that forget at
/// different moments (the memory store when it sweeps, Redis by its TTLs) answer alike.
pub const EXPIRED_RETENTION: Duration = Duration::from_secs(10 * 60);

/// The first instant a store may forget an entry that expires at `expires_at`.
pub fn kept_until(expires_at: SystemTime) -> SystemTime {
    expires_at
        .checked_add(EXPIRED_RETENTION)
        .unwrap_or(expires_at)
}

/// Storage for an [`AuthServer`](crate::flow::AuthServer).
///
/// Every grant and secret is kept at least until [`kept_until`] its `expires_at`
/// ([`EXPIRED_RETENTION`] after it), and may be forgotten from then on; the server decides
/// what has expired by its own clock, and treats what is past that as unknown.
///
/// Secrets are only ever handed to the store as [`SecretHash`]es. Methods take `&self`: a
/// store is shared by every task serving requests and does its own locking. Methods that
/// write take the current time, `now`, so that a store may drop expired entries as it goes
/// (the in-memory store does; Redis uses its own TTLs). An `Err` is a transient failure: the
/// server answers `UNKNOWN_EXCEPTION` with status `U`, and must not have half-applied the
/// operation.
///
/// Implement the methods with `async fn`; the futures must be `Send`, so that a server can
/// run them on any thread. `authcode-store-conformance` checks every guarantee below against
/// an implementation.
///
/// The default implementation is [`MemoryStore`](crate::flow::MemoryStore). Code generic
/// over stores names the trait:
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use authcode_runtime::UserInfo;
/// use authcode_runtime::flow::{AuthServer, MemoryStore, Store, StoreError};
///
/// async fn onboard<St: Store<AlipayPlusScope>>(server: &AuthServer<AlipayPlusScope, St>) -> Result<(), StoreError> {
///     server.add_user("2088001", UserInfo::default()).await
/// }
/// # authcode_runtime::flow::block_on(async {
/// let server = AuthServer::with_store(MemoryStore::new());
/// onboard(&server).await?;
/// assert!(server.store().user("2088001").await?.is_some());
/// assert!(server.store().user("2088002").await?.is_none());
/// # Ok::<(), StoreError>(())
/// # }).unwrap();
/// ```
pub trait Store<S: Scope>: Send + Sync {
    /// Registers `client`, replacing a client with the same ID.
    fn put_client(&self, client: Client<S>) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The client with ID `id`.
    fn client(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<Client<S>>, StoreError>> + Send;

    /// Stores the profile of user `user_id`, replacing an earlier one.
    fn put_user(
        &self,
        user_id: &str,
        profile: UserInfoOf<S>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The profile of user `user_id`.
    fn user(
        &self,
        user_id: &str,
    ) -> impl Future<Output = Result<Option<UserInfoOf<S>>, StoreError>> + Send;

    /// Stores a new grant under `id`.
    fn insert_grant(
        &self,
        id: GrantId,
        grant: Grant<S>,
        now: SystemTime,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The grant with ID `id`, revoked or not, until it expires.
    fn grant(
        &self,
        id: GrantId,
    ) -> impl Future<Output = Result<Option<Grant<S>>, StoreError>> + Send;

    /// Marks grant `id` revoked, at once for every later check of any of its codes and
    /// tokens. `Ok(false)` when there is no such grant.
    fn revoke_grant(&self, id: GrantId) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Atomically: if grant `grant` exists (revoked or not), stores each secret and extends
    /// the grant's `expires_at` so that the grant outlives them all, and returns `Ok(true)`;
    /// otherwise stores nothing and returns `Ok(false)`. Every record's `grant` is `grant`.
    fn add_secrets(
        &self,
        grant: GrantId,
        secrets: &[(SecretKind, SecretHash, SecretRecord)],
        now: SystemTime,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The record of a secret of kind `kind`, until it expires.
    fn secret(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> impl Future<Output = Result<Option<SecretRecord>, StoreError>> + Send;

    /// Atomically sets `used` on the record of a secret, returning the record as it was
    /// before: of many concurrent calls for one secret, on any number of instances, exactly
    /// one sees `used == false`. The used record is kept until it expires, so that a replay is
    /// recognised.
    fn mark_used(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> impl Future<Output = Result<Option<SecretRecord>, StoreError>> + Send;

    /// The grants of `user_id` to `client_id` that have not expired at `now`, revoked or not,
    /// in any order: what revoking the user's consent to the client revokes.
    fn grants_of(
        &self,
        client_id: &str,
        user_id: &str,
        now: SystemTime,
    ) -> impl Future<Output = Result<Vec<GrantId>, StoreError>> + Send;

    /// Adds `scopes` to what `user_id` consented to for `client_id` (a consent is kept until
    /// it is removed).
    fn add_consent(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: ScopeSet<S>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The scopes `user_id` consented to for `client_id` (empty when none).
    fn consent(
        &self,
        client_id: &str,
        user_id: &str,
    ) -> impl Future<Output = Result<ScopeSet<S>, StoreError>> + Send;

    /// Every client `user_id` consented to, with the scopes, in any order.
    fn consents(
        &self,
        user_id: &str,
    ) -> impl Future<Output = Result<Vec<(String, ScopeSet<S>)>, StoreError>> + Send;

    /// Removes the consent of `user_id` to `client_id`; `Ok(false)` when there was none.
    fn remove_consent(
        &self,
        client_id: &str,
        user_id: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Removes every grant and secret that has expired at `now`; returns how many entries
    /// were removed. A store whose entries expire by themselves returns `Ok(0)`.
    fn purge_expired(
        &self,
        now: SystemTime,
    ) -> impl Future<Output = Result<usize, StoreError>> + Send;
}
