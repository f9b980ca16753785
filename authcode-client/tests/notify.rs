//! The notification receiver: what `NotificationVerifier` accepts and refuses (a forged, stale,
//! tampered or unknown-version notification), how it recognises redeliveries with bounded
//! memory, and (feature `axum`) what the router answers the wallet.

use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

use authcode_client::notify::{IncomingNotification, NotificationVerifier, NotifyError};
use authcode_runtime::{Clock, ManualClock};
use authcode_signing::{Message, SignatureError, SigningKey};
use authcode_wire::{AUTH_NOTIFY_PATH, AuthNotifyType};

/// The wallet's key and a stranger's, made once per test binary.
fn key(which: usize) -> SigningKey {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        (0..2)
            .map(|_| SigningKey::generate().unwrap().to_pkcs8_pem().to_string())
            .collect()
    });
    SigningKey::from_pkcs8_pem(&keys[which]).unwrap()
}

const CLIENT: &str = "2022000000000001";
const NOW: u64 = 1_769_848_200;
const TIME: &str = "2026-01-31T08:30:00+00:00";

fn clock() -> ManualClock {
    ManualClock::new(UNIX_EPOCH + Duration::from_secs(NOW))
}

fn body(code: &str) -> Vec<u8> {
    format!(r#"{{"authorizationNotifyType":"AUTHCODE_CREATED","authClientId":"{CLIENT}","authCode":"{code}"}}"#)
        .into_bytes()
}

/// The `Signature` header `key` makes as `version` for `body` at `time`.
fn sign(key: &SigningKey, version: u32, time: &str, body: &[u8]) -> String {
    sign_message(CLIENT, key, version, time, body)
}

/// The wallet's `Signature` of `body` at [`TIME`] for another client, `client_id`.
fn sign_as(client_id: &str, body: &[u8]) -> String {
    sign_message(client_id, &key(0), 1, TIME, body)
}

fn sign_message(
    client_id: &str,
    key: &SigningKey,
    version: u32,
    time: &str,
    body: &[u8],
) -> String {
    Message {
        method: "POST",
        path: AUTH_NOTIFY_PATH,
        client_id,
        time,
        body,
    }
    .sign(key, version)
    .unwrap()
    .to_string()
}

fn incoming<'a>(time: &'a str, signature: &'a str, body: &'a [u8]) -> IncomingNotification<'a> {
    IncomingNotification {
        path: AUTH_NOTIFY_PATH,
        client_id: Some(CLIENT),
        request_time: Some(time),
        signature: Some(signature),
        body,
    }
}

fn verifier() -> NotificationVerifier {
    NotificationVerifier::new(CLIENT, key(0).verifying_key()).clock(clock())
}

#[test]
fn a_signed_fresh_notification_is_accepted_and_its_redelivery_is_a_duplicate() {
    let verifier = verifier();
    let body = body("2810");
    let signature = sign(&key(0), 1, TIME, &body);
    let first = verifier.verify(&incoming(TIME, &signature, &body)).unwrap();
    assert_eq!(first.client_id, CLIENT);
    assert_eq!(
        first.notify.authorization_notify_type,
        AuthNotifyType::AuthcodeCreated
    );
    assert_eq!(first.notify.auth_code.as_ref().unwrap().expose(), "2810");
    assert!(!first.duplicate);
    assert_eq!(first.digest_hex().len(), 64);

    // The wallet sends it again a minute later: new time, new signature, same body.
    let later = "2026-01-31T08:31:00+00:00";
    let resigned = sign(&key(0), 1, later, &body);
    let again = verifier.verify(&incoming(later, &resigned, &body)).unwrap();
    assert!(again.duplicate);
    assert_eq!(again.digest_hex(), first.digest_hex());
    // Another body is another notification.
    let other = self::body("2811");
    let other_signature = sign(&key(0), 1, TIME, &other);
    assert!(
        !verifier
            .verify(&incoming(TIME, &other_signature, &other))
            .unwrap()
            .duplicate
    );
}

