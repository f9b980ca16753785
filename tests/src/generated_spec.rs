//! The generated specs of the large-spec tests, also written by `build.rs` (which includes this
//! file) into `OUT_DIR` for the tests that derive from one at compile time.

/// A valid spec with `count` scopes named `SCOPE_0`, `SCOPE_1`, ...: every third one silent,
/// every tenth one deprecated, every seventh one with an alias.
///
/// ```
/// let spec = authcode_tests::generated_spec(10);
/// assert_eq!(authcode_spec::parse(&spec).unwrap().scopes.len(), 10);
/// ```
pub fn generated_spec(count: usize) -> String {
    let scopes: Vec<String> = (0..count)
        .map(|i| {
            let authorization = if i % 3 == 0 { "silent" } else { "proactive" };
            let mut scope = format!(
                r#"    {{ "name": "SCOPE_{i}", "description": "Generated scope number {i}.", "authorization": "{authorization}""#
            );
            if i % 10 == 0 {
                scope.push_str(r#", "deprecated": "Generated legacy scope.""#);
            }
            if i % 7 == 0 {
                scope.push_str(&format!(r#", "aliases": ["scope_alias_{i}"]"#));
            }
            scope.push_str(" }");
            scope
        })
        .collect();
    format!(
        "{{\n  \"spec_version\": 1,\n  \"wallet\": \"Generated\",\n  \"scopes\": [\n{}\n  ]\n}}\n",
        scopes.join(",\n")
    )
}
