//! authNotify from the emulator to a merchant's receiver (a small axum app using the client's
//! `notify::router`): every event notified, signed by the wallet and verified by the
//! receiver; a delivery that fails (HTTP 500, a failure result) is retried with the same body;
//! a redelivery after a lost acknowledgement is recognised as a duplicate; a receiver that
//! does not trust the wallet's key refuses them all; a stalled receiver never slows the
//! wallet's requests.

mod openapi_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use authcode_client::GatewayProfile;
use authcode_client::notify::{self, Notification, NotificationVerifier};
use authcode_runtime::UserInfo;
use authcode_server::{EMULATOR_UNBIND_PATH, NotifyOptions};
use authcode_wire::{AUTH_NOTIFY_PATH, AuthNotifyType, ResultCode};
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use openapi_support::{MERCHANT, USER, key, start, wallet_key};
use serde_json::json;
use tokio::net::TcpListener;

fn options() -> NotifyOptions {
    NotifyOptions {
        max_attempts: 5,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
        timeout: Duration::from_secs(2),
        ..NotifyOptions::default()
    }
}

/// How the receiver misbehaves, each count for as many requests, in this order: answer 500
/// without looking, have the handler fail, act and then lose the acknowledgement (answer
/// 500 after the handler accepted).
#[derive(Default)]
struct Plan {
    refuse: AtomicUsize,
    fail: AtomicUsize,
    lose_ack: AtomicUsize,
}

