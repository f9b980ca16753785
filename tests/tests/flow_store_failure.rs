//! A store behind the `Store` trait that fails: the flow reports transient failures (status
//! `U`, JSAPI system error) instead of panicking or issuing anything.

mod flow_fixture;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use authcode_runtime::flow::{
    ApplyTokenRequest, ApplyTokenResponse, AuthServer, Client, ConsentDecision, Grant, GrantId,
    MemoryStore, ResultCode, ResultStatus, SecretHash, SecretKind, SecretRecord, Store, StoreError,
    UserInfo,
};
use authcode_runtime::{JsapiErrorCode, ScopeSet};
use flow_fixture::{AlipayPlusScope, MERCHANT, USER};

/// A memory store that can be switched to failing, as a database connection would.
#[derive(Default)]
struct Flaky {
    inner: MemoryStore<AlipayPlusScope>,
    down: AtomicBool,
}

impl Flaky {
    fn check(&self) -> Result<(), StoreError> {
        if self.down.load(Ordering::SeqCst) {
            Err(StoreError::new("connection refused"))
        } else {
            Ok(())
        }
    }
}

impl Store<AlipayPlusScope> for Flaky {
    fn put_client(&self, client: Client<AlipayPlusScope>) -> Result<(), StoreError> {
        self.check()?;
        self.inner.put_client(client)
    }
    fn client(&self, id: &str) -> Result<Option<Client<AlipayPlusScope>>, StoreError> {
        self.check()?;
        self.inner.client(id)
    }
    fn put_user(&self, user_id: &str, profile: UserInfo) -> Result<(), StoreError> {
        self.check()?;
        self.inner.put_user(user_id, profile)
    }
    fn user(&self, user_id: &str) -> Result<Option<UserInfo>, StoreError> {
        self.check()?;
        self.inner.user(user_id)
    }
    fn insert_grant(
        &self,
        id: GrantId,
        grant: Grant<AlipayPlusScope>,
        now: SystemTime,
    ) -> Result<(), StoreError> {
        self.check()?;
        self.inner.insert_grant(id, grant, now)
    }
    fn grant(&self, id: GrantId) -> Result<Option<Grant<AlipayPlusScope>>, StoreError> {
        self.check()?;
        self.inner.grant(id)
    }
    fn revoke_grant(&self, id: GrantId) -> Result<bool, StoreError> {
        self.check()?;
        self.inner.revoke_grant(id)
    }
    fn add_secrets(
        &self,
        grant: GrantId,
        secrets: &[(SecretKind, SecretHash, SecretRecord)],
        now: SystemTime,
    ) -> Result<bool, StoreError> {
        self.check()?;
        self.inner.add_secrets(grant, secrets, now)
    }
    fn secret(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        self.check()?;
        self.inner.secret(kind, hash)
    }
    fn mark_used(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        self.check()?;
        self.inner.mark_used(kind, hash)
    }
    fn purge_expired(&self, now: SystemTime) -> Result<usize, StoreError> {
        self.check()?;
        self.inner.purge_expired(now)
    }
}

#[test]
fn a_failing_store_gives_transient_errors_everywhere() {
    let server = AuthServer::with_store(Flaky::default());
    server.register_client(MERCHANT, ScopeSet::all()).unwrap();
    server.add_user(USER, UserInfo::default()).unwrap();
    let response = server.get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll);
    let code = response.auth_code().unwrap().clone();

    server.store().down.store(true, Ordering::SeqCst);
    let response = server.get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll);
    assert_eq!(response.error(), Some(JsapiErrorCode::SystemError));
    assert_eq!(
        response.error_message(),
        Some("storage failed: connection refused")
    );
    assert!(response.auth_code().is_none());

    let request = ApplyTokenRequest::authorization_code(code);
    let err = server.apply_token(MERCHANT, &request).unwrap_err();
    assert_eq!(err.code(), ResultCode::UnknownException);
    assert_eq!(err.status(), ResultStatus::Unknown);
    let wire = serde_json::to_value(ApplyTokenResponse::from(Err::<
        authcode_runtime::flow::TokenGrant<AlipayPlusScope>,
        _,
    >(err)))
    .unwrap();
    assert_eq!(wire["result"]["resultStatus"], "U");
    assert!(server.register_client("x", ScopeSet::new()).is_err());
    assert!(server.purge_expired().is_err());

    // Back up: the code was not consumed by the failed attempt, and works.
    server.store().down.store(false, Ordering::SeqCst);
    assert!(server.apply_token(MERCHANT, &request).is_ok());
}
