//! The `authcode` command as a user runs it: the built binary, its output and exit status
//! (0 when all is well, 1 for problems, 2 for bad arguments and files it cannot read).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `authcode` with `args` from the workspace's directory, so that paths read as a user
/// in the repository writes them.
fn authcode(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_authcode"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("the authcode binary runs")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("authcode exits, not killed")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// A directory of its own for one test, under Cargo's temporary directory for tests.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(test);
    if dir.exists() {
        fs::remove_dir_all(&dir).unwrap();
    }
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn alipay_plus_module() -> String {
    let text = fs::read_to_string(workspace().join("spec/alipay-plus.json")).unwrap();
    let spec = authcode_spec::parse(&text).unwrap();
    authcode_codegen::typescript::module(&spec, "AlipayPlus", "spec/alipay-plus.json").unwrap()
}

#[test]
fn help_is_there_for_the_command_and_each_subcommand() {
    let output = authcode(&["--help"]);
    assert_eq!(code(&output), 0);
    let help = stdout(&output);
    for command in ["ts", "check", "table"] {
        assert!(help.contains(&format!("  {command} ")), "{help}");
    }
    for (command, usage) in [
        ("ts", "Usage: authcode ts [OPTIONS] --name <NAME> [SPEC]"),
        ("check", "Usage: authcode check [OPTIONS] <SPEC>..."),
        ("table", "Usage: authcode table [OPTIONS] [SPEC]"),
    ] {
        let output = authcode(&[command, "--help"]);
        assert_eq!(code(&output), 0, "{command} --help");
        assert!(stdout(&output).contains(usage), "{}", stdout(&output));
    }
    let version = authcode(&["--version"]);
    assert_eq!(code(&version), 0);
    assert_eq!(
        stdout(&version),
        format!("authcode {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["frobnicate"][..],
        &[],
        &["check"],
        &["check", "--format", "xml", "spec/alipay-plus.json"],
        &["ts", "spec/alipay-plus.json"],
        &["ts", "spec/alipay-plus.json", "--name", "alipay-plus"],
        &[
            "ts",
            "spec/alipay-plus.json",
            "--name",
            "AlipayPlus",
            "--check",
        ],
        &["table"],
    ] {
        let output = authcode(args);
        assert_eq!(code(&output), 2, "authcode {args:?}: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "authcode {args:?}");
        assert!(!stderr(&output).is_empty(), "authcode {args:?}");
    }
}

#[test]
fn an_unreadable_spec_is_one_line_and_exit_2() {
    for command in [&["check"][..], &["table"], &["ts", "--name", "AlipayPlus"]] {
        let mut args = command.to_vec();
        args.push("spec/x.json");
        let output = authcode(&args);
        assert_eq!(code(&output), 2, "authcode {args:?}");
        assert_eq!(
            stderr(&output),
            "authcode: cannot read spec/x.json: No such file or directory\n"
        );
        assert!(stdout(&output).is_empty());
    }
    let output = authcode(&["check", "spec"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("authcode: cannot read spec: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_says_ok_for_every_spec_in_the_repository() {
    let mut specs: Vec<String> = Vec::new();
    for dir in ["spec", "spec/wallets"] {
        for entry in fs::read_dir(workspace().join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") && !name.ends_with(".schema.json") {
                specs.push(format!("{dir}/{name}"));
            }
        }
    }
    specs.sort();
    let args: Vec<&str> = ["check"]
        .into_iter()
        .chain(specs.iter().map(String::as_str))
        .collect();
    let output = authcode(&args);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let expected: String = specs.iter().map(|spec| format!("{spec}: ok\n")).collect();
    assert_eq!(stdout(&output), expected);
    assert!(stderr(&output).is_empty());
}

/// The pinned messages of the malformed corpus, by file name, in order: each line of the spec
/// reader's snapshot is `<name>.json: <line:col>: <message>`.
fn pinned_corpus() -> BTreeMap<String, Vec<String>> {
    let snapshot = fs::read_to_string(
        workspace().join("authcode-spec/tests/snapshots/malformed_corpus__malformed_corpus.snap"),
    )
    .unwrap();
    // The snapshot's header (`---`, metadata, `---`) comes first.
    let text = snapshot
        .splitn(3, "---\n")
        .nth(2)
        .expect("an insta snapshot: a header between two `---` lines, then the messages");
    let mut pinned: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines() {
        let (name, message) = line.split_once(": ").expect("`name: message` lines");
        pinned
            .entry(name.to_owned())
            .or_default()
            .push(message.to_owned());
    }
    pinned
}

#[test]
fn check_prints_the_pinned_messages_of_every_malformed_spec() {
    let pinned = pinned_corpus();
    let dir = "authcode-spec/tests/malformed";
    let mut files: Vec<String> = fs::read_dir(workspace().join(dir))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "the corpus has only {} files",
        files.len()
    );
    let names: Vec<&String> = pinned.keys().collect();
    assert_eq!(
        names,
        files.iter().collect::<Vec<_>>(),
        "the snapshot and the corpus list different files"
    );

    let mut mismatches = Vec::new();
    for name in &files {
        let path = format!("{dir}/{name}");
        let output = authcode(&["check", &path]);
        assert_eq!(code(&output), 1, "authcode check {path}");
        let out = stdout(&output);
        let prefix = format!("{path}:");
        // Each problem is the derive's line, then its snippet (a gutter, the line, a caret).
        let messages: Vec<String> = out
            .lines()
            .filter_map(|line| line.strip_prefix(&prefix))
            .map(|message| {
                // As the corpus test pins them: cut at 300 bytes.
                let mut message = message.to_owned();
                if message.len() > 300 {
                    let mut cut = 300;
                    while !message.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    message.truncate(cut);
                    message.push('…');
                }
                message
            })
            .collect();
        if messages != pinned[name] {
            mismatches.push(format!(
                "{path}:\n  pinned: {:?}\n  printed: {:?}",
                pinned[name], messages
            ));
        }
        // A snippet shows the line the problem is on: every problem has one but those past
        // the file's last line (in an empty file, say).
        let text =
            String::from_utf8_lossy(&fs::read(workspace().join(&path)).unwrap()).into_owned();
        let shown = messages
            .iter()
            .filter(|message| {
                let line: usize = message.split(':').next().unwrap().parse().unwrap();
                line <= text.lines().count()
            })
            .count();
        let carets = out.lines().filter(|line| line.ends_with('^')).count();
        assert_eq!(carets, shown, "a snippet is missing:\n{out}");
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn check_shows_the_offending_line_with_a_caret() {
    let output = authcode(&[
        "check",
        "authcode-spec/tests/malformed/scope_authorization_case.json",
    ]);
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with(
        "authcode-spec/tests/malformed/scope_authorization_case.json:4:74: `authorization`"
    ));
    assert_eq!(lines[1], "  |");
    assert!(lines[2].starts_with("4 | "), "{out}");
    // Columns count characters (the snippet starts with `…`).
    let caret = lines[3].chars().position(|c| c == '^').unwrap();
    let under: String = lines[2].chars().skip(caret).collect();
    assert!(under.starts_with("\"SILENT\""), "{out}");
}

#[test]
fn check_reports_every_problem_of_every_file_and_reads_the_rest_after_a_missing_one() {
    let output = authcode(&[
        "check",
        "authcode-spec/tests/malformed/grant_unknown_path_suggestion.json",
        "spec/missing.json",
        "spec/alipay-plus.json",
        "authcode-spec/tests/malformed/wallet_number.json",
    ]);
    // A file that cannot be read outweighs problems.
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "authcode: cannot read spec/missing.json: No such file or directory\n"
    );
    let out = stdout(&output);
    let firsts: Vec<&str> = out
        .lines()
        .filter(|line| !line.starts_with(' ') && !line.is_empty() && !line.contains(" | "))
        .collect();
    assert_eq!(firsts.len(), 4, "{out}");
    assert!(firsts[0].contains("loginIdInfos.hashLoginID"));
    assert!(firsts[1].contains("loginIdInfo.loginId"));
    assert_eq!(firsts[2], "spec/alipay-plus.json: ok");
    assert!(firsts[3].starts_with("authcode-spec/tests/malformed/wallet_number.json:3:13: "));
}

#[test]
fn check_json_is_one_array_of_located_problems() {
    let corpus = "authcode-spec/tests/malformed";
    let files = [
        format!("{corpus}/grant_unknown_path_suggestion.json"),
        format!("{corpus}/utf8_bom.json"),
        "spec/alipay-plus.json".to_owned(),
    ];
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let output = authcode(&args);
    assert_eq!(code(&output), 1);
    let report: Value = serde_json::from_str(&stdout(&output)).expect("the report is JSON");
    let problems = report.as_array().expect("an array");
    assert_eq!(problems.len(), 3, "{report:#}");
    for problem in problems {
        let keys: Vec<&str> = problem
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, ["column", "file", "kind", "line", "message"]);
        assert!(problem["line"].is_u64() && problem["column"].is_u64());
        assert!(problem["message"].is_string());
    }
    assert_eq!(problems[0]["file"], files[0]);
    assert_eq!(problems[0]["line"], 4);
    assert_eq!(problems[0]["column"], 112);
    assert_eq!(problems[0]["kind"], "unknown_grant");
    let pinned = pinned_corpus();
    let pinned = &pinned["grant_unknown_path_suggestion.json"];
    assert_eq!(
        format!("4:112: {}", problems[0]["message"].as_str().unwrap()),
        pinned[0]
    );
    assert_eq!(problems[2]["file"], files[1]);
    assert_eq!(problems[2]["kind"], "byte_order_mark");

    let valid = authcode(&["check", "--format", "json", "spec/alipay-plus.json"]);
    assert_eq!(code(&valid), 0);
    assert_eq!(stdout(&valid), "[]\n");
}

#[test]
fn a_problem_of_the_whole_file_has_no_line_in_json() {
    let dir = scratch("whole_file_problem");
    let big = dir.join("big.json");
    let mut text = String::from(r#"{"spec_version": 1, "wallet": ""#);
    text.push_str(&"x".repeat(authcode_spec::MAX_SPEC_BYTES));
    text.push_str(r#"", "scopes": []}"#);
    fs::write(&big, &text).unwrap();
    let output = authcode(&["check", "--format", "json", big.to_str().unwrap()]);
    assert_eq!(code(&output), 1);
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report[0]["kind"], "too_large");
    assert!(report[0]["line"].is_null() && report[0]["column"].is_null());
    assert_eq!(
        report[0]["message"],
        format!(
            "the spec is {} bytes; the limit is {} bytes",
            text.len(),
            authcode_spec::MAX_SPEC_BYTES
        )
    );
}

#[test]
fn ts_writes_the_module_to_stdout_or_to_a_file() {
    let module = alipay_plus_module();
    let output = authcode(&["ts", "spec/alipay-plus.json", "--name", "AlipayPlus"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), module);
    assert!(module.starts_with(
        "// The authorization scopes of Alipay+ for my.getAuthCode, generated by authcode "
    ));
    assert!(module.contains("from spec/alipay-plus.json."));

    let dir = scratch("ts_output");
    let file = dir.join("alipay-plus.ts");
    let output = authcode(&[
        "ts",
        "spec/alipay-plus.json",
        "--name",
        "AlipayPlus",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).is_empty() && stderr(&output).is_empty());
    assert_eq!(fs::read_to_string(&file).unwrap(), module);
}

#[test]
fn ts_check_exits_1_when_the_file_differs_and_writes_nothing() {
    let dir = scratch("ts_check");
    let file = dir.join("alipay-plus.ts");
    let path = file.to_str().unwrap();
    let check = || {
        authcode(&[
            "ts",
            "spec/alipay-plus.json",
            "--name",
            "AlipayPlus",
            "-o",
            path,
            "--check",
        ])
    };

    let missing = check();
    assert_eq!(code(&missing), 1);
    assert!(!file.exists(), "--check wrote the file");
    assert!(
        stderr(&missing).contains("does not exist"),
        "{}",
        stderr(&missing)
    );

    let module = alipay_plus_module();
    fs::write(&file, &module).unwrap();
    let same = check();
    assert_eq!(code(&same), 0, "{}", stderr(&same));
    assert!(stdout(&same).is_empty() && stderr(&same).is_empty());

    // A checkout with Windows line endings is the same module.
    fs::write(&file, module.replace('\n', "\r\n")).unwrap();
    assert_eq!(code(&check()), 0);

    let edited = module.replace("USER_NICKNAME", "USER_NICK");
    fs::write(&file, &edited).unwrap();
    let differs = check();
    assert_eq!(code(&differs), 1);
    assert_eq!(
        stderr(&differs),
        format!(
            "authcode: {path} is out of date: generate it with \
             `authcode ts spec/alipay-plus.json --name AlipayPlus -o {path}`\n"
        )
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        edited,
        "--check wrote the file"
    );

    // Another name is another module.
    let other = authcode(&[
        "ts",
        "spec/alipay-plus.json",
        "--name",
        "Alipay",
        "-o",
        path,
        "--check",
    ]);
    assert_eq!(code(&other), 1);
}

#[test]
fn ts_and_table_of_an_invalid_spec_print_its_problems_and_exit_1() {
    let spec = "authcode-spec/tests/malformed/scopes_empty.json";
    for args in [&["ts", spec, "--name", "X"][..], &["table", spec]] {
        let output = authcode(args);
        assert_eq!(code(&output), 1, "authcode {args:?}");
        assert!(stdout(&output).is_empty());
        assert!(
            stderr(&output).starts_with(&format!(
                "{spec}:1:32: `scopes` is empty: a spec must list at least one scope\n  |\n"
            )),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn table_prints_the_scope_table() {
    let output = authcode(&["table", "spec/alipay-plus.json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = fs::read_to_string(workspace().join("spec/alipay-plus.json")).unwrap();
    let spec = authcode_spec::parse(&text).unwrap();
    assert_eq!(
        stdout(&output),
        authcode_codegen::markdown::scope_table(&spec)
    );
    assert!(
        stdout(&output).contains(
            "| <code>auth&#95;base</code> | silent | Legacy scope, not recommended: use \
             USER\\_ID. | <code>userId</code> |"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_shipped_wallet_is_named_instead_of_a_file() {
    let table = authcode(&["table", "--wallet", "gcash"]);
    assert_eq!(code(&table), 0, "{}", stderr(&table));
    assert!(
        stdout(&table).contains("auth&#95;base"),
        "{}",
        stdout(&table)
    );
    let ts = authcode(&["ts", "--wallet", "superqi", "--name", "SuperQi"]);
    assert_eq!(code(&ts), 0, "{}", stderr(&ts));
    assert!(stdout(&ts).contains("SuperQiScope"));

    // The same registry as the derive's: an unknown name gets a did-you-mean and the list.
    let unknown = authcode(&["table", "--wallet", "gcahs"]);
    assert_eq!(code(&unknown), 2);
    let said = stderr(&unknown);
    assert!(said.contains("did you mean `gcash`?"), "{said}");
    assert!(said.contains("touch-n-go"), "{said}");
    // A file and a wallet at once is refused.
    let both = authcode(&["table", "--wallet", "gcash", "spec/alipay-plus.json"]);
    assert_eq!(code(&both), 2);
}

/// What `authcode check` prints of a spec (messages and the offending line) reaches a
/// terminal: control and bidirectional-override characters are shown as code points, never
/// sent as themselves.
#[test]
fn check_shows_control_and_bidi_characters_as_code_points() {
    let dir = std::env::temp_dir().join(format!("authcode-cli-bidi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text, shown) in [
        (
            "bidi.json",
            "{\"spec_version\": 1, \"scopes\": [{\"name\": \"A\u{202E}B\", \"authorizaton\": \
             \"silent\", \"description\": \"\u{2066}x\"}]}",
            r"\u{202E}",
        ),
        (
            "escape.json",
            "{\"spec_version\": 1, \"scopes\": [{\"name\": \"C\u{1b}[2J\"}]}",
            r"\u{001B}",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let output = authcode(&["check", path.to_str().unwrap()]);
        assert_eq!(code(&output), 1);
        let said = format!("{}{}", stdout(&output), stderr(&output));
        assert!(said.contains(shown), "{said}");
        assert!(
            !said
                .chars()
                .any(|c| matches!(c, '\u{1b}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
            "{said:?}"
        );
    }
}
