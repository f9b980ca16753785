//! A store behind the `Store` trait that fails: the flow reports transient failures (status
//! `U`, JSAPI system error) instead of panicking or issuing anything, in process and over HTTP.

#[path = "../../authcode-core/tests/flow_fixture/mod.rs"]
mod flow_fixture;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use authcode_client::{MerchantClient, RetryPolicy};
use authcode_runtime::flow::{
    AuthServer, Client, ConsentDecision, Grant, GrantId, MemoryStore, SecretHash, SecretKind,
    SecretRecord, Store, StoreError, TokenGrant, apply_token_response,
};
use authcode_runtime::wire::{ApplyTokenRequest, ResultCode, ResultStatus};
use authcode_runtime::{JsapiErrorCode, ScopeSet, UserInfo};
use authcode_server::WalletServer;
use authcode_signing::SigningKey;
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
            Err(StoreError::Unavailable("connection refused".to_owned()))
        } else {
            Ok(())
        }
    }
}

impl Store<AlipayPlusScope> for Flaky {
    async fn put_client(&self, client: Client<AlipayPlusScope>) -> Result<(), StoreError> {
        self.check()?;
        self.inner.put_client(client).await
    }
    async fn client(&self, id: &str) -> Result<Option<Client<AlipayPlusScope>>, StoreError> {
        self.check()?;
        self.inner.client(id).await
    }
    async fn put_user(&self, user_id: &str, profile: UserInfo) -> Result<(), StoreError> {
        self.check()?;
        self.inner.put_user(user_id, profile).await
    }
    async fn user(&self, user_id: &str) -> Result<Option<UserInfo>, StoreError> {
        self.check()?;
        self.inner.user(user_id).await
    }
    async fn insert_grant(
        &self,
        id: GrantId,
        grant: Grant<AlipayPlusScope>,
        now: SystemTime,
    ) -> Result<(), StoreError> {
        self.check()?;
        self.inner.insert_grant(id, grant, now).await
    }
    async fn grant(&self, id: GrantId) -> Result<Option<Grant<AlipayPlusScope>>, StoreError> {
        self.check()?;
        self.inner.grant(id).await
    }
    async fn revoke_grant(&self, id: GrantId) -> Result<bool, StoreError> {
        self.check()?;
        self.inner.revoke_grant(id).await
    }
    async fn add_secrets(
        &self,
        grant: GrantId,
        secrets: &[(SecretKind, SecretHash, SecretRecord)],
        now: SystemTime,
    ) -> Result<bool, StoreError> {
        self.check()?;
        self.inner.add_secrets(grant, secrets, now).await
    }
    async fn secret(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        self.check()?;
        self.inner.secret(kind, hash).await
    }
    async fn mark_used(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        self.check()?;
        self.inner.mark_used(kind, hash).await
    }
    async fn grants_of(
        &self,
        client_id: &str,
        user_id: &str,
        now: SystemTime,
    ) -> Result<Vec<GrantId>, StoreError> {
        self.check()?;
        self.inner.grants_of(client_id, user_id, now).await
    }
    async fn add_consent(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: ScopeSet<AlipayPlusScope>,
    ) -> Result<(), StoreError> {
        self.check()?;
        self.inner.add_consent(client_id, user_id, scopes).await
    }
    async fn consent(
        &self,
        client_id: &str,
        user_id: &str,
    ) -> Result<ScopeSet<AlipayPlusScope>, StoreError> {
        self.check()?;
        self.inner.consent(client_id, user_id).await
    }
    async fn consents(
        &self,
        user_id: &str,
    ) -> Result<Vec<(String, ScopeSet<AlipayPlusScope>)>, StoreError> {
        self.check()?;
        self.inner.consents(user_id).await
    }
    async fn remove_consent(&self, client_id: &str, user_id: &str) -> Result<bool, StoreError> {
        self.check()?;
        self.inner.remove_consent(client_id, user_id).await
    }
    async fn purge_expired(&self, now: SystemTime) -> Result<usize, StoreError> {
        self.check()?;
        self.inner.purge_expired(now).await
    }
}

#[tokio::test]
async fn a_failing_store_gives_transient_errors_everywhere() {
    let server = AuthServer::with_store(Flaky::default());
    server
        .register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    server.add_user(USER, UserInfo::default()).await.unwrap();
    let response = server
        .get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll)
        .await;
    let code = response.auth_code().unwrap().clone();

    server.store().down.store(true, Ordering::SeqCst);
    let response = server
        .get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll)
        .await;
    assert_eq!(response.error(), Some(JsapiErrorCode::SystemError));
    assert_eq!(
        response.error_message(),
        Some("storage failed: the store is unavailable: connection refused")
    );
    assert!(response.auth_code().is_none());

    let request = ApplyTokenRequest::authorization_code(code);
    let err = server.apply_token(MERCHANT, &request).await.unwrap_err();
    assert_eq!(err.code(), ResultCode::UnknownException);
    assert_eq!(err.status(), ResultStatus::Unknown);
    let wire = serde_json::to_value(apply_token_response(Err::<TokenGrant<AlipayPlusScope>, _>(
        err,
    )))
    .unwrap();
    assert_eq!(wire["result"]["resultStatus"], "U");
    assert!(server.register_client("x", ScopeSet::new()).await.is_err());
    assert!(server.purge_expired().await.is_err());

    // Back up: the code was not consumed by the failed attempt, and works.
    server.store().down.store(false, Ordering::SeqCst);
    assert!(server.apply_token(MERCHANT, &request).await.is_ok());
}

#[tokio::test(flavor = "current_thread")]
async fn over_http_a_failing_store_is_a_signed_transient_failure() {
    let auth = Arc::new(AuthServer::with_store(Flaky::default()));
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, UserInfo::default()).await.unwrap();
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

    let first = auth
        .get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll)
        .await;
    let second = auth
        .get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll)
        .await;
    let tokens = client
        .apply_token(first.auth_code().unwrap())
        .await
        .unwrap();
    assert_eq!(tokens.customer_id.as_deref(), Some(USER));

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
