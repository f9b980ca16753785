//! The reader on the repository's spec and on the mistakes users make.

use authcode_spec::{
    ApiVersion, Authorization, FieldType, Location, MAX_PROBLEMS, ModelField, RevokeApi, SpecError,
    SpecErrorKind, parse, parse_bytes,
};

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
    assert!(spec.user_info.is_default);
    assert_eq!(spec.user_info, authcode_spec::UserInfoModel::alipay_plus());
    let hash = spec
        .scopes
        .iter()
        .find(|s| s.name == "HASH_LOGIN_ID")
        .unwrap();
    assert_eq!(
        hash.grants,
        ["loginIdInfos.hashLoginId", "loginIdInfos.loginIdType"]
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
        found[0].starts_with("3:3: unknown key `colour`"),
        "{found:#?}"
    );
    assert!(found[1].starts_with("5:57: `authorization` of scope \"A\" is \"loud\""));
    assert!(found[2].starts_with("6:35: `description` of scope \"B\" must not be empty"));
    assert!(found[3].starts_with("6:66: unknown key `extra` in scope \"B\""));
}

#[test]
fn rejects_duplicate_keys_instead_of_keeping_the_last() {
    let text = r#"{ "spec_version": 1, "scopes": [
        { "name": "A", "name": "B", "description": "a", "authorization": "silent" } ] }"#;
    assert_eq!(
        messages(text),
        ["2:24: duplicate key `name` in scope \"A\""]
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
        ["1:1: the spec is empty: expected a JSON object"]
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
    let found = errors(&text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, SpecErrorKind::TooDeep);
    assert_eq!(
        found[0].to_string(),
        "1:95: arrays and objects nest more than 64 deep here; the limit is 64"
    );
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

/// The SuperQi wallet's spec, as spec/README.md shows it.
const SUPERQI: &str = r#"{ "spec_version": 1, "wallet": "SuperQi",
  "user_info": {
    "userId": { "type": "string", "description": "The user's unique ID for this merchant." },
    "userName": { "type": "object", "fields": { "fullName": { "type": "string" }, "firstName": { "type": "string" }, "secondName": { "type": "string" }, "thirdName": { "type": "string" }, "lastName": { "type": "string" } } },
    "userNameInArabic": { "type": "object", "fields": { "fullName": { "type": "string" } } },
    "loginIdInfos": { "type": "array", "items": { "type": "object", "fields": { "loginIdType": { "type": "string" }, "loginId": { "type": "string" }, "maskLoginId": { "type": "string" }, "hashLoginId": { "type": "string" } } } },
    "kycLevel": { "type": "integer" } },
  "scopes": [
    { "name": "USER_NAME", "description": "...", "authorization": "proactive", "grants": ["userName", "userNameInArabic"] },
    { "name": "HASH_LOGIN_ID", "description": "...", "authorization": "silent", "grants": ["loginIdInfos.hashLoginId"] } ] }"#;

#[test]
fn reads_a_wallet_with_its_own_user_info_model() {
    let spec = parse(SUPERQI).unwrap();
    assert_eq!(spec.wallet.as_deref(), Some("SuperQi"));
    assert!(!spec.user_info.is_default);
    let paths = spec.user_info.paths();
    let names: Vec<&str> = paths.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "userId",
            "userName",
            "userName.fullName",
            "userName.firstName",
            "userName.secondName",
            "userName.thirdName",
            "userName.lastName",
            "userNameInArabic",
            "userNameInArabic.fullName",
            "loginIdInfos",
            "loginIdInfos.loginIdType",
            "loginIdInfos.loginId",
            "loginIdInfos.maskLoginId",
            "loginIdInfos.hashLoginId",
            "kycLevel",
        ]
    );
    assert_eq!(paths[1].subtree_end, 7);
    assert_eq!(paths[9].subtree_end, 14);
    assert_eq!(paths[13].variant, "LoginIdInfosHashLoginId");
    assert_eq!(paths[8].variant, "UserNameInArabicFullName");
    let kyc = &spec.user_info.fields[4];
    assert_eq!(
        (kyc.rust_name.as_str(), &kyc.ty),
        ("kyc_level", &FieldType::Integer)
    );
    assert_eq!(kyc.location, Location { line: 7, column: 5 });
    assert_eq!(
        spec.user_info.fields[0].description.as_deref(),
        Some("The user's unique ID for this merchant.")
    );
    let FieldType::Array(items) = &spec.user_info.fields[3].ty else {
        panic!("loginIdInfos is an array");
    };
    let object = items.nested_object().unwrap();
    assert_eq!(object.rust_type, None);
    assert_eq!(object.fields[3].rust_name, "hash_login_id");
    assert_eq!(spec.scopes[0].grants, ["userName", "userNameInArabic"]);
}

