//! Compile-fail and compile-pass tests of `#[derive(AuthScopes)]` and of the compile-time check
//! of silent requests, with pinned `.stderr` snapshots. One test runs them all, so trybuild
//! builds the dependencies once. Regenerate the snapshots with
//! `TRYBUILD=overwrite cargo test -p authcode-tests --test ui` on the toolchain of
//! `rust-toolchain.toml`.

#[test]
fn ui() {
    authcode_tests::stage_trybuild_specs(env!("CARGO_TARGET_TMPDIR"))
        .expect("spec fixtures are copied next to the trybuild project");
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/silent/pass_*.rs");
    cases.compile_fail("ui/silent/fail_*.rs");
}
