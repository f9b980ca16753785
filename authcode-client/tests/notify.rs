//! The notification receiver: what `NotificationVerifier` accepts and refuses (a forged, stale,
//! tampered or unknown-version notification), how it recognises redeliveries with bounded
//! memory, and (feature `axum`) what the router answers the wallet.

use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

use authcode_client::notify::{IncomingNotification, NotificationVerifier, NotifyError};
use authcode_openapi::{Message, SignatureError, SigningKey};
use authcode_runtime::ManualClock;
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
    Message {
        method: "POST",
        path: AUTH_NOTIFY_PATH,
        client_id: CLIENT,
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
    NotificationVerifier::new(key(0).verifying_key()).clock(clock())
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
fn memory_is_bounded_oldest_out_first_and_forgetting_undoes_a_record() {
    let verifier = verifier().remember(2);
    let deliver = |code: &str| {
        let body = body(code);
        let signature = sign(&key(0), 1, TIME, &body);
        verifier.verify(&incoming(TIME, &signature, &body)).unwrap()
    };
    assert!(!deliver("a").duplicate);
    assert!(!deliver("b").duplicate);
    assert!(deliver("a").duplicate);
    // A third body pushes the oldest ("a") out.
    assert!(!deliver("c").duplicate);
    assert!(!deliver("a").duplicate);
    assert!(deliver("c").duplicate);

    // Forgotten (its processing failed), a notification is new again when redelivered; a
    // duplicate is never forgotten, since its first delivery was processed.
    let first = deliver("d");
    verifier.forget(&first);
    let again = deliver("d");
    assert!(!again.duplicate);
    let duplicate = deliver("d");
    verifier.forget(&duplicate);
    assert!(deliver("d").duplicate);

    let none = self::verifier().remember(0);
    let body = body("x");
    let signature = sign(&key(0), 1, TIME, &body);
    assert!(
        !none
            .verify(&incoming(TIME, &signature, &body))
            .unwrap()
            .duplicate
    );
    assert!(
        !none
            .verify(&incoming(TIME, &signature, &body))
            .unwrap()
            .duplicate
    );
}

#[cfg(feature = "axum")]
mod router {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use authcode_client::notify::{self, Notification};
    use authcode_openapi::{CLIENT_ID, REQUEST_TIME, SIGNATURE};
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
}