#[test]
fn forged_tampered_and_stale_notifications_are_refused_and_not_remembered() {
    let verifier = verifier();
    let body = body("2810");
    let forged = sign(&key(1), 1, TIME, &body);
    assert_eq!(
        verifier
            .verify(&incoming(TIME, &forged, &body))
            .unwrap_err(),
        NotifyError::Signature(SignatureError::Mismatch)
    );
    let genuine = sign(&key(0), 1, TIME, &body);
    let tampered = self::body("9999");
    assert_eq!(
        verifier
            .verify(&incoming(TIME, &genuine, &tampered))
            .unwrap_err(),
        NotifyError::Signature(SignatureError::Mismatch)
    );
    // The time is signed too: the genuine signature under another time fails.
    let moved = "2026-01-31T08:30:01+00:00";
    assert!(matches!(
        verifier.verify(&incoming(moved, &genuine, &body)),
        Err(NotifyError::Signature(_))
    ));
    for stale in ["2026-01-31T08:24:59+00:00", "2026-01-31T08:35:01+00:00"] {
        let signature = sign(&key(0), 1, stale, &body);
        let err = verifier
            .verify(&incoming(stale, &signature, &body))
            .unwrap_err();
        assert!(matches!(err, NotifyError::Stale { .. }), "{stale}: {err:?}");
        assert!(err.to_string().contains("more than 5 minutes"), "{err}");
    }
    // Nothing refused was remembered: the genuine one is new.
    assert!(
        !verifier
            .verify(&incoming(TIME, &genuine, &body))
            .unwrap()
            .duplicate
    );
}

#[test]
fn malformed_notifications_name_what_is_wrong() {
    let verifier = verifier();
    let body = body("2810");
    let signature = sign(&key(0), 1, TIME, &body);
    let good = incoming(TIME, &signature, &body);
    let unknown_version = sign(&key(0), 7, TIME, &body);
    let not_notify = br#"{"hello":"world"}"#;
    let not_notify_signature = sign(&key(0), 1, TIME, not_notify);
    for (notification, expected) in [
        (
            IncomingNotification {
                client_id: None,
                ..good
            },
            "the Client-Id header is missing",
        ),
        (
            IncomingNotification {
                request_time: None,
                ..good
            },
            "the Request-Time header is missing",
        ),
        (
            IncomingNotification {
                signature: None,
                ..good
            },
            "the Signature header is missing",
        ),
        (
            IncomingNotification {
                request_time: Some("now"),
                ..good
            },
            "Request-Time: \"now\" is not an ISO 8601",
        ),
        (
            IncomingNotification {
                signature: Some("algorithm=RSA256"),
                ..good
            },
            "signature field is missing",
        ),
        (
            incoming(TIME, &unknown_version, &body),
            "no wallet key of version 7",
        ),
        (
            incoming(TIME, &not_notify_signature, not_notify),
            "malformed authNotify body: missing field `authorizationNotifyType`",
        ),
    ] {
        let err = verifier.verify(&notification).unwrap_err();
        assert!(err.to_string().contains(expected), "{err} !~ {expected}");
    }
}

#[test]
fn the_wallet_rotating_its_key_is_followed_by_version() {
    let verifier = verifier().wallet_key(2, key(1).verifying_key());
    let body = body("2810");
    for (signer, version) in [(key(0), 1), (key(1), 2)] {
        let signature = sign(&signer, version, TIME, &body);
        let outcome = verifier.verify(&incoming(TIME, &signature, &body));
        assert!(outcome.is_ok(), "version {version}: {outcome:?}");
    }
    // The key of version 1 under the name of version 2 is not accepted.
    let wrong = sign(&key(0), 2, TIME, &body);
    assert!(matches!(
        verifier.verify(&incoming(TIME, &wrong, &body)),
        Err(NotifyError::Signature(SignatureError::Mismatch))
    ));
}

#[test]
fn memory_is_bounded_by_time_and_count_and_refuses_rather_than_forgets() {
    let clock = clock();
    let verifier = NotificationVerifier::new(CLIENT, key(0).verifying_key())
        .clock(clock.clone())
        .remember(2);
    let deliver = |code: &str| {
        let now = authcode_wire::time::format(clock.now()).unwrap();
        let body = body(code);
        let signature = sign(&key(0), 1, &now, &body);
        verifier.verify(&incoming(&now, &signature, &body))
    };
    assert!(!deliver("a").unwrap().duplicate);
    assert!(!deliver("b").unwrap().duplicate);
    assert!(deliver("a").unwrap().duplicate);
    // Full of notifications still within their time: a third is refused, nothing is
    // forgotten, and a replay of the first is still recognised.
    assert_eq!(deliver("c").unwrap_err(), NotifyError::MemoryFull);
    assert_eq!(
        NotifyError::MemoryFull.result_code(),
        authcode_wire::ResultCode::UnknownException
    );
    assert!(deliver("a").unwrap().duplicate);
    // Nine minutes later they are still remembered (a replay could still be fresh).
    clock.advance(Duration::from_secs(9 * 60));
    assert_eq!(deliver("c").unwrap_err(), NotifyError::MemoryFull);
    // Past ten minutes, the first two have expired and room is made.
    clock.advance(Duration::from_secs(61));
    assert!(!deliver("c").unwrap().duplicate);
    assert!(!deliver("a").unwrap().duplicate);

    // Forgotten (its processing failed), a notification is new again when redelivered; a
    // duplicate is never forgotten, since its first delivery was processed.
    clock.advance(Duration::from_secs(11 * 60));
    let first = deliver("d").unwrap();
    verifier.forget(&first);
    let again = deliver("d").unwrap();
    assert!(!again.duplicate);
    let duplicate = deliver("d").unwrap();
    verifier.forget(&duplicate);
    assert!(deliver("d").unwrap().duplicate);

    let none = self::verifier().remember(0);
    let body = body("x");
    let signature = sign(&key(0), 1, TIME, &body);
    for _ in 0..2 {
        assert!(
            !none
                .verify(&incoming(TIME, &signature, &body))
                .unwrap()
                .duplicate
        );
    }
}

