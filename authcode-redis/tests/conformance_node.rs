//! The conformance suite on one Redis node, plus what only Redis can show: the keys, their
//! TTLs, what is (not) written, and calls failing fast while Redis is down.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use authcode_redis::{RedisOptions, RedisStore};
use authcode_runtime::flow::{
    AuthServer, ConsentDecision, SecretHash, SecretKind, Store, StoreError,
};
use authcode_runtime::wire::ApplyTokenRequest;
use authcode_runtime::{ScopeSet, UserInfo};
use authcode_store_conformance::{AlipayPlusScope, store_conformance_tests};
use authcode_testing_redis::RedisServer;

/// One server for the whole test binary; each test gets a key prefix of its own.
fn redis() -> &'static RedisServer {
    static REDIS: OnceLock<RedisServer> = OnceLock::new();
    REDIS.get_or_init(RedisServer::start)
}

fn fresh_prefix() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("t{}:", NEXT.fetch_add(1, Ordering::Relaxed))
}

async fn store() -> RedisStore<AlipayPlusScope> {
    let options = RedisOptions {
        prefix: fresh_prefix(),
        ..RedisOptions::default()
    };
    RedisStore::connect(&redis().target(), &options)
        .await
        .expect("the test Redis answers")
}

store_conformance_tests!(store().await);

/// The keys under `prefix`, each with its PTTL (-1: none).
fn keys_with_ttl(server: &RedisServer, prefix: &str) -> Vec<(String, i64)> {
    let pattern = format!("{prefix}*");
    let mut keys: Vec<String> = server
        .cli(&["--scan", "--pattern", &pattern])
        .lines()
        .map(str::to_owned)
        .collect();
    keys.sort();
    keys.into_iter()
        .map(|key| {
            let ttl = server.cli(&["PTTL", &key]).trim().parse().unwrap();
            (key, ttl)
        })
        .collect()
}

#[tokio::test]
async fn a_flow_writes_the_documented_keys_with_ttls_and_no_secret() {
    let store = store().await;
    let prefix = store.prefix().to_owned();
    let wallet = AuthServer::with_store(store);
    wallet
        .register_client("merchant", ScopeSet::all())
        .await
        .unwrap();
    wallet
        .add_user("2088001", UserInfo::default())
        .await
        .unwrap();
    let response = wallet
        .get_auth_code(
            "merchant",
            "2088001",
            ["USER_ID", "USER_NICKNAME"],
            ConsentDecision::ApproveAll,
        )
        .await;
    let code = response.auth_code().unwrap().clone();
    let grant = wallet
        .apply_token(
            "merchant",
            &ApplyTokenRequest::authorization_code(code.clone()),
        )
        .await
        .unwrap();
    let tokens = grant.tokens;

    let keys = keys_with_ttl(redis(), &prefix);
    let names: Vec<String> = keys
        .iter()
        .map(|(key, _)| {
            let key = &key[prefix.len()..];
            // The grant ID and the hashes vary; the shape does not.
            match key.split_once(':') {
                Some(("{g", _)) => "{g:<grant>}".to_owned(),
                Some(("{s", rest)) => format!("{{s:{}:<sha256>}}", rest.split(':').next().unwrap()),
                _ => key.to_owned(),
            }
        })
        .collect();
    assert_eq!(
        names,
        [
            "{c:merchant}",
            "{g:<grant>}",
            "{s:access:<sha256>}",
            "{s:code:<sha256>}",
            "{s:refresh:<sha256>}",
            "{u:2088001}:consents",
            "{u:2088001}:grants:merchant",
            "{u:2088001}:profile",
        ]
    );
    for ((key, ttl), name) in keys.iter().zip(&names) {
        let expires = name.starts_with("{g") || name.starts_with("{s") || name.contains(":grants:");
        if expires {
            assert!(*ttl > 0, "{key} must expire by itself, PTTL {ttl}");
        } else {
            assert_eq!(*ttl, -1, "{key} is kept until replaced or removed");
        }
    }
    // The refresh token's record and the grant live for the refresh token's 30 days.
    let ttl_of = |shape: &str| {
        keys.iter()
            .zip(&names)
            .find(|(_, n)| n.as_str() == shape)
            .unwrap()
            .0
            .1
    };
    let thirty_days = 30 * 24 * 3600 * 1000;
    assert!(
        ttl_of("{g:<grant>}") > thirty_days - 60_000,
        "the grant outlives its refresh token"
    );
    assert!(ttl_of("{u:2088001}:grants:merchant") > thirty_days - 60_000);
    // A code lives ten minutes, and is kept for the retention after (an expired code is told
    // from an unknown one).
    let retention = authcode_runtime::flow::EXPIRED_RETENTION.as_millis() as i64;
    assert!(ttl_of("{s:code:<sha256>}") <= 600_000 + retention);
    assert!(ttl_of("{s:code:<sha256>}") > 600_000);

    // A dump of every key and value holds no code or token, only their hashes.
    let mut dump = String::new();
    for (key, _) in &keys {
        dump.push_str(key);
        dump.push_str(&redis().cli(&["--no-raw", "DUMP", key]));
        dump.push_str(&redis().cli(&["GET", key]));
        dump.push_str(&redis().cli(&["HGETALL", key]));
    }
    for secret in [
        code.expose(),
        tokens.access_token.expose(),
        tokens.refresh_token.as_ref().unwrap().expose(),
    ] {
        assert!(!dump.contains(secret), "a secret was written to Redis");
    }
    let hash: String = SecretHash::of(code.expose())
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(dump.contains(&hash), "the code is stored under its SHA-256");
}

