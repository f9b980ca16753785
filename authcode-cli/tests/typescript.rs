//! The TypeScript that `authcode ts` writes, checked with the real compiler: TypeScript 5
//! (pinned with `@mini-types/my` in `tests/typescript/package-lock.json`).
//!
//! The test generates the module of every spec in the repository (every `*.json` under
//! `spec/` but the JSON schema, named after its file stem in UpperCamelCase:
//! `spec/wallets/touch-n-go.json` is `TouchNGo`, in `generated/wallets/touch-n-go.ts`), and of
//! the specs in `tests/typescript/specs/` (written to trip the generator's escaping), into
//! `tests/typescript/generated/` (ignored by git), then runs `node_modules/.bin/tsc` on:
//!
//! - every module alone, under `--strict` and the stricter flags a project may add
//!   (`exactOptionalPropertyTypes`, `noUncheckedIndexedAccess`, `noUnusedLocals`, ...), with
//!   declarations emitted as a library would: no errors;
//! - every module beside `@mini-types/my`, whose global `my` they must not clash with;
//! - the pass cases, `tests/typescript/pass/*.ts` (the documentation's sample among them): no
//!   errors. Those that mention `@mini-types/my` are compiled in a program of their own, so
//!   that the others show the modules working without it;
//! - the fail cases, `tests/typescript/fail/*.ts`: each must fail with exactly the
//!   diagnostics pinned in its snapshot, `tests/snapshots/typescript__fail-<case>.snap` (paths
//!   relative to `tests/typescript`);
//! - and, through the language service (`deprecations.cjs`), the uses of legacy scopes in the
//!   pass cases: each must be reported deprecated with the spec's note, as pinned in
//!   the snapshot `typescript__deprecations.snap`.
//!
//! After an intended change of the generated module or of a case, run
//! `INSTA_UPDATE=always cargo test -p authcode-cli --test typescript` to rewrite the
//! snapshots, and review the diff.
//!
//! It needs Node.js and npm on `PATH`. When `tests/typescript/node_modules` is missing, or
//! holds other versions than `package.json` pins, the test runs `npm ci` there first (the npm
//! registry must be reachable then). Without Node.js the test fails, saying to install it: it
//! is never skipped. Test processes that run at once take turns through a lock on
//! `tests/typescript/.lock`.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use heck::ToUpperCamelCase;
use serde_json::{Value, json};

/// The npm project, ready: modules generated and configs written.
struct Project {
    dir: PathBuf,
    /// Held for the life of the test process, so that no other one regenerates `generated/`
    /// or reinstalls `node_modules` under it.
    _lock: File,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is inside the workspace")
        .to_path_buf()
}

fn project() -> &'static Project {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/typescript");
        require_node();
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(".lock"))
            .expect("cannot create tests/typescript/.lock");
        lock.lock().expect("cannot lock tests/typescript/.lock");
        if !installed(&dir) {
            npm_ci(&dir);
        }
        generate(&dir);
        Project { dir, _lock: lock }
    })
}

const INSTALL_NODE: &str = "the TypeScript checks need Node.js and npm on PATH (Node.js 18 or \
     later: https://nodejs.org, or `apt-get install nodejs npm`); install them and run the \
     tests again";

fn require_node() {
    match Command::new("node").arg("--version").output() {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "`node --version` failed ({}): {INSTALL_NODE}",
            output.status
        ),
        Err(err) => panic!("cannot run `node` ({err}): {INSTALL_NODE}"),
    }
}

/// Whether `node_modules` holds exactly the versions `package.json` pins.
fn installed(dir: &Path) -> bool {
    let manifest = read_json(&dir.join("package.json"));
    let Some(pins) = manifest["devDependencies"].as_object() else {
        panic!("tests/typescript/package.json has no devDependencies");
    };
    pins.iter().all(|(name, version)| {
        let installed = dir.join("node_modules").join(name).join("package.json");
        installed.exists() && read_json(&installed)["version"] == *version
    })
}

