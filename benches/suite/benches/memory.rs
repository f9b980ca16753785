//! Allocations and heap use, counted by dhat's global allocator (in a bench of its own: it
//! slows every allocation down, which would skew the timed benches).
//!
//! 1. `ScopeSet` operations allocate nothing; the same operations on `HashSet` and `BTreeSet`
//!    are counted for comparison.
//! 2. Heap bytes per outstanding authorization code, and per exchanged code (its record kept
//!    until it expires, plus the access and refresh tokens), in the in-memory store.
//!
//! Run with `cargo bench -p authcode-benches --bench memory`. Prints counts, not timings.

// Shared with the flow benches; this one issues and exchanges codes only.
#[allow(dead_code)]
#[path = "support/wallet.rs"]
mod wallet;

use std::collections::{BTreeSet, HashSet};
use std::hint::black_box;

use authcode_runtime::flow::{AuthServer, block_on};
use authcode_runtime::wire::ApplyTokenRequest;
use authcode_runtime::{Scope, ScopeSet};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[path = "support/scope_sets.rs"]
mod scope_sets;

use scope_sets::{AlipayPlusScope, OTHER, REQUESTED, S};

/// Heap blocks allocated while `operation` runs.
fn allocations<T>(operation: impl FnOnce() -> T) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    black_box(operation());
    dhat::HeapStats::get().total_blocks - before
}

/// Live heap bytes now.
fn live_bytes() -> usize {
    dhat::HeapStats::get().curr_bytes
}

/// The allocations of insert, contains, union and iterate on one set type.
macro_rules! count_set_type {
    ($label:literal, $set:ty, $contains:expr, $union:expr) => {{
        let requested: $set = REQUESTED.into_iter().collect();
        let other: $set = OTHER.into_iter().collect();
        let contains: fn(&$set, S) -> bool = $contains;
        let union: fn(&$set, &$set) -> $set = $union;
        let counts = [
            allocations(|| {
                let mut set = <$set>::default();
                for scope in REQUESTED {
                    set.insert(scope);
                }
                set
            }),
            allocations(|| S::ALL.iter().filter(|&&s| contains(&requested, s)).count()),
            allocations(|| union(&requested, &other)),
            allocations(|| requested.iter().map(|s| s.index()).sum::<usize>()),
        ];
        println!(
            "{:<26} {:>9} {:>11} {:>7} {:>9}",
            $label, counts[0], counts[1], counts[2], counts[3]
        );
        counts
    }};
}

fn scope_sets() {
    println!("heap allocations per operation (8-scope set; contains checks all 15 scopes)");
    println!(
        "{:<26} {:>9} {:>11} {:>7} {:>9}",
        "set", "insert 8", "contains 15", "union", "iterate"
    );
    let bits = count_set_type!(
        "ScopeSet<AlipayPlusScope>",
        ScopeSet<S>,
        |set, scope| set.contains(scope),
        |a, b| a.union(*b)
    );
    count_set_type!(
        "HashSet<AlipayPlusScope>",
        HashSet<S>,
        |set, scope| set.contains(&scope),
        |a, b| a | b
    );
    count_set_type!(
        "BTreeSet<AlipayPlusScope>",
        BTreeSet<S>,
        |set, scope| set.contains(&scope),
        |a, b| a | b
    );
    assert_eq!(bits, [0; 4], "ScopeSet operations must not allocate");
}

fn flow_memory() {
    const CODES: usize = 100_000;

    let server = AuthServer::<S>::new().with_code_limits(wallet::NO_CODE_LIMITS);
    wallet::set_up(&server);
    let base = live_bytes();
    for _ in 0..CODES {
        // The code is dropped at once: it stays outstanding in the store only.
        black_box(wallet::get_auth_code(&server));
    }
    let per_code = (live_bytes() - base) as f64 / CODES as f64;

    let server = AuthServer::<S>::new().with_code_limits(wallet::NO_CODE_LIMITS);
    wallet::set_up(&server);
    let base = live_bytes();
    for _ in 0..CODES {
        let code = wallet::get_auth_code(&server);
        let request = ApplyTokenRequest::authorization_code(code);
        black_box(block_on(server.apply_token(wallet::MERCHANT, &request)).ok());
    }
    let per_exchange = (live_bytes() - base) as f64 / CODES as f64;

    println!();
    // The server also counts each live code against its code limits (its expiry time).
    println!("heap bytes held by the in-memory store, averaged over {CODES} codes");
    println!("  per outstanding code (grant + code record):            {per_code:>7.0}");
    println!("  per exchanged code (grant + used code + access + refresh): {per_exchange:>5.0}");
}

fn main() {
    let _profiler = dhat::Profiler::builder().testing().build();
    scope_sets();
    flow_memory();
}
