//! Spec problems as people read them: the one-line form the derive reports on its
//! `spec = "..."` literal (`file:line:col: message`), and the same with the offending line and
//! a caret under the spot, as the `authcode check` command prints it.

use authcode_spec::SpecError;

use crate::escape::terminal;

/// `file:line:col: message` (or `file: message` for a problem of the whole file), where
/// `file` is the path as the user wrote it.
///
/// ```
/// let errors = authcode_spec::parse(r#"{"spec_version": 1, "scopez": []}"#).unwrap_err();
/// assert_eq!(
///     authcode_codegen::diagnostics::line("spec/wallet.json", &errors[0]),
///     "spec/wallet.json:1:1: missing `scopes`: a spec must list its scopes"
/// );
/// ```
pub fn line(file: &str, err: &SpecError) -> String {
    // Messages quote the spec's names, and both end up on a terminal.
    let (file, message) = (terminal(file), terminal(&err.message));
    match err.location {
        Some(location) => format!("{file}:{location}: {message}"),
        None => format!("{file}: {message}"),
    }
}

/// [`line()`], then the line of `text` the problem is on and a caret under its column:
///
/// ```text
/// spec/wallet.json:3:3: unknown key `scopez` at the top level of the spec; did you mean `scopes`?
///   |
/// 3 |   "scopez": []
///   |   ^
/// ```
///
/// Long lines are shown around the column only, so a minified spec prints one screen line.
///
/// ```
/// use authcode_spec::SpecErrorKind;
/// let text = "{\n  \"spec_version\": 1,\n  \"scopez\": []\n}";
/// let errors = authcode_spec::parse(text).unwrap_err();
/// let unknown = errors.iter().find(|err| err.kind == SpecErrorKind::UnknownKey).unwrap();
/// let shown = authcode_codegen::diagnostics::rendered("wallet.json", text, unknown);
/// assert!(shown.ends_with("3 |   \"scopez\": []\n  |   ^"), "{shown}");
/// ```
pub fn rendered(file: &str, text: &str, err: &SpecError) -> String {
    let mut out = line(file, err);
    let Some(location) = err.location else {
        return out;
    };
    let Some(source_line) = text.lines().nth(location.line.saturating_sub(1)) else {
        return out;
    };
    // Columns count characters. Show at most 40 before the caret and 40 after.
    const CONTEXT: usize = 40;
    let chars: Vec<char> = source_line.chars().collect();
    let column = location.column.saturating_sub(1).min(chars.len());
    let start = column.saturating_sub(CONTEXT);
    let end = (column + CONTEXT).min(chars.len());
    // The spec's text goes to a terminal: escaped, the caret counted in what is shown.
    let before = terminal(&chars[start..column].iter().collect::<String>());
    let after = terminal(&chars[column..end].iter().collect::<String>());
    let mut caret_at = before.chars().count();
    let mut shown = before + &after;
    if start > 0 {
        shown.insert(0, '…');
        caret_at += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    let number = location.line.to_string();
    let gutter = " ".repeat(number.len());
    out.push_str(&format!(
        "\n{gutter} |\n{number} | {shown}\n{gutter} | {}^",
        " ".repeat(caret_at)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minified_spec_is_shown_around_the_column() {
        let mut text = String::from(r#"{"spec_version":1,"scopes":["#);
        for i in 0..200 {
            text.push_str(&format!(
                r#"{{"name":"S{i}","description":"d","authorization":"silent"}},"#
            ));
        }
        text.push_str(r#"{"name":"BAD","description":"d","authorization":"silnt"}]}"#);
        let errors = authcode_spec::parse(&text).unwrap_err();
        let shown = rendered("w.json", &text, &errors[0]);
        let snippet = shown.lines().nth(2).unwrap();
        assert!(snippet.chars().count() < 100, "{snippet}");
        let caret = shown.lines().nth(3).unwrap();
        let at = caret.find('^').unwrap();
        let under: String = snippet.chars().skip(at).take(7).collect();
        assert_eq!(under, "\"silnt\"", "{shown}");
    }
}
