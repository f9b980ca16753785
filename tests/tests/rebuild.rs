//! Editing a spec file regenerates the types on the next `cargo build`, with no `cargo clean`
//! and no Rust file touched: the derive tracks the spec like `include_bytes!` tracks its file.
//!
//! This builds a throw-away crate that depends on authcode-runtime, so it compiles the
//! dependencies once into its own target directory (kept between runs).

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

fn spec_with(names: &[&str]) -> String {
    let scopes: Vec<String> = names
        .iter()
        .map(|name| {
            format!(r#"{{ "name": "{name}", "description": "Scope {name}.", "authorization": "silent" }}"#)
        })
        .collect();
    format!(
        r#"{{ "spec_version": 1, "scopes": [{}] }}"#,
        scopes.join(", ")
    )
}

fn run(project: &Path, target: &Path) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["run", "--quiet"])
        .current_dir(project)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the probe crate failed to build:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// Writes the spec and moves its modification time forward, so the change is seen even on
/// file systems with coarse timestamps.
fn write_spec(path: &Path, text: &str, age: u64) {
    fs::write(path, text).unwrap();
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(age))
        .unwrap();
}

#[test]
fn editing_the_spec_regenerates_the_types() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let project = tmp.join("rebuild-probe");
    let target = tmp.join("rebuild-probe-target");
    let root = authcode_tests::workspace_root();
    fs::create_dir_all(project.join("src")).unwrap();
    fs::write(
        project.join("Cargo.toml"),
        format!(
            r#"[package]
name = "rebuild-probe"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
authcode-runtime = {{ path = {:?} }}

[workspace]
"#,
            root.join("authcode-runtime")
        ),
    )
    .unwrap();
    // The workspace's lock file pins the same dependency versions the rest of the tests use.
    fs::copy(root.join("Cargo.lock"), project.join("Cargo.lock")).unwrap();
    fs::write(
        project.join("src/main.rs"),
        r#"use authcode_runtime::{AuthScopes, Scope};

#[derive(AuthScopes)]
#[auth_scopes(spec = "spec.json")]
struct Probe;

fn main() {
    let names: Vec<&str> = ProbeScope::ALL.iter().map(|scope| scope.as_str()).collect();
    println!("{}", names.join(","));
}
"#,
    )
    .unwrap();
    let spec = project.join("spec.json");
    write_spec(&spec, &spec_with(&["FIRST", "SECOND"]), 0);
    assert_eq!(run(&project, &target), "FIRST,SECOND");

    let main_rs = fs::metadata(project.join("src/main.rs"))
        .unwrap()
        .modified()
        .unwrap();
    write_spec(&spec, &spec_with(&["FIRST", "SECOND", "THIRD"]), 2);
    assert_eq!(run(&project, &target), "FIRST,SECOND,THIRD");
    assert_eq!(
        fs::metadata(project.join("src/main.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        main_rs,
        "no Rust file was touched"
    );
}