#[test]
fn reads_sources_and_the_openapi_profile() {
    let text = r#"{ "spec_version": 1,
      "sources": ["https://docs.example.com/getauthcode", "http://example.com/userinfo"],
      "openapi": { "version": "v2", "revoke": "cancelToken", "customer_belongs_to": "EXAMPLEPAY" },
      "scopes": [ { "name": "USER_ID", "description": "The user ID.", "authorization": "silent" } ] }"#;
    let spec = parse(text).unwrap();
    assert_eq!(
        spec.sources,
        [
            "https://docs.example.com/getauthcode",
            "http://example.com/userinfo"
        ]
    );
    let openapi = spec.openapi.unwrap();
    assert_eq!(openapi.version, ApiVersion::V2);
    assert_eq!(openapi.revoke, Some(RevokeApi::CancelToken));
    assert_eq!(openapi.customer_belongs_to.as_deref(), Some("EXAMPLEPAY"));

    let minimal = parse(
        r#"{ "spec_version": 1, "openapi": { "version": "v1" },
        "scopes": [ { "name": "A", "description": "a", "authorization": "silent" } ] }"#,
    )
    .unwrap();
    let openapi = minimal.openapi.unwrap();
    assert_eq!((openapi.version, openapi.revoke), (ApiVersion::V1, None));
    assert!(minimal.sources.is_empty());
}

fn read_model(model: &str) -> Result<Vec<ModelField>, Vec<SpecError>> {
    let text = format!(
        r#"{{ "spec_version": 1, "user_info": {model},
        "scopes": [ {{ "name": "A", "description": "a", "authorization": "silent" }} ] }}"#
    );
    parse(&text).map(|spec| spec.user_info.fields)
}

#[test]
fn keyword_field_names_become_raw_identifiers() {
    let fields = read_model(
        r#"{ "type": { "type": "string" }, "kind": { "type": "string", "rust_name": "gen" },
             "userId": { "type": "string", "rust_name": "uid" } }"#,
    )
    .unwrap();
    let names: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [("type", "r#type"), ("kind", "r#gen"), ("userId", "uid")]
    );
}

#[test]
fn field_names_follow_the_identifier_rules() {
    // Non-Latin names are identifiers; a decomposed é is written in NFC, as rustc reads it.
    let fields =
        read_model(r#"{ "名前": { "type": "string" }, "Cafe\u0301": { "type": "string" } }"#)
            .unwrap();
    assert_eq!(fields[0].rust_name, "名前");
    assert_eq!(fields[1].rust_name, "caf\u{e9}");
    assert_eq!(fields[1].wire_name, "Cafe\u{301}");

    let errors = read_model(r#"{ "userId": { "type": "string", "rust_name": "Ⓐ" } }"#).unwrap_err();
    assert_eq!(errors[0].kind, SpecErrorKind::InvalidIdentifier);
    assert!(
        !errors[0].message.contains("give the field"),
        "{}",
        errors[0]
    );

    let errors = read_model(r#"{ "extra": { "type": "string" } }"#).unwrap_err();
    assert_eq!(errors[0].kind, SpecErrorKind::ReservedName);
    let errors =
        read_model(r#"{ "userId": { "type": "string" }, "user_id": { "type": "string" } }"#)
            .unwrap_err();
    assert_eq!(errors[0].kind, SpecErrorKind::FieldCollision);
}

#[test]
fn models_nest_at_most_eight_deep() {
    let nested = |depth: usize| {
        let mut model = r#"{ "type": "string" }"#.to_owned();
        for _ in 0..depth {
            model = format!(r#"{{ "type": "array", "items": {model} }}"#);
        }
        format!(r#"{{ "tags": {model} }}"#)
    };
    assert!(read_model(&nested(8)).is_ok());
    let errors = read_model(&nested(9)).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, SpecErrorKind::TooDeep);
}

#[test]
fn grants_name_paths_of_the_spec_s_own_model() {
    let text = r#"{ "spec_version": 1,
      "user_info": { "userId": { "type": "string" } },
      "scopes": [ { "name": "A", "description": "a", "authorization": "silent", "grants": ["nickName"] } ] }"#;
    let found = errors(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, SpecErrorKind::UnknownGrant);
    assert_eq!(
        found[0].to_string(),
        "3:92: unknown user-info field \"nickName\" in `grants` of scope \"A\"; the fields of `user_info` are userId"
    );
}

#[test]
fn a_broken_model_checks_no_grants() {
    let text = r#"{ "spec_version": 1,
      "user_info": { "userId": { "type": "strng" } },
      "scopes": [ { "name": "A", "description": "a", "authorization": "silent", "grants": ["userId"] } ] }"#;
    let found = errors(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, SpecErrorKind::UnknownFieldType);
}

#[test]
fn names_are_compared_as_rustc_compares_identifiers() {
    let text = r#"{ "spec_version": 1, "scopes": [
      { "name": "K_ID", "description": "a", "authorization": "silent" },
      { "name": "\u212a_ID", "description": "b", "authorization": "silent" },
      { "name": "CAFE\u0301", "description": "c", "authorization": "silent" } ] }"#;
    let found = errors(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, SpecErrorKind::VariantCollision);
    let text = r#"{ "spec_version": 1, "scopes": [
      { "name": "CAFE\u0301", "description": "c", "authorization": "silent" } ] }"#;
    assert_eq!(parse(text).unwrap().scopes[0].variant, "Caf\u{e9}");
}

