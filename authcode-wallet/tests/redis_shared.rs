//! Two emulator processes on one Redis behave as one wallet: codes, tokens and revocations
//! are shared, and single use holds across them.

mod support;

use std::sync::Arc;

use authcode_runtime::wire::{ResultCode, ResultStatus};
use authcode_testing_redis::{RedisCluster, RedisServer};
use support::{Emulator, Keys, answer, inquiry};
use tokio::sync::Barrier;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_from_one_instance_is_redeemed_on_the_other_and_a_replay_there_revokes() {
    let redis = RedisServer::start();
    let keys = Keys::new();
    let (a, b) = (
        Emulator::start(&keys, &redis.url()),
        Emulator::start(&keys, &redis.url()),
    );
    let (on_a, on_b) = (a.client(), b.client());

    let code = a.code().await;
    let tokens = on_b.apply_token(&code).await.expect("B redeems A's code");
    assert_eq!(tokens.customer_id.as_deref(), Some(support::USER));
    let user = inquiry(&on_a, &tokens)
        .await
        .expect("A accepts B's access token");
    assert_eq!(user.nick_name.as_deref(), Some("Ana"));

    // The replay reaches A: the code is used, and the tokens B issued die everywhere.
    let replay = on_a.apply_token(&code).await.unwrap_err();
    assert_eq!(
        answer(&replay),
        (ResultCode::UsedCode, ResultStatus::Failure)
    );
    for client in [&on_a, &on_b] {
        let refused = inquiry(client, &tokens).await.unwrap_err();
        assert_eq!(answer(&refused).0, ResultCode::InvalidAccessToken);
    }
    let refresh = on_b
        .refresh_token(tokens.refresh_token.as_ref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(answer(&refresh).0, ResultCode::InvalidRefreshToken);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_redemptions_spread_over_both_instances_succeed_once() {
    const REDEMPTIONS: usize = 64;
    let redis = RedisServer::start();
    let keys = Keys::new();
    let (a, b) = (
        Emulator::start(&keys, &redis.url()),
        Emulator::start(&keys, &redis.url()),
    );
    let clients = [Arc::new(a.client()), Arc::new(b.client())];
    let code = a.code().await;

    let start = Arc::new(Barrier::new(REDEMPTIONS));
    let redemptions: Vec<_> = (0..REDEMPTIONS)
        .map(|n| {
            let (client, start, code) = (
                Arc::clone(&clients[n % 2]),
                Arc::clone(&start),
                code.clone(),
            );
            tokio::spawn(async move {
                start.wait().await;
                client.apply_token(&code).await
            })
        })
        .collect();
    let mut successes = Vec::new();
    for (n, redemption) in redemptions.into_iter().enumerate() {
        match redemption.await.unwrap() {
            Ok(tokens) => successes.push((n % 2, tokens)),
            Err(err) => assert_eq!(answer(&err), (ResultCode::UsedCode, ResultStatus::Failure)),
        }
    }
    assert_eq!(
        successes.len(),
        1,
        "of {REDEMPTIONS} redemptions over two instances, one succeeds"
    );
    // The replays revoked the winner's tokens, on both instances.
    let (_, tokens) = &successes[0];
    for client in &clients {
        let refused = inquiry(client, tokens).await.unwrap_err();
        assert_eq!(answer(&refused).0, ResultCode::InvalidAccessToken);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_a_redis_cluster_share_codes_and_revocations() {
    let cluster = RedisCluster::start();
    let nodes: Vec<String> = cluster
        .urls()
        .iter()
        .map(|url| url.trim_start_matches("redis://").to_owned())
        .collect();
    let store = format!("redis-cluster://{}", nodes.join(","));
    let keys = Keys::new();
    let (a, b) = (
        Emulator::start(&keys, &store),
        Emulator::start(&keys, &store),
    );
    let (on_a, on_b) = (a.client(), b.client());
    for _ in 0..3 {
        let code = a.code().await;
        let tokens = on_b.apply_token(&code).await.expect("B redeems A's code");
        inquiry(&on_a, &tokens).await.expect("A accepts B's token");
        let replay = on_a.apply_token(&code).await.unwrap_err();
        assert_eq!(
            answer(&replay),
            (ResultCode::UsedCode, ResultStatus::Failure)
        );
        let refused = inquiry(&on_b, &tokens).await.unwrap_err();
        assert_eq!(answer(&refused).0, ResultCode::InvalidAccessToken);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_store_stays_in_memory_and_is_not_shared() {
    let keys = Keys::new();
    let (a, b) = (
        Emulator::start(&keys, "memory"),
        Emulator::start(&keys, "memory"),
    );
    let code = a.code().await;
    let err = b.client().apply_token(&code).await.unwrap_err();
    assert_eq!(
        answer(&err),
        (ResultCode::InvalidCode, ResultStatus::Failure)
    );
    a.client()
        .apply_token(&code)
        .await
        .expect("the issuing instance redeems it");
}

#[test]
fn a_bad_or_unreachable_store_is_reported_at_start() {
    let keys = Keys::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for (store, expected) in [
        (
            "memcached://127.0.0.1:11211",
            "expected memory or a Redis URL",
        ),
        ("redis-cluster://", "a cluster is redis-cluster://host:port"),
        (
            &format!("redis://127.0.0.1:{closed}") as &str,
            "--store: the store is unavailable",
        ),
    ] {
        let started = std::time::Instant::now();
        let output = start_on(&keys, store);
        assert!(!output.status.success(), "{store}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{store}: {stderr}");
        assert!(
            output.stdout.is_empty(),
            "{store}: it must not claim to listen"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{store}: {:?}",
            started.elapsed()
        );
    }
}

/// Credentials in a `--store` URL never reach stderr, whatever is wrong with the URL: not from
/// the argument parser, the URL parser or the connection error.
#[test]
fn store_credentials_are_never_printed() {
    const SECRET: &str = "s3cr3t-PASSWORD";
    let keys = Keys::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let forms = [
        format!("redis-cluster://user:{SECRET}@"),
        format!("redis-cluster://user:{SECRET}@h1:7000,/x"),
        format!("redis-cluster://{SECRET}@h1:7000,,h2"),
        format!("memcached://user:{SECRET}@127.0.0.1:11211"),
        format!("redis://user:{SECRET}@127.0.0.1:{closed}"),
        format!("rediss://:{SECRET}@127.0.0.1:{closed}/0"),
        format!("redis-cluster://user:{SECRET}@127.0.0.1:{closed}"),
        format!("http://user:{SECRET}@[::1"),
    ];
    for store in &forms {
        let output = start_on(&keys, store);
        assert!(!output.status.success(), "{store}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--store"), "{store}: {stderr}");
        assert!(!stderr.contains(SECRET), "{store} leaked: {stderr}");
    }
}

/// Runs the emulator on `store` until it exits (it must fail at start).
fn start_on(keys: &Keys, store: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_authcode-wallet"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--client-id",
            support::MERCHANT,
            "--client-public-key",
        ])
        .arg(keys.dir.join("merchant.pub.pem"))
        .args(["--store", store])
        .output()
        .unwrap()
}
