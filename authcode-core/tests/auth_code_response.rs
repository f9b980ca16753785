//! `AuthCodeResponse`: the examples of the Alipay+ documentation, unknown scopes, error values, the outcome, the
//! builder, redaction, and malformed input.

extern crate authcode_core as authcode_runtime;

use authcode_runtime::{
    AuthCode, AuthCodeResponse, AuthOutcome, AuthScopes, JsapiErrorCode, ScopeErrorValue, ScopeSet,
};
use serde_json::{Value, json};

#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
/// The Alipay+ spec.
pub struct AlipayPlus;

use AlipayPlusScope::*;

type Response = AuthCodeResponse<AlipayPlusScope>;

fn parse(json: &str) -> Response {
    serde_json::from_str(json).unwrap_or_else(|err| panic!("{json}: {err}"))
}

/// Parses `json` and checks that it serializes back to the same JSON value.
fn round_trip(json: &str) -> Response {
    let response = parse(json);
    let original: Value = serde_json::from_str(json).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), original, "{json}");
    response
}

#[test]
fn the_documented_success_example_round_trips() {
    let json = r#"{"authCode":"1591797390204","authSuccessScopes":["USER_ID","USER_NICKNAME","USER_AVATAR"]}"#;
    let response = round_trip(json);
    assert_eq!(serde_json::to_string(&response).unwrap(), json);
    assert_eq!(response.auth_code().unwrap().expose(), "1591797390204");
    assert_eq!(
        response.granted(),
        ScopeSet::from([UserId, UserNickname, UserAvatar])
    );
    assert_eq!(response.denied().count(), 0);
    assert_eq!(response.outcome(), AuthOutcome::Granted);
    assert!(!response.has_unknown_scopes());
}

#[test]
fn the_documented_failure_example_round_trips() {
    let json = r#"{"authErrorScopes":{"USER_NICKNAME":"40006"}}"#;
    let response = round_trip(json);
    assert_eq!(serde_json::to_string(&response).unwrap(), json);
    assert!(response.auth_code().is_none());
    assert!(response.granted().is_empty());
    assert_eq!(
        response.denied().collect::<Vec<_>>(),
        [(UserNickname, &ScopeErrorValue::from("40006"))]
    );
    assert_eq!(response.outcome(), AuthOutcome::Denied);
}

#[test]
fn a_jsapi_error_round_trips() {
    let json = r#"{"error":11,"errorMessage":"USER_CANCEL"}"#;
    let response = round_trip(json);
    assert_eq!(serde_json::to_string(&response).unwrap(), json);
    assert_eq!(response.error(), Some(JsapiErrorCode::UserCancelled));
    assert_eq!(response.error_message(), Some("USER_CANCEL"));
    assert_eq!(
        response.outcome(),
        AuthOutcome::Failed(JsapiErrorCode::UserCancelled)
    );
}

#[test]
fn a_partial_grant_round_trips() {
    let json = r#"{"authCode":"281474976710656","authSuccessScopes":["USER_ID","USER_AVATAR"],"authErrorScopes":{"USER_NICKNAME":"40006","USER_CONTACTINFO":10001}}"#;
    let response = round_trip(json);
    assert_eq!(serde_json::to_string(&response).unwrap(), json);
    assert_eq!(response.outcome(), AuthOutcome::PartiallyGranted);
    assert_eq!(response.granted(), ScopeSet::from([UserId, UserAvatar]));
    assert_eq!(
        response.denied_scopes(),
        ScopeSet::from([UserNickname, UserContactinfo])
    );
    assert_eq!(
        response.denial(UserNickname),
        Some(&ScopeErrorValue::from("40006"))
    );
    assert_eq!(
        response.denial(UserContactinfo),
        Some(&ScopeErrorValue::from(10001))
    );
}

