//! The scope table of a spec as Markdown, for a wallet's documentation.

use std::fmt::Write as _;

use authcode_spec::Spec;

use crate::escape;

/// The scopes of `spec` as a Markdown table: name (and aliases), silent or proactive, the
/// deprecation note, the user-info paths granted, and the description.
///
/// ```
/// let spec = authcode_spec::parse(r#"{"spec_version": 1, "scopes": [
///     {"name": "USER_ID", "description": "The user ID.", "authorization": "silent", "grants": ["userId"]}]}"#).unwrap();
/// let table = authcode_codegen::markdown::scope_table(&spec);
/// // Names in `<code>`, every character of the spec's text inert (`_` as `&#95;`).
/// assert!(table.contains("| <code>USER&#95;ID</code> | silent |  | <code>userId</code> | The user ID. |"), "{table}");
/// ```
pub fn scope_table(spec: &Spec) -> String {
    let mut out = String::new();
    if let Some(wallet) = &spec.wallet {
        let _ = writeln!(out, "Scopes of {}.\n", escape::markdown_cell(wallet));
    }
    out.push_str("| scope | authorization | deprecated | grants | description |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for def in &spec.scopes {
        let mut name = escape::markdown_code_cell(&def.name);
        for alias in &def.aliases {
            let _ = write!(name, ", {}", escape::markdown_code_cell(alias));
        }
        let grants: Vec<String> = def
            .grants
            .iter()
            .map(|grant| escape::markdown_code_cell(grant))
            .collect();
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} |",
            def.authorization.as_str(),
            def.deprecated
                .as_deref()
                .map(escape::markdown_cell)
                .unwrap_or_default(),
            grants.join(", "),
            escape::markdown_cell(&def.description)
        );
    }
    out
}
