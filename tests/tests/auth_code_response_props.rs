//! Property tests of `AuthCodeResponse`: any response round-trips through JSON, and no input,
//! however malformed, makes parsing panic.

use authcode_runtime::{
    AuthCode, AuthCodeResponse, AuthScopes, JsapiErrorCode, Scope, ScopeErrorValue,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
/// The Alipay+ spec.
pub struct AlipayPlus;

// `Thousand`: the scopes of `authcode_tests::generated_spec(1000)`, which build.rs writes into
// OUT_DIR (the derive takes the spec's path as a literal, so the item is generated too).
include!(concat!(env!("OUT_DIR"), "/thousand.rs"));

type Response = AuthCodeResponse<AlipayPlusScope>;

const KNOWN_FIELDS: [&str; 5] = [
    "authCode",
    "authSuccessScopes",
    "authErrorScopes",
    "error",
    "errorMessage",
];

/// Scope names: mostly the spec's, some near misses and some anything.
fn scope_name() -> impl Strategy<Value = String> {
    let known: Vec<String> = AlipayPlusScope::ALL
        .iter()
        .map(|s| s.as_str().to_owned())
        .collect();
    prop_oneof![
        3 => proptest::sample::select(known),
        1 => "[A-Za-z_]{0,16}",
        1 => any::<String>(),
    ]
}

/// Error values as wallets send them, including numbers that are not small integers. Floats
/// are limited to ones JSON text carries exactly, so the text round trip is exact too.
fn error_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        "[0-9]{1,6}".prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1_000_000i32..1_000_000, 0u32..3)
            .prop_map(|(n, shift)| Value::from(f64::from(n) / f64::from(1 << shift) + 0.5)),
    ]
}

/// Any JSON value, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// One known field: absent (`None`), `null`, or a value of the right type.
fn field(value: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Value::Null)),
        4 => value.prop_map(Some),
    ]
}

/// A well-formed callback object: every known field absent, null or valid, plus unknown fields.
fn response_json() -> impl Strategy<Value = Value> {
    let success = proptest::collection::vec(scope_name(), 0..8).prop_map(Value::from);
    let errors = proptest::collection::btree_map(scope_name(), error_value(), 0..6)
        .prop_map(|map| Value::Object(map.into_iter().collect()));
    let extra = proptest::collection::btree_map("[a-z]{1,8}", any_json(), 0..3);
    (
        field(any::<String>().prop_map(Value::from)),
        field(success),
        field(errors),
        field(any::<i64>().prop_map(Value::from)),
        field(any::<String>().prop_map(Value::from)),
        extra,
    )
        .prop_map(|(code, success, errors, error, message, extra)| {
            let mut object: Map<String, Value> = extra
                .into_iter()
                .filter(|(key, _)| !KNOWN_FIELDS.contains(&key.as_str()))
                .collect();
            for (key, value) in KNOWN_FIELDS
                .iter()
                .zip([code, success, errors, error, message])
            {
                if let Some(value) = value {
                    object.insert((*key).to_owned(), value);
                }
            }
            Value::Object(object)
        })
}

