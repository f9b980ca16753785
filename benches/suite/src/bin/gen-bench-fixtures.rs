//! Prints a generated benchmark input, for `scripts/bench-compile.sh`:
//!
//! ```text
//! cargo run -q -p authcode-benches --bin gen-bench-fixtures -- spec N            > generated-N.json
//! cargo run -q -p authcode-benches --bin gen-bench-fixtures -- strum-enum N NAME > enum.rs
//! ```
//!
//! The benches themselves get the same files from `build.rs`, in `OUT_DIR`.

#[allow(dead_code)]
#[path = "../../fixtures.rs"]
mod fixtures;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = |text: &str| text.parse::<usize>().ok();
    let text = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["spec", n] => count(n).map(fixtures::spec),
        ["strum-enum", n, name] => count(n).map(|n| fixtures::strum_enum(n, name)),
        _ => None,
    };
    match text {
        Some(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("usage: gen-bench-fixtures spec N | strum-enum N ENUM_NAME");
            ExitCode::from(2)
        }
    }
}
