//! Receiving the wallet's authNotify notifications (`POST /aps/api/v1/authorizations/authNotify`):
//! an authorization code created, tokens created, tokens cancelled (by the merchant, or by the
//! user unbinding the mini program in the wallet).
//!
//! A notification is signed by the wallet like an OpenAPI request: `Client-Id`,
//! `Request-Time` and `Signature` over `POST <path>\n<Client-Id>.<Request-Time>.<body>`.
//! [`NotificationVerifier`] checks all of it (the wallet's keys by version, the time within
//! five minutes of the receiver's clock), refuses a notification for a client ID that is not
//! the merchant's own, and recognises a notification delivered again: a wallet that got no
//! acknowledgement sends the same body again, with a new `Request-Time` and signature, so
//! each verified body's SHA-256 is remembered and a repeat is reported as
//! [`Notification::duplicate`]. (authcode's emulator puts a `notifyId` in every body, so two
//! events with the same content are two bodies; a wallet that sends identical bodies for two
//! events makes the second a duplicate, and the Alipay+ pages define no such ID.)
//!
//! The memory is bounded by time and by count: each body is remembered for
//! [`DEFAULT_REMEMBER_FOR`] (ten minutes, twice the freshness window, so a captured
//! notification replayed while its `Request-Time` is still fresh is always recognised), and
//! when [`DEFAULT_REMEMBERED`] bodies are inside that time, a new one is refused
//! ([`NotifyError::MemoryFull`], answered `UNKNOWN_EXCEPTION` so the wallet sends it again
//! later) rather than something forgotten early.
//!
//! With the cargo feature `axum`, [`router`] answers the wallet: `SUCCESS` for a notification
//! accepted or seen before, a failure result otherwise (which makes the wallet send it
//! again). The Alipay+ pages do not have this answer signed, and it is not.
//!
//! ```
//! # extern crate authcode_core as authcode_runtime;
//! use std::time::{Duration, UNIX_EPOCH};
//! use authcode_client::notify::{IncomingNotification, NotificationVerifier, NotifyError};
//! use authcode_signing::{Message, SigningKey};
//! use authcode_runtime::ManualClock;
//! use authcode_wire::{AUTH_NOTIFY_PATH, AuthNotifyType};
//!
//! let wallet = SigningKey::generate()?;
//! let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_769_848_200));
//! let verifier = NotificationVerifier::new("2022000000000001", wallet.verifying_key())
//!     .clock(clock.clone());
//!
//! // What the wallet sends.
//! let body = br#"{"authorizationNotifyType":"AUTHCODE_CREATED","authClientId":"2022000000000001","authCode":"2810"}"#;
//! let time = "2026-01-31T08:30:00+00:00";
//! let signature = Message { method: "POST", path: AUTH_NOTIFY_PATH, client_id: "2022000000000001", time, body }
//!     .sign(&wallet, 1)?
//!     .to_string();
//! let incoming = IncomingNotification {
//!     path: AUTH_NOTIFY_PATH,
//!     client_id: Some("2022000000000001"),
//!     request_time: Some(time),
//!     signature: Some(&signature),
//!     body,
//! };
//!
//! let first = verifier.verify(&incoming)?;
//! assert_eq!(first.notify.authorization_notify_type, AuthNotifyType::AuthcodeCreated);
//! assert!(!first.duplicate);
//! assert!(verifier.verify(&incoming)?.duplicate); // the same body again
//!
//! // Ten minutes later the same request is stale.
//! clock.advance(Duration::from_secs(600));
//! assert!(matches!(verifier.verify(&incoming), Err(NotifyError::Stale { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use authcode_core::{Clock, SystemClock};
use authcode_signing::{Message, SignatureError, SignatureHeader, VerifyingKey, is_fresh};
use authcode_wire::{AuthNotify, ResultCode, shown};
use sha2::{Digest, Sha256};

use crate::response::WalletKeys;

/// How many verified notifications a verifier holds at most by default (about a hundred bytes
/// each): 100,000 in [`DEFAULT_REMEMBER_FOR`] is 166 a second.
pub const DEFAULT_REMEMBERED: usize = 100_000;