/// A response built with the producer methods.
fn built_response() -> impl Strategy<Value = Response> {
    #[derive(Debug, Clone)]
    enum Step {
        Code(String),
        Grant(usize),
        GrantUnknown(String),
        Deny(usize, String),
        DenyUnknown(String, i64),
        Error(i64, Option<String>),
    }
    let scopes = AlipayPlusScope::ALL.len();
    let step = prop_oneof![
        any::<String>().prop_map(Step::Code),
        (0..scopes).prop_map(Step::Grant),
        scope_name().prop_map(Step::GrantUnknown),
        (0..scopes, "[0-9]{5}").prop_map(|(i, e)| Step::Deny(i, e)),
        (scope_name(), any::<i64>()).prop_map(|(n, e)| Step::DenyUnknown(n, e)),
        (any::<i64>(), proptest::option::of(any::<String>())).prop_map(|(c, m)| Step::Error(c, m)),
    ];
    proptest::collection::vec(step, 0..12).prop_map(|steps| {
        let mut response = Response::new();
        for step in steps {
            match step {
                Step::Code(code) => response.set_auth_code(AuthCode::new(code)),
                Step::Grant(i) => response.grant(AlipayPlusScope::ALL[i]),
                Step::GrantUnknown(name) => response.grant_unknown(name),
                Step::Deny(i, e) => {
                    response.deny(AlipayPlusScope::ALL[i], ScopeErrorValue::from(e))
                }
                Step::DenyUnknown(name, e) => response.deny_unknown(name, ScopeErrorValue::from(e)),
                Step::Error(code, message) => {
                    response.set_error(JsapiErrorCode::from_code(code), message)
                }
            };
        }
        response
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_callback_object_round_trips(json in response_json()) {
        let response: Response = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&response).unwrap(), json.clone());

        let text = serde_json::to_string(&json).unwrap();
        let from_text: Response = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&from_text, &response);
        let again: Response = serde_json::from_str(&serde_json::to_string(&from_text).unwrap()).unwrap();
        prop_assert_eq!(again, from_text);
    }

    #[test]
    fn the_auth_code_survives_unknown_scopes(json in response_json()) {
        let response: Response = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(response.auth_code().map(AuthCode::expose), json["authCode"].as_str());
        // The code may also turn up as a scope name or a message, so "the Debug
        // text does not contain it" can fail for the wrong reason. What redaction
        // really promises is that the Debug text does not depend on the code:
        // swapping in another code must leave it unchanged.
        if json["authCode"].is_string() {
            let mut swapped = json.clone();
            swapped["authCode"] = Value::from("a-different-code");
            let other: Response = serde_json::from_value(swapped).unwrap();
            prop_assert_eq!(format!("{response:?}"), format!("{other:?}"));
        }
    }

    #[test]
    fn the_same_objects_round_trip_for_a_thousand_scope_spec(json in response_json()) {
        let response: AuthCodeResponse<ThousandScope> = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&response).unwrap(), json);
    }

    #[test]
    fn built_responses_round_trip(response in built_response()) {
        let text = serde_json::to_string(&response).unwrap();
        let back: Response = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &response);
        prop_assert_eq!(back.granted(), response.granted());
        prop_assert!((back.granted() & back.denied_scopes()).is_empty());
    }

    #[test]
    fn any_json_value_parses_or_fails_without_panicking(json in any_json()) {
        if let Ok(response) = serde_json::from_value::<Response>(json.clone()) {
            prop_assert_eq!(serde_json::to_value(&response).unwrap(), json);
        }
    }

    #[test]
    fn any_text_parses_or_fails_without_panicking(text in "[\\[\\]{}:,\"a-zA-Z_0-9 .eE+-]{0,64}") {
        let _ = serde_json::from_str::<Response>(&text);
    }

    #[test]
    fn any_bytes_parse_or_fail_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
        let _ = serde_json::from_slice::<Response>(&bytes);
    }

    #[test]
    fn corrupted_responses_parse_or_fail_without_panicking(
        json in response_json(),
        position in any::<proptest::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = serde_json::to_vec(&json).unwrap();
        let at = position.index(bytes.len());
        bytes[at] = byte;
        if let Ok(response) = serde_json::from_slice::<Response>(&bytes) {
            let written = serde_json::to_vec(&response).unwrap();
            prop_assert_eq!(serde_json::from_slice::<Response>(&written).unwrap(), response);
        }
    }

    #[test]
    fn from_json_reads_every_response_as_serde_does(json in response_json(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&json).unwrap()
        } else {
            serde_json::to_string(&json).unwrap()
        };
        same_as_serde(&text)?;
    }

    #[test]
    fn from_json_agrees_with_serde_on_corrupted_responses(
        json in response_json(),
        position in any::<proptest::sample::Index>(),
        byte in "[ -~]",
    ) {
        // One printable character replaced: mostly still JSON, often in the shape the direct
        // reader accepts, sometimes not quite.
        let mut text = serde_json::to_string(&json).unwrap();
        let boundaries: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
        let at = boundaries[position.index(boundaries.len())];
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        text.replace_range(at..end, &byte);
        same_as_serde(&text)?;
    }

    #[test]
    fn from_json_agrees_with_serde_on_tricky_values(text in tricky_response_text()) {
        same_as_serde(&text)?;
    }

    #[test]
    fn from_json_agrees_with_serde_on_any_text(
        text in "[\\[\\]{}:,\"a-zA-Z_0-9 .eE+-]{0,64}|\\{\"(authCode|error|errorMessage|authSuccessScopes|authErrorScopes)\":[-0-9.eE\"\\[\\]{}a-z,:]{0,20}\\}",
    ) {
        same_as_serde(&text)?;
    }
}