#[test]
fn error_values_keep_their_json_type() {
    let response = round_trip(
        r#"{"authErrorScopes":{"USER_NAME":"10001","USER_GENDER":10001,"USER_BIRTHDAY":1.5,"USER_ADDRESS":-3,"SEND_MESSAGE":18446744073709551615,"USER_NATIONALITY":""}}"#,
    );
    let values: Vec<String> = response
        .denied()
        .map(|(_, v)| serde_json::to_string(v).unwrap())
        .collect();
    assert_eq!(
        values,
        [
            r#""10001""#,
            "10001",
            "1.5",
            "-3",
            "18446744073709551615",
            r#""""#
        ]
    );
    assert_ne!(
        response.denial(UserName),
        response.denial(UserGender),
        "a string and a number are different values"
    );
    assert_eq!(response.denial(UserName).unwrap().as_code(), Some(10001));
    assert_eq!(response.denial(UserGender).unwrap().as_code(), Some(10001));
}

#[test]
fn unknown_scopes_are_kept_reported_and_written_back_in_place() {
    let json = r#"{"authCode":"abc","authSuccessScopes":["WALLET_KYC","USER_ID","user_id","WALLET_KYC"],"authErrorScopes":{"USER_NAME":"40006","WALLET_PAY":10001}}"#;
    let response = parse(json);
    assert_eq!(
        serde_json::to_string(&response).unwrap(),
        json,
        "order and repeats are kept"
    );
    assert_eq!(response.auth_code().unwrap().expose(), "abc");
    assert_eq!(response.granted(), ScopeSet::single(UserId));
    assert_eq!(
        response.unknown_granted().collect::<Vec<_>>(),
        ["WALLET_KYC", "user_id", "WALLET_KYC"]
    );
    assert_eq!(
        response.unknown_denied().collect::<Vec<_>>(),
        [("WALLET_PAY", &ScopeErrorValue::from(10001))]
    );
    assert_eq!(response.denied_scopes(), ScopeSet::single(UserName));
    assert!(response.has_unknown_scopes());
    assert_eq!(response.outcome(), AuthOutcome::PartiallyGranted);
}

