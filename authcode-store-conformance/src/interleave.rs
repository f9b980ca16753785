//! A store that lets a check step in between two calls of the flow, deterministically: it
//! revokes a grant just before `add_secrets` issues tokens for it, as a replay racing with an
//! exchange can; or it withdraws the user's consent (as `AuthServer::revoke_consent` does:
//! the consent removed, then every grant listed revoked) just before `insert_grant` stores a
//! new grant, as an unbind racing with a getAuthCode can.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use authcode_core::flow::{
    Client, Grant, GrantId, SecretHash, SecretKind, SecretRecord, Store, StoreError,
};
use authcode_core::{Scope, ScopeSet, UserInfoOf};

/// The store under test, with steps armed to run inside the next call that reaches them.
pub(crate) struct Interleaved<St> {
    pub(crate) inner: St,
    /// Revokes the grant of the next `add_secrets` first.
    pub(crate) revoke_before_issue: AtomicBool,
    /// Withdraws the consent of the next `insert_grant`'s client and user first.
    pub(crate) withdraw_before_grant: AtomicBool,
}

impl<St> Interleaved<St> {
    pub(crate) fn new(inner: St) -> Self {
        Interleaved {
            inner,
            revoke_before_issue: AtomicBool::new(false),
            withdraw_before_grant: AtomicBool::new(false),
        }
    }
}

impl<S: Scope, St: Store<S>> Store<S> for Interleaved<St> {
    async fn put_client(&self, client: Client<S>) -> Result<(), StoreError> {
        self.inner.put_client(client).await
    }

    async fn client(&self, id: &str) -> Result<Option<Client<S>>, StoreError> {
        self.inner.client(id).await
    }

    async fn put_user(&self, user_id: &str, profile: UserInfoOf<S>) -> Result<(), StoreError> {
        self.inner.put_user(user_id, profile).await
    }

    async fn user(&self, user_id: &str) -> Result<Option<UserInfoOf<S>>, StoreError> {
        self.inner.user(user_id).await
    }

    async fn insert_grant(
        &self,
        id: GrantId,
        grant: Grant<S>,
        now: SystemTime,
    ) -> Result<(), StoreError> {
        if self.withdraw_before_grant.swap(false, Ordering::SeqCst) {
            let (client_id, user_id) = (&grant.client_id, &grant.user_id);
            self.inner.remove_consent(client_id, user_id).await?;
            for listed in self.inner.grants_of(client_id, user_id, now).await? {
                self.inner.revoke_grant(listed).await?;
            }
        }
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
        if self.revoke_before_issue.swap(false, Ordering::SeqCst) {
            assert!(
                self.inner.revoke_grant(grant).await?,
                "revoke_grant did not find the grant being exchanged"
            );
        }
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
