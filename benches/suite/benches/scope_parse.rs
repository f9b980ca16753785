//! Scope name parsing: the generated `FromStr` against strum's `EnumString` on the same enum
//! written by hand, and against a `HashMap<&str, Scope>` lookup.
//!
//! Each bench parses the same list of inputs: every wire name of the spec, then its aliases,
//! then names that are not scopes. Before timing, the three parsers are checked to agree on
//! every input, so that they are measured doing the same work.
//!
//! `authcode_from_str_error_kept` keeps each error in memory and reads its input back, the cost
//! of a miss for a caller that reports it; the other loops drop the error, as `.ok()` and
//! `filter_map` callers do. Before criterion's groups, the generated `FromStr` and strum's are
//! also timed sample by sample in turn in one process (`alternating`), so that a change in the
//! machine's load hits both alike: it prints the median of the samples' time ratios.
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
use std::time::{Duration, Instant};

use authcode_runtime::{AuthScopes, Scope};
use criterion::{Criterion, Throughput, criterion_group};

use hand_written::HandScope;
use strum_1000::Strum1000Scope;

/// The Alipay+ wallet (`spec/alipay-plus.json`).
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
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

/// Names that are not scopes of the 1,000-scope spec.
const GENERATED_MISSES: [&str; 6] = [
    "SCOPE_1000",
    "SCOPE_",
    "scope_alias_1",
    "SCOPE_99X",
    "",
    "NOT_A_SCOPE",
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
        bench_names!(group, "authcode_from_str_error_kept", inputs, |input| {
            error_kept(AlipayPlusScope::from_str(input))
        });
        group.finish();
    }
}

/// A parse's outcome with the error kept: the error is put in memory whole (as a caller that
/// stores or returns it does) and its input read back.
#[inline(always)]
fn error_kept<S: Scope>(parsed: Result<S, authcode_runtime::UnknownScope>) -> Option<usize> {
    Some(match parsed {
        Ok(scope) => scope.index(),
        Err(err) => usize::MAX - std::hint::black_box(&err).input().len(),
    })
}

fn generated_1000(c: &mut Criterion) {
    let map = hash_map::<Generated1000Scope>();
    let generated = |input: &str| Generated1000Scope::from_str(input).ok().map(|s| s.index());
    let strum = |input: &str| Strum1000Scope::from_str(input).ok().map(|s| s as usize);
    let lookup = |input: &str| map.get(input).map(|s| s.index());

    let misses = GENERATED_MISSES;
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
        bench_names!(group, "authcode_from_str_error_kept", inputs, |input| {
            error_kept(Generated1000Scope::from_str(input))
        });
        group.finish();
    }
}

/// Rounds of the alternating comparison, and the time one sample of one parser aims at: short,
/// so that the two samples of a round see the same machine, and many, for a stable median.
const ROUNDS: usize = 101;
const SAMPLE: Duration = Duration::from_millis(2);

/// `times` passes of `parse` over `inputs`. A function of its own for each parser, out of line,
/// so that each loop is compiled as criterion's are, the parser inlined (or not) on its merits
/// in a small function, not in one large function with every loop of the comparison.
#[inline(never)]
fn sample(times: u32, inputs: &[&str], parse: &impl Fn(&str) -> Option<usize>) -> f64 {
    let elapsed = time_names!(times, inputs, |input| parse(input));
    elapsed.as_secs_f64() * 1e9 / f64::from(times)
}

/// The generated `FromStr` (`authcode`) and strum's on `inputs`, sample by sample in turn (who
/// goes first alternates): prints each one's median time per pass over the inputs and the
/// median, lowest and highest of the rounds' ratios (authcode's time / strum's).
fn alternate(
    label: &str,
    inputs: &[&str],
    authcode: impl Fn(&str) -> Option<usize>,
    strum: impl Fn(&str) -> Option<usize>,
) {
    let start = Instant::now();
    let mut calibration = 0u32;
    while start.elapsed() < SAMPLE {
        sample(1, inputs, &strum);
        calibration += 1;
    }
    let times = calibration.max(1);
    // Warm-up: both loops run for a few samples' time before any is kept.
    for _ in 0..10 {
        sample(times, inputs, &authcode);
        sample(times, inputs, &strum);
    }
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (a, s) = if round % 2 == 0 {
            let a = sample(times, inputs, &authcode);
            (a, sample(times, inputs, &strum))
        } else {
            let s = sample(times, inputs, &strum);
            (sample(times, inputs, &authcode), s)
        };
        ours.push(a);
        theirs.push(s);
        ratios.push(a / s);
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let (a, s, r) = (median(&mut ours), median(&mut theirs), median(&mut ratios));
    println!(
        "alternating/{label}: authcode from_str {a:.1} ns, strum {s:.1} ns per pass over {} inputs; \
         time ratio authcode/strum {r:.2} (rounds {:.2} to {:.2}, {ROUNDS} rounds of {times} passes)",
        inputs.len(),
        ratios[0],
        ratios[ratios.len() - 1],
    );
}

fn alternating() {
    let all = inputs::<AlipayPlusScope>(&MISSES);
    let names = inputs::<AlipayPlusScope>(&[]);
    for (set, inputs) in [
        ("names", &names[..]),
        ("misses", &MISSES[..]),
        ("mixed", &all[..]),
    ] {
        alternate(
            &format!("alipay_plus/{set}"),
            inputs,
            |input| AlipayPlusScope::from_str(input).ok().map(|s| s.index()),
            |input| HandScope::from_str(input).ok().map(|s| s as usize),
        );
    }
    let names = inputs::<Generated1000Scope>(&GENERATED_MISSES);
    alternate(
        "generated_1000/mixed",
        &names,
        |input| Generated1000Scope::from_str(input).ok().map(|s| s.index()),
        |input| Strum1000Scope::from_str(input).ok().map(|s| s as usize),
    );
}

criterion_group!(benches, alipay_plus, generated_1000);

fn main() {
    // Only when benchmarking: `cargo test --benches` runs this binary without `--bench`, and
    // criterion then runs each bench once as a test. `-- alternating` runs this part alone (no
    // criterion bench has that name).
    if std::env::args().any(|arg| arg == "--bench") {
        alternating();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
