//! Writes the 1,000-scope spec of the tests that derive from a generated spec at compile time
//! (`scope_set_1000`, `auth_code_response_props`) into `OUT_DIR`, nothing committed: the spec
//! itself, and an item deriving its scopes onto `Thousand`. The derive takes its spec path as
//! a literal, relative to `CARGO_MANIFEST_DIR` or absolute, so the tests `include!` the item:
//!
//! ```text
//! include!(concat!(env!("OUT_DIR"), "/thousand.rs"));
//! ```

#[path = "src/generated_spec.rs"]
mod generated_spec;

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/generated_spec.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let spec = out.join("generated-1000.json");
    write(&spec, &generated_spec::generated_spec(1000));
    let item = format!(
        "/// A spec of 1,000 generated scopes (`authcode_tests::generated_spec(1000)`).\n\
         #[derive(::authcode_runtime::AuthScopes)]\n\
         #[auth_scopes(spec = {:?})]\n\
         pub struct Thousand;\n",
        spec.to_str().expect("OUT_DIR is UTF-8")
    );
    write(&out.join("thousand.rs"), &item);
}

/// Writes `text` to `path` unless it is there already, so that the spec keeps its
/// modification time (the derive tracks it) when nothing changed.
fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text)
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}
