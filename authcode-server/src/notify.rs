//! authNotify from the emulator: every code issued, tokens issued and grant revoked is told to
//! the merchant's notification URL as a signed `AuthNotify`, the way Alipay+ wallets notify
//! (`AUTHCODE_CREATED`, `TOKEN_CREATED`, `TOKEN_CANCELED`).
//!
//! The flow's listener only turns the event into a body and offers it to a bounded queue
//! (`try_send`: a full queue drops the notification with a warning, so the request that
//! caused the event is never held up). A task drains the queue and delivers each notification
//! in a task of its own, at most `max_in_flight` at once, retrying with exponential backoff
//! until the merchant answers HTTP 200 with `result.resultCode` `SUCCESS` or the attempts run
//! out. Every attempt is signed anew (a fresh `Request-Time`) over the same body, so the
//! receiver recognises a redelivery by its body.

use std::collections::HashMap;
use std::sync::Weak;
use std::time::{Duration, SystemTime};

use authcode_core::Scope;
use authcode_core::flow::{AuthEvent, AuthEvents, AuthServer, Store};
use authcode_signing::{CLIENT_ID, JSON_CONTENT_TYPE, Message, REQUEST_TIME, SIGNATURE};
use authcode_wire::{AuthNotify, AuthNotifyType};
use reqwest::Url;
use tokio::sync::{Semaphore, mpsc};
use zeroize::Zeroizing;

use crate::keys::KeyRing;

/// The `tracing` target of delivery outcomes.
const TARGET: &str = "authcode::notify";

/// The most of the merchant's answer that is read: an acknowledgement is a few hundred bytes.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// How [`WalletServer::with_notifications`](crate::WalletServer::with_notifications) delivers
/// notifications.
///
/// The wait before retry `n` (from 1) is a random duration between half and all of
/// `initial_backoff * 2^(n-1)`, capped at `max_backoff`; the randomness keeps notifications
/// that failed together from being retried in lockstep.
///
/// ```
/// use std::time::Duration;
/// use authcode_server::NotifyOptions;
///
/// let options = NotifyOptions { initial_backoff: Duration::from_millis(10), ..NotifyOptions::default() };
/// assert_eq!(options.max_attempts, 6);
/// let wait = options.backoff(3);
/// assert!(wait >= Duration::from_millis(20) && wait <= Duration::from_millis(40), "{wait:?}");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotifyOptions {
    /// Attempts per notification, the first included (6; 0 counts as 1).
    pub max_attempts: u32,
    /// The wait before the first retry, before jitter (1 s).
    pub initial_backoff: Duration,
    /// The longest wait between two attempts (60 s).
    pub max_backoff: Duration,
    /// How long one attempt may take, the merchant's answer included (10 s).
    pub timeout: Duration,
    /// Notifications waiting for delivery at most; past this new ones are dropped with a
    /// warning (1024).
    pub queue: usize,
    /// Notifications being delivered (or waiting to be retried) at once at most (64).
    pub max_in_flight: usize,
}

impl Default for NotifyOptions {
    fn default() -> NotifyOptions {
        NotifyOptions {
            max_attempts: 6,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
            timeout: Duration::from_secs(10),
            queue: 1024,
            max_in_flight: 64,
        }
    }
}

impl NotifyOptions {
    /// The wait before retry number `retry` (1 for the first retry).
    pub fn backoff(&self, retry: u32) -> Duration {
        authcode_signing::backoff(self.initial_backoff, self.max_backoff, retry)
    }
}

/// A notification URL that cannot be used.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use std::sync::Arc;
/// use authcode_signing::SigningKey;
/// use authcode_runtime::flow::AuthServer;
/// use authcode_server::{NotifyOptions, WalletServer};
///
/// let server = WalletServer::new(Arc::new(AuthServer::<AlipayPlusScope>::new()), SigningKey::generate()?);
/// let err = server.with_notifications("2022000000000001", "ftp://merchant.example/notify", NotifyOptions::default()).unwrap_err();
/// assert!(err.to_string().contains("must be an http or https URL"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("notification URL {url:?} must be an http or https URL ({reason})")]
pub struct NotifyUrlError {
    /// The URL given (shortened).
    pub url: String,
    /// What is wrong with it.
    pub reason: String,
}

