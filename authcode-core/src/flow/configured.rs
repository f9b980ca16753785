//! Configuration that no store can lose: clients and users given at start (by flags or
//! files) held in the process, in front of a store that holds the state.

use std::collections::HashMap;
use std::time::SystemTime;

use crate::flow::{
    Client, Grant, GrantId, SecretHash, SecretKind, SecretRecord, Store, StoreError,
};
use crate::{Scope, ScopeSet, UserInfoOf};

/// A [`Store`] whose configured clients and users are held in this process, in front of
/// `St`, which holds the state: codes, tokens, grants and consents (and clients and users
/// added while the server runs).
///
/// A store may lose its state: Redis restarted without persistence, flushed, evicting, or
/// failed over to a replica that had not caught up. Codes, tokens, grants and consents are
/// then forgotten (users authorize again), but the configuration must not be: with this
/// store, every instance answers for its configured clients and users from its own memory,
/// and service goes on without a restart. Reads ask the configuration first, then `St`;
/// writes go to `St`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use authcode_runtime::{ScopeSet, UserInfo};
/// use authcode_runtime::flow::{Client, Configured, MemoryStore, Store};
///
/// # authcode_runtime::flow::block_on(async {
/// let store = Configured::new(MemoryStore::<AlipayPlusScope>::new())
///     .with_client(Client { id: "merchant".into(), permitted: ScopeSet::all() })
///     .with_user("2088001", UserInfo::default());
/// assert!(store.client("merchant").await?.is_some());
/// assert!(store.user("2088001").await?.is_some());
/// # Ok::<(), authcode_runtime::flow::StoreError>(())
/// # }).unwrap();
/// ```
pub struct Configured<S: Scope, St> {
    inner: St,
    clients: HashMap<String, Client<S>>,
    users: HashMap<String, UserInfoOf<S>>,
}

impl<S: Scope, St: Store<S>> Configured<S, St> {
    /// `inner`, with no configuration yet.
    pub fn new(inner: St) -> Self {
        Configured {
            inner,
            clients: HashMap::new(),
            users: HashMap::new(),
        }
    }

    /// This store, with `client` configured.
    pub fn with_client(mut self, client: Client<S>) -> Self {
        self.clients.insert(client.id.clone(), client);
        self
    }

    /// This store, with user `user_id` configured; the profile's `userId` is set to it.
    pub fn with_user(mut self, user_id: impl Into<String>, mut profile: UserInfoOf<S>) -> Self {
        let user_id = user_id.into();
        crate::UserInfoModel::set_user_id(&mut profile, &user_id);
        self.users.insert(user_id, profile);
        self
    }

    /// The store behind the configuration.
    pub fn inner(&self) -> &St {
        &self.inner
    }
}

impl<S: Scope, St: Store<S>> Store<S> for Configured<S, St> {
    async fn put_client(&self, client: Client<S>) -> Result<(), StoreError> {
        self.inner.put_client(client).await
    }

    async fn client(&self, id: &str) -> Result<Option<Client<S>>, StoreError> {
        match self.clients.get(id) {
            Some(client) => Ok(Some(client.clone())),
            None => self.inner.client(id).await,
        }
    }

    async fn put_user(&self, user_id: &str, profile: UserInfoOf<S>) -> Result<(), StoreError> {
        self.inner.put_user(user_id, profile).await
    }

    async fn user(&self, user_id: &str) -> Result<Option<UserInfoOf<S>>, StoreError> {
        match self.users.get(user_id) {
            Some(profile) => Ok(Some(profile.clone())),
            None => self.inner.user(user_id).await,
        }
    }

    async fn insert_grant(
        &self,
        id: GrantId,
        grant: Grant<S>,
        now: SystemTime,
    ) -> Result<(), StoreError> {
        self.inner.insert_grant(id, grant, now).await
    }

    async fn grant(&self, id: GrantId) -> Result<Option<Grant<S>>, StoreError> {
        self.inner.grant(id).await
    }

    async fn revoke_grant(&self, id: GrantId) -> Result<bool, StoreError> {
        self.inner.revoke_grant(id).await
    }

    async fn add_secrets(
        &self,
        grant: GrantId,
        secrets: &[(SecretKind, SecretHash, SecretRecord)],
        now: SystemTime,
    ) -> Result<bool, StoreError> {
        self.inner.add_secrets(grant, secrets, now).await
    }

    async fn secret(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        self.inner.secret(kind, hash).await
    }

    async fn mark_used(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        self.inner.mark_used(kind, hash).await
    }

    async fn grants_of(
        &self,
        client_id: &str,
        user_id: &str,
        now: SystemTime,
    ) -> Result<Vec<GrantId>, StoreError> {
        self.inner.grants_of(client_id, user_id, now).await
    }

    async fn add_consent(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: ScopeSet<S>,
    ) -> Result<(), StoreError> {
        self.inner.add_consent(client_id, user_id, scopes).await
    }

    async fn consent(&self, client_id: &str, user_id: &str) -> Result<ScopeSet<S>, StoreError> {
        self.inner.consent(client_id, user_id).await
    }

    async fn consents(&self, user_id: &str) -> Result<Vec<(String, ScopeSet<S>)>, StoreError> {
        self.inner.consents(user_id).await
    }

    async fn remove_consent(&self, client_id: &str, user_id: &str) -> Result<bool, StoreError> {
        self.inner.remove_consent(client_id, user_id).await
    }

    async fn purge_expired(&self, now: SystemTime) -> Result<usize, StoreError> {
        self.inner.purge_expired(now).await
    }
}
