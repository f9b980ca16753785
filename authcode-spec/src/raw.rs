//! A thin layer over serde_json that keeps track of where every value sits in the file.
//!
//! serde_json's `RawValue` borrows each value's text straight from the input, so the value's
//! byte offset (and from it its line and column) is known without a JSON parser of our own.
//! Objects are read as ordered key/value lists rather than maps, which lets the reader report
//! duplicate keys instead of silently keeping the last one.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::location::LineIndex;
use crate::{Location, SpecError};

/// A JSON value still in text form, with its position.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    pub text: &'a str,
    pub location: Location,
}

/// The JSON type of a [`Node`], for messages like "must be a string, found a number".
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

/// The whole file being read: node positions are computed against it.
pub(crate) struct Source<'a> {
    text: &'a str,
    lines: LineIndex,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Self {
        Source {
            text,
            lines: LineIndex::new(text),
        }
    }

    /// Parses the whole file as one JSON value.
    pub fn root(&self) -> Result<Node<'a>, SpecError> {
        let raw: &'a RawValue =
            serde_json::from_str(self.text).map_err(|err| self.syntax_error(&err))?;
        Ok(self.node(raw))
    }

    /// The entries of an object node, in file order.
    pub fn entries(&self, node: Node<'a>) -> Result<Vec<(String, Node<'a>)>, SpecError> {
        let entries: Entries<'a> =
            serde_json::from_str(node.text).map_err(|err| nested_error(node, &err))?;
        Ok(entries
            .0
            .into_iter()
            .map(|(key, raw)| (key, self.node(raw)))
            .collect())
    }

    /// The elements of an array node, in file order.
    pub fn elements(&self, node: Node<'a>) -> Result<Vec<Node<'a>>, SpecError> {
        let elements: Vec<&'a RawValue> =
            serde_json::from_str(node.text).map_err(|err| nested_error(node, &err))?;
        Ok(elements.into_iter().map(|raw| self.node(raw)).collect())
    }

    /// Decodes a string node (escapes resolved).
    pub fn string(&self, node: Node<'a>) -> Result<String, SpecError> {
        serde_json::from_str(node.text).map_err(|err| nested_error(node, &err))
    }

    fn node(&self, raw: &'a RawValue) -> Node<'a> {
        let text = raw.get();
        // `text` is a subslice of `self.text` (RawValue borrows from the input), so the
        // difference of the two addresses is its byte offset in the file.
        let offset = (text.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        Node {
            text,
            location: self.lines.locate(self.text, offset),
        }
    }

    fn syntax_error(&self, err: &serde_json::Error) -> SpecError {
        let location = Location {
            line: err.line().max(1),
            column: err.column().max(1),
        };
        SpecError::at(location, format!("invalid JSON: {}", without_position(err)))
    }
}

/// A failure to re-read a value the whole-file parse already accepted: only possible when a
/// caller asks for the wrong kind, so it is reported at the value itself.
fn nested_error(node: Node<'_>, err: &serde_json::Error) -> SpecError {
    SpecError::at(node.location, without_position(err))
}

/// serde_json appends " at line L column C" to its messages; our messages put the location in
/// front instead, so it is cut from the text.
fn without_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message,
    }
}

impl Node<'_> {
    pub fn kind(&self) -> Kind {
        match self.text.as_bytes().first() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            _ => Kind::Number,
        }
    }
}

/// An object's entries as an ordered list, duplicates included.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;

        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor)
    }
}
