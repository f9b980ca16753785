//! Flow throughput on Redis, measured in one run against its two baselines: the same flow on
//! the in-memory store (what Redis costs), and the same Redis round trips done bare, with
//! plain commands and no flow around them (the floor any Redis store pays). Then one
//! instance against two instances sharing the Redis.
//!
//! One flow run is getAuthCode (USER_ID and the remembered USER_NICKNAME) + applyToken +
//! inquiryUserInfo: 16 sequential round trips on Redis (7 + 6 + 3; the two token writes of
//! applyToken go out together).
//!
//! ```text
//! cargo bench -p authcode-redis --bench redis_flow
//! ```
//!
//! It starts its own `redis-server` (see the dev-only `authcode-testing-redis` of this workspace).

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use authcode_redis::{RedisOptions, RedisStore};
use authcode_runtime::flow::{AuthServer, CodeLimits, ConsentDecision, MemoryStore, Store};
use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest};
use authcode_runtime::{AuthScopes, ScopeSet, UserInfo};
use authcode_testing_redis::RedisServer;
use criterion::{Criterion, criterion_group, criterion_main};
use redis::aio::ConnectionManager;

/// The wallet of the benchmark.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

const MERCHANT: &str = "2022000000000001";
const USER: &str = "2088001";

type Wallet<St> = Arc<AuthServer<AlipayPlusScope, St>>;

async fn wallet<St: Store<AlipayPlusScope> + 'static>(store: St) -> Wallet<St> {
    let limits = CodeLimits {
        per_client: usize::MAX,
        per_user: usize::MAX,
        total: usize::MAX,
    };
    let auth = AuthServer::with_store(store).with_code_limits(limits);
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, UserInfo::default()).await.unwrap();
    let wallet = Arc::new(auth);
    // The consent to USER_NICKNAME is given once and remembered, as for a returning user.
    flow(&wallet).await;
    wallet
}

/// One complete flow run; panics unless every step succeeds.
async fn flow<St: Store<AlipayPlusScope>>(wallet: &AuthServer<AlipayPlusScope, St>) {
    let response = wallet
        .get_auth_code(
            MERCHANT,
            USER,
            ["USER_ID", "USER_NICKNAME"],
            ConsentDecision::ApproveAll,
        )
        .await;
    let code = response.auth_code().expect("a code").clone();
    let tokens = wallet
        .apply_token(MERCHANT, &ApplyTokenRequest::authorization_code(code))
        .await
        .expect("tokens")
        .tokens;
    wallet
        .inquiry_user_info(MERCHANT, &InquiryUserInfoRequest::new(tokens.access_token))
        .await
        .expect("user info");
}

/// The round trips of one flow run on the Redis store, each as a plain command of the same
/// kind on keys of the same shape (a no-op script where the store runs one), nothing else.
async fn bare_round_trips(connection: &ConnectionManager, sha: &str) {
    let mut c = connection.clone();
    let get = |key: &'static str| redis::cmd("GET").arg(key).to_owned();
    let evalsha = |key: &'static str| {
        redis::cmd("EVALSHA")
            .arg(sha)
            .arg(1)
            .arg(key)
            .arg("arg")
            .to_owned()
    };
    let set = |key: &'static str| {
        redis::cmd("SET")
            .arg(key)
            .arg("0:00000000000000000000000000000001:1900000000:0")
            .arg("PXAT")
            .arg(4_102_444_800_000u64)
            .to_owned()
    };
    async fn run(cmd: redis::Cmd, c: &mut ConnectionManager) {
        cmd.query_async::<redis::Value>(c).await.unwrap();
    }
    // getAuthCode: client, profile, remembered consent, grant + index, extend + code.
    run(get("b{c:merchant}"), &mut c).await;
    run(get("b{u:user}:profile"), &mut c).await;
    run(
        redis::cmd("HGET")
            .arg("b{u:user}:consents")
            .arg(MERCHANT)
            .to_owned(),
        &mut c,
    )
    .await;
    run(evalsha("b{g:grant}"), &mut c).await;
    run(evalsha("b{u:user}:grants:merchant"), &mut c).await;
    run(evalsha("b{g:grant}"), &mut c).await;
    run(set("b{s:code:x}"), &mut c).await;
    // applyToken: the code, its grant, mark_used, extend + index, both tokens at once.
    run(get("b{s:code:x}"), &mut c).await;
    run(redis::cmd("HGETALL").arg("b{g:grant}").to_owned(), &mut c).await;
    run(evalsha("b{s:code:x}"), &mut c).await;
    run(evalsha("b{g:grant}"), &mut c).await;
    run(evalsha("b{u:user}:grants:merchant"), &mut c).await;
    let mut d = connection.clone();
    tokio::join!(
        run(set("b{s:access:x}"), &mut c),
        run(set("b{s:refresh:x}"), &mut d)
    );
    // inquiryUserInfo: the token, its grant, the profile.
    run(get("b{s:access:x}"), &mut c).await;
    run(redis::cmd("HGETALL").arg("b{g:grant}").to_owned(), &mut c).await;
    run(get("b{u:user}:profile"), &mut c).await;
}

