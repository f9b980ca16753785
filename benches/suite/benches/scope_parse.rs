//! Scope name parsing: the generated `FromStr` against strum's `EnumString` on the same enum
//! written by hand, and against a `HashMap<&str, Scope>` lookup.
//!
//! Each bench parses the same list of inputs: every wire name of the spec, then its aliases,
//! then names that are not scopes. Before timing, the three parsers are checked to agree on
//! every input, so that they are measured doing the same work.
//!
//! Run with `cargo bench -p authcode-benches --bench scope_parse`.

#[macro_use]
#[path = "support/name_loop.rs"]
mod name_loop;

#[path = "support/hand_written.rs"]
mod hand_written;
// The generated enum (build.rs writes it into OUT_DIR) marks every tenth scope deprecated, as
// the spec does, and carries the spec's facts (unused here) so that it is the same code the
// compile-time fixtures build.
#[allow(deprecated, dead_code)]
mod strum_1000 {
    include!(concat!(env!("OUT_DIR"), "/strum_1000.rs"));
}

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use authcode_runtime::{AuthScopes, Scope};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use hand_written::HandScope;
use strum_1000::Strum1000Scope;

/// The seed spec's wallet.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/alipay-plus.json")]
pub struct AlipayPlus;

// A wallet of 1,000 generated scopes, `Generated1000`, from the spec build.rs writes.
include!(concat!(env!("OUT_DIR"), "/generated_1000.rs"));

/// Near misses and plain garbage: what a wallet or a config file may actually send.
const MISSES: [&str; 8] = [
    "user_id",
    "USER_NAM",
    "USER_IDS",
    "",
    "SCOPE",
    "auth_bases",
    "PLAINTEXT_USER_LOGIN_IX",
    "NOT_A_SCOPE_AT_ALL",
];

/// Every wire name and alias of `S`, in spec order, then `misses`.
fn inputs<S: Scope>(misses: &[&'static str]) -> Vec<&'static str> {
    let names = S::ALL.iter().map(|scope| scope.as_str());
    let aliases = S::ALL
        .iter()
        .flat_map(|scope| scope.aliases().iter().copied());
    names.chain(aliases).chain(misses.iter().copied()).collect()
}

/// What a user would build instead of the generated lookup.
fn hash_map<S: Scope>() -> HashMap<&'static str, S> {
    let mut map = HashMap::new();
    for &scope in S::ALL {
        map.insert(scope.as_str(), scope);
        for &alias in scope.aliases() {
            map.insert(alias, scope);
        }
    }
    map
}

/// The checks that make the comparison fair: same answers from every parser.
/// A named parser: the index of the scope an input names, if any.
type Parser<'a> = (&'a str, &'a dyn Fn(&str) -> Option<usize>);

fn assert_agree(inputs: &[&str], parsers: &[Parser<'_>]) {
    for &input in inputs {
        let (first_name, first) = parsers[0];
        for (name, parse) in &parsers[1..] {
            assert_eq!(
                first(input),
                parse(input),
                "{first_name} and {name} disagree on {input:?}"
            );
        }
    }
}

fn alipay_plus(c: &mut Criterion) {
    let map = hash_map::<AlipayPlusScope>();
    let generated = |input: &str| AlipayPlusScope::from_str(input).ok().map(|s| s.index());
    let strum = |input: &str| HandScope::from_str(input).ok().map(|s| s as usize);
    let lookup = |input: &str| map.get(input).map(|s| s.index());

    let all = inputs::<AlipayPlusScope>(&MISSES);
    assert_agree(
        &all,
        &[
            ("authcode", &generated),
            ("strum", &strum),
            ("HashMap", &lookup),
        ],
    );
    let names = inputs::<AlipayPlusScope>(&[]);

    for (set, inputs) in [
        ("names", &names[..]),
        ("misses", &MISSES[..]),
        ("mixed", &all[..]),
    ] {
        let mut group = c.benchmark_group(format!("parse/alipay_plus/{set}"));
        group.measurement_time(Duration::from_secs(3));
        group.throughput(Throughput::Elements(inputs.len() as u64));
        bench_names!(group, "authcode_from_str", inputs, |input| generated(input));
        bench_names!(group, "strum_from_str", inputs, |input| strum(input));
        bench_names!(group, "hash_map_get", inputs, |input| lookup(input));
        bench_names!(group, "authcode_from_wire_name", inputs, |input| {
            AlipayPlusScope::from_wire_name(input).map(|s| s.index())
        });
        group.finish();
    }
}

fn generated_1000(c: &mut Criterion) {
    let map = hash_map::<Generated1000Scope>();
    let generated = |input: &str| Generated1000Scope::from_str(input).ok().map(|s| s.index());
    let strum = |input: &str| Strum1000Scope::from_str(input).ok().map(|s| s as usize);
    let lookup = |input: &str| map.get(input).map(|s| s.index());

    let misses = [
        "SCOPE_1000",
        "SCOPE_",
        "scope_alias_1",
        "SCOPE_99X",
        "",
        "NOT_A_SCOPE",
    ];
    let all = inputs::<Generated1000Scope>(&misses);
    assert_agree(
        &all,
        &[
            ("authcode", &generated),
            ("strum", &strum),
            ("HashMap", &lookup),
        ],
    );
    let names = inputs::<Generated1000Scope>(&[]);

    for (set, inputs) in [("names", &names[..]), ("misses", &misses[..])] {
        let mut group = c.benchmark_group(format!("parse/generated_1000/{set}"));
        group.measurement_time(Duration::from_secs(3));
        group.throughput(Throughput::Elements(inputs.len() as u64));
        bench_names!(group, "authcode_from_str", inputs, |input| generated(input));
        bench_names!(group, "strum_from_str", inputs, |input| strum(input));
        bench_names!(group, "hash_map_get", inputs, |input| lookup(input));
        group.finish();
    }
}

criterion_group!(benches, alipay_plus, generated_1000);
criterion_main!(benches);
