//! Every committed input of the fuzz targets, seeds and regressions, run under `cargo test`
//! through the very checks the targets assert: this file includes `fuzz/src/checks.rs` and
//! `fuzz/src/http_bodies.rs` as modules. An input that once crashed a target stays checked on
//! stable Rust, without the fuzzer, in every CI run.
//!
//! Inputs live in `fuzz/seeds/<target>/` and `fuzz/regressions/<target>/`.

#[allow(dead_code)]
#[path = "../../fuzz/src/checks.rs"]
mod checks;
#[path = "../../fuzz/src/http_bodies.rs"]
mod http_bodies;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// The files of `fuzz/seeds/<target>` and `fuzz/regressions/<target>`, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = authcode_tests::workspace_root().join("fuzz");
    let mut files = Vec::new();
    for kind in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs `check` on every input of `target`, and fails naming each input it panicked on.
fn run(target: &str, check: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no inputs for {target}");
    let failed: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).expect("readable");
            catch_unwind(AssertUnwindSafe(|| check(&bytes)))
                .err()
                .map(|_| path.display().to_string())
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{target} fails on {} of {} inputs: {failed:#?}",
        failed.len(),
        files.len()
    );
}

#[test]
fn spec_parser_inputs() {
    run("spec_parser", checks::spec_parser);
}

#[test]
fn response_parser_inputs() {
    run("response_parser", checks::response_parser);
}

#[test]
fn request_parser_inputs() {
    run("request_parser", checks::request_parser);
}

#[test]
fn signature_header_inputs() {
    run("signature_header", checks::signature_header);
}

#[test]
fn http_bodies_inputs() {
    run("http_bodies", http_bodies::http_bodies);
}

/// Bodies past the 64 KiB limit, for each endpoint (selector byte 0, 1, 2): none is committed,
/// as each would be a 64 KiB file.
#[test]
fn http_bodies_over_the_size_limit() {
    for selector in 0..3u8 {
        let mut input = vec![selector];
        input.extend_from_slice(br#"{"grantType":"AUTHORIZATION_CODE","authCode":"@code@"}"#);
        input.resize(1 + 64 * 1024 + 1, b' ');
        http_bodies::http_bodies(&input);
    }
}
