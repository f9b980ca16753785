//! The default [`Store`]: everything in process memory, nothing to set up.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};
use std::time::SystemTime;

use crate::flow::expiring_map::{Expiring, ExpiringMap};
use crate::flow::{
    Client, Grant, GrantId, SecretHash, SecretKind, SecretRecord, Store, StoreError,
};
use crate::{Scope, ScopeSet, UserInfoOf};

impl<S: Scope> Expiring for Grant<S> {
    fn expires_at(&self) -> SystemTime {
        self.expires_at
    }
}

impl Expiring for SecretRecord {
    fn expires_at(&self) -> SystemTime {
        self.expires_at
    }
}

/// An in-memory [`Store`]: the default of [`AuthServer`](crate::flow::AuthServer).
///
/// Grants and secrets live in hash maps, each behind one mutex held for one hash-map operation
/// (sharding them measured no gain). Entries
/// past their expiry and its [`EXPIRED_RETENTION`](crate::flow::EXPIRED_RETENTION) are purged
/// as new ones are written, so memory stays proportional to the codes and tokens of the last
/// lifetime, however long the server runs. Clients and users, written
/// rarely and read on every authorization, sit behind read-write locks. It never fails.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use std::time::{Duration, UNIX_EPOCH};
/// use authcode_runtime::flow::{GrantId, MemoryStore, SecretHash, SecretKind, SecretRecord, Store};
/// # use authcode_runtime::{AuthScopes, ScopeSet};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use authcode_runtime::flow::Grant;
///
/// # authcode_runtime::flow::block_on(async {
/// let store = MemoryStore::<AlipayPlusScope>::new();
/// let now = UNIX_EPOCH;
/// let id = GrantId::from_u128(1);
/// let grant = Grant {
///     client_id: "merchant".into(),
///     user_id: "2088001".into(),
///     scopes: ScopeSet::single(AlipayPlusScope::UserId),
///     expires_at: now,
///     revoked: false,
/// };
/// store.insert_grant(id, grant, now).await?;
/// let code = SecretHash::of("the-code");
/// let record = SecretRecord::new(id, now + Duration::from_secs(600));
/// assert!(store.add_secrets(id, &[(SecretKind::AuthCode, code, record)], now).await?);
///
/// // Exactly one redemption sees the code unused.
/// assert!(!store.mark_used(SecretKind::AuthCode, &code).await?.unwrap().used);
/// assert!(store.mark_used(SecretKind::AuthCode, &code).await?.unwrap().used);
///
/// // Ten minutes later the code has expired, and it is kept for the retention after, so that
/// // an expired code is told from an unknown one; then the code and its grant are gone.
/// let expiry = now + Duration::from_secs(600);
/// assert_eq!(store.purge_expired(expiry).await?, 0);
/// assert_eq!(store.purge_expired(authcode_runtime::flow::kept_until(expiry)).await?, 2);
/// assert_eq!(store.len(), 0);
/// # Ok::<(), authcode_runtime::flow::StoreError>(())
/// # }).unwrap();
/// ```
pub struct MemoryStore<S: Scope> {
    clients: RwLock<HashMap<String, Client<S>>>,
    users: RwLock<HashMap<String, UserInfoOf<S>>>,
    grants: ExpiringMap<GrantId, Grant<S>>,
    codes: ExpiringMap<SecretHash, SecretRecord>,
    access_tokens: ExpiringMap<SecretHash, SecretRecord>,
    refresh_tokens: ExpiringMap<SecretHash, SecretRecord>,
    /// The grants of each (client, user), for revoking a consent; ids of purged grants are
    /// dropped as the list grows.
    grants_by_party: RwLock<HashMap<(String, String), Vec<GrantId>>>,
    consents: RwLock<HashMap<(String, String), ScopeSet<S>>>,
}

impl<S: Scope> MemoryStore<S> {
    /// An empty store.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let store = authcode_runtime::flow::MemoryStore::<AlipayPlusScope>::new();
    /// assert!(store.is_empty());
    /// ```
    pub fn new() -> MemoryStore<S> {
        MemoryStore {
            clients: RwLock::default(),
            users: RwLock::default(),
            grants: ExpiringMap::new(),
            codes: ExpiringMap::new(),
            access_tokens: ExpiringMap::new(),
            refresh_tokens: ExpiringMap::new(),
            grants_by_party: RwLock::default(),
            consents: RwLock::default(),
        }
    }

    /// The number of grants, codes and tokens held, including expired ones not yet purged
    /// (clients and users are not counted).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// assert_eq!(authcode_runtime::flow::MemoryStore::<AlipayPlusScope>::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.grants.len()
            + SecretKind::ALL
                .iter()
                .map(|&kind| self.secrets(kind).len())
                .sum::<usize>()
    }

    /// `true` when no grant, code or token is held.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// assert!(authcode_runtime::flow::MemoryStore::<AlipayPlusScope>::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn secrets(&self, kind: SecretKind) -> &ExpiringMap<SecretHash, SecretRecord> {
        match kind {
            SecretKind::AuthCode => &self.codes,
            SecretKind::AccessToken => &self.access_tokens,
            SecretKind::RefreshToken => &self.refresh_tokens,
        }
    }
}

impl<S: Scope> Default for MemoryStore<S> {
    fn default() -> Self {
        MemoryStore::new()
    }
}