/// Runs `iters` calls of `one` spread over `tasks` concurrent tasks; the wall time.
fn spread<F, Fut>(runtime: &tokio::runtime::Runtime, iters: u64, tasks: u64, one: F) -> Duration
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send,
{
    let one = Arc::new(one);
    runtime.block_on(async {
        let started = Instant::now();
        let handles: Vec<_> = (0..tasks)
            .map(|task| {
                let one = Arc::clone(&one);
                let share = iters / tasks + u64::from(task < iters % tasks);
                tokio::spawn(async move {
                    for _ in 0..share {
                        one(task).await;
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
        started.elapsed()
    })
}

fn benches(c: &mut Criterion) {
    let redis = RedisServer::start();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let connect = |prefix: &str| {
        let options = RedisOptions {
            prefix: prefix.to_owned(),
            ..RedisOptions::default()
        };
        runtime
            .block_on(RedisStore::<AlipayPlusScope>::connect(
                &redis.target(),
                &options,
            ))
            .unwrap()
    };
    let memory = runtime.block_on(wallet(MemoryStore::new()));
    let on_redis = runtime.block_on(wallet(connect("bench:")));
    // A second instance: its own connection, the same keys.
    let other_instance = runtime.block_on(wallet(connect("bench:")));
    let bare = runtime.block_on(async {
        let client = redis::Client::open(redis.url()).unwrap();
        let mut connection = ConnectionManager::new(client).await.unwrap();
        let sha: String = redis::cmd("SCRIPT")
            .arg("LOAD")
            .arg("return 1")
            .query_async(&mut connection)
            .await
            .unwrap();
        (connection, Arc::<str>::from(sha))
    });

    for tasks in [1u64, 2, 16] {
        let mut group = c.benchmark_group(format!("flow/{tasks}_tasks"));
        group.sample_size(20);
        group.measurement_time(Duration::from_secs(4));
        group.warm_up_time(Duration::from_secs(1));
        let w = Arc::clone(&memory);
        group.bench_function("memory_store", |b| {
            b.iter_custom(|iters| {
                let w = Arc::clone(&w);
                spread(&runtime, iters, tasks, move |_| {
                    let w = Arc::clone(&w);
                    async move { flow(&w).await }
                })
            })
        });
        let w = Arc::clone(&on_redis);
        group.bench_function("redis_store", |b| {
            b.iter_custom(|iters| {
                let w = Arc::clone(&w);
                spread(&runtime, iters, tasks, move |_| {
                    let w = Arc::clone(&w);
                    async move { flow(&w).await }
                })
            })
        });
        let (connection, sha) = bare.clone();
        group.bench_function("bare_round_trips", |b| {
            b.iter_custom(|iters| {
                let (connection, sha) = (connection.clone(), Arc::clone(&sha));
                spread(&runtime, iters, tasks, move |_| {
                    let (connection, sha) = (connection.clone(), Arc::clone(&sha));
                    async move { bare_round_trips(&connection, &sha).await }
                })
            })
        });
        // Two AuthServers on the one Redis, each with its connection, the tasks split
        // between them: against `redis_store`, one instance driven by as many tasks.
        if tasks >= 2 {
            let instances = [Arc::clone(&on_redis), Arc::clone(&other_instance)];
            group.bench_function("redis_store_two_instances", |b| {
                b.iter_custom(|iters| {
                    let instances = instances.clone();
                    spread(&runtime, iters, tasks, move |task| {
                        let w = Arc::clone(&instances[(task % 2) as usize]);
                        async move { flow(&w).await }
                    })
                })
            });
        }
        group.finish();
    }
}

criterion_group!(redis_flow, benches);
criterion_main!(redis_flow);
