//! Rebuild tracking without reading a refused file: the expansion names a valid spec in
//! `include_bytes!` (so Cargo rebuilds when it changes) and never a spec it refused, which the
//! compiler would otherwise read whole however large it is.

use std::path::{Path, PathBuf};

use authcode_spec::MAX_SPEC_BYTES;

fn expansion_for(spec: &Path) -> String {
    let spec = spec.to_str().expect("the temporary path is UTF-8");
    let item = quote::quote! {
        #[auth_scopes(spec = #spec)]
        pub struct Wallet;
    };
    authcode_codegen::rust::derive(item).to_string()
}

fn spec_file(name: &str, text: &[u8]) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("authcode-codegen-tracking-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const VALID: &str = r#"{ "spec_version": 1, "scopes": [
    { "name": "USER_ID", "description": "The user's ID.", "authorization": "silent" } ] }"#;

#[test]
fn a_valid_spec_is_tracked() {
    let path = spec_file("valid.json", VALID.as_bytes());
    let expanded = expansion_for(&path);
    assert!(!expanded.contains("compile_error"), "{expanded:.300}");
    assert!(expanded.contains("include_bytes"), "{expanded:.300}");
}

#[test]
fn a_spec_over_the_size_limit_is_refused_without_being_included() {
    // Valid JSON padded with whitespace past the limit: only its size is wrong.
    let mut text = VALID.as_bytes().to_vec();
    text.resize(MAX_SPEC_BYTES + 1, b' ');
    let path = spec_file("too-large.json", &text);
    let expanded = expansion_for(&path);
    assert!(expanded.contains("the limit is"), "{expanded:.300}");
    assert!(!expanded.contains("include_bytes"), "{expanded:.300}");
}

#[test]
fn an_invalid_spec_is_not_included() {
    let path = spec_file("invalid.json", br#"{ "spec_version": 1, "scopes": [] }"#);
    let expanded = expansion_for(&path);
    assert!(expanded.contains("compile_error"), "{expanded:.300}");
    assert!(!expanded.contains("include_bytes"), "{expanded:.300}");
}