#[test]
fn events_with_the_same_content_are_told_apart_by_their_notify_id() {
    let verifier = verifier();
    let canceled = |id: &str| {
        format!(
            r#"{{"authorizationNotifyType":"TOKEN_CANCELED","authClientId":"{CLIENT}","customerId":"2088001","reason":"CONSENT_WITHDRAWN","notifyId":"{id}"}}"#
        )
        .into_bytes()
    };
    let (one, two) = (canceled("0af3"), canceled("77c1"));
    let first = verifier
        .verify(&incoming(TIME, &sign(&key(0), 1, TIME, &one), &one))
        .unwrap();
    assert_eq!(first.notify.notify_id.as_deref(), Some("0af3"));
    let second = verifier
        .verify(&incoming(TIME, &sign(&key(0), 1, TIME, &two), &two))
        .unwrap();
    assert!(!second.duplicate, "a second unbind is a new event");
    let redelivered = verifier
        .verify(&incoming(TIME, &sign(&key(0), 1, TIME, &one), &one))
        .unwrap();
    assert!(redelivered.duplicate);
}

#[test]
fn a_notification_for_another_merchant_is_refused() {
    let verifier = verifier();
    // Signed for another client ID: refused before any RSA work.
    let other_client = "2022000000000002";
    let body = format!(
        r#"{{"authorizationNotifyType":"AUTHCODE_CREATED","authClientId":"{other_client}","authCode":"c"}}"#
    )
    .into_bytes();
    let signature = sign_as(other_client, &body);
    let refused = verifier
        .verify(&IncomingNotification {
            client_id: Some(other_client),
            ..incoming(TIME, &signature, &body)
        })
        .unwrap_err();
    assert!(
        matches!(&refused, NotifyError::ForeignClient { client_id } if client_id == other_client),
        "{refused:?}"
    );
    assert_eq!(
        refused.result_code(),
        authcode_wire::ResultCode::InvalidClient
    );
    // Signed with our Client-Id, but the body is another merchant's event.
    let signature = sign(&key(0), 1, TIME, &body);
    assert!(matches!(
        verifier.verify(&incoming(TIME, &signature, &body)),
        Err(NotifyError::ForeignClient { .. })
    ));
    // A merchant with two client IDs accepts both.
    let both = self::verifier().client_id(other_client);
    let signature = sign_as(other_client, &body);
    assert!(
        both.verify(&IncomingNotification {
            client_id: Some(other_client),
            ..incoming(TIME, &signature, &body)
        })
        .is_ok()
    );
}

#[cfg(feature = "axum")]
mod router {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use authcode_client::notify::{self, Notification};
    use authcode_signing::{CLIENT_ID, REQUEST_TIME, SIGNATURE};
    use serde_json::{Value, json};

