//! Soak: the in-memory flow driven without pause for a long run, to show that memory stays
//! bounded. Ignored by default; run it with
//!
//! ```text
//! cargo test --release -p authcode-tests --test robust_soak -- --ignored --nocapture
//! ```
//!
//! `AUTHCODE_SOAK_SECS` sets the duration (default 60 s), `AUTHCODE_SOAK_THREADS` the number of
//! worker threads (default 4).
//!
//! Each worker runs whole flows: getAuthCode, applyToken, inquiryUserInfo, a refresh-token
//! rotation and an inquiry with the new token; one flow in ten also replays its code (which
//! revokes the family). Every flow moves a shared manual clock on by [`STEP`], so the run covers
//! days of simulated traffic at a steady rate, with short lifetimes: entries keep expiring, and
//! the store must drop them as fast as they come. Every second the store's size and the process's
//! resident memory (`VmRSS`) are sampled; the test asserts that the store never exceeds the
//! bound the in-memory store promises for this rate (at most twice the live entries per map,
//! plus its sweep slack), and that resident memory stops growing once the store has reached its
//! steady state.
//!
//! The workers are threads of their own, each running the flow's futures with
//! `flow::block_on` (the in-memory store's futures are ready at once).

#[path = "../../authcode-core/tests/flow_fixture/mod.rs"]
mod flow_fixture;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use authcode_runtime::flow::{AuthServer, ConsentDecision, Lifetimes, block_on};
use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest, ResultCode};
use authcode_runtime::{ManualClock, ScopeSet};
use flow_fixture::{AlipayPlusScope, MERCHANT, USER, ana, start};

/// Simulated time per flow.
const STEP: Duration = Duration::from_millis(250);
const LIFETIMES: Lifetimes = Lifetimes {
    auth_code: Duration::from_secs(60),
    access_token: Duration::from_secs(300),
    refresh_token: Duration::from_secs(600),
};
/// The size below which a map of the in-memory store is never swept (see `expiring_map.rs`).
const MIN_SWEEP_LEN: usize = 1024;

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
        Err(_) => default,
    }
}

/// The process's resident memory in KiB, from `/proc/self/status`.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmRSS line")
}

/// The most entries the store may hold at this flow rate: per map, twice the entries it must
/// keep at once (alive, or expired within the retention) plus the sweep slack.
fn store_bound() -> usize {
    let per_second = 1.0 / STEP.as_secs_f64();
    let live = |per_flow: f64, lifetime: Duration| {
        let kept = lifetime + authcode_runtime::flow::EXPIRED_RETENTION;
        (per_flow * per_second * kept.as_secs_f64()).ceil() as usize
    };
    // Per flow: one code; two access and two refresh tokens (redeem and rotate); one grant,
    // which lives as long as its newest refresh token.
    let maps = [
        live(1.0, LIFETIMES.auth_code),
        live(2.0, LIFETIMES.access_token),
        live(2.0, LIFETIMES.refresh_token),
        live(1.0, LIFETIMES.refresh_token + STEP * 8),
    ];
    maps.iter().map(|live| 2 * live + MIN_SWEEP_LEN).sum()
}

struct Sample {
    elapsed: Duration,
    flows: u64,
    simulated: Duration,
    entries: usize,
    rss_kib: u64,
}

