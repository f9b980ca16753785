//! `authcode table SPEC`: the scope table as Markdown, for a wallet's documentation.

use std::path::PathBuf;

use authcode_codegen::markdown;

use crate::Exit;
use crate::output::{print, shown};
use crate::{check, spec_file};

/// Prints the spec's scope table as Markdown.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The spec file.
    spec: PathBuf,
}

pub(crate) fn run(args: &Args) -> Exit {
    let read = match spec_file::read(&args.spec) {
        Ok(read) => read,
        Err(trouble) => return trouble,
    };
    match &read.spec {
        Ok(spec) => match print(&markdown::scope_table(spec)) {
            Ok(()) => Exit::Success,
            Err(exit) => exit,
        },
        Err(errors) => {
            eprint!(
                "{}",
                check::rendered(&shown(&args.spec), &read.text, errors)
            );
            Exit::Problems
        }
    }
}
