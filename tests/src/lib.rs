//! Fixtures shared by the workspace tests.
//!
//! trybuild compiles each UI test inside a crate of its own at
//! `<target>/tests/trybuild/authcode-tests/`, and that directory is the `CARGO_MANIFEST_DIR` the
//! derive resolves spec paths against. Rather than climbing out of the target directory with
//! `../../..` paths (which break when `CARGO_TARGET_DIR` moves), the UI tests name
//! `specs/<file>.json`, and [`stage_trybuild_specs`] copies the fixtures there before trybuild
//! runs. Error messages then show the short, machine-independent path the test wrote.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The directory trybuild builds UI tests in, given an integration test's
/// `CARGO_TARGET_TMPDIR` (which is `<target>/tmp`).
pub fn trybuild_project_dir(target_tmpdir: &str) -> PathBuf {
    let target = Path::new(target_tmpdir)
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf);
    target.join("tests").join("trybuild").join("authcode-tests")
}

/// Copies every spec fixture (`tests/ui/specs/*.json`) and every spec of the repository
/// (`spec/*.json`) into `<trybuild project>/specs/`, the wallets' specs (`spec/wallets/*.json`)
/// into `specs/wallets/`, and the spec reader's malformed corpus
/// (`authcode-spec/tests/malformed/*.json`) into `specs/malformed/`, returning `specs/`.
///
/// ```
/// let target_tmp = std::env::temp_dir().join("authcode-doc-target").join("tmp");
/// let specs = authcode_tests::stage_trybuild_specs(target_tmp.to_str().unwrap()).unwrap();
/// assert!(specs.join("alipay-plus.json").is_file());
/// assert!(specs.join("wallets/gcash.json").is_file());
/// ```
pub fn stage_trybuild_specs(target_tmpdir: &str) -> std::io::Result<PathBuf> {
    let staged = trybuild_project_dir(target_tmpdir).join("specs");
    let root = workspace_root();
    for (source, into) in [
        (root.join("tests/ui/specs"), staged.clone()),
        (root.join("spec"), staged.clone()),
        (root.join("spec/wallets"), staged.join("wallets")),
        (
            root.join("authcode-spec/tests/malformed"),
            staged.join("malformed"),
        ),
    ] {
        std::fs::create_dir_all(&into)?;
        for entry in std::fs::read_dir(&source)? {
            let path = entry?.path();
            let Some(name) = path.file_name() else {
                continue;
            };
            // One fixture is a directory on purpose: the derive must reject a directory path.
            if path.is_dir() {
                std::fs::create_dir_all(into.join(name))?;
            } else if path.extension().is_some_and(|ext| ext == "json") {
                std::fs::copy(&path, into.join(name))?;
            }
        }
    }
    Ok(staged)
}

mod generated_spec;
pub use generated_spec::generated_spec;

// The README's Rust examples run as doctests of this crate. Its manifest directory has a `spec`
// link to the repository's `spec/`, so the examples name `spec/alipay-plus.json` exactly as a
// user's crate would.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
