//! The derive scales: a generated spec of 1,000 scopes compiles and behaves.

#[test]
fn a_thousand_scope_spec_compiles() {
    let specs = authcode_tests::stage_trybuild_specs(env!("CARGO_TARGET_TMPDIR"))
        .expect("spec fixtures are copied next to the trybuild project");
    std::fs::write(
        specs.join("generated-1000.json"),
        authcode_tests::generated_spec(1000),
    )
    .expect("the generated spec is written");
    trybuild::TestCases::new().pass("ui/large/*.rs");
}