#[test]
fn errors_say_what_kind_they_are() {
    for (text, kind) in [
        ("{", SpecErrorKind::Syntax),
        ("\u{feff}{}", SpecErrorKind::ByteOrderMark),
        (
            r#"{ "spec_version": 2, "scopes": [] }"#,
            SpecErrorKind::UnsupportedVersion,
        ),
        (r#"{ "spec_version": 1 }"#, SpecErrorKind::MissingKey),
        (
            r#"{ "spec_version": 1, "scopes": {} }"#,
            SpecErrorKind::WrongType,
        ),
    ] {
        assert_eq!(errors(text)[0].kind, kind, "{text}");
    }
}

#[test]
fn at_most_the_first_problems_are_reported() {
    let keys: Vec<String> = (0..50_000).map(|i| format!(r#""k{i}": {i}"#)).collect();
    let text = format!(
        r#"{{ "spec_version": 1, "scopes": [ {{ "name": "A", "description": "a", "authorization": "silent", {} }} ] }}"#,
        keys.join(", ")
    );
    let found = errors(&text);
    assert_eq!(found.len(), MAX_PROBLEMS + 1);
    assert!(
        found[0].message.starts_with("unknown key `k0`"),
        "{}",
        found[0]
    );
    let last = found.last().unwrap();
    assert_eq!(last.kind, SpecErrorKind::TooManyProblems);
    assert_eq!(last.message, "… and 49950 more problems");
    // It points at the first problem not shown: the key `k50`.
    let k50 = text.find(r#""k50""#).unwrap();
    assert_eq!(last.location.unwrap().column, k50 + 1);
}

#[test]
fn a_name_repeated_many_times_is_reported_briefly() {
    let scope = r#"{ "name": "A", "description": "a", "authorization": "silent" }"#;
    let scopes = vec![scope; 100_000];
    let text = format!(
        r#"{{ "spec_version": 1, "scopes": [{}] }}"#,
        scopes.join(",")
    );
    let found = errors(&text);
    assert_eq!(found.len(), MAX_PROBLEMS + 1);
    assert!(found[0].message.starts_with("duplicate scope name \"A\""));
    assert_eq!(found[MAX_PROBLEMS].message, "… and 99949 more problems");
}

#[test]
fn messages_stay_short_whatever_the_names() {
    let long = "a".repeat(100_000);
    let upper = long.to_uppercase();
    // Two fields that become one Rust field, scopes that become one variant, and an unknown
    // grant whose hint lists fields: every message names them, cut short.
    let text = format!(
        r#"{{ "spec_version": 1,
          "user_info": {{ "{long}": {{ "type": "string" }}, "{upper}": {{ "type": "string" }} }},
          "scopes": [
            {{ "name": "{long}", "description": "a", "authorization": "silent", "grants": ["{long}x"] }},
            {{ "name": "{upper}", "description": "b", "authorization": "silent" }} ] }}"#
    );
    let found = errors(&text);
    assert!(found.len() >= 2, "{found:?}");
    for err in &found {
        assert!(err.message.len() < 400, "{}", &err.message[..400]);
    }
    let text = format!(
        r#"{{ "spec_version": 1, "user_info": {{ "{long}": {{ "type": "string" }} }},
          "scopes": [ {{ "name": "A", "description": "a", "authorization": "silent", "grants": ["b"] }} ] }}"#
    );
    let found = errors(&text);
    assert_eq!(found[0].kind, SpecErrorKind::UnknownGrant);
    assert!(found[0].message.len() < 400, "{}", &found[0].message[..400]);
}
