//! `authcode table SPEC`: the scope table as Markdown, for a wallet's documentation.

use authcode_codegen::markdown;

use crate::Exit;
use crate::output::print;
use crate::{check, spec_file};

/// Prints the spec's scope table as Markdown.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    source: spec_file::Source,
}

pub(crate) fn run(args: &Args) -> Exit {
    let (source, read) = match args.source.read() {
        Ok(read) => read,
        Err(trouble) => return trouble,
    };
    match &read.spec {
        Ok(spec) => match print(&markdown::scope_table(spec)) {
            Ok(()) => Exit::Success,
            Err(exit) => exit,
        },
        Err(errors) => {
            eprint!("{}", check::rendered(&source, &read.text, errors));
            Exit::Problems
        }
    }
}
