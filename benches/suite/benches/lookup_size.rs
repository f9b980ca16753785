//! How the generated name lookup scales with the size of the spec, and where the derive switches
//! from its decision tree to a perfect hash table.
//!
//! For each spec it times, over all its wire names and aliases: the generated `from_wire_name`
//! (a decision tree below `TABLE_FROM_NAMES` = 128 names, the table from there on), the perfect
//! hash table the derive would build, built here at run time over the same names (the same
//! `find`, so on the small specs it shows what the tree is being compared with), and a
//! `HashMap<&str, Scope>`.
//!
//! Run with `cargo bench -p authcode-benches --bench lookup_size`.

#[macro_use]
#[path = "support/name_loop.rs"]
mod name_loop;
#[path = "support/short_runs.rs"]
mod short_runs;

use std::collections::HashMap;

use authcode_names::table::NameTableData;
use authcode_runtime::{AuthScopes, Scope};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The Alipay+ wallet (15 names).
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

// The generated specs, written by build.rs: 32 scopes (37 names with aliases), 64 (74 names),
// 100 (115 names: the largest here below the table threshold), 256 (293 names) and 1,000
// (1,143 names). Each file derives `Generated<N>` from `OUT_DIR/generated-<N>.json`.
include!(concat!(env!("OUT_DIR"), "/generated_32.rs"));
include!(concat!(env!("OUT_DIR"), "/generated_64.rs"));
include!(concat!(env!("OUT_DIR"), "/generated_100.rs"));
include!(concat!(env!("OUT_DIR"), "/generated_256.rs"));
include!(concat!(env!("OUT_DIR"), "/generated_1000.rs"));

fn spec<S: Scope>(c: &mut Criterion, label: &str) {
    let names: Vec<&'static str> = S::ALL
        .iter()
        .map(|scope| scope.as_str())
        .chain(
            S::ALL
                .iter()
                .flat_map(|scope| scope.aliases().iter().copied()),
        )
        .collect();
    let map: HashMap<&str, usize> = names
        .iter()
        .map(|&name| {
            (
                name,
                S::from_wire_name(name).map_or(usize::MAX, Scope::index),
            )
        })
        .collect();
    let data = NameTableData::build(&names).expect("distinct names get a table");
    let table = data.table(&names);
    // The table answers with a position among `names`; map it to the scope, as the generated
    // code does.
    let scope_of: Vec<usize> = names.iter().map(|name| map[name]).collect();

    for &name in &names {
        let expected = map.get(name).copied();
        assert_eq!(S::from_wire_name(name).map(Scope::index), expected);
        assert_eq!(table.find(name).map(|at| scope_of[at]), expected);
    }

    let mut group = c.benchmark_group(format!("lookup/{label}_{}_names", names.len()));
    group.throughput(Throughput::Elements(names.len() as u64));
    bench_names!(group, "generated", &names, |name| S::from_wire_name(name)
        .map(Scope::index));
    bench_names!(group, "table", &names, |name| table
        .find(name)
        .and_then(|at| scope_of.get(at).copied()));
    bench_names!(group, "hash_map_get", &names, |name| map.get(name).copied());
    group.finish();
}

fn all(c: &mut Criterion) {
    spec::<AlipayPlusScope>(c, "alipay_plus");
    spec::<Generated32Scope>(c, "generated_32");
    spec::<Generated64Scope>(c, "generated_64");
    spec::<Generated100Scope>(c, "generated_100");
    spec::<Generated256Scope>(c, "generated_256");
    spec::<Generated1000Scope>(c, "generated_1000");
}

criterion_group! {
    name = benches;
    config = short_runs::criterion();
    targets = all
}
criterion_main!(benches);