/// How long a verifier remembers a verified notification by default: twice the freshness
/// window of `Request-Time` ([`MAX_CLOCK_SKEW`](authcode_signing::MAX_CLOCK_SKEW) either
/// way), so that a replay is recognised for as long as it could be fresh.
pub const DEFAULT_REMEMBER_FOR: Duration = Duration::from_secs(2 * 5 * 60);

/// A notification as it arrived: the path it was posted to (with its query, as signed), the
/// three signed headers (`None` when absent), and the body byte for byte.
#[derive(Clone, Copy, Debug)]
pub struct IncomingNotification<'a> {
    /// The request's path and query, e.g. [`AUTH_NOTIFY_PATH`](authcode_wire::AUTH_NOTIFY_PATH).
    pub path: &'a str,
    /// `Client-Id`.
    pub client_id: Option<&'a str>,
    /// `Request-Time`.
    pub request_time: Option<&'a str>,
    /// `Signature`.
    pub signature: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

/// A verified notification.
#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    /// The body. Its secrets (`authCode`, `accessToken`, `refreshToken`) show as
    /// `<redacted>` in `Debug`.
    pub notify: AuthNotify,
    /// The `Client-Id` it was signed with.
    pub client_id: String,
    /// `true` when the same body was verified before (and not
    /// [forgotten](NotificationVerifier::forget)): a redelivery, to acknowledge without
    /// acting on it again.
    pub duplicate: bool,
    digest: [u8; 32],
}

