//! `ScopeSet` against `HashSet<Scope>` and `BTreeSet<Scope>`, the sets a user would reach for:
//! building a set (insert), membership (contains), union, and iteration. Allocations are
//! counted by the `memory` bench, which needs a counting allocator that would slow these
//! timings down.
//!
//! Run with `cargo bench -p authcode-benches --bench scope_set`.

use std::collections::{BTreeSet, HashSet};
use std::hint::black_box;
use std::time::Duration;

use authcode_runtime::{Scope, ScopeSet};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/scope_sets.rs"]
mod scope_sets;

use scope_sets::{OTHER, REQUESTED, S};

/// The same operations on the three set types, written once.
macro_rules! bench_set_type {
    ($c:expr, $label:literal, $set:ty, $contains:expr, $union:expr) => {{
        let requested: $set = REQUESTED.into_iter().collect();
        let other: $set = OTHER.into_iter().collect();

        let mut group = $c.benchmark_group(concat!("scope_set/", $label));
        group.measurement_time(Duration::from_secs(2));
        group.bench_function("insert_8", |b| {
            b.iter(|| {
                let mut set = <$set>::default();
                for scope in black_box(REQUESTED) {
                    set.insert(scope);
                }
                set
            })
        });
        group.bench_function("contains_15", |b| {
            b.iter(|| {
                let set = black_box(&requested);
                let contains: fn(&$set, S) -> bool = $contains;
                S::ALL.iter().filter(|&&scope| contains(set, scope)).count()
            })
        });
        group.bench_function("union", |b| {
            b.iter(|| {
                let union: fn(&$set, &$set) -> $set = $union;
                union(black_box(&requested), black_box(&other))
            })
        });
        group.bench_function("iterate", |b| {
            b.iter(|| {
                black_box(&requested)
                    .iter()
                    .map(|scope| scope.index())
                    .sum::<usize>()
            })
        });
        group.finish();
    }};
}

fn scope_sets(c: &mut Criterion) {
    // The three agree before anything is timed.
    let bits: ScopeSet<S> = REQUESTED.into_iter().collect();
    let hashed: HashSet<S> = REQUESTED.into_iter().collect();
    let ordered: BTreeSet<S> = REQUESTED.into_iter().collect();
    assert_eq!(bits.iter().collect::<BTreeSet<_>>(), ordered);
    assert_eq!(hashed.iter().copied().collect::<BTreeSet<_>>(), ordered);
    let union = bits | OTHER.into_iter().collect::<ScopeSet<S>>();
    assert_eq!(
        union.iter().collect::<BTreeSet<_>>(),
        REQUESTED.into_iter().chain(OTHER).collect::<BTreeSet<_>>()
    );

    bench_set_type!(
        c,
        "scope_set",
        ScopeSet<S>,
        |set, scope| set.contains(scope),
        |a, b| { a.union(*b) }
    );
    bench_set_type!(
        c,
        "hash_set",
        HashSet<S>,
        |set, scope| set.contains(&scope),
        |a, b| { a | b }
    );
    bench_set_type!(
        c,
        "btree_set",
        BTreeSet<S>,
        |set, scope| set.contains(&scope),
        |a, b| { a | b }
    );
}

criterion_group!(benches, scope_sets);
criterion_main!(benches);
