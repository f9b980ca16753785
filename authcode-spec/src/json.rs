//! A strict JSON (RFC 8259) reader that keeps track of where every value sits in the file.
//!
//! It makes one pass over the text and builds a tree in which every value knows its byte
//! offset and its line and column. Lines and columns are counted as the reader advances (a
//! value's column is the characters since the last line break it passed), so locating every
//! value costs one extra look at each byte, however long the lines are: a minified spec is one
//! line, and counting each value's column from the start of its line would be quadratic.
//!
//! Objects are ordered member lists rather than maps, so that the spec reader can report
//! repeated keys instead of silently keeping one of them. Numbers keep their text. The first
//! syntax error ends the read: past it, nothing the reader could say would be reliable.

use std::borrow::Cow;
use std::fmt;

use crate::{Location, MAX_JSON_DEPTH, SpecError, SpecErrorKind};

/// A JSON value and where it starts.
#[derive(Debug)]
pub(crate) struct Value<'a> {
    /// Byte offset of the value's first character. The spec reader locates by line and
    /// column; the offset is what the tests check those against.
    #[cfg_attr(not(test), expect(dead_code))]
    pub offset: usize,
    /// Line and column of the value's first character.
    pub location: Location,
    pub data: Data<'a>,
}

/// What a [`Value`] holds. Strings borrow from the text unless they contain escapes.
#[derive(Debug)]
pub(crate) enum Data<'a> {
    Null,
    // No key of the format takes a boolean yet; its value is read all the same.
    Bool(#[cfg_attr(not(test), expect(dead_code))] bool),
    /// The number as written; the grammar has been checked.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Vec<Member<'a>>),
}

/// One `"key": value` entry of an object.
#[derive(Debug)]
pub(crate) struct Member<'a> {
    pub key: Cow<'a, str>,
    /// Where the key's opening quote is.
    pub key_location: Location,
    pub value: Value<'a>,
}

/// The JSON type of a [`Value`], for messages like "must be a string, found a number".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Object => "an object",
            Kind::Array => "an array",
            Kind::String => "a string",
            Kind::Number => "a number",
            Kind::Bool => "a boolean",
            Kind::Null => "null",
        })
    }
}

impl Value<'_> {
    pub fn kind(&self) -> Kind {
        match self.data {
            Data::Null => Kind::Null,
            Data::Bool(_) => Kind::Bool,
            Data::Number(_) => Kind::Number,
            Data::String(_) => Kind::String,
            Data::Array(_) => Kind::Array,
            Data::Object(_) => Kind::Object,
        }
    }
}

/// Reads `text` as one JSON value.
pub(crate) fn parse(text: &str) -> Result<Value<'_>, SpecError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        counted_to: 0,
        column: 0,
        depth: 0,
    };
    parser.skip_whitespace();
    if parser.pos == parser.bytes.len() {
        return Err(parser.error(
            parser.pos,
            "the spec is empty: expected a JSON object".to_owned(),
        ));
    }
    let root = parser.value()?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        let at = parser.pos;
        let message = if parser.comment_at(at) {
            "comments are not JSON".to_owned()
        } else {
            format!(
                "unexpected {} after the end of the JSON value",
                parser.describe(at)
            )
        };
        return Err(parser.error(at, message));
    }
    Ok(root)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The current line (1-based).
    line: usize,
    /// The offset up to which `column` has counted the characters of the current line.
    counted_to: usize,
    /// Characters of the current line before `counted_to`.
    column: usize,
    /// Arrays and objects open around the current position.
    depth: usize,
}

impl<'a> Parser<'a> {
    /// The location of byte `offset`. Values ask for their own offsets in increasing order, so
    /// counting continues from the last one asked for; only an error may ask about an earlier
    /// offset (a trailing comma across a line break), and it is located from the start once.
    fn location_at(&mut self, offset: usize) -> Location {
        if offset < self.counted_to {
            return Location::of_offset(self.text, offset);
        }
        let end = offset.min(self.bytes.len());
        self.column += count_chars(&self.bytes[self.counted_to..end]);
        self.counted_to = end;
        Location {
            line: self.line,
            column: self.column + 1,
        }
    }

