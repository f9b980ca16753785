//! A store behind the `Store` trait that fails: the flow reports transient failures (status
//! `U`, JSAPI system error) instead of panicking or issuing anything, in process and over HTTP.
//! Being a user's store, it keeps `Store::MAY_BLOCK`'s default, so the HTTP test also covers
//! the server's hand-off of a request to a blocking thread.

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
    /// The thread of the last `secret` lookup, to see where the HTTP server ran it.
    looked_up_on: std::sync::Mutex<Option<std::thread::ThreadId>>,
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
        *self.looked_up_on.lock().unwrap() = Some(std::thread::current().id());
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

#[tokio::test(flavor = "current_thread")]
async fn over_http_a_store_that_may_block_is_served_from_a_blocking_thread() {
    use authcode_runtime::client::{MerchantClient, RetryPolicy};
    use authcode_runtime::openapi::SigningKey;
    use authcode_runtime::server::WalletServer;
    use std::sync::Arc;

    const {
        assert!(<Flaky as Store<AlipayPlusScope>>::MAY_BLOCK);
        assert!(!<MemoryStore<AlipayPlusScope> as Store<AlipayPlusScope>>::MAY_BLOCK);
    }
    let auth = Arc::new(AuthServer::with_store(Flaky::default()));
    auth.register_client(MERCHANT, ScopeSet::all()).unwrap();
    auth.add_user(USER, UserInfo::default()).unwrap();
    let merchant_key = SigningKey::generate().unwrap();
    let wallet = WalletServer::new(Arc::clone(&auth), SigningKey::generate().unwrap())
        .with_client_key(MERCHANT, merchant_key.verifying_key());
    let wallet_public = wallet.wallet_public_key();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(wallet.serve(listener, async {
        stopped.await.ok();
    }));
    let client = MerchantClient::builder(&base, MERCHANT, merchant_key, wallet_public)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();

    let first = auth.get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll);
    let second = auth.get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll);
    let tokens = client
        .apply_token(first.auth_code().unwrap())
        .await
        .unwrap();
    assert_eq!(tokens.customer_id, USER);
    // The test's runtime has this one thread; the store was called on another.
    let looked_up_on = auth.store().looked_up_on.lock().unwrap().take();
    assert!(looked_up_on.is_some_and(|thread| thread != std::thread::current().id()));

    // Down: a signed answer with status U, which the client may retry; nothing consumed.
    auth.store().down.store(true, Ordering::SeqCst);
    let err = client
        .apply_token(second.auth_code().unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        err.result_code(),
        Some(ResultCode::UnknownException),
        "{err}"
    );
    assert!(err.is_retryable());
    auth.store().down.store(false, Ordering::SeqCst);
    assert!(
        client
            .apply_token(second.auth_code().unwrap())
            .await
            .is_ok()
    );

    stop.send(()).ok();
    running.await.unwrap().unwrap();
}