/// One notification to deliver: the client concerned, what happened, and the body, signed
/// again at each attempt but never rewritten.
struct Queued {
    client_id: String,
    kind: AuthNotifyType,
    /// It holds the code or tokens, so it is wiped when the delivery ends.
    body: Zeroizing<Vec<u8>>,
}

impl Queued {
    /// The notification for `event`; `None` for events that have none.
    fn of(event: &AuthEvent<'_>) -> Option<Queued> {
        let notify = match event {
            AuthEvent::CodeIssued {
                client_id, code, ..
            } => AuthNotify {
                auth_code: Some((*code).clone()),
                ..AuthNotify::new(AuthNotifyType::AuthcodeCreated, *client_id)
            },
            AuthEvent::TokensIssued {
                client_id,
                user_id,
                tokens,
                ..
            } => AuthNotify {
                customer_id: Some((*user_id).to_owned()),
                access_token: Some(tokens.access_token.clone()),
                access_token_expiry_time: Some(tokens.access_token_expiry_time),
                refresh_token: tokens.refresh_token.clone(),
                refresh_token_expiry_time: tokens.refresh_token_expiry_time,
                ..AuthNotify::new(AuthNotifyType::TokenCreated, *client_id)
            },
            AuthEvent::GrantRevoked {
                client_id,
                user_id,
                reason,
                access_token,
                ..
            } => AuthNotify {
                customer_id: Some((*user_id).to_owned()),
                reason: Some(reason.as_str().to_owned()),
                access_token: access_token.cloned(),
                ..AuthNotify::new(AuthNotifyType::TokenCanceled, *client_id)
            },
            _ => return None,
        };
        // One ID per event, repeated only by its redeliveries: events with the same content
        // (a user who unbinds twice, one unbind revoking two grants) are then distinct bodies.
        let notify = AuthNotify {
            notify_id: Some(notify_id()?),
            ..notify
        };
        // Strings, enums and times inside the ISO 8601 range always serialize; a time outside
        // it (a clock centuries off) is logged and the notification dropped.
        match serde_json::to_vec(&notify) {
            Ok(body) => Some(Queued {
                client_id: notify.auth_client_id.clone(),
                kind: notify.authorization_notify_type,
                body: Zeroizing::new(body),
            }),
            Err(err) => {
                tracing::error!(target: TARGET, %err, "a notification could not be written");
                None
            }
        }
    }

    fn kind(&self) -> &'static str {
        match self.kind {
            AuthNotifyType::AuthcodeCreated => "AUTHCODE_CREATED",
            AuthNotifyType::TokenCreated => "TOKEN_CREATED",
            AuthNotifyType::TokenCanceled => "TOKEN_CANCELED",
        }
    }
}

/// A fresh notification ID: 128 random bits in hex. `None` (the notification dropped, with an
/// error logged) when the system's randomness is unavailable.
fn notify_id() -> Option<String> {
    let mut bytes = [0u8; 16];
    match getrandom::fill(&mut bytes) {
        Ok(()) => Some(bytes.iter().map(|byte| format!("{byte:02x}")).collect()),
        Err(err) => {
            tracing::error!(target: TARGET, %err, "no randomness for a notification ID");
            None
        }
    }
}

/// The flow's listener: offers each notification to the queue without waiting.
struct Enqueue {
    queue: mpsc::Sender<Queued>,
}

impl AuthEvents for Enqueue {
    fn on_event(&self, event: &AuthEvent<'_>) {
        let Some(queued) = Queued::of(event) else {
            return;
        };
        match self.queue.try_send(queued) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(dropped)) => tracing::warn!(
                target: TARGET,
                kind = dropped.kind(),
                client_id = %crate::verify::shorten(&dropped.client_id),
                "the notification queue is full; notification dropped"
            ),
            // The server that drained it is gone; nobody is to be notified any more.
            Err(mpsc::error::TrySendError::Closed(_)) => {}
        }
    }
}

/// Notifications set up but not yet delivered: the queue's receiving end, until the server
/// starts and a task drains it.
pub(crate) struct Pending {
    /// Each client's own receiver: a client's events go to its URL and nowhere else.
    urls: HashMap<String, Url>,
    options: NotifyOptions,
    queue: mpsc::Receiver<Queued>,
    clock: Box<dyn Fn() -> SystemTime + Send + Sync>,
}

