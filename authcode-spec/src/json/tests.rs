//! The JSON reader on its own: its messages, its locations, and agreement with serde_json on
//! every valid document.

use proptest::prelude::*;
use serde_json::Value as Serde;

use super::{Data, Value, parse};
use crate::{Location, MAX_JSON_DEPTH, SpecErrorKind};

fn error(text: &str) -> String {
    parse(text).expect_err("the text is not JSON").to_string()
}

/// The tree as a serde_json value: objects by key (generated objects have unique keys),
/// numbers by serde_json's reading of their text.
fn to_serde(value: &Value<'_>) -> Serde {
    match &value.data {
        Data::Null => Serde::Null,
        Data::Bool(b) => Serde::Bool(*b),
        Data::Number(text) => serde_json::from_str(text).unwrap(),
        Data::String(text) => Serde::String(text.to_string()),
        Data::Array(elements) => Serde::Array(elements.iter().map(to_serde).collect()),
        Data::Object(members) => Serde::Object(
            members
                .iter()
                .map(|member| (member.key.to_string(), to_serde(&member.value)))
                .collect(),
        ),
    }
}

/// Every value's location is where its offset is, counted from the start of the text.
fn check_locations(text: &str, value: &Value<'_>) {
    assert_eq!(value.location, Location::of_offset(text, value.offset));
    match &value.data {
        Data::Array(elements) => elements.iter().for_each(|e| check_locations(text, e)),
        Data::Object(members) => {
            for member in members {
                // The key's location is its opening quote: the string read from there is the key.
                let at = offset_of(text, member.key_location);
                let key = serde_json::Deserializer::from_str(&text[at..])
                    .into_iter::<String>()
                    .next();
                assert_eq!(key.unwrap().unwrap(), member.key);
                check_locations(text, &member.value);
            }
        }
        _ => {}
    }
}

/// The byte offset of a location.
fn offset_of(text: &str, location: Location) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(location.line - 1)
        .map(str::len)
        .sum();
    line_start
        + text[line_start..]
            .chars()
            .take(location.column - 1)
            .map(char::len_utf8)
            .sum::<usize>()
}

