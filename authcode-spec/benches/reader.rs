//! The spec reader against `serde_json::from_str::<serde_json::Value>` of the same text, which
//! reads the same JSON but checks nothing and locates nothing: the ratio of the two is what
//! reading and validating a spec costs over parsing it.
//!
//! Inputs are generated specs of 1k to 64k scopes, minified (one line, where a reader that
//! counts columns from the start of the line for every value is quadratic) and pretty-printed,
//! and one scope with 1k to 64k unknown keys (where comparing each key with the earlier ones is
//! quadratic, and reporting each would flood the output). Throughput is reported in bytes, so
//! linear growth shows as a flat MB/s across sizes.
//!
//! Run with `cargo bench -p authcode-spec --bench reader -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};

const SIZES: [usize; 4] = [1_000, 4_000, 16_000, 64_000];

/// A valid spec of `count` scopes: every third silent, every 14th with an alias, every 10th
/// granting paths of the Alipay+ model (64k scopes pretty-printed stay under the size limit).
fn spec(count: usize) -> Value {
    let scopes: Vec<Value> = (0..count)
        .map(|i| {
            let mut scope = json!({
                "name": format!("SCOPE_{i}"),
                "description": format!("Scope {i}."),
                "authorization": if i % 3 == 0 { "silent" } else { "proactive" },
            });
            if i % 14 == 0 {
                scope["aliases"] = json!([format!("scope_{i}")]);
            }
            if i % 10 == 0 {
                scope["grants"] = json!(["userId", "loginIdInfos.maskLoginId"]);
            }
            scope
        })
        .collect();
    json!({ "spec_version": 1, "wallet": "Generated", "scopes": scopes })
}

/// A spec whose one scope has `count` unknown keys.
fn unknown_keys(count: usize) -> String {
    let keys: Vec<String> = (0..count).map(|i| format!("\"key{i}\":{i}")).collect();
    format!(
        r#"{{"spec_version":1,"scopes":[{{"name":"USER_ID","description":"The user ID.","authorization":"silent",{}}}]}}"#,
        keys.join(",")
    )
}

fn compare(c: &mut Criterion, group: &str, inputs: &[(usize, String)], valid: bool) {
    let mut group = c.benchmark_group(group);
    group.sample_size(10);
    for (size, text) in inputs {
        assert!(
            text.len() <= authcode_spec::MAX_SPEC_BYTES,
            "{size}: {} bytes",
            text.len()
        );
        // What is timed is what is meant: valid specs read, broken ones rejected briefly.
        match authcode_spec::parse(text) {
            Ok(spec) => assert!(valid && spec.scopes.len() == *size),
            Err(errors) => assert!(!valid && errors.len() <= authcode_spec::MAX_PROBLEMS + 1),
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("authcode_spec", size), text, |b, text| {
            b.iter(|| authcode_spec::parse(black_box(text)))
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json_value", size),
            text,
            |b, text| b.iter(|| serde_json::from_str::<Value>(black_box(text)).unwrap()),
        );
    }
    group.finish();
}

/// Inputs built to hit the worst case of each pass, each about `MAX_SPEC_BYTES` / 2.
fn pathological() -> Vec<(&'static str, String)> {
    let half = authcode_spec::MAX_SPEC_BYTES / 2;
    let scope = r#"{"name":"A","description":"a","authorization":"silent"}"#;
    // A model as large as allowed, of long names, and as many misspelt grants as are shown:
    // the most did-you-mean work a spec can ask for.
    let long = "x".repeat(56);
    let fields: Vec<String> = (0..authcode_spec::MAX_MODEL_FIELDS)
        .map(|i| format!(r#""f{i:03}{long}":{{"type":"string"}}"#))
        .collect();
    let grants: Vec<String> = (0..authcode_spec::MAX_PROBLEMS)
        .map(|i| format!(r#""g{i:03}{long}""#))
        .collect();
    vec![
        (
            "huge_string",
            format!(
                r#"{{"spec_version":1,"wallet":"{}","scopes":[{scope}]}}"#,
                "é".repeat(half / 2)
            ),
        ),
        (
            "escaped_string",
            format!(
                r#"{{"spec_version":1,"wallet":"{}","scopes":[{scope}]}}"#,
                "\\n".repeat(half / 2)
            ),
        ),
        (
            "huge_array",
            format!(
                r#"{{"spec_version":1,"sources":[{}0],"scopes":[{scope}]}}"#,
                "0,".repeat(half / 2)
            ),
        ),
        (
            "repeated_name",
            format!(
                r#"{{"spec_version":1,"scopes":[{}{scope}]}}"#,
                format!("{scope},").repeat(half / (scope.len() + 1))
            ),
        ),
        (
            "deep_nesting",
            format!(r#"{{"spec_version":1,"wallet":{}}}"#, "[".repeat(half)),
        ),
        (
            "misspelt_grants",
            format!(
                r#"{{"spec_version":1,"user_info":{{{}}},"scopes":[{{"name":"A","description":"a","authorization":"silent","grants":[{}]}}]}}"#,
                fields.join(","),
                grants.join(",")
            ),
        ),
    ]
}

fn worst_cases(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for (name, text) in pathological() {
        assert!(text.len() <= authcode_spec::MAX_SPEC_BYTES, "{name}");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("authcode_spec", name), &text, |b, text| {
            b.iter(|| authcode_spec::parse(black_box(text)))
        });
    }
    group.finish();
}

fn reader(c: &mut Criterion) {
    let specs: Vec<(usize, Value)> = SIZES.iter().map(|&size| (size, spec(size))).collect();
    let minified: Vec<(usize, String)> = specs
        .iter()
        .map(|(size, spec)| (*size, serde_json::to_string(spec).unwrap()))
        .collect();
    let pretty: Vec<(usize, String)> = specs
        .iter()
        .map(|(size, spec)| (*size, serde_json::to_string_pretty(spec).unwrap()))
        .collect();
    let unknown: Vec<(usize, String)> = SIZES
        .iter()
        .map(|&size| (size, unknown_keys(size)))
        .collect();
    compare(c, "scopes_minified", &minified, true);
    compare(c, "scopes_pretty", &pretty, true);
    compare(c, "unknown_keys", &unknown, false);
}

criterion_group!(benches, reader, worst_cases);
criterion_main!(benches);