impl Notification {
    /// The SHA-256 of the body, which identifies the notification across deliveries, in
    /// lower-case hex: a key to record it under.
    pub fn digest_hex(&self) -> String {
        self.digest
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// Why a notification was refused. Nothing in it was acted on, nor remembered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotifyError {
    /// A header the signature needs is missing (`Client-Id`, `Request-Time`, `Signature`).
    #[error("the {0} header is missing")]
    MissingHeader(&'static str),
    /// A header is repeated or not visible ASCII, so it cannot be the one that was signed.
    #[error("the {0} header is repeated or not visible ASCII")]
    MalformedHeader(&'static str),
    /// The `Request-Time` is not an ISO 8601 date and time.
    #[error("Request-Time: {0}")]
    RequestTime(String),
    /// The `Request-Time` is more than five minutes
    /// ([`MAX_CLOCK_SKEW`](authcode_signing::MAX_CLOCK_SKEW)) from the receiver's clock: an
    /// old notification replayed, or a clock far off.
    #[error("Request-Time {time:?} is more than 5 minutes from this receiver's clock")]
    Stale {
        /// The `Request-Time` (shortened).
        time: String,
    },
    /// The `Signature` header names a key version the receiver holds no wallet key for.
    #[error("no wallet key of version {0} is held")]
    UnknownKeyVersion(u32),
    /// The signature is malformed or does not match: not from the wallet, or changed on the
    /// way.
    #[error("the signature is not valid: {0}")]
    Signature(SignatureError),
    /// The body is signed but is not an authNotify body.
    #[error("malformed authNotify body: {0}")]
    Body(String),
    /// The notification (its `Client-Id`, or the `authClientId` of its body) is for a client
    /// that is not this merchant's: the wallet sent it to the wrong receiver, or another
    /// merchant's notification is replayed here.
    #[error("the notification is for client {client_id:?}, not this merchant's")]
    ForeignClient {
        /// The client ID it names (shortened).
        client_id: String,
    },
    /// The verifier already remembers as many notifications as it may, all within their
    /// time: this one is refused rather than another forgotten early (the wallet sends it
    /// again later).
    #[error("too many notifications to remember; try again later")]
    MemoryFull,
}

impl NotifyError {
    /// The result code to answer the wallet with.
    ///
    /// ```
    /// use authcode_client::notify::NotifyError;
    /// use authcode_wire::ResultCode;
    /// assert_eq!(NotifyError::UnknownKeyVersion(3).result_code(), ResultCode::KeyNotFound);
    /// assert_eq!(NotifyError::Body("x".into()).result_code(), ResultCode::ParamIllegal);
    /// ```
    pub fn result_code(&self) -> ResultCode {
        match self {
            NotifyError::MissingHeader(_)
            | NotifyError::MalformedHeader(_)
            | NotifyError::RequestTime(_)
            | NotifyError::Body(_) => ResultCode::ParamIllegal,
            NotifyError::Stale { .. } | NotifyError::Signature(_) => ResultCode::InvalidSignature,
            NotifyError::UnknownKeyVersion(_) => ResultCode::KeyNotFound,
            NotifyError::ForeignClient { .. } => ResultCode::InvalidClient,
            NotifyError::MemoryFull => ResultCode::UnknownException,
        }
    }
}

/// The digests of the notifications verified in the last `window`, at most `capacity`, in
/// the order they were first seen (so the oldest expire first).
struct Seen {
    capacity: usize,
    window: Duration,
    order: VecDeque<(SystemTime, [u8; 32])>,
    set: HashSet<[u8; 32]>,
}

impl Seen {
    fn new(capacity: usize, window: Duration) -> Seen {
        Seen {
            capacity,
            window,
            order: VecDeque::new(),
            set: HashSet::new(),
        }
    }

    /// Drops what was first seen `window` or more before `now`.
    fn expire(&mut self, now: SystemTime) {
        while let Some(&(seen, digest)) = self.order.front() {
            let age = now.duration_since(seen).unwrap_or(Duration::ZERO);
            if age < self.window {
                break;
            }
            self.order.pop_front();
            self.set.remove(&digest);
        }
    }

    /// Records `digest` seen at `now`: `Ok(true)` when it was there already, `Err` when the
    /// memory is full of digests still within their time.
    fn record(&mut self, digest: [u8; 32], now: SystemTime) -> Result<bool, NotifyError> {
        if self.capacity == 0 {
            return Ok(false);
        }
        self.expire(now);
        if self.set.contains(&digest) {
            return Ok(true);
        }
        if self.set.len() >= self.capacity {
            return Err(NotifyError::MemoryFull);
        }
        self.set.insert(digest);
        self.order.push_back((now, digest));
        Ok(false)
    }

    fn forget(&mut self, digest: &[u8; 32]) {
        if self.set.remove(digest) {
            self.order.retain(|(_, kept)| kept != digest);
        }
    }
}

/// Checks the wallet's notifications and recognises redeliveries. `Send + Sync`: share one
/// (in an `Arc`) between the requests of a receiver.
pub struct NotificationVerifier {
    /// The merchant's own client IDs: notifications for others are refused.
    client_ids: Vec<String>,
    wallet_keys: WalletKeys,
    clock: Arc<dyn Clock>,
    seen: Mutex<Seen>,
}

impl NotificationVerifier {
    /// A verifier of the notifications for the merchant's client `client_id`, signed with
    /// `wallet_key` (the wallet's key version 1), on the system clock, remembering each for
    /// [`DEFAULT_REMEMBER_FOR`] and at most [`DEFAULT_REMEMBERED`] at once.
    pub fn new(client_id: impl Into<String>, wallet_key: VerifyingKey) -> NotificationVerifier {
        let mut wallet_keys = WalletKeys::default();
        wallet_keys.insert(1, wallet_key);
        NotificationVerifier {
            client_ids: vec![client_id.into()],
            wallet_keys,
            clock: Arc::new(SystemClock),
            seen: Mutex::new(Seen::new(DEFAULT_REMEMBERED, DEFAULT_REMEMBER_FOR)),
        }
    }

    /// Also accepts the notifications of the merchant's client `client_id` (a merchant with
    /// several mini programs).
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_ids.push(client_id.into());
        self
    }

    /// Also accepts notifications signed with `key` as the wallet's key version `version`
    /// (replacing a key of that version): hold the old and the new key while the wallet
    /// rotates. A notification that names no version is checked with the latest.
    pub fn wallet_key(mut self, version: u32, key: VerifyingKey) -> Self {
        self.wallet_keys.insert(version, key);
        self
    }

    /// The clock `Request-Time` is judged by (the system clock unless set).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Remembers at most `count` notifications at once (0: recognises no redelivery). The
    /// memory is bounded by it, about a hundred bytes a notification; when `count` are within
    /// their time, the next is refused ([`NotifyError::MemoryFull`]).
    ///
    /// ```
    /// # use authcode_client::notify::NotificationVerifier;
    /// # let key = authcode_signing::SigningKey::generate()?.verifying_key();
    /// let verifier = NotificationVerifier::new("2022000000000001", key).remember(1_000);
    /// # let _ = verifier;
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn remember(self, count: usize) -> Self {
        self.seen_mut(|seen| {
            seen.capacity = count;
            while seen.order.len() > count {
                if let Some((_, oldest)) = seen.order.pop_front() {
                    seen.set.remove(&oldest);
                }
            }
        });
        self
    }

    /// Remembers each notification for `window` after it is first verified (at least
    /// [`DEFAULT_REMEMBER_FOR`] is kept: less would let a fresh replay pass as new). A longer
    /// window also recognises the wallet's later redeliveries.
    pub fn remember_for(self, window: Duration) -> Self {
        self.seen_mut(|seen| seen.window = window.max(DEFAULT_REMEMBER_FOR));
        self
    }

    /// The set of seen digests stays consistent under every operation, so a poisoned lock's
    /// contents are used as they are.
    fn seen_mut<T>(&self, change: impl FnOnce(&mut Seen) -> T) -> T {
        change(&mut self.seen.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Verifies `incoming`: the headers, the client (one of the merchant's own), the time
    /// (within five minutes of the clock, checked before the signature so that an old request
    /// costs no RSA work), the signature with the wallet key of the version it names, and the
    /// body, whose `authClientId` must be the signed `Client-Id`. A verified notification is
    /// remembered; the same body verified again is reported as a duplicate.
    pub fn verify(&self, incoming: &IncomingNotification<'_>) -> Result<Notification, NotifyError> {
        let client_id = incoming
            .client_id
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .ok_or(NotifyError::MissingHeader("Client-Id"))?;
        if !self.client_ids.iter().any(|own| own == client_id) {
            return Err(NotifyError::ForeignClient {
                client_id: shown(client_id),
            });
        }
        let time = incoming
            .request_time
            .map(str::trim)
            .ok_or(NotifyError::MissingHeader("Request-Time"))?;
        let sent = authcode_wire::time::parse(time)
            .map_err(|err| NotifyError::RequestTime(err.to_string()))?;
        let now = self.clock.now();
        if !is_fresh(sent, now) {
            return Err(NotifyError::Stale { time: shown(time) });
        }
        let signature = incoming
            .signature
            .map(str::trim)
            .ok_or(NotifyError::MissingHeader("Signature"))?;
        let header = SignatureHeader::parse(signature)
            .map_err(|err| NotifyError::Signature(SignatureError::Malformed(err)))?;
        let key = self
            .wallet_keys
            .get(header.key_version)
            .ok_or(match header.key_version {
                Some(version) => NotifyError::UnknownKeyVersion(version),
                // Unreachable: a verifier always holds a key, and the latest serves then.
                None => NotifyError::Signature(SignatureError::Mismatch),
            })?;
        let message = Message {
            method: "POST",
            path: incoming.path,
            client_id,
            time,
            body: incoming.body,
        };
        message
            .verify(key, Some(signature))
            .map_err(NotifyError::Signature)?;
        let notify: AuthNotify = serde_json::from_slice(incoming.body)
            .map_err(|err| NotifyError::Body(shown(&err.to_string())))?;
        // The signed header names one of ours; the body must name the same client.
        if notify.auth_client_id != client_id {
            return Err(NotifyError::ForeignClient {
                client_id: shown(&notify.auth_client_id),
            });
        }
        let digest: [u8; 32] = Sha256::digest(incoming.body).into();
        let duplicate = self.seen_mut(|seen| seen.record(digest, now))?;
        Ok(Notification {
            notify,
            client_id: client_id.to_owned(),
            duplicate,
            digest,
        })
    }

    /// Forgets `notification` (it could not be acted on, and the wallet is answered with a
    /// failure): its redelivery is then not a duplicate. A duplicate is not forgotten, since
    /// its first delivery was acted on.
    pub fn forget(&self, notification: &Notification) {
        if !notification.duplicate {
            self.seen_mut(|seen| seen.forget(&notification.digest));
        }
    }
}

impl fmt::Debug for NotificationVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (capacity, remembered) = self.seen_mut(|seen| (seen.capacity, seen.order.len()));
        f.debug_struct("NotificationVerifier")
            .field("client_ids", &self.client_ids)
            .field("capacity", &capacity)
            .field("remembered", &remembered)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "axum")]
pub use receiver::{ReceiverLimits, router, router_with};

#[cfg(feature = "axum")]
mod receiver {
    use std::fmt;
    use std::future::Future;
    use std::sync::Arc;

    use authcode_signing::{CLIENT_ID, JSON_CONTENT_TYPE, MAX_BODY_BYTES, REQUEST_TIME, SIGNATURE};
    use authcode_wire::{AUTH_NOTIFY_PATH, ApiResult, AuthNotifyResponse, ResultCode};
    use std::time::Duration;

    use axum::Router;
    use axum::body::{Body, Bytes};
    use axum::extract::{DefaultBodyLimit, OriginalUri, Request, State};
    use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
    use axum::middleware::{self, Next};
    use axum::response::{IntoResponse, Response};
    use axum::routing::post;
    use tokio::sync::Semaphore;
    use tower_http::timeout::TimeoutLayer;

    use super::{IncomingNotification, Notification, NotificationVerifier, NotifyError};

    /// A router that receives the wallet's notifications at
    /// [`AUTH_NOTIFY_PATH`](authcode_wire::AUTH_NOTIFY_PATH): each is verified by `verifier`
    /// and handed to `on_notification`, duplicates too (with
    /// [`duplicate`](Notification::duplicate) set, to be acknowledged without acting again).
    ///
    /// The wallet is answered HTTP 200 with an [`AuthNotifyResponse`]:
    /// - `SUCCESS` when `on_notification` returns `Ok`;
    /// - `UNKNOWN_EXCEPTION` (`U`) when it returns `Err` (logged, not told to the wallet): the
    ///   wallet sends it again, and a notification that was not a duplicate is
    ///   [forgotten](NotificationVerifier::forget), so that the redelivery is not one;
    /// - the [`NotifyError::result_code`] of a refused notification (`INVALID_SIGNATURE`,
    ///   `KEY_NOT_FOUND`, `PARAM_ILLEGAL`), which `on_notification` never sees.
    ///
    /// Merge it into the backend's router; the path it was mounted under (nesting) is part of
    /// what the wallet signed and is read from the request as it arrived. It runs in the
    /// merchant's production server, so it carries its own limits as layers, with the
    /// defaults of [`ReceiverLimits`]: bodies are read up to 64 KiB, a request must be read
    /// and answered within 10 s (a body sent a byte at a time is cut with 408), and at most
    /// 256 requests are handled at once (more are answered 503 at once, and the wallet sends
    /// them again). The time to read a request's head is the HTTP server's to bound:
    /// `hyper`'s `header_read_timeout`, which `axum::serve` does not set.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use authcode_client::notify::{self, Notification, NotificationVerifier};
    /// use authcode_wire::AuthNotifyType;
    ///
    /// # let wallet_public_key = authcode_signing::SigningKey::generate()?.verifying_key();
    /// let verifier = Arc::new(NotificationVerifier::new("2022000000000001", wallet_public_key));
    /// let app: axum::Router = axum::Router::new().merge(notify::router(verifier, |n: Notification| async move {
    ///     if !n.duplicate && n.notify.authorization_notify_type == AuthNotifyType::TokenCanceled {
    ///         // forget the user's tokens...
    ///     }
    ///     Ok::<(), std::convert::Infallible>(())
    /// }));
    /// # let _ = app;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn router<F, Fut, E>(verifier: Arc<NotificationVerifier>, on_notification: F) -> Router
    where
        F: Fn(Notification) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: fmt::Display + Send + 'static,
    {
        router_with(verifier, on_notification, ReceiverLimits::default())
    }

    /// The limits of the receiver [`router`] builds.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authcode_client::notify::ReceiverLimits;
    /// let limits = ReceiverLimits { max_in_flight: 32, ..ReceiverLimits::default() };
    /// assert_eq!(limits.request_timeout, Duration::from_secs(10));
    /// ```
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct ReceiverLimits {
        /// How long a request may take from its head to the end of its answer, body
        /// included (10 s); past it, the answer is 408.
        pub request_timeout: Duration,
        /// The most requests handled at once (256); past it, the answer is 503 at once.
        pub max_in_flight: usize,
    }

    impl Default for ReceiverLimits {
        fn default() -> Self {
            ReceiverLimits {
                request_timeout: Duration::from_secs(10),
                max_in_flight: 256,
            }
        }
    }

    /// [`router`] with other limits.
    pub fn router_with<F, Fut, E>(
        verifier: Arc<NotificationVerifier>,
        on_notification: F,
        limits: ReceiverLimits,
    ) -> Router
    where
        F: Fn(Notification) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: fmt::Display + Send + 'static,
    {
        let handler = move |OriginalUri(uri): OriginalUri, headers: HeaderMap, body: Bytes| {
            let verifier = Arc::clone(&verifier);
            let on_notification = on_notification.clone();
            async move {
                let path = uri
                    .path_and_query()
                    .map_or(uri.path(), |path| path.as_str());
                receive(&verifier, on_notification, path, &headers, &body).await
            }
        };
        Router::new()
            .route(AUTH_NOTIFY_PATH, post(handler))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                limits.request_timeout,
            ))
            .layer(middleware::from_fn_with_state(
                Arc::new(Semaphore::new(limits.max_in_flight.max(1))),
                shed,
            ))
    }

    /// At most as many requests at once as `places` has permits; past it, 503 at once rather
    /// than a queue behind slow requests (the wallet sends the notification again later).
    async fn shed(State(places): State<Arc<Semaphore>>, request: Request, next: Next) -> Response {
        match places.try_acquire() {
            Ok(_place) => next.run(request).await,
            Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        }
    }

    async fn receive<F, Fut, E>(
        verifier: &NotificationVerifier,
        on_notification: F,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Response
    where
        F: Fn(Notification) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: fmt::Display,
    {
        let verified = (|| {
            let incoming = IncomingNotification {
                path,
                client_id: text(headers, CLIENT_ID, "Client-Id")?,
                request_time: text(headers, REQUEST_TIME, "Request-Time")?,
                signature: text(headers, SIGNATURE, "Signature")?,
                body,
            };
            verifier.verify(&incoming)
        })();
        let notification = match verified {
            Ok(notification) => notification,
            Err(err) => {
                tracing::warn!(target: "authcode::notify", %err, "notification refused");
                return answer(ApiResult::new(err.result_code(), err.to_string()));
            }
        };
        let (kind, duplicate) = (
            notification.notify.authorization_notify_type,
            notification.duplicate,
        );
        // Kept to forget it should the handler fail; the handler owns the notification.
        let kept = notification.clone();
        match on_notification(notification).await {
            Ok(()) => {
                tracing::info!(target: "authcode::notify", ?kind, duplicate, "notification accepted");
                answer(ApiResult::success())
            }
            Err(err) => {
                tracing::warn!(target: "authcode::notify", ?kind, duplicate, %err, "notification not processed");
                verifier.forget(&kept);
                answer(ApiResult::new(
                    ResultCode::UnknownException,
                    "the notification could not be processed; send it again",
                ))
            }
        }
    }

    /// Header `name` as text; `None` when absent.
    fn text<'h>(
        headers: &'h HeaderMap,
        name: &str,
        shown: &'static str,
    ) -> Result<Option<&'h str>, NotifyError> {
        let mut values = headers.get_all(name).iter();
        let Some(value) = values.next() else {
            return Ok(None);
        };
        if values.next().is_some() {
            return Err(NotifyError::MalformedHeader(shown));
        }
        value
            .to_str()
            .map(Some)
            .map_err(|_| NotifyError::MalformedHeader(shown))
    }

    fn answer(result: ApiResult) -> Response {
        let body = AuthNotifyResponse {
            result,
            extra: serde_json::Map::new(),
        };
        // A struct of strings and enums always serializes.
        let mut response = Response::new(Body::from(serde_json::to_vec(&body).unwrap_or_default()));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(JSON_CONTENT_TYPE),
        );
        response
    }
}
