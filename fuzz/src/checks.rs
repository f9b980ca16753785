//! What each fuzz target asserts, as plain functions of the input bytes.
//!
//! The fuzz targets call these, and the workspace test `tests/tests/robust_fuzz_inputs.rs`
//! includes this very file (`#[path]`) to run every committed seed and regression input through
//! the same code under `cargo test`, so an input that once crashed stays checked on stable Rust
//! without the fuzzer.
//!
//! Each function returns normally for input that is handled well (parsed, or refused with a
//! clear error) and panics when an invariant breaks, which is what libFuzzer reports.

use std::time::{Duration, UNIX_EPOCH};

use authcode_runtime::wire::ApiVersion;
use authcode_runtime::{AuthCode, AuthCodeResponse, AuthOutcome, AuthRequest, AuthScopes, Scope};
use authcode_signing::{
    METHOD, Message, SignatureError, SignatureHeader, SigningKey, VerifyingKey, is_fresh,
};
use authcode_wire::time;

/// The Alipay+ wallet the targets parse for (the path is relative to the crate that includes
/// this file: `fuzz/` or `tests/`, both beside `spec/`).
#[derive(AuthScopes)]
#[auth_scopes(spec = "../spec/alipay-plus.json")]
pub struct AlipayPlus;

type Response = AuthCodeResponse<AlipayPlusScope>;
type Request = AuthRequest<AlipayPlusScope>;

/// A value that cannot come from the input (checked), planted to see where it shows up.
const MARKER: &str = "PLANTED-SECRET-5f1c9e7a0d";

