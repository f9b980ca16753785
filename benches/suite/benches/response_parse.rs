//! Parsing the `my.getAuthCode` callback object: `AuthCodeResponse<AlipayPlusScope>` against
//! `serde_json::Value` and against the struct a user would write by hand (`Vec<String>` and
//! `HashMap<String, String>` fields).
//!
//! The inputs are the success and failure examples of the `my.getAuthCode` documentation and a partial grant that names all
//! 15 scopes. `AuthCodeResponse` does more than the hand-written struct: it types the scopes,
//! keeps unknown scope names and fields so that the object serializes back unchanged, and
//! rejects repeated keys. It is timed both ways users read it: `AuthCodeResponse::from_json`
//! (a direct reader for the usual shapes, serde for the rest) and `serde_json::from_str`
//! through its `Deserialize`. Before timing, the parsers are checked to read the same scopes.
//!
//! Run with `cargo bench -p authcode-benches --bench response_parse`.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use authcode_runtime::{AuthCodeResponse, AuthScopes, Scope};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;

/// The Alipay+ wallet (`spec/alipay-plus.json`).
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

/// What a user would write without authcode.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandWritten {
    auth_code: Option<String>,
    #[serde(default)]
    auth_success_scopes: Vec<String>,
    #[serde(default)]
    auth_error_scopes: HashMap<String, String>,
}

/// The `my.getAuthCode` documentation's "Successful Response Example".
const SUCCESS: &str =
    r#"{"authCode":"1591797390204","authSuccessScopes":["USER_ID","USER_NICKNAME","USER_AVATAR"]}"#;

/// The `my.getAuthCode` documentation's "Failure Response Example".
const FAILURE: &str = r#"{"authErrorScopes":{"USER_NICKNAME":"40006"}}"#;

/// A partial grant naming every scope: the silent ones and half of the others granted, the
/// rest refused.
fn partial_grant_all_15() -> String {
    let mut granted = Vec::new();
    let mut refused = Vec::new();
    for (i, scope) in AlipayPlusScope::ALL.iter().enumerate() {
        if scope.is_silent() || i % 2 == 0 {
            granted.push(format!("\"{scope}\""));
        } else {
            refused.push(format!("\"{scope}\":\"40006\""));
        }
    }
    format!(
        r#"{{"authCode":"2810d4bd0d3c4a1d97a3b39b9e8c4f3b","authSuccessScopes":[{}],"authErrorScopes":{{{}}}}}"#,
        granted.join(","),
        refused.join(",")
    )
}

/// The code and the granted and refused scope names each parser read, for the fairness check.
type Read = (Option<String>, Vec<String>, Vec<String>);

fn names_typed(json: &str) -> Read {
    let response: AuthCodeResponse<AlipayPlusScope> =
        serde_json::from_str(json).expect("authcode parses the input");
    let direct = AuthCodeResponse::from_json(json).expect("from_json parses the input");
    assert_eq!(direct, response, "from_json and serde disagree");
    let granted = response.granted().iter().map(|s| s.to_string()).collect();
    let mut refused: Vec<String> = response.denied().map(|(s, _)| s.to_string()).collect();
    refused.sort();
    let code = response.auth_code().map(|code| code.expose().to_owned());
    (code, granted, refused)
}

fn names_hand_written(json: &str) -> Read {
    let response: HandWritten = serde_json::from_str(json).expect("the struct parses the input");
    let mut refused: Vec<String> = response.auth_error_scopes.into_keys().collect();
    refused.sort();
    let mut granted = response.auth_success_scopes;
    granted.sort_by_key(|name| name.parse::<AlipayPlusScope>().map(|s| s.index()).ok());
    (response.auth_code, granted, refused)
}

fn response_parse(c: &mut Criterion) {
    let partial = partial_grant_all_15();
    for (name, json) in [
        ("documented_success", SUCCESS),
        ("documented_failure", FAILURE),
        ("partial_grant_15", partial.as_str()),
    ] {
        assert_eq!(names_typed(json), names_hand_written(json), "{name}");
        assert!(serde_json::from_str::<serde_json::Value>(json).is_ok());

        let mut group = c.benchmark_group(format!("response_parse/{name}"));
        group.measurement_time(Duration::from_secs(3));
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_function("authcode_from_json", |b| {
            b.iter(|| {
                AuthCodeResponse::<AlipayPlusScope>::from_json(black_box(json))
                    .map(|response| response.granted().len())
            })
        });
        group.bench_function("authcode_serde", |b| {
            b.iter(|| {
                serde_json::from_str::<AuthCodeResponse<AlipayPlusScope>>(black_box(json))
                    .map(|response| response.granted().len())
            })
        });
        group.bench_function("hand_written_struct", |b| {
            b.iter(|| {
                serde_json::from_str::<HandWritten>(black_box(json))
                    .map(|response| response.auth_success_scopes.len())
            })
        });
        group.bench_function("serde_json_value", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(json)))
        });
        // The floor of any serde_json-based parser: checking the syntax and skipping every
        // value, building nothing.
        group.bench_function("serde_json_syntax_only", |b| {
            b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(json)))
        });
        group.finish();
    }
}

criterion_group!(benches, response_parse);
criterion_main!(benches);