#[test]
fn reads_every_kind_of_value() {
    let text = r#"{"a": [1, -2.5e+3, 0, true, false, null, "x\u00e9\ud83d\ude00\n\"\\\/\b\f\r\t"], "b": {}}"#;
    let root = parse(text).unwrap();
    let expected: Serde = serde_json::from_str(text).unwrap();
    assert_eq!(to_serde(&root), expected);
    check_locations(text, &root);
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let root = parse(r#"["plain", "esc\n"]"#).unwrap();
    let Data::Array(elements) = &root.data else {
        panic!()
    };
    assert!(matches!(
        &elements[0].data,
        Data::String(std::borrow::Cow::Borrowed(_))
    ));
    assert!(matches!(
        &elements[1].data,
        Data::String(std::borrow::Cow::Owned(_))
    ));
}

#[test]
fn columns_count_characters_on_long_lines() {
    let text = format!("[{}\"é\", 1]", "\"ééé\", ".repeat(1000));
    let root = parse(&text).unwrap();
    check_locations(&text, &root);
    let text = "{\n  \"a\": [\n    1,\n\t\"b\"\r\n  ]\n}";
    check_locations(text, &parse(text).unwrap());
}

#[test]
fn syntax_errors_are_located_with_clear_messages() {
    for (text, message) in [
        ("", "1:1: the spec is empty: expected a JSON object"),
        ("  \n ", "2:2: the spec is empty: expected a JSON object"),
        ("{ // c\n}", "1:3: comments are not JSON"),
        ("[1 /* c */]", "1:4: comments are not JSON"),
        (
            "{'a': 1}",
            "1:2: keys are written in double quotes in JSON, not single quotes",
        ),
        (
            "['a']",
            "1:2: strings are written in double quotes in JSON, not single quotes",
        ),
        ("[1,]", "1:3: trailing comma: JSON allows no `,` before `]`"),
        (
            "{\"a\": 1,\n}",
            "1:8: trailing comma: JSON allows no `,` before `}`",
        ),
        (
            "{\"a\": 1 \"b\": 2}",
            "1:9: expected `,` or `}` after an object entry, found `\"`",
        ),
        (
            "[1 2]",
            "1:4: expected `,` or `]` after an array element, found `2`",
        ),
        (
            "{\"a\" 1}",
            "1:6: expected `:` after the key \"a\", found `1`",
        ),
        (
            "{1: 2}",
            "1:2: expected a key in double quotes or `}`, found `1`",
        ),
        (
            "{\"a\": 1, 2}",
            "1:10: expected a key in double quotes, found `2`",
        ),
        (
            "[\"abc",
            "1:2: unterminated string: the file ends before its closing `\"`",
        ),
        (
            "[\"abc\n\"]",
            "1:2: unterminated string: the line ends before its closing `\"`",
        ),
        (
            "[\"a\tb\"]",
            "1:4: control character U+0009 in a string: JSON writes it as `\\u0009`",
        ),
        (
            "[\"\\q\"]",
            "1:3: invalid escape `\\q` in a string: JSON has `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`",
        ),
        (
            "[\"\\u12\"]",
            "1:3: `\\u` in a string must be followed by four hex digits",
        ),
        (
            "[\"ab\\ud800\"]",
            "1:5: lone surrogate `\\uD800` in a string: a high surrogate must be followed by a low one (`\\uDC00` to `\\uDFFF`)",
        ),
        (
            "[\"\\ud800\\u0041\"]",
            "1:3: lone surrogate `\\uD800` in a string: a high surrogate must be followed by a low one (`\\uDC00` to `\\uDFFF`)",
        ),
        (
            "[\"\\udc00\"]",
            "1:3: lone surrogate `\\uDC00` in a string: a low surrogate must follow a high one (`\\uD800` to `\\uDBFF`)",
        ),
        (
            "[NaN]",
            "1:2: `NaN` is not a JSON value: expected a string, number, object, array, `true`, `false` or `null`",
        ),
        (
            "[True]",
            "1:2: `True` is not JSON: its literals are lowercase (`true`)",
        ),
        (
            "[nul]",
            "1:2: `nul` is not a JSON value: expected a string, number, object, array, `true`, `false` or `null`",
        ),
        ("[01]", "1:2: a JSON number cannot have a leading zero"),
        ("[-]", "1:3: expected a digit after `-`, found `]`"),
        (
            "[1.]",
            "1:4: expected a digit after the decimal point, found `]`",
        ),
        ("[1e]", "1:4: expected a digit in the exponent, found `]`"),
        ("[+1]", "1:2: a JSON number cannot start with `+`"),
        (
            "[.5]",
            "1:2: a JSON number cannot start with `.`: write `0.5`, not `.5`",
        ),
        (
            "[1] x",
            "1:5: unexpected `x` after the end of the JSON value",
        ),
        ("[1] // end", "1:5: comments are not JSON"),
        ("[\u{0}]", "1:2: expected a value, found U+0000"),
        ("{\"é\": [}", "1:8: expected a value, found `}`"),
        (
            "[1",
            "1:3: expected `,` or `]` after an array element, found the end of the file (the array opened at 1:1 is never closed)",
        ),
        (
            "{\"a\": {\"b\": 1}",
            "1:15: expected `,` or `}` after an object entry, found the end of the file (the object opened at 1:1 is never closed)",
        ),
    ] {
        assert_eq!(error(text), message, "{text:?}");
    }
}

#[test]
fn a_trailing_comma_before_a_line_break_is_located_at_the_comma() {
    assert_eq!(
        error("[\n  1,\n  2,\n]"),
        "3:4: trailing comma: JSON allows no `,` before `]`"
    );
}

#[test]
fn nesting_past_the_limit_is_an_error_not_a_stack_overflow() {
    let ok = format!(
        "{}{}",
        "[".repeat(MAX_JSON_DEPTH),
        "]".repeat(MAX_JSON_DEPTH)
    );
    assert!(parse(&ok).is_ok());
    let deep = "[".repeat(100_000);
    let err = parse(&deep).unwrap_err();
    assert_eq!(err.kind, SpecErrorKind::TooDeep);
    assert_eq!(
        err.to_string(),
        format!(
            "1:{}: arrays and objects nest more than 64 deep here; the limit is 64",
            MAX_JSON_DEPTH + 1
        )
    );
    let deep = format!("{}1", "{\"a\":".repeat(MAX_JSON_DEPTH + 1));
    assert_eq!(parse(&deep).unwrap_err().kind, SpecErrorKind::TooDeep);
}

/// Arbitrary JSON values (serde_json's model: unique keys).
fn json_value() -> impl Strategy<Value = Serde> {
    let leaf = prop_oneof![
        Just(Serde::Null),
        any::<bool>().prop_map(Serde::Bool),
        any::<i64>().prop_map(Serde::from),
        any::<u64>().prop_map(Serde::from),
        (-1e300f64..1e300)
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Serde::Null, Serde::Number)),
        "\\PC*|[\u{0}-\u{1f}\"\\\\\u{7f}-\u{10ffff}]{0,8}".prop_map(Serde::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Serde::Array),
            proptest::collection::btree_map("\\PC{0,8}", inner, 0..8)
                .prop_map(|map| Serde::Object(map.into_iter().collect())),
        ]
    })
}

