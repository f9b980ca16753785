//! The reader on the repository's spec and on the mistakes users make.

use authcode_spec::{Authorization, Location, SpecError, parse, parse_bytes};

fn errors(text: &str) -> Vec<SpecError> {
    parse(text).expect_err("the spec is invalid")
}

fn messages(text: &str) -> Vec<String> {
    errors(text)
        .into_iter()
        .map(|err| err.to_string())
        .collect()
}

#[test]
fn reads_the_alipay_plus_spec() {
    let text = include_str!("../../spec/alipay-plus.json");
    let spec = parse(text).unwrap();
    assert_eq!(spec.wallet.as_deref(), Some("Alipay+"));
    assert_eq!(spec.jsapi.as_deref(), Some("my.getAuthCode"));
    assert_eq!(spec.scopes.len(), 15);
    let silent: Vec<_> = spec
        .scopes
        .iter()
        .filter(|s| s.authorization == Authorization::Silent)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(silent, ["USER_ID", "auth_base"]);
    let deprecated: Vec<_> = spec
        .scopes
        .iter()
        .filter(|s| s.deprecated.is_some())
        .map(|s| s.variant.as_str())
        .collect();
    assert_eq!(deprecated, ["AuthBase", "AuthUser"]);
    assert_eq!(
        spec.scopes[0].location,
        Location {
            line: 8,
            column: 15
        }
    );
}

#[test]
fn reports_every_problem_in_file_order() {
    let text = r#"{
  "spec_version": 1,
  "colour": "red",
  "scopes": [
    { "name": "A", "description": "a", "authorization": "loud" },
    { "name": "B", "description": "", "authorization": "silent", "extra": 1 }
  ]
}"#;
    let found = messages(text);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        found[0].starts_with("3:13: unknown key `colour`"),
        "{found:#?}"
    );
    assert!(found[1].starts_with("5:57: `authorization` of scope \"A\" is \"loud\""));
    assert!(found[2].starts_with("6:35: `description` of scope \"B\" must not be empty"));
    assert!(found[3].starts_with("6:75: unknown key `extra` in scope \"B\""));
}

#[test]
fn rejects_duplicate_keys_instead_of_keeping_the_last() {
    let text = r#"{ "spec_version": 1, "scopes": [
        { "name": "A", "name": "B", "description": "a", "authorization": "silent" } ] }"#;
    assert_eq!(
        messages(text),
        ["2:32: duplicate key `name` in scope \"A\""]
    );
}

#[test]
fn non_object_roots_and_scopes_are_named() {
    assert_eq!(
        messages("[]"),
        ["1:1: the spec must be an object, found an array"]
    );
    assert_eq!(
        messages(r#"{ "spec_version": 1, "scopes": ["USER_ID"] }"#),
        ["1:33: scope #1 must be an object, found a string"]
    );
    assert_eq!(
        messages(""),
        ["1:1: invalid JSON: EOF while parsing a value"]
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!(
        r#"{{ "spec_version": 1, "wallet": {}{}, "scopes": [] }}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let found = messages(&text);
    assert_eq!(found[0], "1:32: `wallet` must be a string, found an array");
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let text = " ".repeat(authcode_spec::MAX_SPEC_BYTES + 1);
    assert_eq!(errors(&text)[0].location, None);
    assert!(errors(&text)[0].message.contains("the limit is"));
}

#[test]
fn invalid_utf8_is_located() {
    let found = parse_bytes(b"{\n  \"wallet\": \"caf\xe9\"\n}").unwrap_err();
    assert_eq!(
        found[0].to_string(),
        "2:17: the spec is not valid UTF-8 text"
    );
}

#[test]
fn numbers_other_than_one_are_unsupported_versions() {
    for version in ["0", "2", "1.0", "-1", "18446744073709551616"] {
        let text = format!(
            r#"{{ "spec_version": {version}, "scopes": [{{ "name": "A", "description": "a", "authorization": "silent" }}] }}"#
        );
        let found = messages(&text);
        assert_eq!(found.len(), 1, "{version}: {found:?}");
        assert!(found[0].contains("unsupported `spec_version`"), "{found:?}");
    }
}
