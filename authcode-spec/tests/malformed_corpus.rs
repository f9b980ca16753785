//! Every file in `tests/malformed/` is a broken spec. Each must be rejected with located,
//! readable messages, and none may panic. The messages are pinned in the snapshot
//! `tests/snapshots/malformed_corpus__malformed_corpus.snap`; after an intended change of
//! wording, rewrite it with `INSTA_UPDATE=always cargo test -p authcode-spec --test
//! malformed_corpus` and review the diff.

use std::fmt::Write;
use std::path::Path;

fn corpus_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/malformed"))
}

fn report() -> (usize, String) {
    let mut files: Vec<_> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut report = String::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        let bytes = std::fs::read(path).unwrap();
        let errors = match authcode_spec::parse_bytes(&bytes) {
            Ok(spec) => panic!("{name} was accepted: {spec:?}"),
            Err(errors) => errors,
        };
        assert!(!errors.is_empty(), "{name}: rejected without a reason");
        for err in errors {
            assert!(!err.message.trim().is_empty(), "{name}: empty message");
            assert!(err.location.is_some(), "{name}: {err} has no location");
            // Messages are one line each, and short enough to read in a compiler diagnostic.
            let mut message = err.to_string();
            assert!(!message.contains('\n'), "{name}: {message}");
            if message.len() > 300 {
                message.truncate(300);
                message.push('…');
            }
            writeln!(report, "{name}: {message}").unwrap();
        }
    }
    (files.len(), report)
}

#[test]
fn every_malformed_spec_is_rejected_with_a_located_message() {
    let (count, report) = report();
    assert!(count >= 40, "the corpus has only {count} files");
    insta::assert_snapshot!("malformed_corpus", report);
}

#[test]
fn files_over_the_size_limit_are_rejected_whole() {
    let mut text = String::from(r#"{ "spec_version": 1, "wallet": ""#);
    text.push_str(&"x".repeat(authcode_spec::MAX_SPEC_BYTES));
    text.push_str(r#"", "scopes": [] }"#);
    let errors = authcode_spec::parse(&text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("the limit is 8388608 bytes"),
        "{}",
        errors[0]
    );
}
