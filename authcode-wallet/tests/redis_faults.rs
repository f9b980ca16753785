//! Redis dies under load and comes back: the emulator answers `UNKNOWN_EXCEPTION` / `U`
//! quickly meanwhile, never panics, never lets a code be redeemed twice, leaves no
//! half-issued grant behind, and serves again once Redis is back, without a restart.

mod support;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use authcode_client::ClientError;
use authcode_runtime::JsapiErrorCode;
use authcode_runtime::wire::{ResultCode, ResultStatus, Tokens};
use authcode_testing_redis::RedisServer;
use support::{Emulator, Keys, answer, inquiry};

/// The longest an answer may take while Redis is down.
const BOUND: Duration = Duration::from_secs(3);
const CODES: usize = 60;
const WORKERS: usize = 4;

/// One exchange of the load.
struct Outcome {
    code: usize,
    /// Whether Redis was already dead when the request was sent.
    sent_while_down: bool,
    elapsed: Duration,
    result: Result<Tokens, ClientError>,
}

fn is_unknown(result: &Result<Tokens, ClientError>) -> bool {
    matches!(result, Err(err) if answer(err) == (ResultCode::UnknownException, ResultStatus::Unknown))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_dying_under_load_fails_requests_fast_and_service_resumes() {
    // Every acknowledged write reaches the disk, so the restarted Redis knows every code
    // it told the emulator it had marked used.
    let mut redis = RedisServer::start_with(&["--appendonly", "yes", "--appendfsync", "always"]);
    let keys = Keys::new();
    let mut wallet = Emulator::start(&keys, &redis.url());
    let client = Arc::new(wallet.client());
    let mut codes = Vec::with_capacity(CODES);
    for _ in 0..CODES {
        codes.push(wallet.code().await);
    }
    let codes = Arc::new(codes);

    // The load: workers exchange the codes one after another; Redis is killed once a
    // quarter of them are through.
    let queue = Arc::new(Mutex::new((0..CODES).collect::<VecDeque<_>>()));
    let down = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (client, codes, queue, down, done) = (
                Arc::clone(&client),
                Arc::clone(&codes),
                Arc::clone(&queue),
                Arc::clone(&down),
                Arc::clone(&done),
            );
            tokio::spawn(async move {
                let mut outcomes = Vec::new();
                loop {
                    let Some(code) = queue.lock().unwrap().pop_front() else {
                        return outcomes;
                    };
                    let sent_while_down = down.load(Ordering::SeqCst);
                    let started = Instant::now();
                    let result = client.apply_token(&codes[code]).await;
                    outcomes.push(Outcome {
                        code,
                        sent_while_down,
                        elapsed: started.elapsed(),
                        result,
                    });
                    done.fetch_add(1, Ordering::SeqCst);
                    // Paced, so that the kill lands in the middle of the load.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            })
        })
        .collect();
    while done.load(Ordering::SeqCst) < CODES / 4 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    redis.stop();
    down.store(true, Ordering::SeqCst);

    // A new authorization meanwhile fails as the JSAPI's system error, just as fast.
    let started = Instant::now();
    let refused = wallet.get_auth_code().await;
    assert!(
        started.elapsed() < BOUND,
        "getAuthCode took {:?}",
        started.elapsed()
    );
    assert!(
        matches!(refused.error(), Some(JsapiErrorCode::SystemError)),
        "{:?}",
        refused.error_message()
    );
    assert!(refused.auth_code().is_none());

    let mut outcomes = Vec::new();
    for worker in workers {
        outcomes.extend(worker.await.expect("a worker panicked"));
    }
    assert_eq!(outcomes.len(), CODES);
    for outcome in &outcomes {
        assert!(
            outcome.elapsed < BOUND,
            "code {} was answered after {:?}",
            outcome.code,
            outcome.elapsed
        );
        assert!(
            outcome.result.is_ok() || is_unknown(&outcome.result),
            "code {}: {:?}",
            outcome.code,
            outcome.result.as_ref().err()
        );
        if outcome.sent_while_down {
            assert!(
                is_unknown(&outcome.result),
                "code {} was redeemed with Redis dead",
                outcome.code
            );
        }
    }
    let redeemed = outcomes.iter().filter(|o| o.result.is_ok()).count();
    let failed = outcomes.iter().filter(|o| is_unknown(&o.result)).count();
    assert!(
        redeemed >= CODES / 4,
        "the load ran before the kill ({redeemed} redeemed)"
    );
    assert!(
        failed > CODES / 2,
        "the load went on during the outage ({failed} failed)"
    );

    // Redis back, the same emulator process serves again.
    redis.restart();
    let probe = outcomes
        .iter()
        .find_map(|o| o.result.as_ref().ok())
        .expect("a code redeemed before the kill");
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Err(err) = inquiry(&client, probe).await {
        assert!(
            Instant::now() < deadline,
            "service did not resume within 10 s: {err}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(wallet.is_running(), "the emulator must survive the outage");

    // Every code is redeemed at most once over the whole test: the ones redeemed before the
    // kill are used; the ones refused with Redis dead redeem now, once (unless the kill
    // landed after their test-and-set, which only a request in flight can see), and the
    // grants behind them are whole: their tokens work.
    let mut redeemed_now = 0;
    for outcome in &outcomes {
        let code = &codes[outcome.code];
        let again = client.apply_token(code).await;
        match (&outcome.result, again) {
            (Ok(_), Err(err)) => assert_eq!(answer(&err).0, ResultCode::UsedCode),
            (Ok(_), Ok(_)) => panic!("code {} was redeemed twice", outcome.code),
            (Err(_), Ok(tokens)) => {
                redeemed_now += 1;
                let user = inquiry(&client, &tokens)
                    .await
                    .expect("the late grant is whole");
                assert_eq!(user.nick_name.as_deref(), Some("Ana"));
                let replay = client.apply_token(code).await.unwrap_err();
                assert_eq!(answer(&replay).0, ResultCode::UsedCode);
            }
            (Err(_), Err(err)) => {
                assert!(
                    !outcome.sent_while_down,
                    "code {} was refused with Redis dead, yet is used now",
                    outcome.code
                );
                assert_eq!(answer(&err).0, ResultCode::UsedCode);
            }
        }
    }
    let sent_while_down = outcomes.iter().filter(|o| o.sent_while_down).count();
    assert!(redeemed_now >= sent_while_down);
    eprintln!(
        "{redeemed} redeemed before the kill; {failed} refused with U ({sent_while_down} sent \
         with Redis dead); {redeemed_now} redeemed once Redis was back"
    );
    let fresh = wallet.code().await;
    client
        .apply_token(&fresh)
        .await
        .expect("new authorizations work again");

    let logs = wallet.logs();
    assert!(!logs.contains("panicked"), "{logs}");
}

/// Redis back empty (restarted without persistence, flushed, failed over to a replica that
/// had not caught up): the configured clients and users are not state the store may lose, so
/// the same emulator serves new logins at once, without a restart; only the codes, tokens,
/// grants and consents of before are forgotten.
#[tokio::test]
async fn redis_back_empty_means_service_back() {
    let redis = RedisServer::start();
    let keys = Keys::new();
    let wallet = Emulator::start(&keys, &redis.url());
    let client = wallet.client();
    let before = client.apply_token(&wallet.code().await).await.unwrap();

    redis.cli(&["FLUSHALL"]);

    // The tokens of before are gone with the state...
    let (code, _) = answer(&inquiry(&client, &before).await.unwrap_err());
    assert_eq!(code, ResultCode::InvalidAccessToken);
    // ...but the client and the user are not: a new login works at once.
    let tokens = client.apply_token(&wallet.code().await).await.unwrap();
    let user = inquiry(&client, &tokens).await.unwrap();
    assert_eq!(user.user_id.as_deref(), Some("2088001"));
}