/// The spec reader on arbitrary bytes: Ok or located errors, never a panic, and only specs
/// whose scopes satisfy the invariants the code generator relies on.
pub fn spec_parser(bytes: &[u8]) {
    match authcode_spec::parse_bytes(bytes) {
        Ok(spec) => {
            assert!(!spec.scopes.is_empty());
            let mut wire_names = std::collections::HashSet::new();
            let mut variants = std::collections::HashSet::new();
            let mut in_order = Vec::new();
            for scope in &spec.scopes {
                assert!(authcode_spec::check_identifier(&scope.variant).is_ok());
                assert!(variants.insert(scope.variant.as_str()));
                for wire in std::iter::once(&scope.name).chain(&scope.aliases) {
                    assert!(wire_names.insert(wire.as_str()));
                    in_order.push(wire.as_str());
                }
            }
            // The lookup table large specs get finds every name at its own position.
            let data = authcode_names::table::NameTableData::build(&in_order)
                .expect("distinct names get a table");
            let table = data.table(&in_order);
            for (position, name) in in_order.iter().enumerate() {
                assert_eq!(table.find(name), Some(position), "{name:?}");
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            assert!(errors.iter().all(|err| !err.message.is_empty()));
        }
    }
}

/// `AuthCodeResponse` from the JSON of a `my.getAuthCode` callback: what parses serializes back
/// to JSON that parses to an equal value (and serializes to the same bytes), the outcome agrees
/// with the fields, and `Debug` shows neither the authCode nor the values of unknown fields.
pub fn response_parser(bytes: &[u8]) {
    // `from_json` (a direct reader for the usual shapes, serde for the rest) answers exactly as
    // the serde path does, errors included.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let direct = Response::from_json(text).map_err(|err| err.to_string());
        let serde = serde_json::from_str::<Response>(text).map_err(|err| err.to_string());
        assert_eq!(direct, serde, "from_json and serde disagree on {text:?}");
    }
    let Ok(response) = serde_json::from_slice::<Response>(bytes) else {
        return;
    };
    let json = serde_json::to_vec(&response).expect("a parsed response serializes");
    let again: Response = serde_json::from_slice(&json)
        .unwrap_or_else(|err| panic!("the response's own JSON does not parse: {err}"));
    assert_eq!(
        again, response,
        "parse → serialize → parse changed the response"
    );
    let json_again = serde_json::to_vec(&again).expect("serializes");
    assert_eq!(json_again, json, "serializing twice gave different JSON");

    check_outcome(&response);

    // The input may itself contain the marker (in an errorMessage, say): then it proves nothing.
    if contains(bytes, MARKER.as_bytes()) {
        return;
    }
    let mut with_code = response.clone();
    with_code.set_auth_code(AuthCode::new(MARKER));
    let shown = format!("{with_code:?} {with_code:#?}");
    assert!(!shown.contains(MARKER), "Debug shows the authCode: {shown}");

    // The same input with an unknown field holding a token-like value, nested and plain.
    if let Some(planted) = plant_field(
        bytes,
        &format!(r#""zzPlantedToken":"{MARKER}","zzPlantedNested":[{{"t":"{MARKER}"}}]"#),
    ) && let Ok(planted) = serde_json::from_slice::<Response>(&planted)
    {
        let shown = format!("{planted:?}");
        assert!(
            !shown.contains(MARKER),
            "Debug shows an unknown field's value: {shown}"
        );
        assert!(
            shown.contains("zzPlantedToken"),
            "unknown field names are shown: {shown}"
        );
    }
}

/// What `outcome()` says must match what the accessors report.
fn check_outcome(response: &Response) {
    let has_code = response.auth_code().is_some_and(|code| !code.is_empty());
    let any_denied =
        response.denied().next().is_some() || response.unknown_denied().next().is_some();
    match response.outcome() {
        AuthOutcome::Failed(code) => assert_eq!(response.error(), Some(code)),
        AuthOutcome::Granted => assert!(has_code && !any_denied),
        AuthOutcome::PartiallyGranted => assert!(has_code && any_denied),
        AuthOutcome::Denied => assert!(!has_code && any_denied),
        AuthOutcome::NoAuthCode => assert!(!has_code && !any_denied),
    }
    if !matches!(response.outcome(), AuthOutcome::Failed(_)) {
        assert_eq!(response.error(), None);
    }
    assert_eq!(
        response.has_unknown_scopes(),
        response.unknown_granted().next().is_some() || response.unknown_denied().next().is_some()
    );
    for name in response.unknown_granted() {
        assert!(
            AlipayPlusScope::from_wire_name(name).is_none(),
            "{name:?} is known"
        );
    }
    for (scope, error) in response.denied() {
        assert_eq!(response.denial(scope), Some(error));
    }
}

/// `bytes` (a JSON object) with `fields` inserted as its first members, or `None` when the
/// bytes do not start with an object.
fn plant_field(bytes: &[u8], fields: &str) -> Option<Vec<u8>> {
    let open = bytes.iter().position(|b| !b" \t\r\n".contains(b))?;
    if bytes[open] != b'{' {
        return None;
    }
    let rest = &bytes[open + 1..];
    let empty = rest
        .iter()
        .find(|b| !b" \t\r\n".contains(b))
        .is_some_and(|&b| b == b'}');
    let mut planted = bytes[..=open].to_vec();
    planted.extend_from_slice(fields.as_bytes());
    if !empty {
        planted.push(b',');
    }
    planted.extend_from_slice(rest);
    Some(planted)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// `AuthRequest` from a `my.getAuthCode` argument: `from_json` and serde agree, what parses
/// round-trips through `to_json`, errors name only names that are no scope (with suggestions
/// that are), and `parse_wire_names` over the input's lines accepts exactly the lists of known
/// names.
pub fn request_parser(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let parsed = Request::from_json(text);
    let via_serde = serde_json::from_str::<Request>(text);
    assert_eq!(
        parsed.is_ok(),
        via_serde.is_ok(),
        "from_json and serde disagree: {parsed:?} / {via_serde:?}"
    );
    match parsed {
        Ok(request) => {
            assert!(!request.scopes().is_empty());
            assert_eq!(Request::from_json(&request.to_json()), Ok(request));
            assert_eq!(
                serde_json::to_string(&request).expect("serializes"),
                request.to_json()
            );
            assert_eq!(via_serde.ok(), Some(request));
        }
        Err(err) => check_request_error(&err),
    }

    let names: Vec<&str> = text.split('\n').collect();
    let all_known = names
        .iter()
        .all(|name| AlipayPlusScope::from_wire_name(name).is_some());
    match Request::parse_wire_names(names.iter().copied()) {
        Ok(request) => {
            assert!(all_known);
            for name in &names {
                let scope = AlipayPlusScope::from_wire_name(name).expect("known");
                assert!(request.scopes().contains(scope));
            }
            let distinct: std::collections::HashSet<_> = names
                .iter()
                .filter_map(|name| AlipayPlusScope::from_wire_name(name))
                .collect();
            assert_eq!(request.scopes().len(), distinct.len());
        }
        Err(err) => {
            assert!(!all_known, "every name is known, yet: {err}");
            check_request_error(&err);
        }
    }
}

fn check_request_error(err: &authcode_runtime::InvalidAuthRequest) {
    assert!(!err.to_string().is_empty());
    let mut seen = std::collections::HashSet::new();
    for (position, unknown) in err.unknown_scopes().iter().enumerate() {
        assert!(AlipayPlusScope::from_wire_name(unknown.input()).is_none());
        assert!(
            seen.insert(unknown.input()),
            "{:?} reported twice",
            unknown.input()
        );
        // Display computed every suggestion already; checking the first ones keeps inputs
        // with thousands of names from costing the fuzzer seconds each.
        if position < 64
            && let Some(suggestion) = unknown.suggestion()
        {
            assert!(AlipayPlusScope::from_wire_name(suggestion).is_some());
        }
    }
}

/// The headers a wallet reads before anything else: the input as a `Signature` header (a
/// well-formed one displays as itself and never verifies a message it was not made for; a
/// malformed one is refused with a short reason) and as a `Request-Time`.
pub fn signature_header(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let message = Message {
        method: METHOD,
        path: ApiVersion::V1.apply_token_path(),
        client_id: "2022000000000001",
        time: "2026-01-31T08:30:00+08:00",
        body: br#"{"grantType":"AUTHORIZATION_CODE","authCode":"x"}"#,
    };
    let verified = message.verify(&merchant_public_key(), Some(text));
    match SignatureHeader::parse(text) {
        Ok(header) => {
            assert!(!header.signature.as_bytes().is_empty());
            let shown = header.to_string();
            assert!(
                shown.bytes().all(|b| b == b' ' || b.is_ascii_graphic()),
                "not a valid header value: {shown:?}"
            );
            assert_eq!(SignatureHeader::parse(&shown), Ok(header));
            // Forging RSA is out of a fuzzer's reach: only a mismatch can come back.
            assert_eq!(verified, Err(SignatureError::Mismatch));
        }
        Err(err) => {
            assert!(!err.reason().is_empty());
            // Caller text in reasons is cut short: a reason never grows with the input.
            assert!(err.reason().len() < 1024, "{} bytes", err.reason().len());
            assert!(matches!(verified, Err(SignatureError::Malformed(_))));
        }
    }

    match time::parse(text) {
        Ok(sent) => {
            if let Ok(shown) = time::format(sent) {
                let back = time::parse(&shown).expect("a formatted time parses");
                let lost = sent.duration_since(back).expect("rounded down");
                assert!(lost < Duration::from_secs(1), "{shown} lost {lost:?}");
            }
            let now = UNIX_EPOCH + Duration::from_secs(1_769_848_200);
            assert_eq!(is_fresh(sent, now), is_fresh(now, sent));
            assert!(is_fresh(sent, sent));
        }
        Err(err) => {
            let reason = err.to_string();
            assert!(reason.len() < 1024, "{} bytes", reason.len());
        }
    }
}

/// The public half of a merchant key, generated once per process: no signature the fuzzer
/// writes can match it.
fn merchant_public_key() -> VerifyingKey {
    static KEY: std::sync::OnceLock<VerifyingKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        SigningKey::generate()
            .expect("a key is generated")
            .verifying_key()
    })
    .clone()
}
