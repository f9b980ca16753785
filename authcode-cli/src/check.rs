//! `authcode check SPEC...`: every problem of every spec, as the derive reports it.
//!
//! In text (the default), each problem is the derive's line (`file:line:col: message`), then
//! the offending line with a caret under the column, problems separated by a blank line; a
//! valid spec prints `file: ok`. With `--format json`, the output is one JSON array of the
//! problems of all files (`[]` when every spec is valid), each
//! `{"file", "line", "column", "kind", "message"}`, `line` and `column` `null` for a problem of
//! the whole file (its size).

use std::path::PathBuf;

use authcode_codegen::diagnostics;
use authcode_spec::SpecError;

use crate::Exit;
use crate::output::{print, shown, terminal_safe};
use crate::spec_file;

/// Checks spec files, printing every problem of every one.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The spec files to check.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,
    /// How to print the problems: `text` for people, `json` for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// The output formats of `check`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// The derive's messages, each with the offending line and a caret.
    Text,
    /// One JSON array of `{file, line, column, kind, message}`.
    Json,
}

pub(crate) fn run(args: &Args) -> Exit {
    let mut exit = Exit::Success;
    let mut text = String::new();
    let mut json = Vec::new();
    // Every file is checked even after one cannot be read, so that one run reports all it can.
    for path in &args.specs {
        let file = shown(path);
        let read = match spec_file::read(path) {
            Ok(read) => read,
            Err(trouble) => {
                exit = trouble;
                continue;
            }
        };
        match &read.spec {
            Ok(_) => {
                if args.format == Format::Text {
                    text.push_str(&terminal_safe(&format!("{file}: ok\n")));
                }
            }
            Err(errors) => {
                if exit == Exit::Success {
                    exit = Exit::Problems;
                }
                match args.format {
                    Format::Text => text.push_str(&rendered(&file, &read.text, errors)),
                    Format::Json => json.extend(errors.iter().map(|err| as_json(&file, err))),
                }
            }
        }
    }
    let out = match args.format {
        Format::Text => text,
        Format::Json => json_array(&json),
    };
    match print(&out) {
        Ok(()) => exit,
        Err(Exit::Success) => exit,
        Err(trouble) => trouble,
    }
}

/// The problems of one file as `check` prints them: each rendered with its snippet, followed
/// by a blank line.
pub(crate) fn rendered(file: &str, text: &str, errors: &[SpecError]) -> String {
    let mut out = String::new();
    for err in errors {
        out.push_str(&terminal_safe(&diagnostics::rendered(file, text, err)));
        out.push_str("\n\n");
    }
    out
}

/// One problem in the JSON report, its fields in the order the command documents.
#[derive(serde::Serialize)]
struct Problem<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    kind: &'static str,
    message: &'a str,
}

fn as_json(file: &str, err: &SpecError) -> String {
    let problem = Problem {
        file,
        line: err.location.map(|location| location.line),
        column: err.location.map(|location| location.column),
        kind: err.kind.as_str(),
        message: &err.message,
    };
    // A struct of strings and numbers always serializes.
    serde_json::to_string(&problem).unwrap_or_default()
}

/// The array with one problem a line, so that it reads and diffs well too.
fn json_array(items: &[String]) -> String {
    if items.is_empty() {
        return "[]\n".to_owned();
    }
    let lines: Vec<String> = items.iter().map(|item| format!("  {item}")).collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_report_is_an_empty_array() {
        assert_eq!(json_array(&[]), "[]\n");
    }
}
