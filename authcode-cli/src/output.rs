//! Writing to the terminal: one-line complaints on stderr, results on stdout.

use std::io::Write as _;
use std::path::Path;

use crate::Exit;

/// Prints `authcode: {message}` on stderr, for a file or an argument the command cannot use.
pub(crate) fn complain(message: &str) -> Exit {
    eprintln!("authcode: {message}");
    Exit::Trouble
}

/// The words of an I/O error without the `(os error 2)` that `io::Error` appends, so that the
/// complaint reads `cannot read x.json: No such file or directory`.
pub(crate) fn reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.rfind(" (os error ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// A path as messages show it: as the user gave it.
pub(crate) fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Writes `text` to stdout. A closed pipe (`authcode table x.json | head -1`) ends the
/// command quietly, as it does for other tools; any other failure is a complaint.
pub(crate) fn print(text: &str) -> Result<(), Exit> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Err(Exit::Success),
        Err(err) => Err(complain(&format!(
            "cannot write to standard output: {}",
            reason(&err)
        ))),
    }
}

/// `text` safe to print on a terminal: control characters (a spec can hold any, escaped in its
/// strings or raw in a broken file) are shown as `�`, one character for one, so that the caret
/// under a snippet stays under its column and an escape sequence cannot drive the terminal.
/// Tabs become spaces for the same reason.
pub(crate) fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_keep_their_column() {
        assert_eq!(terminal_safe("a\u{1b}[31mb\tc\nd"), "a\u{fffd}[31mb c\nd");
    }

    #[test]
    fn os_error_numbers_are_left_out() {
        let err = std::io::Error::from_raw_os_error(2);
        assert!(!reason(&err).contains("os error"), "{}", reason(&err));
    }
}
