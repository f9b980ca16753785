//! Requests full of unknown scope names: `{"scopes": [...]}` of 1,000 to 100,000 distinct near
//! misses, read as an `AuthRequest`, for the Alipay+ spec (15 scopes) and a generated spec of
//! 10,000. Every name must be reported (in input order, each once) without a cost per name that
//! grows with the number of names or with the spec, and the error's message must stay short.
//!
//! Timed, per request:
//!
//! - `serde_json::from_str::<AuthRequest<S>>`: the `Deserialize` impl, which turns the
//!   `InvalidAuthRequest` into a `serde_json::Error` (so its message is built, capped at five
//!   names with their suggestions);
//! - `AuthRequest::from_json`: the same reading, the error kept as an `InvalidAuthRequest`
//!   holding every unknown name;
//! - `==` of two such errors, built separately from the same text;
//! - `Display` of one (`to_string`);
//! - the baseline, in the same run: the same text read by serde_json as a struct with one
//!   `Vec<String>` field, which allocates every name and checks none.
//!
//! Throughput is in names, so a linear cost shows as a flat time per name across sizes.
//!
//! Run with `cargo bench -p authcode-benches --bench unknown_names`.

use std::hint::black_box;

use authcode_runtime::{AuthRequest, AuthScopes, InvalidAuthRequest, Scope};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;

#[path = "support/short_runs.rs"]
mod short_runs;

/// The Alipay+ wallet.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

// A wallet of 10,000 generated scopes, `Generated10000`, from the spec build.rs writes.
include!(concat!(env!("OUT_DIR"), "/generated_10000.rs"));

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// What the same text costs with no checks: serde_json and an owned `String` per name.
#[derive(Deserialize)]
struct PlainRequest {
    #[allow(dead_code)]
    scopes: Vec<String>,
}

/// `{"scopes": [...]}` of `count` distinct names, none of them a scope of `S`: each is a wire
/// name of `S` (taken in turn) with a suffix, the kind of near miss a suggestion is made for.
fn request<S: Scope>(count: usize) -> String {
    let names: Vec<String> = (0..count)
        .map(|i| {
            let scope = S::ALL[i % S::ALL.len()];
            format!("\"{}X{}\"", scope.as_str(), i / S::ALL.len())
        })
        .collect();
    format!(r#"{{"scopes":[{}]}}"#, names.join(","))
}

fn unknown_names<S: Scope>(c: &mut Criterion, label: &str) {
    let mut group = c.benchmark_group(format!("unknown_names/{label}"));
    group.sample_size(10);
    for count in SIZES {
        let text = request::<S>(count);
        // What is timed is what is meant: every name is unknown, every one is reported, and
        // the message is capped whatever the count.
        let err = AuthRequest::<S>::from_json(&text).expect_err("no name is a scope");
        assert_eq!(err.unknown_scopes().len(), count);
        let message = err.to_string();
        assert!(
            message.ends_with(&format!(", and {} more", count - 5)),
            "{message}"
        );
        assert!(message.len() < 400, "{} bytes", message.len());
        let through_serde = serde_json::from_str::<AuthRequest<S>>(&text).expect_err("unknown");
        assert!(through_serde.to_string().starts_with(&message));
        let twin = AuthRequest::<S>::from_json(&text).expect_err("no name is a scope");
        assert!(err == twin);

        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("vec_string", count), &text, |b, text| {
            b.iter(|| serde_json::from_str::<PlainRequest>(black_box(text)).is_ok())
        });
        group.bench_with_input(
            BenchmarkId::new("serde_auth_request", count),
            &text,
            |b, text| b.iter(|| serde_json::from_str::<AuthRequest<S>>(black_box(text)).is_ok()),
        );
        group.bench_with_input(BenchmarkId::new("from_json", count), &text, |b, text| {
            b.iter(|| AuthRequest::<S>::from_json(black_box(text)).is_ok())
        });
        group.bench_with_input(BenchmarkId::new("eq", count), &(&err, &twin), |b, pair| {
            b.iter(|| black_box(pair.0) == black_box(pair.1))
        });
        group.bench_with_input(BenchmarkId::new("display", count), &err, |b, err| {
            b.iter(|| black_box::<&InvalidAuthRequest>(err).to_string())
        });
    }
    group.finish();
}

fn all(c: &mut Criterion) {
    unknown_names::<AlipayPlusScope>(c, "alipay_plus");
    unknown_names::<Generated10000Scope>(c, "generated_10000");
}

criterion_group! {
    name = benches;
    config = short_runs::criterion();
    targets = all
}
criterion_main!(benches);
