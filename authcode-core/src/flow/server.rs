//! The wallet's authorization server: registered clients, users, and the codes and tokens it
//! issues. This file holds the type, its construction and its registries; the flow's steps
//! are in `authorize.rs` (getAuthCode), `exchange.rs` (applyToken) and `inquiry.rs`
//! (inquiryUserInfo).

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use crate::flow::code_budget::CodeBudget;
use crate::flow::secret::{self, SecretHash};
use crate::flow::{
    AuthEvents, Client, CodeLimits, FlowError, GrantId, Lifetimes, MemoryStore, SecretKind,
    SecretRecord, Store, StoreError,
};
use crate::{Clock, Scope, ScopeSet, SystemClock, UserInfoModel, UserInfoOf};

/// An authorization server for the scopes `S` of one wallet, running the whole
/// `my.getAuthCode` flow in process.
///
/// It is `Send + Sync` and every method takes `&self`: share one server between threads
/// (in an `Arc`, or by reference in scoped threads). The store does its own locking.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthScopes, ScopeSet};
/// use authcode_runtime::flow::{AuthServer};
/// use authcode_runtime::UserInfo;
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// # authcode_runtime::flow::block_on(async {
/// let server = AuthServer::<AlipayPlusScope>::new();
/// server.register_client("merchant-1", ScopeSet::all()).await?;
/// server.add_user("2088001", UserInfo { nick_name: Some("Ana".into()), ..Default::default() }).await?;
///
/// fn shareable<T: Send + Sync>(_: &T) {}
/// shareable(&server);
/// # Ok::<(), authcode_runtime::flow::StoreError>(())
/// # }).unwrap();
/// ```
pub struct AuthServer<S: Scope, St: Store<S> = MemoryStore<S>> {
    store: St,
    clock: Arc<dyn Clock>,
    lifetimes: Lifetimes,
    codes: CodeBudget,
    /// The listeners, replaced whole when one is added, so that an event is told to a copy
    /// taken without holding the lock (a listener may subscribe another).
    events: RwLock<Arc<[Arc<dyn AuthEvents>]>>,
    scope: PhantomData<fn() -> S>,
}

impl<S: Scope> AuthServer<S> {
    /// A server with an empty in-memory store, the system clock and default lifetimes.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::flow::{AuthServer, Lifetimes};
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// assert_eq!(server.lifetimes(), Lifetimes::default());
    /// assert!(server.store().is_empty());
    /// ```
    pub fn new() -> Self {
        AuthServer::with_store(MemoryStore::new())
    }
}

impl<S: Scope> Default for AuthServer<S> {
    fn default() -> Self {
        AuthServer::new()
    }
}

impl<S: Scope, St: Store<S>> AuthServer<S, St> {
    /// A server on `store`, with the system clock and default lifetimes.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::flow::{AuthServer, MemoryStore};
    /// let server = AuthServer::with_store(MemoryStore::<AlipayPlusScope>::new());
    /// # let _ = server;
    /// ```
    pub fn with_store(store: St) -> Self {
        AuthServer {
            store,
            clock: Arc::new(SystemClock),
            lifetimes: Lifetimes::default(),
            codes: CodeBudget::new(CodeLimits::default()),
            events: RwLock::new(Arc::new([])),
            scope: PhantomData,
        }
    }

    /// This server, reading the time from `clock`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use std::time::UNIX_EPOCH;
    /// use authcode_runtime::ManualClock;
    /// use authcode_runtime::flow::AuthServer;
    /// let server = AuthServer::<AlipayPlusScope>::new().with_clock(ManualClock::new(UNIX_EPOCH));
    /// assert_eq!(server.now(), UNIX_EPOCH);
    /// ```
    pub fn with_clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// This server, issuing codes and tokens with `lifetimes` (each cut to
    /// [`Lifetimes::MAX`]).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use std::time::Duration;
    /// use authcode_runtime::flow::{AuthServer, Lifetimes};
    /// let lifetimes = Lifetimes { auth_code: Duration::from_secs(60), ..Lifetimes::default() };
    /// let server = AuthServer::<AlipayPlusScope>::new().with_lifetimes(lifetimes);
    /// assert_eq!(server.lifetimes().auth_code, Duration::from_secs(60));
    /// ```
    pub fn with_lifetimes(mut self, lifetimes: Lifetimes) -> Self {
        let cut = |lifetime: Duration| lifetime.min(Lifetimes::MAX);
        self.lifetimes = Lifetimes {
            auth_code: cut(lifetimes.auth_code),
            access_token: cut(lifetimes.access_token),
            refresh_token: cut(lifetimes.refresh_token),
        };
        self
    }

