//! Text from a spec is data wherever it lands. One corpus of hostile strings goes through every
//! escaping function, and the result is read back by what reads it in its place: rustdoc's
//! Markdown reader (pulldown-cmark) for doc comments and tables, and plain checks for JSDoc and
//! the terminal. Then a spec made of the corpus goes through the generators, and every doc
//! string of the derive's expansion and every row of the scope table is read the same way.

use authcode_codegen::escape;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const CORPUS: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</script>",
    "<!-- a comment -->",
    "```\nfn main() { panic!(\"a doctest\") }\n```",
    "text\n\n    indented code, a doctest too",
    "~~~\nfenced with tildes\n~~~",
    "# a heading",
    "*emphasis* _under_ **strong**",
    "[a link](javascript:alert(1)) and <http://example.com>",
    "![an image](x.png)",
    "a | table | row",
    "`code` and ``double `code``",
    "&amp; &lt;b&gt; &#64;",
    "a \\ backslash \\* and \\",
    "~~struck~~",
    "[^1]: a footnote",
    "- [ ] a task",
    "> a quote",
    "1. a list",
    "---",
    "{@link nothing} @deprecated in the middle",
    "@deprecated at the start",
    "ends a comment */ and /* starts one",
    "${template} and `backtick`",
    "line\nbreak, crlf\r\nbreak, tab\tstop",
    "separators \u{2028} and \u{2029}",
    "bidi \u{202E}evil\u{202C} \u{2066}isolate\u{2069} \u{200F}rlm \u{061C}alm",
    "escape \u{1b}[31mred\u{1b}[0m, nul \0, del \u{7f}, c1 \u{85}",
    "quotes \" and '",
];

/// What a reader must see of `text`: the characters as written, but line breaks as spaces and
/// hidden characters as code points.
fn visible(text: &str) -> String {
    escape::terminal(text)
}

fn options() -> Options {
    // As rustdoc reads doc comments.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The events of `markdown` that are not plain text in a paragraph.
fn structure(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Text(_)
            | Event::Start(Tag::Paragraph)
            | Event::End(TagEnd::Paragraph)
            | Event::SoftBreak => None,
            Event::InlineHtml(html) if &*html == "<code>" || &*html == "</code>" => None,
            other => Some(format!("{other:?}")),
        })
        .collect()
}

/// The text of `markdown`, as a reader shows it.
fn text(markdown: &str) -> String {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Text(text) => Some(text.into_string()),
            Event::SoftBreak => Some(" ".to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn rustdoc_text_is_plain_text_shown_as_written() {
    for &hostile in CORPUS {
        for (form, shown) in [
            ("prose", escape::rustdoc(hostile)),
            ("code", escape::rustdoc_code(hostile)),
        ] {
            assert_eq!(
                structure(&shown),
                Vec::<String>::new(),
                "{form} {hostile:?}: {shown}"
            );
            assert_eq!(
                text(&shown).trim(),
                visible(hostile.trim()),
                "{form} {hostile:?}"
            );
        }
    }
}

#[test]
fn a_deprecation_note_has_no_markup_but_emphasis() {
    for &hostile in CORPUS {
        let shown = escape::rustdoc_note(hostile);
        let unexpected: Vec<String> = structure(&shown)
            .into_iter()
            .filter(|event| !is_emphasis(event))
            .collect();
        assert_eq!(unexpected, Vec::<String>::new(), "{hostile:?}: {shown}");
    }
    assert_eq!(escape::rustdoc_note("use USER_ID"), "use USER_ID");
}

/// Emphasis, strong and strikethrough: harmless, and left alone in deprecation notes.
fn is_emphasis(event: &str) -> bool {
    ["Emphasis", "Strong", "Strikethrough"]
        .iter()
        .any(|tag| event.contains(tag))
}

#[test]
fn a_table_cell_stays_one_cell_of_plain_text() {
    for &hostile in CORPUS {
        for cell in [
            escape::markdown_cell(hostile),
            escape::markdown_code_cell(hostile),
        ] {
            let table = format!("| a | b |\n| --- | --- |\n| {cell} | end |\n");
            let mut cells = Vec::new();
            let mut current: Option<String> = None;
            for event in Parser::new_ext(&table, options()) {
                match event {
                    Event::Start(Tag::TableCell) => current = Some(String::new()),
                    Event::End(TagEnd::TableCell) => cells.push(current.take().unwrap()),
                    Event::Text(text) => {
                        if let Some(current) = &mut current {
                            current.push_str(&text);
                        }
                    }
                    Event::InlineHtml(html) if &*html == "<code>" || &*html == "</code>" => {}
                    Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow)
                    | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow) => {}
                    other => panic!("{hostile:?}: {other:?} in {table}"),
                }
            }
            assert_eq!(cells.len(), 4, "{hostile:?}: {table}");
            assert_eq!(
                cells[2].trim(),
                visible(hostile.trim()),
                "{hostile:?}: {table}"
            );
            assert_eq!(cells[3], "end");
        }
    }
}

