//! Text from a spec is data wherever it lands: one escaping function per place it lands in,
//! each making any string inert there and showing it as written.
//!
//! - [`rustdoc`], [`rustdoc_code`] and [`rustdoc_note`]: Markdown (and the HTML it may hold) in `#[doc]`
//!   attributes, read by rustdoc, which would otherwise render `<img onerror=…>` live and run a
//!   fenced block as a doctest of every crate that derives from the spec;
//! - [`jsdoc`]: text inside a `/** … */` block or a `//` comment of the TypeScript module, where
//!   `@deprecated` anywhere would be read as a tag and `*/` would end the comment;
//! - [`markdown_cell`] and [`markdown_code_cell`]: a cell of a Markdown table;
//! - [`terminal`]: a line printed for a person, where a control or bidirectional-override
//!   character would drive the terminal or reorder what is shown.
//!
//! Every function writes a character that could reorder or hide text (C0 and C1 controls, the
//! bidirectional controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, and the line
//! and paragraph separators) as its code point, `\u{202E}`, and never lets a line break through.
//!
//! ```
//! use authcode_codegen::escape;
//! assert_eq!(escape::rustdoc("<img src=x onerror=alert(1)>"), r"\<img src=x onerror=alert(1)\>");
//! assert_eq!(escape::jsdoc("a @deprecated b */"), "a &#64;deprecated b *&#47;");
//! assert_eq!(escape::markdown_code_cell("a`|b"), "<code>a&#96;&#124;b</code>");
//! assert_eq!(escape::terminal("ab\u{202E}cd"), r"ab\u{202E}cd");
//! ```

use std::fmt::Write as _;

/// `true` for a character that must not reach any target as itself.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Writes `c` as `\u{XXXX}`.
fn code_point(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
}

/// `text` with every character mapped by `map` (which pushes its form for the characters it
/// handles and returns `true`), line breaks as spaces and hidden characters as code points.
fn escaped(text: &str, mut map: impl FnMut(&mut String, char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            out.push(' ');
        } else if is_hidden(c) {
            code_point(&mut out, c);
        } else if !map(&mut out, c) {
            out.push(c);
        }
    }
    out
}

/// The ASCII punctuation that means something inside a line of Markdown: code spans,
/// emphasis, strikethrough, links and images, HTML tags and entities, autolinks, table cells.
const INLINE: &[char] = &['\\', '`', '*', '_', '~', '[', ']', '!', '<', '>', '&', '|'];

/// `text` trimmed, on one line, with the characters `inline` says escaped by a backslash,
/// and the first punctuation character of the line (or the one after leading digits) too:
/// only there can one line open a block (a list, a quote, a heading, a fence, a rule).
/// A `|` is written as `pipe` says (a table cell needs its entity).
fn markdown_line(text: &str, inline: impl Fn(char) -> bool, pipe: &str) -> String {
    let text = text.trim();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut at = 0;
    escaped(text, |out, c| {
        let opens_a_block = at == digits && c.is_ascii_punctuation();
        at += c.len_utf8();
        if c == '|' {
            out.push_str(pipe);
            true
        } else if opens_a_block || inline(c) {
            out.push('\\');
            out.push(c);
            true
        } else {
            false
        }
    })
}

/// Prose for rustdoc Markdown, on one line: the characters that make markup are
/// backslash-escaped (CommonMark shows an escaped character as itself), so nothing opens a
/// code span, emphasis, a link, an HTML tag or a block (a list, a heading, a fenced block, a
/// doctest); line breaks become spaces, and leading white space is dropped (four spaces would
/// start an indented block).
pub fn rustdoc(text: &str) -> String {
    markdown_line(text, |c| INLINE.contains(&c), "\\|")
}

/// A deprecation note: rustdoc renders it as Markdown, and the compiler prints it in every
/// warning. What makes markup is escaped as in [`rustdoc`], but emphasis characters are left
/// as written (emphasis is harmless), so that `use USER_ID` reads as written in a warning.
pub fn rustdoc_note(text: &str) -> String {
    markdown_line(
        text,
        |c| INLINE.contains(&c) && !matches!(c, '*' | '_' | '~'),
        "\\|",
    )
}

/// A name for rustdoc in code style: an HTML `<code>` element around [`rustdoc`] text (a
/// Markdown code span cannot hold every string: a backtick would close it).
pub fn rustdoc_code(text: &str) -> String {
    format!("<code>{}</code>", rustdoc(text))
}

/// Text inside a JSDoc block or a `//` comment of generated TypeScript, on one line: `@`
/// becomes its HTML entity everywhere (JSDoc takes `@word` for a tag), and so does the `/`
/// of `*/` (which would end the comment). Editors render the entities as the characters.
pub fn jsdoc(text: &str) -> String {
    let mut previous = '\0';
    escaped(text, |out, c| {
        let handled = match c {
            '@' => {
                out.push_str("&#64;");
                true
            }
            '/' if previous == '*' => {
                out.push_str("&#47;");
                true
            }
            _ => false,
        };
        previous = c;
        handled
    })
}

/// Prose in a cell of a Markdown table: [`rustdoc`]'s escaping, with `|` (which would end the
/// cell even when escaped) as an HTML entity.
pub fn markdown_cell(text: &str) -> String {
    markdown_line(text, |c| INLINE.contains(&c), "&#124;")
}

/// A name in code style in a cell of a Markdown table: a `<code>` element whose text has every
/// Markdown and HTML character as an entity.
pub fn markdown_code_cell(text: &str) -> String {
    let inner = escaped(text.trim(), |out, c| {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '|' => "&#124;",
            '`' => "&#96;",
            '\\' => "&#92;",
            '*' => "&#42;",
            '_' => "&#95;",
            '[' => "&#91;",
            ']' => "&#93;",
            '~' => "&#126;",
            _ => return false,
        };
        out.push_str(entity);
        true
    });
    format!("<code>{inner}</code>")
}

/// A line for a terminal: control and bidirectional characters as code points, line breaks as
/// spaces; everything else as written.
pub fn terminal(text: &str) -> String {
    escaped(text, |_, _| false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_is_trimmed_is_white_space_at_the_ends_only() {
        assert_eq!(super::rustdoc("  a  b \u{2029}"), "a  b");
        assert_eq!(super::terminal(" a\u{2029}"), " a\\u{2029}");
    }
}