    /// This server, refusing to issue an authorization code while `limits` live codes are
    /// out (per client, per user and in total). A code is live until it is exchanged, its
    /// grant revoked, or it expires: the limits bound what an unauthenticated caller of
    /// getAuthCode can make the server hold, while completed logins give their place back at
    /// once. The count is this server's own: instances sharing a store each keep theirs.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::flow::{AuthServer, CodeLimits};
    /// let limits = CodeLimits { per_client: 100, per_user: 4, total: 1_000 };
    /// let server = AuthServer::<AlipayPlusScope>::new().with_code_limits(limits);
    /// assert_eq!(server.code_limits(), limits);
    /// ```
    pub fn with_code_limits(mut self, limits: CodeLimits) -> Self {
        self.codes = CodeBudget::new(limits);
        self
    }

    /// This server, also telling `listener` of every code and token it issues and every grant
    /// it revokes (for authNotify notifications; see [`AuthEvents`]).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use std::sync::{Arc, Mutex};
    /// use authcode_runtime::{ScopeSet, UserInfo};
    /// use authcode_runtime::flow::{AuthEvent, AuthServer, ConsentDecision};
    ///
    /// let heard = Arc::new(Mutex::new(Vec::new()));
    /// let log = Arc::clone(&heard);
    /// let server = AuthServer::<AlipayPlusScope>::new().with_events(move |event: &AuthEvent<'_>| {
    ///     if let AuthEvent::CodeIssued { client_id, .. } = event {
    ///         log.lock().unwrap().push(client_id.to_string());
    ///     }
    /// });
    /// # authcode_runtime::flow::block_on(async {
    /// server.register_client("merchant", ScopeSet::all()).await?;
    /// server.add_user("2088001", UserInfo::default()).await?;
    /// server.get_auth_code("merchant", "2088001", ["USER_ID"], ConsentDecision::ApproveAll).await;
    /// # Ok::<(), authcode_runtime::flow::StoreError>(())
    /// # }).unwrap();
    /// assert_eq!(*heard.lock().unwrap(), ["merchant"]);
    /// ```
    pub fn with_events(self, listener: impl AuthEvents) -> Self {
        self.subscribe(listener);
        self
    }

    /// Adds `listener` to a server that is already shared (in an `Arc`, behind an HTTP
    /// server): it hears of every event from now on, as those added before do. Listeners
    /// are never removed; one that should stop listening ignores what it hears.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use std::sync::Arc;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use authcode_runtime::{ScopeSet, UserInfo};
    /// use authcode_runtime::flow::{AuthEvent, AuthServer, ConsentDecision};
    ///
    /// let server = Arc::new(AuthServer::<AlipayPlusScope>::new());
    /// let count = Arc::new(AtomicUsize::new(0));
    /// let (first, second) = (Arc::clone(&count), Arc::clone(&count));
    /// server.subscribe(move |_: &AuthEvent<'_>| { first.fetch_add(1, Ordering::SeqCst); });
    /// server.subscribe(move |_: &AuthEvent<'_>| { second.fetch_add(1, Ordering::SeqCst); });
    /// # authcode_runtime::flow::block_on(async {
    /// server.register_client("merchant", ScopeSet::all()).await?;
    /// server.add_user("2088001", UserInfo::default()).await?;
    /// server.get_auth_code("merchant", "2088001", ["USER_ID"], ConsentDecision::ApproveAll).await;
    /// # Ok::<(), authcode_runtime::flow::StoreError>(())
    /// # }).unwrap();
    /// assert_eq!(count.load(Ordering::SeqCst), 2); // one code issued, heard by both
    /// ```
    pub fn subscribe(&self, listener: impl AuthEvents) {
        let mut events = self.events.write().unwrap_or_else(PoisonError::into_inner);
        let mut listeners: Vec<Arc<dyn AuthEvents>> = events.iter().cloned().collect();
        listeners.push(Arc::new(listener));
        *events = listeners.into();
    }

    /// Tells every listener of `event`.
    pub(crate) fn emit(&self, event: &crate::flow::AuthEvent<'_>) {
        let listeners = Arc::clone(&self.events.read().unwrap_or_else(PoisonError::into_inner));
        for listener in listeners.iter() {
            listener.on_event(event);
        }
    }

    /// The limits on live authorization codes.
    pub fn code_limits(&self) -> CodeLimits {
        self.codes.limits()
    }

    /// Where authorization codes are counted against [`CodeLimits`].
    pub(crate) fn code_budget(&self) -> &CodeBudget {
        &self.codes
    }