/// Response objects written as text, with the values at the edges of what the direct reader in
/// `from_json` accepts: numbers JSON or serde_json treat specially, escapes, control characters,
/// near-`null`s, repeated keys, odd whitespace.
fn tricky_response_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("authCode"),
        Just("authSuccessScopes"),
        Just("authErrorScopes"),
        Just("error"),
        Just("errorMessage"),
        Just("extra"),
    ];
    let value = prop_oneof![
        Just("null".to_owned()),
        Just("nul".to_owned()),
        Just("nullx".to_owned()),
        Just("true".to_owned()),
        prop_oneof![
            Just("0"),
            Just("-0"),
            Just("01"),
            Just("-01"),
            Just("1.0"),
            Just("1e2"),
            Just("-"),
            Just("9223372036854775807"),
            Just("9223372036854775808"),
            Just("-9223372036854775808"),
            Just("-9223372036854775809"),
            Just("40006"),
        ]
        .prop_map(str::to_owned),
        "\"[A-Za-z_\\\\\"\u{1}\u{7f}é ]{0,12}\"",
        proptest::collection::vec(
            prop_oneof![
                Just("\"USER_ID\""),
                Just("\"user_id\""),
                Just("\"NEW\""),
                Just("\"a\\\"b\""),
                Just("1"),
                Just("null")
            ],
            0..4,
        )
        .prop_map(|items| format!("[{}]", items.join(","))),
        proptest::collection::vec(
            (
                prop_oneof![
                    Just("USER_ID"),
                    Just("NEW"),
                    Just("auth_base"),
                    Just("a\\nb")
                ],
                prop_oneof![
                    Just("\"40006\""),
                    Just("40006"),
                    Just("-0"),
                    Just("null"),
                    Just("\"x\\ty\""),
                    Just("[]")
                ],
            ),
            0..4,
        )
        .prop_map(|pairs| {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(name, error)| format!("\"{name}\":{error}"))
                .collect();
            format!("{{{}}}", pairs.join(","))
        }),
    ];
    let space = prop_oneof![
        Just(""),
        Just(" "),
        Just("\n\t"),
        Just("\r"),
        Just("\u{a0}")
    ];
    proptest::collection::vec((key, value, space.clone()), 0..5).prop_flat_map(move |fields| {
        space.clone().prop_map(move |outer| {
            let fields: Vec<String> = fields
                .iter()
                .map(|(key, value, space)| format!("{space}\"{key}\"{space}:{space}{value}{space}"))
                .collect();
            format!("{outer}{{{}}}{outer}", fields.join(","))
        })
    })
}

/// `AuthCodeResponse::from_json` gives what `serde_json::from_str` gives: the same response, or
/// an error with the same message.
fn same_as_serde(text: &str) -> Result<(), TestCaseError> {
    let fast = Response::from_json(text).map_err(|err| err.to_string());
    let serde = serde_json::from_str::<Response>(text).map_err(|err| err.to_string());
    prop_assert_eq!(fast, serde, "{}", text);
    Ok(())
}