#[test]
fn jsdoc_text_cannot_end_its_comment_or_make_a_tag() {
    for &hostile in CORPUS {
        let shown = escape::jsdoc(hostile);
        assert!(!shown.contains("*/"), "{hostile:?}: {shown}");
        assert!(!shown.contains('@'), "{hostile:?}: {shown}");
        assert!(
            !shown
                .chars()
                .any(|c| c.is_control() || is_bidi(c) || c == '\u{2028}'),
            "{hostile:?}: {shown:?}"
        );
    }
}

#[test]
fn terminal_text_holds_no_control_or_bidirectional_character() {
    for &hostile in CORPUS {
        let shown = escape::terminal(hostile);
        assert!(
            !shown.chars().any(|c| c.is_control() || is_bidi(c)),
            "{hostile:?}: {shown:?}"
        );
    }
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A spec whose wallet, descriptions, notes and field descriptions are the corpus.
fn hostile_spec() -> String {
    let json = |text: &str| serde_json_string(text);
    let scopes: Vec<String> = CORPUS
        .iter()
        .enumerate()
        .map(|(index, text)| {
            format!(
                r#"{{"name": "S{index}", "description": {}, "authorization": "proactive", "deprecated": {}, "grants": ["f{index}"]}}"#,
                json(text),
                json(text)
            )
        })
        .collect();
    let fields: Vec<String> = CORPUS
        .iter()
        .enumerate()
        .map(|(index, text)| {
            format!(
                r#""f{index}": {{"type": "string", "description": {}}}"#,
                json(text)
            )
        })
        .collect();
    format!(
        r#"{{"spec_version": 1, "wallet": {}, "scopes": [{}], "user_info": {{{}}}}}"#,
        json(CORPUS[0]),
        scopes.join(", "),
        fields.join(", ")
    )
}

/// `text` as a JSON string literal.
fn serde_json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every string literal that follows `doc =` or `note =` in `tokens`, at any depth.
fn doc_strings(tokens: proc_macro2::TokenStream, found: &mut Vec<String>) {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (at, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group) => doc_strings(group.stream(), found),
            TokenTree::Literal(literal) if at >= 2 => {
                let key =
                    matches!(&trees[at - 2], TokenTree::Ident(i) if i == "doc" || i == "note");
                let eq = matches!(&trees[at - 1], TokenTree::Punct(p) if p.as_char() == '=');
                if key && eq {
                    let lit: syn::LitStr = syn::parse_str(&literal.to_string()).unwrap();
                    found.push(lit.value());
                }
            }
            _ => {}
        }
    }
}

#[test]
fn the_derive_writes_no_markup_and_no_code_block_from_the_spec() {
    let dir = std::env::temp_dir().join(format!("authcode-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostile.json");
    std::fs::write(&path, hostile_spec()).unwrap();
    let spec = path.to_str().unwrap();
    let expansion = authcode_codegen::rust::derive(quote::quote! {
        #[auth_scopes(spec = #spec)]
        pub struct Hostile;
    });
    assert!(
        !expansion.to_string().contains("compile_error"),
        "{expansion}"
    );
    let mut docs = Vec::new();
    doc_strings(expansion, &mut docs);
    assert!(docs.len() > CORPUS.len() * 3, "{}", docs.len());
    for doc in &docs {
        // The generator's own words use code spans; nothing else may be structure.
        let unexpected: Vec<String> = structure(doc)
            .into_iter()
            .filter(|event| !event.starts_with("Code(") && !is_emphasis(event))
            .collect();
        assert_eq!(unexpected, Vec::<String>::new(), "{doc}");
    }
}

#[test]
fn the_scope_table_has_one_row_of_five_cells_per_scope() {
    let spec = authcode_spec::parse(&hostile_spec()).unwrap();
    let table = authcode_codegen::markdown::scope_table(&spec);
    let mut rows = 0;
    let mut cells = 0;
    for event in Parser::new_ext(&table, options()) {
        match event {
            Event::Start(Tag::TableRow) => rows += 1,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::Html(html) | Event::InlineHtml(html) => {
                assert!(&*html == "<code>" || &*html == "</code>", "{html}")
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. }) => {
                panic!("{event:?}")
            }
            _ => {}
        }
    }
    assert_eq!(rows, CORPUS.len());
    assert_eq!(cells, (CORPUS.len() + 1) * 5);
}