#[test]
fn a_response_of_only_unknown_scopes_still_keeps_the_auth_code() {
    let response = round_trip(r#"{"authCode":"abc","authSuccessScopes":["NEW_1","NEW_2"]}"#);
    assert_eq!(response.auth_code().unwrap().expose(), "abc");
    assert!(response.granted().is_empty());
    assert_eq!(response.outcome(), AuthOutcome::Granted);
}

#[test]
fn null_and_empty_fields_are_kept_as_they_came() {
    let response = round_trip(
        r#"{"authCode":null,"authSuccessScopes":null,"authErrorScopes":{},"error":null,"errorMessage":null}"#,
    );
    assert!(response.auth_code().is_none());
    assert!(response.error().is_none());
    assert_eq!(response.outcome(), AuthOutcome::NoAuthCode);
    round_trip(r#"{"authSuccessScopes":[],"authCode":""}"#);
    round_trip("{}");
}

#[test]
fn unknown_fields_are_kept() {
    let response = round_trip(
        r#"{"authCode":"abc","resultStatus":"9000","nested":{"deep":[1,2,{"x":null}]},"flag":true}"#,
    );
    let keys: Vec<&String> = response.extra_fields().keys().collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(
        response.extra_fields()["nested"]["deep"][2],
        json!({ "x": null })
    );
}

#[test]
fn outcome_covers_every_case() {
    let cases = [
        (r#"{"authCode":"a"}"#, AuthOutcome::Granted),
        (
            r#"{"authCode":"a","authSuccessScopes":["USER_ID"]}"#,
            AuthOutcome::Granted,
        ),
        (
            r#"{"authCode":"a","authErrorScopes":{"X":"1"}}"#,
            AuthOutcome::PartiallyGranted,
        ),
        (
            r#"{"authErrorScopes":{"USER_ID":"1"}}"#,
            AuthOutcome::Denied,
        ),
        (
            r#"{"authCode":"","authErrorScopes":{"USER_ID":"1"}}"#,
            AuthOutcome::Denied,
        ),
        (
            r#"{"authCode":"","authSuccessScopes":["USER_ID"]}"#,
            AuthOutcome::NoAuthCode,
        ),
        ("{}", AuthOutcome::NoAuthCode),
        (
            r#"{"authCode":"a","error":1005}"#,
            AuthOutcome::Failed(JsapiErrorCode::SystemError),
        ),
        (
            r#"{"error":3}"#,
            AuthOutcome::Failed(JsapiErrorCode::UnknownError),
        ),
        (
            r#"{"error":10}"#,
            AuthOutcome::Failed(JsapiErrorCode::EmptyAuthCode),
        ),
        (
            r#"{"error":1000}"#,
            AuthOutcome::Failed(JsapiErrorCode::Unknown),
        ),
        (
            r#"{"error":1001}"#,
            AuthOutcome::Failed(JsapiErrorCode::UserCancelledOperation),
        ),
        (
            r#"{"error":-7}"#,
            AuthOutcome::Failed(JsapiErrorCode::Other(-7)),
        ),
    ];
    for (json, expected) in cases {
        assert_eq!(round_trip(json).outcome(), expected, "{json}");
    }
}

#[test]
fn debug_never_shows_the_code_or_unknown_field_values() {
    let response = parse(
        r#"{"authCode":"1591797390204","authSuccessScopes":["USER_ID","NEW"],"authErrorScopes":{"USER_NAME":"40006"},"accessToken":"tok-123"}"#,
    );
    let shown = format!("{response:?}");
    let pretty = format!("{response:#?}");
    for text in [&shown, &pretty] {
        assert!(!text.contains("1591797390204"), "{text}");
        assert!(!text.contains("tok-123"), "{text}");
        assert!(text.contains("AuthCode(<redacted>)"), "{text}");
        assert!(text.contains("USER_ID") && text.contains("NEW") && text.contains("40006"));
        assert!(text.contains("accessToken"));
    }
    let code = response.auth_code().unwrap();
    assert_eq!(
        format!("{code} {code:?} {code:#?}"),
        "<redacted> AuthCode(<redacted>) AuthCode(<redacted>)"
    );
}

#[test]
fn the_builder_writes_what_the_callbacks_receive() {
    let mut success = Response::new();
    success
        .set_auth_code(AuthCode::new("1591797390204"))
        .grant(UserId)
        .grant(UserNickname)
        .grant(UserAvatar)
        .grant(UserId);
    assert_eq!(
        serde_json::to_string(&success).unwrap(),
        r#"{"authCode":"1591797390204","authSuccessScopes":["USER_ID","USER_NICKNAME","USER_AVATAR"]}"#
    );

    let mut failure = Response::new();
    failure.deny(UserNickname, ScopeErrorValue::from("40006"));
    assert_eq!(
        serde_json::to_string(&failure).unwrap(),
        r#"{"authErrorScopes":{"USER_NICKNAME":"40006"}}"#
    );

    let mut cancelled = Response::new();
    cancelled.set_error(JsapiErrorCode::from_code(11), Some("USER_CANCEL".into()));
    assert_eq!(
        serde_json::to_string(&cancelled).unwrap(),
        r#"{"error":11,"errorMessage":"USER_CANCEL"}"#
    );
    cancelled.set_error(JsapiErrorCode::Other(2), None);
    assert_eq!(serde_json::to_string(&cancelled).unwrap(), r#"{"error":2}"#);
}

#[test]
fn the_builder_moves_scopes_between_the_lists() {
    let mut response = Response::new();
    response
        .grant(UserId)
        .grant(UserName)
        .grant_unknown("NEW".into())
        .deny(UserName, ScopeErrorValue::from("1"))
        .deny(UserName, ScopeErrorValue::from("2"))
        .deny_unknown("NEW".into(), ScopeErrorValue::from(3))
        .deny_unknown("USER_GENDER".into(), ScopeErrorValue::from(4));
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({
            "authSuccessScopes": ["USER_ID"],
            "authErrorScopes": { "USER_NAME": "2", "NEW": 3, "USER_GENDER": 4 },
        })
    );
    assert_eq!(
        response.denied_scopes(),
        ScopeSet::from([UserName, UserGender])
    );

    response
        .grant(UserName)
        .grant_unknown("NEW".into())
        .grant(UserGender);
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({ "authSuccessScopes": ["USER_ID", "USER_NAME", "NEW", "USER_GENDER"] })
    );
    assert_eq!(response.unknown_granted().collect::<Vec<_>>(), ["NEW"]);
}

#[test]
fn built_responses_parse_back_equal() {
    let mut response = Response::new();
    response
        .set_auth_code(AuthCode::new("c"))
        .grant(UserId)
        .grant_unknown("NEW".into())
        .deny(UserAddress, ScopeErrorValue::from(1))
        .set_error(JsapiErrorCode::SystemError, Some("busy".into()));
    let back: Response = serde_json::from_str(&serde_json::to_string(&response).unwrap()).unwrap();
    assert_eq!(back, response);
}

#[test]
fn wrong_types_are_errors_that_name_what_was_expected() {
    let cases = [
        (
            "[]",
            "invalid type: sequence, expected a my.getAuthCode response object",
        ),
        (r#""authCode""#, "expected a my.getAuthCode response object"),
        ("42", "expected a my.getAuthCode response object"),
        ("null", "expected a my.getAuthCode response object"),
        (
            r#"{"authCode":1591797390204}"#,
            "expected an authCode string",
        ),
        (r#"{"authCode":["a"]}"#, "expected an authCode string"),
        (
            r#"{"authSuccessScopes":"USER_ID"}"#,
            "expected authSuccessScopes, an array of scope names",
        ),
        (
            r#"{"authSuccessScopes":{"USER_ID":1}}"#,
            "expected authSuccessScopes, an array of scope names",
        ),
        (
            r#"{"authSuccessScopes":["USER_ID",null]}"#,
            "invalid type: null, expected a scope name",
        ),
        (
            r#"{"authErrorScopes":["USER_ID"]}"#,
            "expected authErrorScopes, an object of scope names to errors",
        ),
        (
            r#"{"authErrorScopes":{"USER_ID":null}}"#,
            "expected a scope error (a string or a number)",
        ),
        (
            r#"{"authErrorScopes":{"USER_ID":{"code":1}}}"#,
            "expected a scope error (a string or a number)",
        ),
        (
            r#"{"authErrorScopes":{"USER_ID":true}}"#,
            "expected a scope error (a string or a number)",
        ),
        (
            r#"{"authErrorScopes":{"A":"1","A":"2"}}"#,
            r#"authErrorScopes names scope "A" twice"#,
        ),
        (
            r#"{"error":"11"}"#,
            "expected a JSAPI error code (an integer)",
        ),
        (
            r#"{"error":11.5}"#,
            "expected a JSAPI error code (an integer)",
        ),
        (r#"{"error":99999999999999999999}"#, "JSAPI error code"),
        (r#"{"errorMessage":11}"#, "expected an errorMessage string"),
        (r#"{"error":1,"error":2}"#, "duplicate field `error`"),
        (r#"{"x":1,"x":2}"#, "duplicate field `x`"),
        (r#"{"authCode":"a""#, "EOF while parsing"),
        (r#"{"authCode":"a"} {}"#, "trailing characters"),
    ];
    for (json, expected) in cases {
        let err = serde_json::from_str::<Response>(json)
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{json}: {err}");
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    for depth in [129, 10_000, 1_000_000] {
        let array = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        for json in [
            array.clone(),
            format!(r#"{{"authCode":"a","extra":{array}}}"#),
            format!(r#"{{"authErrorScopes":{{"X":{array}}}}}"#),
            format!(r#"{{"authSuccessScopes":{array}}}"#),
        ] {
            assert!(
                serde_json::from_str::<Response>(&json).is_err(),
                "depth {depth}"
            );
        }
    }
}

#[test]
fn huge_input_parses_or_fails_cleanly() {
    // 200,000 granted names, most unknown, and a 4 MB authCode.
    let names: Vec<String> = (0..200_000)
        .map(|i| {
            if i % 1000 == 0 {
                "USER_ID".to_owned()
            } else {
                format!("NEW_{i}")
            }
        })
        .collect();
    let code = "c".repeat(4 << 20);
    let json =
        serde_json::to_string(&json!({ "authCode": code, "authSuccessScopes": names })).unwrap();
    let response = parse(&json);
    assert_eq!(response.auth_code().unwrap().expose().len(), 4 << 20);
    assert_eq!(response.granted(), ScopeSet::single(UserId));
    assert_eq!(response.unknown_granted().count(), 199_800);
    assert_eq!(serde_json::to_string(&response).unwrap(), json);

    // A number too large for any integer type.
    let big = format!(r#"{{"authErrorScopes":{{"X":1{}}}}}"#, "0".repeat(400));
    assert!(serde_json::from_str::<Response>(&big).is_err());
}