/// Writes `value` as JSON with every character of every string escaped as `\uXXXX` (surrogate
/// pairs past the BMP), which serde_json never writes.
fn write_escaped(value: &Serde, out: &mut String) {
    fn string(text: &str, out: &mut String) {
        out.push('"');
        for c in text.chars() {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
        out.push('"');
    }
    match value {
        Serde::Array(elements) => {
            out.push_str("[ ");
            for (i, element) in elements.iter().enumerate() {
                if i > 0 {
                    out.push_str(" ,\n");
                }
                write_escaped(element, out);
            }
            out.push_str(" ]");
        }
        Serde::Object(members) => {
            out.push('{');
            for (i, (key, element)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\r\n\t");
                }
                string(key, out);
                out.push_str(" : ");
                write_escaped(element, out);
            }
            out.push('}');
        }
        Serde::String(text) => string(text, out),
        other => out.push_str(&other.to_string()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn agrees_with_serde_json_on_valid_json(value in json_value(), form in 0u8..3) {
        let text = match form {
            0 => serde_json::to_string(&value).unwrap(),
            1 => serde_json::to_string_pretty(&value).unwrap(),
            _ => {
                let mut text = String::new();
                write_escaped(&value, &mut text);
                text
            }
        };
        let root = parse(&text).map_err(|err| TestCaseError::fail(format!("{err} in {text}")))?;
        let serde: Serde = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(to_serde(&root), serde);
        check_locations(&text, &root);
    }

    #[test]
    fn rejects_what_serde_json_rejects(text in "[\\[\\]{}:,\"\\\\ 0-9a-z.eE+\\-]{0,24}") {
        // serde_json nests 128 deep; these inputs are far shallower, so the two agree exactly.
        prop_assert_eq!(parse(&text).is_ok(), serde_json::from_str::<Serde>(&text).is_ok(), "{:?}", text);
    }

    #[test]
    fn errors_are_located_within_the_text(text in "\\PC{0,64}|[\\[\\]{}:,\" \n\t0-9a-z\\\\]{0,64}") {
        if let Err(err) = parse(&text) {
            let location = err.location.unwrap();
            let lines: Vec<&str> = text.split('\n').collect();
            prop_assert!(location.line <= lines.len());
            prop_assert!(location.column <= lines[location.line - 1].chars().count() + 1);
        }
    }
}