#[test]
#[ignore = "a long run: cargo test --release -p authcode-tests --test robust_soak -- --ignored --nocapture"]
fn memory_stays_bounded_under_sustained_load() {
    let duration = Duration::from_secs(env_number("AUTHCODE_SOAK_SECS", 60));
    let threads = env_number("AUTHCODE_SOAK_THREADS", 4) as usize;
    let clock = ManualClock::new(start());
    let server = AuthServer::<AlipayPlusScope>::new()
        .with_clock(clock.clone())
        .with_lifetimes(LIFETIMES);
    block_on(server.register_client(MERCHANT, ScopeSet::all())).unwrap();
    block_on(server.add_user(USER, ana())).unwrap();

    let flows = AtomicU64::new(0);
    let failures = AtomicU64::new(0);
    let overtaken = AtomicU64::new(0);
    let first_failure = Mutex::new(None);
    let stop = AtomicBool::new(false);
    let began = Instant::now();
    let rss_before = rss_kib();
    let mut samples = Vec::new();

    thread::scope(|scope| {
        for worker in 0..threads {
            let (server, clock, flows, stop) = (&server, &clock, &flows, &stop);
            let (failures, overtaken, first_failure) = (&failures, &overtaken, &first_failure);
            scope.spawn(move || {
                let mut round = worker as u64;
                while !stop.load(Ordering::Relaxed) {
                    let began = server.now();
                    if let Err(failure) = one_flow(server, round.is_multiple_of(10)) {
                        // The other workers move the shared clock on: a worker the scheduler
                        // left waiting can find a whole lifetime gone in the middle of its
                        // flow. Only a failure inside the shortest lifetime is the server's.
                        let passed = server.now().duration_since(began).unwrap_or_default();
                        if passed >= LIFETIMES.auth_code {
                            overtaken.fetch_add(1, Ordering::Relaxed);
                        } else {
                            failures.fetch_add(1, Ordering::Relaxed);
                            first_failure
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .get_or_insert(failure);
                        }
                    }
                    clock.advance(STEP);
                    flows.fetch_add(1, Ordering::Relaxed);
                    round += 1;
                }
            });
        }
        while began.elapsed() < duration {
            thread::sleep(Duration::from_secs(1).min(duration));
            let done = flows.load(Ordering::Relaxed);
            samples.push(Sample {
                elapsed: began.elapsed(),
                flows: done,
                simulated: STEP * done as u32,
                entries: server.store().len(),
                rss_kib: rss_kib(),
            });
        }
        stop.store(true, Ordering::Relaxed);
    });

    println!(
        "{:>8} {:>12} {:>14} {:>10} {:>10}",
        "wall s", "flows", "simulated h", "entries", "RSS MiB"
    );
    for sample in &samples {
        println!(
            "{:>8.1} {:>12} {:>14.1} {:>10} {:>10.1}",
            sample.elapsed.as_secs_f64(),
            sample.flows,
            sample.simulated.as_secs_f64() / 3600.0,
            sample.entries,
            sample.rss_kib as f64 / 1024.0
        );
    }
    let total = flows.load(Ordering::Relaxed);
    let bound = store_bound();
    let peak = samples.iter().map(|s| s.entries).max().unwrap_or(0);
    println!(
        "{total} flows by {threads} threads in {:.0} s ({:.0} flows/s); store peak {peak} entries \
         (bound {bound}); RSS {:.1} MiB before, {:.1} MiB at the end",
        began.elapsed().as_secs_f64(),
        total as f64 / began.elapsed().as_secs_f64(),
        rss_before as f64 / 1024.0,
        samples.last().map_or(0, |s| s.rss_kib) as f64 / 1024.0
    );

    println!(
        "{} flows overtaken by the clock (a whole code lifetime passed while the worker waited)",
        overtaken.load(Ordering::Relaxed)
    );
    assert_eq!(
        failures.load(Ordering::Relaxed),
        0,
        "flows failed, the first: {:?}",
        first_failure.lock().unwrap_or_else(PoisonError::into_inner)
    );
    assert!(
        peak <= bound,
        "the store reached {peak} entries, over its bound of {bound}"
    );
    // Steady state: once simulated time has passed twice the longest lifetime, the store has
    // filled up to its working size; from then on memory must not keep growing.
    let warm = (LIFETIMES.refresh_token + authcode_runtime::flow::EXPIRED_RETENTION) * 2;
    let steady: Vec<&Sample> = samples.iter().filter(|s| s.simulated >= warm).collect();
    assert!(
        steady.len() >= 2,
        "the run never reached steady state ({} simulated s needed): make it longer",
        warm.as_secs()
    );
    let first = steady[0].rss_kib;
    let highest = steady.iter().map(|s| s.rss_kib).max().unwrap_or(first);
    // Allocator noise and thread caches move RSS by a few MiB; growth with the number of flows
    // would be tens of MiB per million flows.
    let allowed = first / 4 + 16 * 1024;
    assert!(
        highest <= first + allowed,
        "RSS grew from {first} KiB to {highest} KiB in steady state"
    );
}

/// One whole flow; `replay` presents the code a second time at the end. An error says which
/// step gave an unexpected outcome.
fn one_flow(server: &AuthServer<AlipayPlusScope>, replay: bool) -> Result<(), String> {
    let response = block_on(server.get_auth_code(
        MERCHANT,
        USER,
        ["USER_ID", "USER_NICKNAME", "USER_AVATAR"],
        ConsentDecision::ApproveAll,
    ));
    let code = response
        .auth_code()
        .cloned()
        .ok_or_else(|| format!("getAuthCode: {response:?}"))?;
    let exchange = ApplyTokenRequest::authorization_code(code);
    let tokens = block_on(server.apply_token(MERCHANT, &exchange))
        .map_err(|err| format!("applyToken: {err}"))?
        .tokens;
    let read =
        |access| block_on(server.inquiry_user_info(MERCHANT, &InquiryUserInfoRequest::new(access)));
    read(tokens.access_token.clone()).map_err(|err| format!("inquiryUserInfo: {err}"))?;
    let refresh_token = tokens
        .refresh_token
        .ok_or_else(|| "applyToken: no refresh token".to_owned())?;
    let rotated =
        block_on(server.apply_token(MERCHANT, &ApplyTokenRequest::refresh(refresh_token)))
            .map_err(|err| format!("refresh: {err}"))?
            .tokens;
    read(rotated.access_token.clone()).map_err(|err| format!("inquiryUserInfo rotated: {err}"))?;
    if replay {
        let again = block_on(server.apply_token(MERCHANT, &exchange));
        if again.as_ref().map_err(|err| err.code()).err() != Some(ResultCode::UsedCode) {
            return Err(format!("replay: {again:?}"));
        }
        let revoked = read(rotated.access_token);
        if revoked.as_ref().map_err(|err| err.code()).err() != Some(ResultCode::InvalidAccessToken)
        {
            return Err(format!("after the replay: {revoked:?}"));
        }
    }
    Ok(())
}
