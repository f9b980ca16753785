//! The JSON Schema that editors use and the reader the derive uses must describe one format.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The workspace root (the parent of this crate's directory).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

fn schema() -> Value {
    let path = workspace_root().join("spec/authcode-spec.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every spec under `spec/`, in subdirectories too (`spec/wallets/*.json`), but the schema.
fn repository_specs() -> Vec<PathBuf> {
    fn walk(dir: &Path, specs: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, specs);
            } else if path.extension().is_some_and(|ext| ext == "json")
                && !path.to_string_lossy().ends_with(".schema.json")
            {
                specs.push(path);
            }
        }
    }
    let mut specs = Vec::new();
    walk(&workspace_root().join("spec"), &mut specs);
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

fn strings(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap().to_owned())
        .collect()
}

fn schema_problems(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|err| err.to_string())
        .collect()
}

#[test]
fn every_repository_spec_validates_against_the_schema_and_the_reader() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let specs = repository_specs();
    assert!(specs.iter().any(|path| path.ends_with("alipay-plus.json")));
    for path in specs {
        let text = std::fs::read_to_string(&path).unwrap();
        let instance: Value = serde_json::from_str(&text).unwrap();
        let problems = schema_problems(&validator, &instance);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        authcode_spec::parse(&text)
            .unwrap_or_else(|errors| panic!("{}: {errors:#?}", path.display()));
    }
}

#[test]
fn the_alipay_plus_model_validates_as_a_user_info() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let path = workspace_root().join("authcode-spec/src/alipay_plus_user_info.json");
    let model: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let instance = serde_json::json!({
        "spec_version": 1,
        "user_info": model,
        "scopes": [{ "name": "A", "description": "a", "authorization": "silent" }],
    });
    let problems = schema_problems(&validator, &instance);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn schema_and_reader_agree_on_the_keys() {
    let schema = schema();
    let defs = &schema["$defs"];
    assert_eq!(
        property_names(&schema),
        sorted(authcode_spec::TOP_LEVEL_KEYS)
    );
    assert_eq!(
        property_names(&defs["scope"]),
        sorted(authcode_spec::SCOPE_KEYS)
    );
    assert_eq!(
        property_names(&defs["openapi"]),
        sorted(authcode_spec::OPENAPI_KEYS)
    );
    assert_eq!(
        property_names(&defs["field"]),
        sorted(authcode_spec::FIELD_KEYS)
    );
    assert_eq!(
        property_names(&defs["items"]),
        sorted(authcode_spec::ITEM_KEYS)
    );
    assert_eq!(
        strings(&defs["fieldType"]["enum"]),
        authcode_spec::FIELD_TYPES
    );
    // A spec without `user_info` grants paths of the Alipay+ model, which the schema lists.
    let paths: Vec<String> = authcode_spec::UserInfoModel::alipay_plus()
        .paths()
        .into_iter()
        .map(|path| path.path)
        .collect();
    assert_eq!(strings(&defs["alipayPlusPath"]["enum"]), paths);
}

#[test]
fn schema_rejects_what_the_reader_rejects() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let root = workspace_root();
    let fixtures = root.join("tests/ui/specs");
    let corpus = root.join("authcode-spec/tests/malformed");
    let ui = [
        "unknown_keys.json",
        "bad_authorization.json",
        "empty_scopes.json",
        "missing_fields.json",
        "wrong_version.json",
        "wrong_types.json",
        "unknown_grant.json",
    ]
    .map(|name| fixtures.join(name));
    // The reader's corpus, where the mistake is one the schema can see (not the ones only the
    // reader checks: identifiers as rustc reads them, uniqueness across scopes, grants against
    // a spec's own model, repeated keys).
    let malformed = [
        "sources_string.json",
        "sources_not_urls.json",
        "openapi_string.json",
        "openapi_missing_version.json",
        "openapi_version_case.json",
        "openapi_version_number.json",
        "openapi_revoke_unknown.json",
        "openapi_unknown_key.json",
        "openapi_customer_empty.json",
        "user_info_array.json",
        "user_info_empty.json",
        "user_info_field_string.json",
        "user_info_type_unknown.json",
        "user_info_type_number.json",
        "user_info_type_missing.json",
        "user_info_object_without_fields.json",
        "user_info_array_without_items.json",
        "user_info_fields_on_string.json",
        "user_info_rust_type_on_string.json",
        "user_info_rust_type_invalid.json",
        "user_info_fields_not_object.json",
        "user_info_fields_empty.json",
        "user_info_items_not_object.json",
        "user_info_items_description.json",
        "user_info_field_unknown_key.json",
        "user_info_field_description_empty.json",
        "user_info_field_rust_name_extra.json",
        "user_info_field_rust_name_invalid.json",
        "user_info_field_name_dot.json",
        "grant_unknown_path_suggestion.json",
        "grant_path_twice.json",
        "grant_not_string.json",
        "scope_grants_unknown.json",
        "scope_description_blank.json",
        "scope_rust_name_dash.json",
        "scope_rust_name_digit.json",
        "scope_rust_name_space.json",
    ]
    .map(|name| corpus.join(name));
    for path in ui.iter().chain(&malformed) {
        let text = std::fs::read_to_string(path).unwrap();
        let instance: Value = serde_json::from_str(&text).unwrap();
        assert!(
            !validator.is_valid(&instance),
            "schema accepts {}",
            path.display()
        );
        assert!(
            authcode_spec::parse(&text).is_err(),
            "reader accepts {}",
            path.display()
        );
    }
}
