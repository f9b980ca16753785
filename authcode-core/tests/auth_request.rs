//! `AuthRequest`: the `{"scopes": [...]}` argument of `my.getAuthCode`.

extern crate authcode_core as authcode_runtime;

use authcode_runtime::{AuthRequest, AuthScopes, InvalidAuthRequest, ScopeSet};

#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
/// The Alipay+ spec.
pub struct AlipayPlus;

use AlipayPlusScope::*;

type Request = AuthRequest<AlipayPlusScope>;

#[test]
fn the_documented_example_serializes_to_the_jsapi_argument() {
    let request = Request::new([UserId, UserNickname, UserAvatar]).unwrap();
    assert_eq!(
        serde_json::to_value(request).unwrap(),
        serde_json::json!({ "scopes": ["USER_ID", "USER_NICKNAME", "USER_AVATAR"] })
    );
    assert_eq!(Request::from_json(&request.to_json()), Ok(request));
    let via_serde: Request = serde_json::from_str(&request.to_json()).unwrap();
    assert_eq!(via_serde, request);
}

#[test]
fn every_unknown_name_is_reported_once_in_input_order() {
    let err =
        Request::parse_wire_names(["USER_ID", "USER_NAM", "PAYMENT", "USER_NAM", "user_avatar"])
            .unwrap_err();
    let reported: Vec<(&str, Option<&str>)> = err
        .unknown_scopes()
        .iter()
        .map(|unknown| (unknown.input(), unknown.suggestion()))
        .collect();
    assert_eq!(
        reported,
        [
            ("USER_NAM", Some("USER_NAME")),
            ("PAYMENT", None),
            ("user_avatar", Some("USER_AVATAR")),
        ]
    );
    assert_eq!(
        err.to_string(),
        r#"the request names 3 unknown scopes: "USER_NAM" (did you mean "USER_NAME"?), "PAYMENT", "user_avatar" (did you mean "USER_AVATAR"?)"#
    );
}

#[test]
fn one_unknown_name_reads_naturally() {
    let err = Request::from_json(r#"{"scopes":["USER_ID","USER_BIRTHDAYS"]}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"the request names an unknown scope: "USER_BIRTHDAYS" (did you mean "USER_BIRTHDAY"?)"#
    );
}

#[test]
fn serde_reports_every_unknown_name_too() {
    let err = serde_json::from_str::<Request>(r#"{"scopes":["X_1","USER_ID","X_2"]}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"the request names 2 unknown scopes: "X_1", "X_2""#),
        "{err}"
    );
}

#[test]
fn an_empty_request_is_an_error() {
    assert_eq!(
        Request::new(ScopeSet::new()),
        Err(InvalidAuthRequest::Empty)
    );
    assert_eq!(
        Request::from_json(r#"{"scopes":[]}"#),
        Err(InvalidAuthRequest::Empty)
    );
    let err = serde_json::from_str::<Request>(r#"{"scopes":[]}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("the request names no scope"),
        "{err}"
    );
}

#[test]
fn malformed_arguments_are_errors_with_a_reason() {
    let cases = [
        ("", "EOF while parsing"),
        (
            "[]",
            "invalid type: sequence, expected a my.getAuthCode argument",
        ),
        (r#"[["USER_ID"]]"#, "invalid type: sequence"),
        ("7", "invalid type: integer `7`"),
        (
            r#"{"scopes":"USER_ID"}"#,
            "invalid type: string \"USER_ID\", expected a sequence",
        ),
        (r#"{"scopes":[1]}"#, "invalid type: integer `1`"),
        (r#"{"scopes":null}"#, "invalid type: null"),
        (r#"{}"#, "missing field `scopes`"),
        (
            r#"{"scopes":["USER_ID"],"scopes":["USER_ID"]}"#,
            "duplicate field `scopes`",
        ),
        (r#"{"scopes":["USER_ID"]} trailing"#, "trailing characters"),
    ];
    for (json, expected) in cases {
        match Request::from_json(json) {
            Err(InvalidAuthRequest::Malformed(message)) => {
                assert!(message.contains(expected), "{json}: {message}")
            }
            other => panic!("{json}: {other:?}"),
        }
    }
}

#[test]
fn other_keys_of_the_argument_are_ignored() {
    let request = Request::from_json(r#"{"scopes":["USER_ID"],"success":"fn"}"#).unwrap();
    assert_eq!(request.scopes(), ScopeSet::single(UserId));
}

#[test]
fn deprecated_and_proactive_scopes_are_listed() {
    let request =
        Request::parse_wire_names(["auth_base", "auth_user", "USER_ID", "USER_NAME"]).unwrap();
    #[allow(deprecated)]
    let deprecated = ScopeSet::from([AuthBase, AuthUser]);
    assert_eq!(request.deprecated_scopes(), deprecated);
    #[allow(deprecated)]
    let proactive = ScopeSet::from([AuthUser, UserName]);
    assert_eq!(request.proactive_scopes(), proactive);
    assert!(!request.is_silent());
    // Spec order, whatever order the names came in.
    assert_eq!(
        request.wire_names().collect::<Vec<_>>(),
        ["USER_ID", "USER_NAME", "auth_base", "auth_user"]
    );
}

#[test]
fn repeated_names_count_once() {
    let request = Request::parse_wire_names(["USER_ID", "USER_ID"]).unwrap();
    assert_eq!(request.to_json(), r#"{"scopes":["USER_ID"]}"#);
}

#[test]
fn debug_shows_the_scopes() {
    let request = Request::new([UserName, UserId]).unwrap();
    assert_eq!(
        format!("{request:?}"),
        "AuthRequest { scopes: {USER_ID, USER_NAME} }"
    );
}