impl Pending {
    /// Subscribes a listener to `auth` that queues its notifications.
    pub(crate) fn subscribe<S: Scope, St: Store<S> + 'static>(
        auth: &std::sync::Arc<AuthServer<S, St>>,
        options: NotifyOptions,
    ) -> Pending {
        let (sender, queue) = mpsc::channel(options.queue.max(1));
        auth.subscribe(Enqueue { queue: sender });
        // Weak: the listener inside the server keeps the queue open, so a strong reference
        // here would keep the server, the queue and the task alive for ever.
        let weak: Weak<AuthServer<S, St>> = std::sync::Arc::downgrade(auth);
        let clock = Box::new(move || weak.upgrade().map_or_else(SystemTime::now, |a| a.now()));
        Pending {
            urls: HashMap::new(),
            options,
            queue,
            clock,
        }
    }

    /// Parses `url` and makes it the receiver of `client_id`'s notifications.
    pub(crate) fn add(&mut self, client_id: &str, url: &str) -> Result<(), NotifyUrlError> {
        let invalid = |reason: String| NotifyUrlError {
            url: authcode_wire::shown(url),
            reason,
        };
        let url = Url::parse(url).map_err(|err| invalid(err.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(invalid("another scheme".to_owned()));
        }
        self.urls.insert(client_id.to_owned(), url);
        Ok(())
    }

    /// Starts the task that drains the queue, on the current Tokio runtime. It ends when the
    /// authorization server (which holds the queue's sending end) is dropped.
    pub(crate) fn start(self, keys: KeyRing) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::error!(
                target: TARGET,
                "notifications need a Tokio runtime when the server's router is made; none \
                 will be sent"
            );
            return;
        };
        let mut receivers = HashMap::new();
        for (client_id, url) in self.urls {
            match http_client(&url, self.options.timeout) {
                Ok(http) => {
                    receivers.insert(client_id, Receiver { url, http });
                }
                Err(err) => {
                    tracing::error!(target: TARGET, %err, "no HTTP client for notifications; none will be sent");
                    return;
                }
            }
        }
        let delivery = std::sync::Arc::new(Delivery {
            receivers,
            options: self.options,
            keys,
            clock: self.clock,
        });
        let mut queue = self.queue;
        runtime.spawn(async move {
            let places = std::sync::Arc::new(Semaphore::new(delivery.options.max_in_flight.max(1)));
            while let Some(queued) = queue.recv().await {
                let Ok(place) = std::sync::Arc::clone(&places).acquire_owned().await else {
                    break;
                };
                let delivery = std::sync::Arc::clone(&delivery);
                tokio::spawn(async move {
                    delivery.deliver(queued).await;
                    drop(place);
                });
            }
        });
    }
}

fn http_client(url: &Url, timeout: Duration) -> reqwest::Result<reqwest::Client> {
    let mut http = reqwest::Client::builder()
        .timeout(timeout)
        // The signature covers the path it was made for.
        .redirect(reqwest::redirect::Policy::none());
    // IPv6 hosts come bracketed: `[::1]`.
    let loopback = url.host_str().is_some_and(|host| {
        host.eq_ignore_ascii_case("localhost")
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    });
    if loopback {
        http = http.no_proxy();
    }
    http.build()
}

/// Where one client's notifications go, and the HTTP client for it.
struct Receiver {
    url: Url,
    http: reqwest::Client,
}

/// What delivers: each client's receiver, how hard to try, and the keys and clock to sign
/// with.
struct Delivery {
    receivers: HashMap<String, Receiver>,
    options: NotifyOptions,
    keys: KeyRing,
    clock: Box<dyn Fn() -> SystemTime + Send + Sync>,
}

