//! `authcode`: checks a wallet's scope spec and generates what the mini program and the docs
//! need from it.
//!
//! ```text
//! authcode check spec/alipay-plus.json spec/wallets/*.json
//! authcode ts spec/alipay-plus.json --name AlipayPlus -o miniprogram/alipay-plus.ts
//! authcode ts spec/alipay-plus.json --name AlipayPlus -o miniprogram/alipay-plus.ts --check
//! authcode table spec/alipay-plus.json > docs/scopes.md
//! ```
//!
//! Exit status: 0 when all is well; 1 when a spec has problems or a generated file is out of
//! date; 2 for a bad argument or a file that cannot be read or written.
#![forbid(unsafe_code)]

mod check;
mod output;
mod spec_file;
mod table;
mod ts;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Checks a wallet's scope spec, and generates the TypeScript module and the scope table from
/// it.
#[derive(Parser)]
#[command(name = "authcode", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the TypeScript module that types `my.getAuthCode` for the spec's scopes.
    Ts(ts::Args),
    /// Checks specs, printing every problem with its line, column and the offending line.
    Check(check::Args),
    /// Prints the spec's scope table as Markdown.
    Table(table::Args),
}

/// How a command ended, as the exit status says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    /// Done: the specs are valid, the file is up to date.
    Success,
    /// A spec has problems, or a generated file differs from what the spec gives.
    Problems,
    /// A file could not be read or written (clap exits 2 for bad arguments too).
    Trouble,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        match exit {
            Exit::Success => ExitCode::SUCCESS,
            Exit::Problems => ExitCode::from(1),
            Exit::Trouble => ExitCode::from(2),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Ts(args) => ts::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Table(args) => table::run(&args),
    };
    exit.into()
}