    /// A receiver on 127.0.0.1 whose handler fails `failures` times; its URL and how often
    /// the handler ran.
    async fn serve(failures: usize) -> (String, Arc<AtomicUsize>) {
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let app = notify::router(Arc::new(verifier()), move |_: Notification| {
            let calls = Arc::clone(&counted);
            async move {
                if calls.fetch_add(1, Ordering::SeqCst) < failures {
                    Err("the merchant's database is down")
                } else {
                    Ok(())
                }
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://{}{AUTH_NOTIFY_PATH}",
            listener.local_addr().unwrap()
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        (url, calls)
    }

    async fn post(url: &str, signature: &str, body: &[u8]) -> (u16, Value) {
        let response = reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap()
            .post(url)
            .header(CLIENT_ID, CLIENT)
            .header(REQUEST_TIME, TIME)
            .header(SIGNATURE, signature)
            .body(body.to_vec())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap(),
        )
    }

    #[tokio::test]
    async fn the_router_acknowledges_accepted_and_duplicate_deliveries_only() {
        let (url, calls) = serve(1).await;
        let body = body("2810");
        let genuine = sign(&key(0), 1, TIME, &body);

        let (status, failed) = post(&url, &genuine, &body).await;
        assert_eq!(status, 200);
        assert_eq!(failed["result"]["resultCode"], "UNKNOWN_EXCEPTION");
        assert_eq!(failed["result"]["resultStatus"], "U");
        // The internal error is the merchant's, not told to the wallet.
        assert!(!failed.to_string().contains("database"), "{failed}");

        let (_, accepted) = post(&url, &genuine, &body).await;
        assert_eq!(
            accepted,
            json!({"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}})
        );
        let (_, duplicate) = post(&url, &genuine, &body).await;
        assert_eq!(duplicate, accepted);
        assert_eq!(calls.load(Ordering::SeqCst), 3);

        let forged = sign(&key(1), 1, TIME, &body);
        let (_, refused) = post(&url, &forged, &body).await;
        assert_eq!(refused["result"]["resultCode"], "INVALID_SIGNATURE");
        let unknown = sign(&key(0), 9, TIME, &body);
        let (_, refused) = post(&url, &unknown, &body).await;
        assert_eq!(refused["result"]["resultCode"], "KEY_NOT_FOUND");
        // The handler never saw the refused ones.
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    /// A receiver with `limits` on 127.0.0.1 whose handler acknowledges everything.
    async fn serve_with(limits: notify::ReceiverLimits) -> std::net::SocketAddr {
        let app = notify::router_with(
            Arc::new(verifier()),
            |_: Notification| async { Ok::<(), std::convert::Infallible>(()) },
            limits,
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        addr
    }

    /// Opens a connection, sends the head of a notification whose body never arrives whole
    /// (one byte every 200 ms), and returns the status line the receiver answers, with how
    /// long it took.
    async fn trickle(addr: std::net::SocketAddr) -> (String, Duration) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let started = std::time::Instant::now();
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST {AUTH_NOTIFY_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: 4000\r\n{CLIENT_ID}: {CLIENT}\r\n{REQUEST_TIME}: {TIME}\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut answer = vec![0u8; 256];
        loop {
            tokio::select! {
                read = stream.read(&mut answer) => {
                    let read = read.unwrap_or(0);
                    let text = String::from_utf8_lossy(&answer[..read]).into_owned();
                    let line = text.lines().next().unwrap_or("closed").to_owned();
                    return (line, started.elapsed());
                }
                () = tokio::time::sleep(Duration::from_millis(200)) => {
                    if stream.write_all(b"{").await.is_err() {
                        return ("closed".to_owned(), started.elapsed());
                    }
                }
            }
        }
    }

    #[tokio::test]
    async fn a_body_sent_a_byte_at_a_time_is_cut() {
        let addr = serve_with(notify::ReceiverLimits {
            request_timeout: Duration::from_secs(1),
            ..notify::ReceiverLimits::default()
        })
        .await;
        let slow: Vec<_> = (0..40).map(|_| tokio::spawn(trickle(addr))).collect();
        for connection in slow {
            let (line, took) = connection.await.unwrap();
            assert!(line.contains("408"), "{line}");
            assert!(took < Duration::from_secs(5), "{took:?}");
        }
    }

    #[tokio::test]
    async fn requests_past_the_limit_are_refused_at_once() {
        let addr = serve_with(notify::ReceiverLimits {
            request_timeout: Duration::from_secs(3),
            max_in_flight: 2,
        })
        .await;
        let holding: Vec<_> = (0..2).map(|_| tokio::spawn(trickle(addr))).collect();
        // Let both requests reach the router.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let url = format!("http://{addr}{AUTH_NOTIFY_PATH}");
        let body = body("2810");
        let started = std::time::Instant::now();
        let (status, _) = post_status(&url, &sign(&key(0), 1, TIME, &body), &body).await;
        assert_eq!(status, 503);
        assert!(started.elapsed() < Duration::from_secs(1));
        for connection in holding {
            let (line, _) = connection.await.unwrap();
            assert!(line.contains("408"), "{line}");
        }
        // Below the limit again, a notification is handled.
        let (status, _) = post_status(&url, &sign(&key(0), 1, TIME, &body), &body).await;
        assert_eq!(status, 200);
    }

    async fn post_status(url: &str, signature: &str, body: &[u8]) -> (u16, String) {
        let response = reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap()
            .post(url)
            .header(CLIENT_ID, CLIENT)
            .header(REQUEST_TIME, TIME)
            .header(SIGNATURE, signature)
            .header("content-type", "application/json")
            .body(body.to_vec())
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }
}