impl Delivery {
    /// Sends `queued` until the merchant acknowledges it or the attempts run out; logs each
    /// outcome (client, kind, attempt, why it failed; never the body).
    async fn deliver(&self, queued: Queued) {
        let attempts = self.options.max_attempts.max(1);
        let client_id = crate::verify::shorten(&queued.client_id);
        // A client without a receiver of its own is told nothing: another client's URL must
        // never see its codes and tokens.
        let Some(receiver) = self.receivers.get(&queued.client_id) else {
            tracing::debug!(target: TARGET, kind = queued.kind(), %client_id, "no notification URL for this client");
            return;
        };
        for attempt in 1..=attempts {
            match self.attempt(receiver, &queued).await {
                Ok(()) => {
                    tracing::info!(
                        target: TARGET,
                        kind = queued.kind(),
                        %client_id,
                        attempt,
                        "notification delivered"
                    );
                    return;
                }
                Err(why) if attempt < attempts => {
                    let wait = self.options.backoff(attempt);
                    tracing::warn!(
                        target: TARGET,
                        kind = queued.kind(),
                        %client_id,
                        attempt,
                        %why,
                        retry_in_ms = wait.as_millis() as u64,
                        "notification not acknowledged; retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
                Err(why) => tracing::error!(
                    target: TARGET,
                    kind = queued.kind(),
                    %client_id,
                    attempt,
                    %why,
                    "notification not acknowledged; giving up"
                ),
            }
        }
    }

    /// One signed POST; `Err` says why it is not an acknowledgement.
    async fn attempt(&self, receiver: &Receiver, queued: &Queued) -> Result<(), String> {
        let time = authcode_wire::time::format((self.clock)())
            .map_err(|err| format!("no Request-Time: {err}"))?;
        let uri = match receiver.url.query() {
            Some(query) => format!("{}?{query}", receiver.url.path()),
            None => receiver.url.path().to_owned(),
        };
        let (key, version) = self.keys.wallet_signer();
        let signature = Message {
            method: "POST",
            path: &uri,
            client_id: &queued.client_id,
            time: &time,
            body: &queued.body,
        }
        .sign(&key, version)
        .map_err(|err| format!("signing failed: {err}"))?;
        let mut response = receiver
            .http
            .post(receiver.url.clone())
            .header(reqwest::header::CONTENT_TYPE, JSON_CONTENT_TYPE)
            .header(CLIENT_ID, &queued.client_id)
            .header(REQUEST_TIME, &time)
            .header(SIGNATURE, signature.to_string())
            .body(queued.body.to_vec())
            .send()
            .await
            .map_err(|err| transport(&err))?;
        let status = response.status();
        let mut answer = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| transport(&err))? {
            if answer.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(format!(
                    "HTTP {status}, answer over {MAX_ANSWER_BYTES} bytes"
                ));
            }
            answer.extend_from_slice(&chunk);
        }
        if status != reqwest::StatusCode::OK {
            return Err(format!("HTTP {}", status.as_u16()));
        }
        acknowledged(&answer)
    }
}

/// `Ok` for an answer whose `result.resultCode` is `SUCCESS`. The Alipay+ pages do not have
/// the merchant sign this answer, so it is read as it comes.
fn acknowledged(answer: &[u8]) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_slice(answer)
        .map_err(|_| "HTTP 200, but the answer is not JSON".to_owned())?;
    match value
        .pointer("/result/resultCode")
        .and_then(|code| code.as_str())
    {
        Some("SUCCESS") => Ok(()),
        Some(code) => Err(format!("HTTP 200, result {}", crate::verify::shorten(code))),
        None => Err("HTTP 200, but the answer has no result.resultCode".to_owned()),
    }
}

/// A transport failure as a log line: its kind, not the URL or the error's whole chain.
fn transport(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        "the attempt timed out".to_owned()
    } else if err.is_connect() {
        "no connection could be made".to_owned()
    } else {
        "the connection failed".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_success_result_acknowledges() {
        assert_eq!(
            acknowledged(br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#),
            Ok(())
        );
        for (answer, why) in [
            (
                &br#"{"result":{"resultCode":"PROCESS_FAIL","resultStatus":"F"}}"#[..],
                "result \"PROCESS_FAIL\"",
            ),
            (br#"{"result":{}}"#, "no result.resultCode"),
            (br#"{"resultCode":"SUCCESS"}"#, "no result.resultCode"),
            (b"OK", "not JSON"),
            (b"", "not JSON"),
        ] {
            let err = acknowledged(answer).unwrap_err();
            assert!(err.contains(why), "{err}");
        }
    }

    #[test]
    fn backoff_doubles_within_jitter_and_is_capped() {
        let options = NotifyOptions {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            ..NotifyOptions::default()
        };
        for (retry, full) in [
            (1, 100),
            (2, 200),
            (3, 400),
            (4, 800),
            (5, 1000),
            (64, 1000),
        ] {
            let full = Duration::from_millis(full);
            for _ in 0..50 {
                let wait = options.backoff(retry);
                assert!(wait >= full / 2 && wait <= full, "retry {retry}: {wait:?}");
            }
        }
    }
}