#[tokio::test]
async fn scopes_are_stored_by_wire_name_and_unknown_names_are_dropped() {
    let store = store().await;
    let key = format!("{}{{c:merchant}}", store.prefix());
    store
        .register(ScopeSet::from([
            AlipayPlusScope::UserId,
            AlipayPlusScope::UserNickname,
        ]))
        .await;
    assert_eq!(
        redis().cli(&["GET", &key]).trim(),
        r#"["USER_ID","USER_NICKNAME"]"#
    );
    // A scope this spec does not know (written by a newer wallet, say) narrows nothing else.
    redis().cli(&["SET", &key, r#"["USER_SHOE_SIZE","USER_ID"]"#]);
    let client = store.client("merchant").await.unwrap().unwrap();
    assert_eq!(client.permitted, ScopeSet::single(AlipayPlusScope::UserId));
    // Data of the wrong shape is corrupt, not a missing client.
    redis().cli(&["SET", &key, "USER_ID"]);
    assert!(matches!(
        store.client("merchant").await,
        Err(StoreError::Corrupt(_))
    ));
    redis().cli(&[
        "SET",
        &format!("{}{{s:code:{}}}", store.prefix(), "00".repeat(32)),
        "garbage",
    ]);
    assert!(matches!(
        store
            .secret(SecretKind::AuthCode, &SecretHash::from_bytes([0; 32]))
            .await,
        Err(StoreError::Corrupt(_))
    ));
}

trait Register {
    async fn register(&self, scopes: ScopeSet<AlipayPlusScope>);
}

impl Register for RedisStore<AlipayPlusScope> {
    async fn register(&self, scopes: ScopeSet<AlipayPlusScope>) {
        let client = authcode_runtime::flow::Client {
            id: "merchant".to_owned(),
            permitted: scopes,
        };
        self.put_client(client).await.unwrap();
    }
}

#[tokio::test]
async fn calls_fail_fast_while_redis_is_down_and_resume_when_it_is_back() {
    let mut own = RedisServer::start();
    let options = RedisOptions {
        timeout: Duration::from_millis(500),
        ..RedisOptions::default()
    };
    let store = RedisStore::<AlipayPlusScope>::connect(&own.target(), &options)
        .await
        .unwrap();
    store.register(ScopeSet::all()).await;
    own.stop();
    for _ in 0..3 {
        let started = Instant::now();
        let outcome = store.client("merchant").await;
        assert!(
            matches!(outcome, Err(StoreError::Unavailable(_))),
            "{outcome:?}"
        );
        assert!(
            started.elapsed() < Duration::from_millis(1500),
            "took {:?}",
            started.elapsed()
        );
    }
    own.restart();
    // The restarted server is empty (nothing persisted); what matters is that it is reached
    // again through the same store, without reconnecting by hand.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match store.client("merchant").await {
            Ok(None) => break,
            outcome => assert!(
                Instant::now() < deadline,
                "not back within 5 s: {outcome:?}"
            ),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    store.register(ScopeSet::all()).await;
    assert!(store.client("merchant").await.unwrap().is_some());
}

#[tokio::test]
async fn connecting_to_nothing_fails_within_the_bound() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let outcome = RedisStore::<AlipayPlusScope>::connect(
        &format!("redis://127.0.0.1:{port}").parse().unwrap(),
        &RedisOptions::default(),
    )
    .await;
    assert!(
        matches!(outcome, Err(StoreError::Unavailable(_))),
        "{outcome:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_hung_redis_makes_calls_fail_at_the_timeout() {
    let own = RedisServer::start_with(&["--enable-debug-command", "local"]);
    let options = RedisOptions {
        timeout: Duration::from_millis(300),
        ..RedisOptions::default()
    };
    let store = RedisStore::<AlipayPlusScope>::connect(&own.target(), &options)
        .await
        .unwrap();
    store.register(ScopeSet::all()).await;
    // DEBUG SLEEP blocks the server's one thread: connections stay open, nothing answers.
    let port = own.port();
    let sleeper = std::thread::spawn(move || {
        std::process::Command::new("redis-cli")
            .args(["-p", &port.to_string(), "DEBUG", "SLEEP", "1.5"])
            .output()
            .unwrap()
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let outcome = store.client("merchant").await;
    let elapsed = started.elapsed();
    assert!(
        matches!(outcome, Err(StoreError::Unavailable(_))),
        "{outcome:?}"
    );
    assert!(
        elapsed >= Duration::from_millis(250) && elapsed < Duration::from_millis(800),
        "cut after {elapsed:?}, not at the 300 ms timeout"
    );
    assert!(sleeper.join().unwrap().status.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    while store.client("merchant").await.map(|c| c.is_some()) != Ok(true) {
        assert!(Instant::now() < deadline, "Redis did not come back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
