//! Throughput of getAuthCode while 1,000,000 codes are issued and expire: the in-memory store
//! purges expired entries as it writes, so the rate must stay flat and the store small.
//!
//! The server runs on a `ManualClock`. Codes are issued in 10 batches of 100,000; after each
//! batch the clock moves past the code lifetime, so that the batch expires while the next one
//! is issued. Each batch's rate is printed with the number of live entries in the store, and
//! the last batch's rate as a ratio of the first's.
//!
//! Run with `cargo bench -p authcode-benches --bench flow_purge` (`BATCHES` and `BATCH` change
//! the sizes).

// Shared with the other flow benches; this one only issues codes.
#[allow(dead_code)]
#[path = "support/wallet.rs"]
mod wallet;

use std::time::{Duration, Instant, SystemTime};

use authcode_runtime::flow::AuthServer;
use authcode_runtime::{AuthScopes, ManualClock};

/// The Alipay+ wallet (`spec/alipay-plus.json`).
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let batches = env_or("BATCHES", 10);
    let batch = env_or("BATCH", 100_000);
    let clock = ManualClock::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let server = AuthServer::<AlipayPlusScope>::new()
        .with_clock(clock.clone())
        .with_code_limits(wallet::NO_CODE_LIMITS);
    wallet::set_up(&server);
    let code_lifetime = server.lifetimes().auth_code;

    println!("getAuthCode while codes expire: {batches} batches of {batch} codes");
    println!(
        "{:>6} {:>12} {:>14} {:>16}",
        "batch", "issued", "codes/s", "store entries"
    );
    let mut rates = Vec::new();
    for number in 1..=batches {
        let start = Instant::now();
        for _ in 0..batch {
            std::hint::black_box(wallet::get_auth_code(&server));
        }
        let rate = batch as f64 / start.elapsed().as_secs_f64();
        rates.push(rate);
        println!(
            "{number:>6} {:>12} {rate:>14.0} {:>16}",
            number * batch,
            server.store().len()
        );
        // Every code issued so far is now past its lifetime.
        clock.advance(code_lifetime + Duration::from_secs(1));
    }
    let entries = server.store().len();
    if let (Some(first), Some(last)) = (rates.first(), rates.last()) {
        println!("last batch / first batch rate: {:.2}", last / first);
    }
    println!("store entries at the end: {entries} (one batch is {batch} codes and grants)");
    // Purging is what this bench exists to show: without it the store would hold every code.
    assert!(
        entries <= 2 * 2 * batch,
        "the store kept {entries} entries: expired codes are not purged"
    );
}
