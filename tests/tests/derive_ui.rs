//! Compile-fail and compile-pass tests of `#[derive(AuthScopes)]`, with pinned `.stderr`
//! snapshots (regenerate with `TRYBUILD=overwrite cargo test -p authcode-tests --test derive_ui`
//! on the toolchain of `rust-toolchain.toml`).

#[test]
fn derive_ui() {
    authcode_tests::stage_trybuild_specs(env!("CARGO_TARGET_TMPDIR"))
        .expect("spec fixtures are copied next to the trybuild project");
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