fn take(count: &AtomicUsize) -> bool {
    count
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

/// The merchant's receiver: what its handler was given, and every raw request body.
struct Receiver {
    url: String,
    handled: Arc<Mutex<Vec<Notification>>>,
    bodies: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Receiver {
    fn handled(&self) -> Vec<Notification> {
        self.handled.lock().unwrap().clone()
    }

    fn requests(&self) -> usize {
        self.bodies.lock().unwrap().len()
    }

    /// Waits (at most 10 s) until `done` holds.
    async fn until(&self, done: impl Fn(&Receiver) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done(self) {
            assert!(
                Instant::now() < deadline,
                "timed out; handled {:?}",
                self.handled()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

async fn receiver(verifier: NotificationVerifier, plan: Plan) -> Receiver {
    let handled: Arc<Mutex<Vec<Notification>>> = Arc::default();
    let bodies: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
    let plan = Arc::new(plan);
    let (handler_plan, log) = (Arc::clone(&plan), Arc::clone(&handled));
    let app = notify::router(Arc::new(verifier), move |notification: Notification| {
        let (plan, log) = (Arc::clone(&handler_plan), Arc::clone(&log));
        async move {
            if take(&plan.fail) {
                return Err("the merchant's database is down");
            }
            log.lock().unwrap().push(notification);
            Ok(())
        }
    });
    let raw = Arc::clone(&bodies);
    let app = app.layer(axum::middleware::from_fn(
        move |request: Request, next: Next| {
            let (plan, raw) = (Arc::clone(&plan), Arc::clone(&raw));
            async move {
                let (parts, body) = request.into_parts();
                let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
                raw.lock().unwrap().push(bytes.to_vec());
                if take(&plan.refuse) {
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
                let response: Response = next
                    .run(Request::from_parts(parts, Body::from(bytes)))
                    .await;
                if take(&plan.lose_ack) {
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
                response
            }
        },
    ));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}{AUTH_NOTIFY_PATH}",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    Receiver {
        url,
        handled,
        bodies,
    }
}

fn trusting() -> NotificationVerifier {
    NotificationVerifier::new(MERCHANT, wallet_key().verifying_key())
}

#[tokio::test]
async fn every_event_is_notified_signed_and_verified() {
    let receiver = receiver(trusting(), Plan::default()).await;
    let url = receiver.url.clone();
    let wallet = start(|server| {
        server
            .with_notifications(MERCHANT, &url, options())
            .unwrap()
    })
    .await;
    let client = wallet.client(GatewayProfile::v1());

    let code = wallet.code(&["USER_ID", "USER_NICKNAME"]).await;
    receiver.until(|r| r.handled().len() == 1).await;
    let tokens = client.apply_token(&code).await.unwrap();
    receiver.until(|r| r.handled().len() == 2).await;
    client.revoke(&tokens.access_token).await.unwrap();
    receiver.until(|r| r.handled().len() == 3).await;
    // The user unbinds while a second grant is live.
    // (One event at a time: deliveries run side by side and may overtake each other.)
    let second = wallet.code(&["USER_ID"]).await;
    receiver.until(|r| r.handled().len() == 4).await;
    client.apply_token(&second).await.unwrap();
    receiver.until(|r| r.handled().len() == 5).await;
    let (status, _) = wallet
        .emulator_post(
            EMULATOR_UNBIND_PATH,
            &json!({"clientId": MERCHANT, "userId": USER}).to_string(),
        )
        .await;
    assert_eq!(status, 200);
    receiver.until(|r| r.handled().len() == 6).await;

    let handled = receiver.handled();
    assert!(
        handled
            .iter()
            .all(|n| n.client_id == MERCHANT && !n.duplicate)
    );
    assert!(handled.iter().all(|n| n.notify.auth_client_id == MERCHANT));
    let kinds: Vec<_> = handled
        .iter()
        .map(|n| n.notify.authorization_notify_type)
        .collect();
    use AuthNotifyType::*;
    assert_eq!(
        kinds,
        [
            AuthcodeCreated,
            TokenCreated,
            TokenCanceled,
            AuthcodeCreated,
            TokenCreated,
            TokenCanceled
        ]
    );
    let [created, issued, cancelled, .., unbound] = &handled[..] else {
        unreachable!()
    };
    assert_eq!(created.notify.auth_code.as_ref(), Some(&code));
    assert_eq!(created.notify.customer_id, None);
    assert_eq!(
        issued.notify.access_token.as_ref(),
        Some(&tokens.access_token)
    );
    assert_eq!(issued.notify.refresh_token, tokens.refresh_token);
    assert_eq!(
        issued.notify.access_token_expiry_time,
        Some(tokens.access_token_expiry_time)
    );
    assert_eq!(issued.notify.customer_id.as_deref(), Some(USER));
    assert_eq!(
        cancelled.notify.reason.as_deref(),
        Some("CANCELLED_BY_MERCHANT")
    );
    assert_eq!(
        cancelled.notify.access_token.as_ref(),
        Some(&tokens.access_token)
    );
    assert_eq!(cancelled.notify.customer_id.as_deref(), Some(USER));
    assert_eq!(unbound.notify.reason.as_deref(), Some("CONSENT_WITHDRAWN"));
    assert_eq!(unbound.notify.access_token, None);
    // Each was acknowledged at the first attempt.
    assert_eq!(receiver.requests(), 6);
}

#[tokio::test]
async fn a_failed_delivery_is_retried_with_the_same_body() {
    let plan = Plan {
        refuse: AtomicUsize::new(1),
        fail: AtomicUsize::new(1),
        ..Plan::default()
    };
    let receiver = receiver(trusting(), plan).await;
    let url = receiver.url.clone();
    let wallet = start(|server| {
        server
            .with_notifications(MERCHANT, &url, options())
            .unwrap()
    })
    .await;

    let code = wallet.code(&["USER_ID"]).await;
    receiver.until(|r| r.handled().len() == 1).await;
    // HTTP 500, then UNKNOWN_EXCEPTION from the failing handler, then SUCCESS.
    assert_eq!(receiver.requests(), 3);
    let bodies = receiver.bodies.lock().unwrap().clone();
    assert!(bodies.iter().all(|body| *body == bodies[0]));
    let [handled] = &receiver.handled()[..] else {
        unreachable!()
    };
    // The handler's failure forgot it, so the third delivery is not a duplicate.
    assert!(!handled.duplicate);
    assert_eq!(handled.notify.auth_code.as_ref(), Some(&code));
}

#[tokio::test]
async fn a_redelivery_after_a_lost_acknowledgement_is_a_duplicate() {
    let plan = Plan {
        lose_ack: AtomicUsize::new(1),
        ..Plan::default()
    };
    let receiver = receiver(trusting(), plan).await;
    let url = receiver.url.clone();
    let wallet = start(|server| {
        server
            .with_notifications(MERCHANT, &url, options())
            .unwrap()
    })
    .await;

    wallet.code(&["USER_ID"]).await;
    receiver.until(|r| r.handled().len() == 2).await;
    let handled = receiver.handled();
    assert_eq!(
        handled.iter().map(|n| n.duplicate).collect::<Vec<_>>(),
        [false, true]
    );
    assert_eq!(handled[0].notify, handled[1].notify);
    assert_eq!(handled[0].digest_hex(), handled[1].digest_hex());
    // Acknowledged the second time: no third attempt.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(receiver.requests(), 2);
}

#[tokio::test]
async fn a_receiver_that_does_not_trust_the_key_refuses_every_attempt() {
    // The receiver holds another key as the wallet's, under versions 1 and 2.
    let verifier = NotificationVerifier::new(MERCHANT, key(3).verifying_key())
        .wallet_key(2, key(3).verifying_key());
    let receiver = receiver(verifier, Plan::default()).await;
    let url = receiver.url.clone();
    let wallet = start(|server| {
        server
            .with_notifications(MERCHANT, &url, options())
            .unwrap()
    })
    .await;

    wallet.code(&["USER_ID"]).await;
    receiver
        .until(|r| r.requests() == options().max_attempts as usize)
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    // Given up after the last attempt; the handler never saw it.
    assert_eq!(receiver.requests(), options().max_attempts as usize);
    assert!(receiver.handled().is_empty());

    // Once the wallet signs with the key the receiver holds (a rotation to version 2), they
    // pass.
    wallet.keys.set_wallet_key(2, key(3));
    wallet.code(&["USER_ID"]).await;
    receiver.until(|r| r.handled().len() == 1).await;
}

#[tokio::test]
async fn a_stalled_receiver_never_slows_the_wallet() {
    // Accepts connections and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}{AUTH_NOTIFY_PATH}",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let options = NotifyOptions {
        timeout: Duration::from_secs(30),
        queue: 4,
        max_in_flight: 2,
        ..options()
    };
    let wallet = start(|server| server.with_notifications(MERCHANT, &url, options).unwrap()).await;
    let client = wallet.client(GatewayProfile::v1());

    let started = Instant::now();
    for _ in 0..20 {
        let tokens = client
            .apply_token(&wallet.code(&["USER_ID"]).await)
            .await
            .unwrap();
        let _: UserInfo = client
            .inquiry_user_info(&tokens.access_token)
            .await
            .unwrap();
    }
    // Forty events queued (most dropped: the queue holds 4) behind deliveries that wait 30 s;
    // the requests took their usual milliseconds.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let err = client
        .apply_token(&authcode_runtime::AuthCode::new("unknown"))
        .await
        .unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::InvalidCode));
}

/// Events with the same content are distinct notifications: one unbind that revokes two
/// grants sends two TOKEN_CANCELED bodies that differ by their `notifyId`, and the receiver
/// acts on both (neither is taken for a redelivery of the other).
#[tokio::test]
async fn events_with_the_same_content_are_not_duplicates() {
    let receiver = receiver(trusting(), Plan::default()).await;
    let url = receiver.url.clone();
    let wallet = start(|server| {
        server
            .with_notifications(MERCHANT, &url, options())
            .unwrap()
    })
    .await;
    let client = wallet.client(GatewayProfile::v1());
    for _ in 0..2 {
        let code = wallet.code(&["USER_ID", "USER_NICKNAME"]).await;
        client.apply_token(&code).await.unwrap();
    }
    receiver.until(|r| r.handled().len() == 4).await;
    let (status, _) = wallet
        .emulator_post(
            EMULATOR_UNBIND_PATH,
            &json!({"clientId": MERCHANT, "userId": USER}).to_string(),
        )
        .await;
    assert_eq!(status, 200);
    receiver.until(|r| r.handled().len() == 6).await;
    let cancelled: Vec<Notification> = receiver
        .handled()
        .into_iter()
        .filter(|n| n.notify.authorization_notify_type == AuthNotifyType::TokenCanceled)
        .collect();
    assert_eq!(cancelled.len(), 2);
    assert!(cancelled.iter().all(|n| !n.duplicate));
    assert!(cancelled.iter().all(|n| n.notify.access_token.is_none()));
    let ids: std::collections::HashSet<_> = receiver
        .handled()
        .iter()
        .map(|n| {
            n.notify
                .notify_id
                .clone()
                .expect("every notification has an ID")
        })
        .collect();
    assert_eq!(ids.len(), 6, "every notification has its own ID");
}

/// Two merchants on one emulator: each client's events go to its own receiver only, and a
/// receiver refuses a notification for a client that is not its merchant's.
#[tokio::test]
async fn notifications_never_cross_merchants() {
    const OTHER: &str = "2022000000000002";
    let mine = receiver(trusting(), Plan::default()).await;
    let theirs = receiver(
        NotificationVerifier::new(OTHER, wallet_key().verifying_key()),
        Plan::default(),
    )
    .await;
    let (mine_url, theirs_url) = (mine.url.clone(), theirs.url.clone());
    let wallet = start(|server| {
        server
            .with_notifications(MERCHANT, &mine_url, options())
            .unwrap()
            .with_notifications(OTHER, &theirs_url, options())
            .unwrap()
    })
    .await;
    wallet
        .auth
        .register_client(OTHER, authcode_runtime::ScopeSet::all())
        .await
        .unwrap();
    wallet.code(&["USER_ID"]).await;
    wallet
        .auth
        .get_auth_code(
            OTHER,
            USER,
            ["USER_ID"],
            authcode_runtime::flow::ConsentDecision::ApproveAll,
        )
        .await
        .auth_code()
        .expect("a code");
    mine.until(|r| r.handled().len() == 1).await;
    theirs.until(|r| r.handled().len() == 1).await;
    // Give a stray delivery time to arrive.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(mine.requests(), 1);
    assert_eq!(theirs.requests(), 1);
    assert!(
        mine.handled()
            .iter()
            .all(|n| n.notify.auth_client_id == MERCHANT)
    );
    assert!(
        theirs
            .handled()
            .iter()
            .all(|n| n.notify.auth_client_id == OTHER)
    );

    // Another merchant's notification replayed at my receiver is refused there.
    let foreign = theirs.bodies.lock().unwrap()[0].clone();
    let time = authcode_wire::time::format(std::time::SystemTime::now()).unwrap();
    let signature = authcode_signing::Message {
        method: "POST",
        path: AUTH_NOTIFY_PATH,
        client_id: OTHER,
        time: &time,
        body: &foreign,
    }
    .sign(&wallet_key(), 1)
    .unwrap()
    .to_string();
    let answer = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(&mine.url)
        .header(authcode_signing::CLIENT_ID, OTHER)
        .header(authcode_signing::REQUEST_TIME, &time)
        .header(authcode_signing::SIGNATURE, signature)
        .header("content-type", "application/json")
        .body(foreign)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&answer).unwrap();
    assert_eq!(answer["result"]["resultCode"], "INVALID_CLIENT");
    assert_eq!(mine.handled().len(), 1);
}