fn npm_ci(dir: &Path) {
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let output = Command::new(npm)
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|err| panic!("cannot run `npm ci` ({err}): {INSTALL_NODE}"));
    assert!(
        output.status.success(),
        "`npm ci` in {} failed:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The specs to generate modules of: every spec under `spec/` (found by walking it, so that a
/// new wallet is checked without a change here), then the specs of these tests. Each comes
/// with the module's path under `generated/`.
fn specs(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut specs = Vec::new();
    let root = workspace().join("spec");
    for path in walk(&root) {
        specs.push((
            path.clone(),
            path.strip_prefix(&root).unwrap().to_path_buf(),
        ));
    }
    assert!(
        specs.len() >= 13,
        "found only {} specs under spec/",
        specs.len()
    );
    let own = dir.join("specs");
    for path in walk(&own) {
        specs.push((
            path.clone(),
            Path::new("specs").join(path.strip_prefix(&own).unwrap()),
        ));
    }
    specs
}

/// The spec files under `root`, sorted: `*.json` but JSON schemas.
fn walk(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                dirs.push(path);
            } else if name.ends_with(".json") && !name.ends_with(".schema.json") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Generates every module with the `authcode` binary, as a user would, and writes the
/// configs that check them.
fn generate(dir: &Path) {
    let generated = dir.join("generated");
    if generated.exists() {
        fs::remove_dir_all(&generated).unwrap();
    }
    fs::create_dir_all(&generated).unwrap();
    let mut modules = Vec::new();
    for (spec, relative) in specs(dir) {
        let stem = spec.file_stem().unwrap().to_string_lossy();
        let name = stem.to_upper_camel_case();
        let module = relative.with_extension("ts");
        let out = generated.join(&module);
        fs::create_dir_all(out.parent().unwrap()).unwrap();
        // Run from the workspace, so that the header names the spec as `spec/...`.
        let source = spec.strip_prefix(workspace()).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_authcode"))
            .arg("ts")
            .arg(source)
            .args(["--name", &name, "-o"])
            .arg(&out)
            .current_dir(workspace())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "authcode ts {} --name {name} failed:\n{}",
            source.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        modules.push(slashed(&module));
    }

    let (with_mini_types, alone): (Vec<String>, Vec<String>) =
        cases(dir, "pass").into_iter().partition(|case| {
            fs::read_to_string(dir.join(case))
                .unwrap()
                .contains("@mini-types/my")
        });
    let from_generated = |cases: &[String]| -> Vec<String> {
        let mut files: Vec<String> = cases.iter().map(|case| format!("../{case}")).collect();
        files.push("../mini-program.d.ts".to_owned());
        files
    };
    // The options a strict project may add to `strict`, and a library's declarations.
    let strictest = json!({
        "noEmit": false,
        "declaration": true,
        "emitDeclarationOnly": true,
        "outDir": "dts",
        "noUnusedLocals": true,
        "noUnusedParameters": true,
        "noImplicitReturns": true,
        "noImplicitOverride": true,
        "noFallthroughCasesInSwitch": true,
        "exactOptionalPropertyTypes": true,
        "noUncheckedIndexedAccess": true,
        "noPropertyAccessFromIndexSignature": true,
        "isolatedModules": true,
        "verbatimModuleSyntax": true,
        "erasableSyntaxOnly": true
    });
    write_config(&generated, "modules", &modules, strictest);
    write_config(
        &generated,
        "modules-mini-types",
        &modules,
        json!({ "types": ["@mini-types/my"] }),
    );
    write_config(&generated, "pass", &from_generated(&alone), json!({}));
    write_config(
        &generated,
        "pass-mini-types",
        &from_generated(&with_mini_types),
        json!({}),
    );
    write_config(
        &generated,
        "fail",
        &from_generated(&cases(dir, "fail")),
        json!({}),
    );
}

/// The `.ts` files of `pass/` or `fail/`, as `pass/sample.ts`.
fn cases(dir: &Path, kind: &str) -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(dir.join(kind))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ts"))
        .map(|path| format!("{kind}/{}", path.file_name().unwrap().to_string_lossy()))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in tests/typescript/{kind}");
    cases
}

