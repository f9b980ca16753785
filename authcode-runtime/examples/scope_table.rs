//! Prints the Alipay+ scope table, read entirely from the types that
//! `#[derive(AuthScopes)]` generated from `spec/alipay-plus.json`.
//!
//! Run with `cargo run -p authcode-runtime --example scope_table`.

use authcode_runtime::{AuthScopes, ModelField, Scope, ScopeSpec};

/// The Alipay+ wallet, described by `spec/alipay-plus.json`.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

fn main() {
    let wallet = AlipayPlus::WALLET.unwrap_or("(unnamed wallet)");
    let jsapi = AlipayPlus::JSAPI.unwrap_or("(no JSAPI)");
    println!("{wallet} scopes for {jsapi}, generated from spec/alipay-plus.json\n");

    let rows: Vec<[String; 5]> = AlipayPlusScope::ALL
        .iter()
        .map(|scope| {
            let grants: Vec<&str> = scope.grants().iter().map(|field| field.path()).collect();
            [
                scope.as_str().to_owned(),
                format!("{scope:?}"),
                if scope.is_silent() {
                    "silent"
                } else {
                    "proactive"
                }
                .to_owned(),
                scope
                    .deprecation_note()
                    .map_or_else(String::new, |_| "deprecated".to_owned()),
                grants.join(", "),
            ]
        })
        .collect();
    let header = ["scope", "variant", "authorization", "status", "releases"];
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].len())
                .chain([header[column].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let print_row = |cells: &[&str]| {
        let line: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        println!("{}", line.join("  ").trim_end());
    };
    print_row(&header);
    let rules: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
    print_row(&rules.iter().map(String::as_str).collect::<Vec<_>>());
    for row in &rows {
        print_row(&row.each_ref().map(String::as_str));
    }

    let silent = AlipayPlusScope::ALL
        .iter()
        .filter(|s| s.is_silent())
        .count();
    println!(
        "\n{} scopes: {silent} silent (no consent prompt), {} need the user's consent.",
        AlipayPlusScope::ALL.len(),
        AlipayPlusScope::ALL.len() - silent
    );
    for scope in AlipayPlusScope::ALL.iter().filter(|s| s.is_deprecated()) {
        if let Some(note) = scope.deprecation_note() {
            println!("{} is deprecated: {note}", scope.as_str());
        }
    }
}
