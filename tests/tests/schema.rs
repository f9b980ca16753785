//! The JSON Schema that editors use and the reader the derive uses must describe one format.

use std::path::PathBuf;

use serde_json::Value;

fn schema() -> Value {
    let path = authcode_tests::workspace_root().join("spec/authcode-spec.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn repository_specs() -> Vec<PathBuf> {
    let dir = authcode_tests::workspace_root().join("spec");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "json")
                && !path.to_string_lossy().ends_with(".schema.json")
        })
        .collect();
    specs.sort();
    specs
}

fn property_names(object: &Value) -> Vec<String> {
    let mut names: Vec<String> = object["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = keys.iter().map(|key| key.to_string()).collect();
    keys.sort();
    keys
}

#[test]
fn every_repository_spec_validates_against_the_schema_and_the_reader() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let specs = repository_specs();
    assert!(!specs.is_empty());
    for path in specs {
        let text = std::fs::read_to_string(&path).unwrap();
        let instance: Value = serde_json::from_str(&text).unwrap();
        let problems: Vec<String> = validator
            .iter_errors(&instance)
            .map(|err| err.to_string())
            .collect();
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        authcode_spec::parse(&text)
            .unwrap_or_else(|errors| panic!("{}: {errors:#?}", path.display()));
    }
}

#[test]
fn schema_and_reader_agree_on_the_keys() {
    let schema = schema();
    assert_eq!(
        property_names(&schema),
        sorted(authcode_spec::TOP_LEVEL_KEYS)
    );
    assert_eq!(
        property_names(&schema["$defs"]["scope"]),
        sorted(authcode_spec::SCOPE_KEYS)
    );
    let grants: Vec<&str> = schema["$defs"]["scope"]["properties"]["grants"]["items"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|field| field.as_str().unwrap())
        .collect();
    assert_eq!(grants, authcode_spec::USER_INFO_FIELDS);
}

#[test]
fn schema_rejects_what_the_reader_rejects() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let fixtures = authcode_tests::workspace_root().join("tests/ui/specs");
    for name in [
        "unknown_keys.json",
        "bad_authorization.json",
        "empty_scopes.json",
        "missing_fields.json",
        "wrong_version.json",
        "wrong_types.json",
        "unknown_grant.json",
    ] {
        let text = std::fs::read_to_string(fixtures.join(name)).unwrap();
        let instance: Value = serde_json::from_str(&text).unwrap();
        assert!(!validator.is_valid(&instance), "schema accepts {name}");
        assert!(
            authcode_spec::parse(&text).is_err(),
            "reader accepts {name}"
        );
    }
}