/// `generated/tsconfig.{name}.json`: the project's settings, `options` on top, for `files`.
fn write_config(generated: &Path, name: &str, files: &[String], options: Value) {
    let config = json!({
        "extends": "../tsconfig.json",
        "compilerOptions": options,
        "include": [],
        "files": files,
    });
    fs::write(
        generated.join(format!("tsconfig.{name}.json")),
        serde_json::to_string_pretty(&config).unwrap(),
    )
    .unwrap();
}

/// Runs tsc on `generated/tsconfig.{name}.json` from the project's directory, so that paths
/// in its diagnostics are relative to it: whether it passed, and what it printed.
fn tsc(name: &str) -> (bool, String) {
    let project = project();
    let tsc = if cfg!(windows) { "tsc.cmd" } else { "tsc" };
    let output = Command::new(project.dir.join("node_modules/.bin").join(tsc))
        .args([
            "-p",
            &format!("generated/tsconfig.{name}.json"),
            "--pretty",
            "false",
        ])
        .current_dir(&project.dir)
        .output()
        .unwrap_or_else(|err| panic!("cannot run tsc: {err}"));
    (output.status.success(), printed(&project.dir, &output))
}

/// What a tool printed, stdout then stderr, with the project's absolute path and `\r\n` taken
/// out so that it reads the same on every machine.
fn printed(dir: &Path, output: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let prefix = format!("{}/", slashed(dir));
    text.replace("\r\n", "\n")
        .replace('\\', "/")
        .replace(&prefix, "")
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

#[test]
fn every_generated_module_compiles_alone_under_the_strictest_settings() {
    let (ok, out) = tsc("modules");
    assert!(
        ok && out.is_empty(),
        "the generated modules do not compile:\n{out}"
    );
}

#[test]
fn every_generated_module_compiles_beside_mini_types() {
    let (ok, out) = tsc("modules-mini-types");
    assert!(
        ok && out.is_empty(),
        "the generated modules clash with @mini-types/my:\n{out}"
    );
}

#[test]
fn the_pass_cases_compile_without_mini_types() {
    let (ok, out) = tsc("pass");
    assert!(ok && out.is_empty(), "a pass case does not compile:\n{out}");
}

#[test]
fn the_pass_cases_that_use_mini_types_compile() {
    let (ok, out) = tsc("pass-mini-types");
    assert!(ok && out.is_empty(), "a pass case does not compile:\n{out}");
}

#[test]
fn each_fail_case_fails_with_its_pinned_diagnostics() {
    let project = project();
    let (ok, out) = tsc("fail");
    assert!(!ok, "the fail cases compiled:\n{out}");
    // A diagnostic starts at the start of a line with its file; lines that go on with it are
    // indented.
    let mut by_case: BTreeMap<String, String> = cases(&project.dir, "fail")
        .into_iter()
        .map(|case| (case, String::new()))
        .collect();
    let mut current: Option<String> = None;
    for line in out.lines() {
        if !line.starts_with(char::is_whitespace) {
            current = by_case
                .keys()
                .find(|case| line.starts_with(&format!("{case}(")))
                .cloned();
            assert!(
                current.is_some(),
                "a diagnostic outside the fail cases:\n{line}\n\nall of them:\n{out}"
            );
        }
        let case = current.as_ref().expect("diagnostics start with their file");
        let text = by_case.get_mut(case).unwrap();
        text.push_str(line);
        text.push('\n');
    }
    for (case, diagnostics) in &by_case {
        assert!(!diagnostics.is_empty(), "{case} compiled, but must not");
        let name = case.trim_start_matches("fail/").trim_end_matches(".ts");
        insta::assert_snapshot!(format!("fail-{name}"), diagnostics);
    }
}

#[test]
fn legacy_scopes_are_deprecated_with_the_specs_note() {
    let project = project();
    let output = Command::new("node")
        .args(["deprecations.cjs", "generated/tsconfig.pass.json"])
        .current_dir(&project.dir)
        .output()
        .unwrap();
    let out = printed(&project.dir, &output);
    assert!(output.status.success(), "deprecations.cjs failed:\n{out}");
    assert!(
        out.contains("'AuthBase' is deprecated. Legacy scope, not recommended: use USER_ID."),
        "{out}"
    );
    insta::assert_snapshot!("deprecations", out);
}