    /// The store.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let server = authcode_runtime::flow::AuthServer::<AlipayPlusScope>::new();
    /// assert_eq!(server.store().len(), 0);
    /// ```
    pub fn store(&self) -> &St {
        &self.store
    }

    /// The lifetimes of codes and tokens.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let server = authcode_runtime::flow::AuthServer::<AlipayPlusScope>::new();
    /// assert_eq!(server.lifetimes().refresh_token.as_secs(), 30 * 24 * 3600);
    /// ```
    pub fn lifetimes(&self) -> Lifetimes {
        self.lifetimes
    }

    /// The current time, by the server's clock.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let server = authcode_runtime::flow::AuthServer::<AlipayPlusScope>::new();
    /// assert!(server.now() > std::time::UNIX_EPOCH);
    /// ```
    pub fn now(&self) -> SystemTime {
        self.clock.now()
    }

    /// Registers the merchant client `client_id`, which may request the scopes `permitted`
    /// (replacing an earlier registration).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::ScopeSet;
    /// use authcode_runtime::flow::{AuthServer, Store};
    /// # authcode_runtime::flow::block_on(async {
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.register_client("merchant-1", ScopeSet::silent()).await?;
    /// let client = server.store().client("merchant-1").await?.unwrap();
    /// assert!(client.permitted.contains(AlipayPlusScope::UserId));
    /// assert!(!client.permitted.contains(AlipayPlusScope::UserNickname));
    /// # Ok::<(), authcode_runtime::flow::StoreError>(())
    /// # }).unwrap();
    /// ```
    pub async fn register_client(
        &self,
        client_id: impl Into<String>,
        permitted: ScopeSet<S>,
    ) -> Result<(), StoreError> {
        let client = Client {
            id: client_id.into(),
            permitted,
        };
        self.store.put_client(client).await
    }

    /// Adds (or replaces) the user `user_id` with `profile`; the profile's `userId` is set to
    /// `user_id`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::flow::{AuthServer, Store};
    /// use authcode_runtime::UserInfo;
    /// # authcode_runtime::flow::block_on(async {
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.add_user("2088001", UserInfo::default()).await?;
    /// let profile = server.store().user("2088001").await?.unwrap();
    /// assert_eq!(profile.user_id.as_deref(), Some("2088001"));
    /// # Ok::<(), authcode_runtime::flow::StoreError>(())
    /// # }).unwrap();
    /// ```
    pub async fn add_user(
        &self,
        user_id: impl Into<String>,
        mut profile: UserInfoOf<S>,
    ) -> Result<(), StoreError> {
        let user_id = user_id.into();
        profile.set_user_id(&user_id);
        self.store.put_user(&user_id, profile).await
    }

    /// Removes every expired grant, code and token now; returns how many entries went. The
    /// in-memory store also does this on its own as it is written to, so calling it is only
    /// needed to release memory at once.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// # authcode_runtime::flow::block_on(async {
    /// let server = authcode_runtime::flow::AuthServer::<AlipayPlusScope>::new();
    /// assert_eq!(server.purge_expired().await?, 0);
    /// # Ok::<(), authcode_runtime::flow::StoreError>(())
    /// # }).unwrap();
    /// ```
    pub async fn purge_expired(&self) -> Result<usize, StoreError> {
        self.store.purge_expired(self.now()).await
    }

    /// A fresh secret of `kind` for `grant`, valid for `lifetime` from `now`: the secret to
    /// hand out, and the hashed entry to store.
    pub(crate) fn new_secret(
        &self,
        kind: SecretKind,
        grant: GrantId,
        lifetime: Duration,
        now: SystemTime,
    ) -> Result<(String, (SecretKind, SecretHash, SecretRecord)), FlowError> {
        let secret = secret::generate().map_err(|_| FlowError::Randomness)?;
        let hash = SecretHash::of(&secret);
        let record = SecretRecord::new(grant, expiry(now, lifetime));
        Ok((secret, (kind, hash, record)))
    }
}

/// `now + lifetime`. Lifetimes are cut to [`Lifetimes::MAX`], so this overflows only for
/// clocks set centuries ahead; then the secret expires at once, which fails safe.
pub(crate) fn expiry(now: SystemTime, lifetime: Duration) -> SystemTime {
    now.checked_add(lifetime).unwrap_or(now)
}

impl<S: Scope, St: Store<S> + fmt::Debug> fmt::Debug for AuthServer<S, St> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthServer")
            .field("store", &self.store)
            .field("lifetimes", &self.lifetimes)
            .finish_non_exhaustive()
    }
}