    fn error(&mut self, offset: usize, message: String) -> SpecError {
        SpecError::at(SpecErrorKind::Syntax, self.location_at(offset), message)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(&byte) = self.bytes.get(self.pos) {
            match byte {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.counted_to = self.pos;
                    self.column = 0;
                }
                _ => break,
            }
        }
    }

    /// What is at `offset`, for "found ..." in messages.
    fn describe(&self, offset: usize) -> String {
        match self.text.get(offset..).and_then(|rest| rest.chars().next()) {
            None => "the end of the file".to_owned(),
            Some('`') => "a backtick".to_owned(),
            Some(c) if c.is_control() || c.is_whitespace() || c == '\u{feff}' => {
                format!("U+{:04X}", u32::from(c))
            }
            Some(c) => format!("`{c}`"),
        }
    }

    fn comment_at(&self, offset: usize) -> bool {
        self.bytes.get(offset) == Some(&b'/')
            && matches!(self.bytes.get(offset + 1), Some(b'/' | b'*'))
    }

    /// Reads the value at the current position (whitespace already skipped).
    fn value(&mut self) -> Result<Value<'a>, SpecError> {
        let offset = self.pos;
        let location = self.location_at(offset);
        let data = match self.peek() {
            Some(b'{') => self.object(offset, location)?,
            Some(b'[') => self.array(offset, location)?,
            Some(b'"') => Data::String(self.string(location)?),
            Some(b'-' | b'0'..=b'9') => Data::Number(self.number()?),
            Some(byte) if byte.is_ascii_alphabetic() => self.word()?,
            _ => return Err(self.not_a_value(offset)),
        };
        Ok(Value {
            offset,
            location,
            data,
        })
    }

    fn not_a_value(&mut self, offset: usize) -> SpecError {
        let message = match self.bytes.get(offset) {
            _ if self.comment_at(offset) => "comments are not JSON".to_owned(),
            Some(b'\'') => {
                "strings are written in double quotes in JSON, not single quotes".to_owned()
            }
            Some(b'+') => "a JSON number cannot start with `+`".to_owned(),
            Some(b'.') => "a JSON number cannot start with `.`: write `0.5`, not `.5`".to_owned(),
            _ => format!("expected a value, found {}", self.describe(offset)),
        };
        self.error(offset, message)
    }

    /// `true`, `false`, `null`, or a word that is none of them (`NaN`, `True`, `undefined`).
    fn word(&mut self) -> Result<Data<'a>, SpecError> {
        let start = self.pos;
        let end = self.bytes[start..]
            .iter()
            .position(|byte| !(byte.is_ascii_alphanumeric() || *byte == b'_'))
            .map_or(self.bytes.len(), |len| start + len);
        let word = &self.text[start..end];
        let data = match word {
            "true" => Data::Bool(true),
            "false" => Data::Bool(false),
            "null" => Data::Null,
            _ => {
                let shown = crate::error::shown(word);
                let lowercase = ["true", "false", "null"]
                    .into_iter()
                    .find(|literal| literal.eq_ignore_ascii_case(word));
                let message = match lowercase {
                    Some(literal) => {
                        format!("`{shown}` is not JSON: its literals are lowercase (`{literal}`)")
                    }
                    None => format!(
                        "`{shown}` is not a JSON value: expected a string, number, object, array, \
                         `true`, `false` or `null`"
                    ),
                };
                return Err(self.error(start, message));
            }
        };
        self.pos = end;
        Ok(data)
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<&'a str, SpecError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
                    return Err(
                        self.error(start, "a JSON number cannot have a leading zero".to_owned())
                    );
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => {
                let message = format!(
                    "expected a digit after `-`, found {}",
                    self.describe(self.pos)
                );
                return Err(self.error(self.pos, message));
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
                let message = format!(
                    "expected a digit after the decimal point, found {}",
                    self.describe(self.pos)
                );
                return Err(self.error(self.pos, message));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
                let message = format!(
                    "expected a digit in the exponent, found {}",
                    self.describe(self.pos)
                );
                return Err(self.error(self.pos, message));
            }
            self.digits();
        }
        Ok(&self.text[start..self.pos])
    }

    /// Reads the string whose opening quote is at the current position. Strings without
    /// escapes (nearly all of a spec's) are borrowed from the text.
    fn string(&mut self, opening: Location) -> Result<Cow<'a, str>, SpecError> {
        let content = self.pos + 1;
        let mut at = content;
        loop {
            match self.bytes.get(at) {
                Some(b'"') => {
                    self.pos = at + 1;
                    return Ok(Cow::Borrowed(&self.text[content..at]));
                }
                Some(b'\\') => break,
                Some(&byte) if byte < 0x20 => return Err(self.control_in_string(at, opening)),
                Some(_) => at += 1,
                None => return Err(unterminated(opening, "the file ends")),
            }
        }
        let mut decoded = String::with_capacity(at - content + 16);
        decoded.push_str(&self.text[content..at]);
        let mut run = at;
        loop {
            match self.bytes.get(at) {
                Some(b'"') => {
                    decoded.push_str(&self.text[run..at]);
                    self.pos = at + 1;
                    return Ok(Cow::Owned(decoded));
                }
                Some(b'\\') => {
                    decoded.push_str(&self.text[run..at]);
                    at = self.escape(at, opening, &mut decoded)?;
                    run = at;
                }
                Some(&byte) if byte < 0x20 => return Err(self.control_in_string(at, opening)),
                Some(_) => at += 1,
                None => return Err(unterminated(opening, "the file ends")),
            }
        }
    }

    fn control_in_string(&mut self, at: usize, opening: Location) -> SpecError {
        match self.bytes[at] {
            // A line break in a string nearly always means its closing quote is missing.
            b'\n' | b'\r' => unterminated(opening, "the line ends"),
            byte => {
                let message = format!(
                    "control character U+{byte:04X} in a string: JSON writes it as `\\u{byte:04X}`"
                );
                self.error(at, message)
            }
        }
    }

    /// Decodes the escape whose backslash is at `at` into `out`; returns the offset after it.
    fn escape(
        &mut self,
        at: usize,
        opening: Location,
        out: &mut String,
    ) -> Result<usize, SpecError> {
        let simple = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let unit = self.hex4(at)?;
                let (c, len) = match unit {
                    0xD800..=0xDBFF => {
                        let low = if self.bytes.get(at + 6..at + 8) == Some(b"\\u") {
                            Some(self.hex4(at + 6)?)
                        } else {
                            None
                        };
                        match low {
                            Some(low @ 0xDC00..=0xDFFF) => {
                                let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                (char::from_u32(scalar), 12)
                            }
                            _ => {
                                let message = format!(
                                    "lone surrogate `\\u{unit:04X}` in a string: a high surrogate \
                                     must be followed by a low one (`\\uDC00` to `\\uDFFF`)"
                                );
                                return Err(self.error(at, message));
                            }
                        }
                    }
                    0xDC00..=0xDFFF => {
                        let message = format!(
                            "lone surrogate `\\u{unit:04X}` in a string: a low surrogate must \
                             follow a high one (`\\uD800` to `\\uDBFF`)"
                        );
                        return Err(self.error(at, message));
                    }
                    _ => (char::from_u32(unit), 6),
                };
                // Every scalar value built above is valid; the fallback only keeps this total.
                out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
                return Ok(at + len);
            }
            None => return Err(unterminated(opening, "the file ends")),
            Some(_) => {
                let escaped = self.text[at + 1..].chars().next().unwrap_or_default();
                let shown = if escaped.is_control() {
                    format!("U+{:04X}", u32::from(escaped))
                } else {
                    escaped.to_string()
                };
                let message = format!(
                    "invalid escape `\\{shown}` in a string: JSON has `\\\"`, `\\\\`, `\\/`, `\\b`, \
                     `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`"
                );
                return Err(self.error(at, message));
            }
        };
        out.push(simple);
        Ok(at + 2)
    }

    /// The four hex digits of the `\u` escape whose backslash is at `at`.
    fn hex4(&mut self, at: usize) -> Result<u32, SpecError> {
        let digits = self.bytes.get(at + 2..at + 6);
        let value = digits.and_then(|digits| {
            digits.iter().try_fold(0u32, |value, &digit| {
                char::from(digit)
                    .to_digit(16)
                    .map(|digit| value * 16 + digit)
            })
        });
        value.ok_or_else(|| {
            self.error(
                at,
                "`\\u` in a string must be followed by four hex digits".to_owned(),
            )
        })
    }

    fn enter(&mut self, open: usize) -> Result<(), SpecError> {
        self.depth += 1;
        if self.depth > MAX_JSON_DEPTH {
            let location = self.location_at(open);
            return Err(SpecError::at(
                SpecErrorKind::TooDeep,
                location,
                format!(
                    "arrays and objects nest more than {MAX_JSON_DEPTH} deep here; the limit is {MAX_JSON_DEPTH}"
                ),
            ));
        }
        Ok(())
    }

    fn object(&mut self, open: usize, opened: Location) -> Result<Data<'a>, SpecError> {
        self.enter(open)?;
        self.pos += 1;
        self.skip_whitespace();
        let mut members = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Data::Object(members));
        }
        let mut comma = None;
        loop {
            let at = self.pos;
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if comma.is_some() => {
                    let comma = comma.unwrap_or(at);
                    return Err(self.error(
                        comma,
                        "trailing comma: JSON allows no `,` before `}`".to_owned(),
                    ));
                }
                _ => {
                    let message = if self.comment_at(at) {
                        "comments are not JSON".to_owned()
                    } else if self.peek() == Some(b'\'') {
                        "keys are written in double quotes in JSON, not single quotes".to_owned()
                    } else if comma.is_none() {
                        format!(
                            "expected a key in double quotes or `}}`, found {}",
                            self.describe(at)
                        )
                    } else {
                        format!(
                            "expected a key in double quotes, found {}",
                            self.describe(at)
                        )
                    };
                    return Err(self.error(at, message));
                }
            }
            let key_location = self.location_at(at);
            let key = self.string(key_location)?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                let at = self.pos;
                let message = format!(
                    "expected `:` after the key {}, found {}",
                    crate::error::quoted(&key),
                    self.describe(at)
                );
                return Err(self.error(at, message));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value()?;
            members.push(Member {
                key,
                key_location,
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Data::Object(members));
                }
                _ => {
                    let at = self.pos;
                    let message = if self.comment_at(at) {
                        "comments are not JSON".to_owned()
                    } else {
                        format!(
                            "expected `,` or `}}` after an object entry, found {}{}",
                            self.describe(at),
                            never_closed(at == self.bytes.len(), "object", opened)
                        )
                    };
                    return Err(self.error(at, message));
                }
            }
        }
    }

    fn array(&mut self, open: usize, opened: Location) -> Result<Data<'a>, SpecError> {
        self.enter(open)?;
        self.pos += 1;
        self.skip_whitespace();
        let mut elements = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Data::Array(elements));
        }
        let mut comma = None;
        loop {
            if let (Some(b']'), Some(comma)) = (self.peek(), comma) {
                return Err(self.error(
                    comma,
                    "trailing comma: JSON allows no `,` before `]`".to_owned(),
                ));
            }
            elements.push(self.value()?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Data::Array(elements));
                }
                _ => {
                    let at = self.pos;
                    let message = if self.comment_at(at) {
                        "comments are not JSON".to_owned()
                    } else {
                        format!(
                            "expected `,` or `]` after an array element, found {}{}",
                            self.describe(at),
                            never_closed(at == self.bytes.len(), "array", opened)
                        )
                    };
                    return Err(self.error(at, message));
                }
            }
        }
    }
}

/// A string without its closing quote, reported at its opening quote: that is where the reader
/// of the message has to look, not at the end of the file.
fn unterminated(opening: Location, what_ends: &str) -> SpecError {
    SpecError::at(
        SpecErrorKind::Syntax,
        opening,
        format!("unterminated string: {what_ends} before its closing `\"`"),
    )
}

/// At the end of the file, which bracket is still open: the missing one may belong anywhere
/// after it, so that is the useful place to name.
fn never_closed(at_end: bool, what: &str, opened: Location) -> String {
    if at_end {
        format!(" (the {what} opened at {opened} is never closed)")
    } else {
        String::new()
    }
}

/// Characters in UTF-8 `bytes`: every byte that is not a continuation byte starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| (byte as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests;
