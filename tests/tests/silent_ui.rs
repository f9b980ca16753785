//! The compile-time check of silent requests: `Scope::silent(&[...])` in a `const` or `static`
//! compiles for silent scopes and fails, naming the scope, for a proactive one. Snapshots are
//! regenerated with `TRYBUILD=overwrite cargo test -p authcode-tests --test silent_ui` on the
//! toolchain of `rust-toolchain.toml`.

use std::path::{Path, PathBuf};

/// trybuild builds the UI tests in `<target>/tests/trybuild/authcode-tests/`, the
/// `CARGO_MANIFEST_DIR` the derive resolves `specs/alipay-plus.json` against; the spec is copied
/// there first, so this test does not depend on another test having staged it.
fn stage_spec() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is <target>/tmp");
    let specs = target.join("tests/trybuild/authcode-tests/specs");
    std::fs::create_dir_all(&specs).expect("the trybuild spec directory is created");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/alipay-plus.json");
    let staged = specs.join("alipay-plus.json");
    std::fs::copy(&source, &staged).expect("the Alipay+ spec is copied");
    staged
}

#[test]
fn silent_ui() {
    assert!(stage_spec().is_file());
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/silent/fail_*.rs");
    cases.pass("ui/silent/pass_*.rs");
}