impl<S: Scope> std::fmt::Debug for MemoryStore<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("grants", &self.grants.len())
            .field("codes", &self.codes.len())
            .field("access_tokens", &self.access_tokens.len())
            .field("refresh_tokens", &self.refresh_tokens.len())
            .finish_non_exhaustive()
    }
}

impl<S: Scope> Store<S> for MemoryStore<S> {
    // Each lock is held for one map operation, never across an `.await`: every future here
    // is ready when first polled.
    async fn put_client(&self, client: Client<S>) -> Result<(), StoreError> {
        let mut clients = self.clients.write().unwrap_or_else(PoisonError::into_inner);
        clients.insert(client.id.clone(), client);
        Ok(())
    }

    async fn client(&self, id: &str) -> Result<Option<Client<S>>, StoreError> {
        let clients = self.clients.read().unwrap_or_else(PoisonError::into_inner);
        Ok(clients.get(id).cloned())
    }

    async fn put_user(&self, user_id: &str, profile: UserInfoOf<S>) -> Result<(), StoreError> {
        let mut users = self.users.write().unwrap_or_else(PoisonError::into_inner);
        users.insert(user_id.to_owned(), profile);
        Ok(())
    }

    async fn user(&self, user_id: &str) -> Result<Option<UserInfoOf<S>>, StoreError> {
        let users = self.users.read().unwrap_or_else(PoisonError::into_inner);
        Ok(users.get(user_id).cloned())
    }

    async fn insert_grant(
        &self,
        id: GrantId,
        grant: Grant<S>,
        now: SystemTime,
    ) -> Result<(), StoreError> {
        let party = (grant.client_id.clone(), grant.user_id.clone());
        self.grants.insert(id, grant, now);
        let mut by_party = self
            .grants_by_party
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let ids = by_party.entry(party).or_default();
        // Past twice the ids that were live at the last pruning, drop the purged ones, so a
        // pair that logs in all day holds only its live grants' ids (amortised O(1)).
        if ids.len() >= 64 && ids.len().is_power_of_two() {
            ids.retain(|id| self.grants.get(id).is_some());
        }
        ids.push(id);
        Ok(())
    }

    async fn grant(&self, id: GrantId) -> Result<Option<Grant<S>>, StoreError> {
        Ok(self.grants.get(&id))
    }

    async fn revoke_grant(&self, id: GrantId) -> Result<bool, StoreError> {
        Ok(self
            .grants
            .update(&id, |grant| grant.revoked = true)
            .is_some())
    }

    async fn add_secrets(
        &self,
        grant: GrantId,
        secrets: &[(SecretKind, SecretHash, SecretRecord)],
        now: SystemTime,
    ) -> Result<bool, StoreError> {
        // The grants' map stays locked while the secrets go in, so a purge cannot drop the
        // grant between the check and the extension of its lifetime: a secret never outlives
        // its grant. Locks are always taken grant first, then secret: no deadlock.
        let added = self.grants.update(&grant, |entry| {
            for &(kind, hash, record) in secrets {
                entry.expires_at = entry.expires_at.max(record.expires_at);
                self.secrets(kind).insert(hash, record, now);
            }
        });
        Ok(added.is_some())
    }

    async fn secret(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        Ok(self.secrets(kind).get(hash))
    }

    async fn mark_used(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        // One locked step: read the record as it was, then mark it.
        Ok(self.secrets(kind).update(hash, |record| {
            let before = *record;
            record.used = true;
            before
        }))
    }

    async fn grants_of(
        &self,
        client_id: &str,
        user_id: &str,
        now: SystemTime,
    ) -> Result<Vec<GrantId>, StoreError> {
        let by_party = self
            .grants_by_party
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        let ids = by_party
            .get(&(client_id.to_owned(), user_id.to_owned()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        Ok(ids
            .iter()
            .copied()
            .filter(|id| {
                self.grants
                    .get(id)
                    .is_some_and(|grant| grant.expires_at > now)
            })
            .collect())
    }

    async fn add_consent(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: ScopeSet<S>,
    ) -> Result<(), StoreError> {
        let mut consents = self
            .consents
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let consent = consents
            .entry((client_id.to_owned(), user_id.to_owned()))
            .or_default();
        *consent = consent.union(scopes);
        Ok(())
    }

    async fn consent(&self, client_id: &str, user_id: &str) -> Result<ScopeSet<S>, StoreError> {
        let consents = self.consents.read().unwrap_or_else(PoisonError::into_inner);
        Ok(consents
            .get(&(client_id.to_owned(), user_id.to_owned()))
            .copied()
            .unwrap_or_default())
    }

    async fn consents(&self, user_id: &str) -> Result<Vec<(String, ScopeSet<S>)>, StoreError> {
        let consents = self.consents.read().unwrap_or_else(PoisonError::into_inner);
        Ok(consents
            .iter()
            .filter(|((_, user), _)| user == user_id)
            .map(|((client, _), scopes)| (client.clone(), *scopes))
            .collect())
    }

    async fn remove_consent(&self, client_id: &str, user_id: &str) -> Result<bool, StoreError> {
        let mut consents = self
            .consents
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        Ok(consents
            .remove(&(client_id.to_owned(), user_id.to_owned()))
            .is_some())
    }

    async fn purge_expired(&self, now: SystemTime) -> Result<usize, StoreError> {
        let secrets: usize = SecretKind::ALL
            .iter()
            .map(|&kind| self.secrets(kind).purge(now))
            .sum();
        Ok(secrets + self.grants.purge(now))
    }
}
