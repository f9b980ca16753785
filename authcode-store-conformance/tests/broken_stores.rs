//! The suite catches the mistakes store authors make: each store here breaks one guarantee,
//! and the check of that guarantee fails on it.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use authcode_runtime::flow::{
    Client, Grant, GrantId, MemoryStore, SecretHash, SecretKind, SecretRecord, Store, StoreError,
};
use authcode_runtime::{ScopeSet, UserInfo};
use authcode_store_conformance::{self as suite, AlipayPlusScope};

type S = AlipayPlusScope;

#[derive(Clone, Copy)]
enum Fault {
    /// `mark_used` as a read, then a write: two redemptions can both see the code unused.
    CheckThenSet,
    /// `mark_used` as a take (`GETDEL`): a replay looks like an unknown code.
    ForgetsUsed,
    /// Expiry times kept to the millisecond, cut down.
    MillisecondExpiry,
    /// `revoke_grant` answers `true` and does nothing.
    IgnoresRevocation,
    /// `add_secrets` stores the secrets but leaves the grant's expiry alone.
    KeepsGrantExpiry,
}

struct Broken {
    inner: MemoryStore<S>,
    fault: Fault,
    taken: Mutex<HashSet<[u8; 32]>>,
    /// `CheckThenSet`: how many `mark_used` calls have read the record so far.
    checks: AtomicUsize,
    /// `CheckThenSet`: told when a second call has read the record.
    second_check: tokio::sync::Notify,
}

impl Broken {
    fn new(fault: Fault) -> Broken {
        Broken {
            inner: MemoryStore::new(),
            fault,
            taken: Mutex::default(),
            checks: AtomicUsize::new(0),
            second_check: tokio::sync::Notify::new(),
        }
    }

    fn taken(&self, hash: &SecretHash) -> bool {
        self.taken.lock().unwrap().contains(hash.as_bytes())
    }

    fn truncate(&self, mut record: SecretRecord) -> SecretRecord {
        if let Fault::MillisecondExpiry = self.fault {
            let since = record.expires_at.duration_since(UNIX_EPOCH).unwrap();
            record.expires_at =
                UNIX_EPOCH + Duration::from_millis(u64::try_from(since.as_millis()).unwrap());
        }
        record
    }
}

impl Store<S> for Broken {
    async fn put_client(&self, client: Client<S>) -> Result<(), StoreError> {
        self.inner.put_client(client).await
    }
    async fn client(&self, id: &str) -> Result<Option<Client<S>>, StoreError> {
        self.inner.client(id).await
    }
    async fn put_user(&self, user_id: &str, profile: UserInfo) -> Result<(), StoreError> {
        self.inner.put_user(user_id, profile).await
    }
    async fn user(&self, user_id: &str) -> Result<Option<UserInfo>, StoreError> {
        self.inner.user(user_id).await
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
        match self.fault {
            Fault::IgnoresRevocation => Ok(self.inner.grant(id).await?.is_some()),
            _ => self.inner.revoke_grant(id).await,
        }
    }
    async fn add_secrets(
        &self,
        grant: GrantId,
        secrets: &[(SecretKind, SecretHash, SecretRecord)],
        now: SystemTime,
    ) -> Result<bool, StoreError> {
        let Fault::KeepsGrantExpiry = self.fault else {
            return self.inner.add_secrets(grant, secrets, now).await;
        };
        let Some(before) = self.inner.grant(grant).await? else {
            return Ok(false);
        };
        self.inner.add_secrets(grant, secrets, now).await?;
        self.inner.insert_grant(grant, before, now).await?;
        Ok(true)
    }
    async fn secret(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        if self.taken(hash) {
            return Ok(None);
        }
        Ok(self
            .inner
            .secret(kind, hash)
            .await?
            .map(|r| self.truncate(r)))
    }
    async fn mark_used(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        match self.fault {
            Fault::CheckThenSet => {
                let before = self.inner.secret(kind, hash).await?;
                // The race made certain rather than likely: the first caller writes only once
                // a second one has read the record too (or after a second, if none comes), so
                // on a busy machine the suite still meets the interleaving a deployment would.
                match self.checks.fetch_add(1, Ordering::SeqCst) {
                    0 => {
                        let second = self.second_check.notified();
                        let _ = tokio::time::timeout(Duration::from_secs(1), second).await;
                    }
                    1 => self.second_check.notify_one(),
                    _ => {}
                }
                self.inner.mark_used(kind, hash).await?;
                Ok(before)
            }
            Fault::ForgetsUsed => {
                if self.taken(hash) {
                    return Ok(None);
                }
                let before = self.inner.mark_used(kind, hash).await?;
                self.taken.lock().unwrap().insert(*hash.as_bytes());
                Ok(before)
            }
            _ => Ok(self
                .inner
                .mark_used(kind, hash)
                .await?
                .map(|r| self.truncate(r))),
        }
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[should_panic(expected = "exactly one must see it unused")]
async fn a_check_then_set_loses_the_race() {
    suite::mark_used_race_on_code(Broken::new(Fault::CheckThenSet)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[should_panic(expected = "exactly one must succeed")]
async fn a_check_then_set_lets_a_code_be_exchanged_twice() {
    suite::concurrent_exchanges_of_one_code(Broken::new(Fault::CheckThenSet)).await;
}

#[tokio::test]
#[should_panic(expected = "UsedCode")]
async fn a_take_hides_the_replay() {
    suite::replayed_code_revokes_grant(Broken::new(Fault::ForgetsUsed)).await;
}

#[tokio::test]
#[should_panic(expected = "a later mark_used must see the record used")]
async fn a_take_loses_the_used_record() {
    suite::mark_used_is_test_and_set(Broken::new(Fault::ForgetsUsed)).await;
}

#[tokio::test]
#[should_panic(expected = "a nanosecond before its expiry is live")]
async fn millisecond_expiry_misses_the_boundary() {
    suite::expiry_at_the_boundary(Broken::new(Fault::MillisecondExpiry)).await;
}

#[tokio::test]
#[should_panic(expected = "to the nanosecond")]
async fn millisecond_expiry_does_not_round_trip() {
    suite::grant_and_secrets_round_trip(Broken::new(Fault::MillisecondExpiry)).await;
}

#[tokio::test]
#[should_panic(expected = "a revoked grant reads back unrevoked")]
async fn an_ignored_revocation_is_seen() {
    suite::revoke_grant_is_seen_by_later_checks(Broken::new(Fault::IgnoresRevocation)).await;
}

#[tokio::test]
#[should_panic(expected = "the access token must be revoked")]
async fn an_ignored_revocation_leaves_replayed_tokens_alive() {
    suite::replayed_code_revokes_grant(Broken::new(Fault::IgnoresRevocation)).await;
}

#[tokio::test]
#[should_panic(expected = "outlive its longest-lived secret")]
async fn a_grant_that_does_not_outlive_its_secrets_is_caught() {
    suite::add_secrets_extends_grant_expiry(Broken::new(Fault::KeepsGrantExpiry)).await;
}

#[tokio::test]
#[should_panic(expected = "grants_of must count the expiry add_secrets extended")]
async fn grants_of_without_the_extension_is_caught() {
    suite::grants_of_lists_live_grants(Broken::new(Fault::KeepsGrantExpiry)).await;
}
