//! `authcode ts SPEC --name NAME [-o FILE] [--check]`: the TypeScript module that types
//! `my.getAuthCode` in the mini program.
//!
//! The module is written to FILE, or to stdout without `-o`. With `--check`, nothing is
//! written: the command exits 1 when FILE differs from what it would write (or is missing),
//! so that CI keeps the committed module in step with the spec. Line endings are compared as
//! `\n`, so a checkout that turned them into `\r\n` is still up to date. The header names the
//! spec as given on the command line: generate and check with the same SPEC path.

use std::path::PathBuf;

use authcode_codegen::typescript;

use crate::Exit;
use crate::output::{complain, print, reason, shown};
use crate::{check, spec_file};

/// Writes the TypeScript module that types `my.getAuthCode` for the spec's scopes.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    source: spec_file::Source,
    /// The prefix of the module's exported names, in UpperCamelCase: `AlipayPlus` gives
    /// `AlipayPlusScope`, `AlipayPlusSilentScope`, `alipayPlusScopes`, ...
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    name: String,
    /// Write the module to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write nothing; exit 1 if FILE is not what would be written.
    #[arg(long, requires = "output")]
    check: bool,
}

fn parse_name(name: &str) -> Result<String, typescript::InvalidName> {
    typescript::check_name(name).map(|()| name.to_owned())
}

pub(crate) fn run(args: &Args) -> Exit {
    let (source, read) = match args.source.read() {
        Ok(read) => read,
        Err(trouble) => return trouble,
    };
    let spec = match &read.spec {
        Ok(spec) => spec,
        Err(errors) => {
            eprint!("{}", check::rendered(&source, &read.text, errors));
            return Exit::Problems;
        }
    };
    let module = match typescript::module(spec, &args.name, &source) {
        Ok(module) => module,
        // `parse_name` already refused such a name; this stays for a generator that
        // refuses more.
        Err(err) => return complain(&err.to_string()),
    };
    let Some(output) = &args.output else {
        return match print(&module) {
            Ok(()) => Exit::Success,
            Err(exit) => exit,
        };
    };
    let file = shown(output);
    let current = match std::fs::read(output) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return complain(&format!("cannot read {file}: {}", reason(&err))),
    };
    let up_to_date = current
        .as_deref()
        .is_some_and(|bytes| same_text(bytes, module.as_bytes()));
    if args.check {
        if up_to_date {
            return Exit::Success;
        }
        let what = if current.is_some() {
            "is out of date"
        } else {
            "does not exist"
        };
        eprintln!(
            "authcode: {file} {what}: generate it with `authcode ts {source} --name {} -o {file}`",
            args.name
        );
        return Exit::Problems;
    }
    // An unchanged module is left alone, so that watchers and bundlers see no change.
    if up_to_date {
        return Exit::Success;
    }
    match std::fs::write(output, &module) {
        Ok(()) => Exit::Success,
        Err(err) => complain(&format!("cannot write {file}: {}", reason(&err))),
    }
}

/// Whether two texts are the same once `\r\n` is read as `\n`.
fn same_text(a: &[u8], b: &[u8]) -> bool {
    fn lf(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
        bytes
            .iter()
            .enumerate()
            .filter(|&(i, &byte)| !(byte == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
            .map(|(_, &byte)| byte)
    }
    lf(a).eq(lf(b))
}

#[cfg(test)]
mod tests {
    use super::same_text;

    #[test]
    fn line_endings_do_not_count() {
        assert!(same_text(b"a\r\nb\n", b"a\nb\n"));
        assert!(!same_text(b"a\rb\n", b"a\nb\n"));
        assert!(!same_text(b"a\nb", b"a\nb\n"));
    }
}
