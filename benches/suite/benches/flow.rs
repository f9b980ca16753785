//! Round trips of the in-memory flow per second: getAuthCode + applyToken + inquiryUserInfo on
//! one `AuthServer`, from one thread and from two threads at once.
//!
//! Run with `cargo bench -p authcode-benches --bench flow`. The flatness of throughput while a
//! million codes are issued and expire is `--bench flow_purge`; memory per outstanding code and
//! token is `--bench memory`.

#[path = "support/wallet.rs"]
mod wallet;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use authcode_runtime::AuthScopes;
use authcode_runtime::flow::AuthServer;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The Alipay+ wallet (`spec/alipay-plus.json`).
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

fn flow(c: &mut Criterion) {
    let server =
        Arc::new(AuthServer::<AlipayPlusScope>::new().with_code_limits(wallet::NO_CODE_LIMITS));
    wallet::set_up(&server);
    assert_eq!(wallet::round_trip(&server), "Ana".len());

    let mut group = c.benchmark_group("flow/round_trip");
    group.measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Elements(1));
    group.bench_function("1_thread", |b| {
        b.iter(|| wallet::round_trip(black_box(&*server)))
    });
    // `iters` round trips shared by two threads on the same server: the time per iteration is
    // the wall time over the count, so throughput is that of both threads together.
    group.bench_function("2_threads", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            std::thread::scope(|scope| {
                for share in [iters / 2, iters - iters / 2] {
                    let server = Arc::clone(&server);
                    scope.spawn(move || {
                        for _ in 0..share {
                            black_box(wallet::round_trip(&server));
                        }
                    });
                }
            });
            start.elapsed()
        })
    });
    group.finish();
}

criterion_group!(benches, flow);
criterion_main!(benches);
