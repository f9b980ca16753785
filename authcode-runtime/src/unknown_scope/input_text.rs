//! The rejected input an [`UnknownScope`](super::UnknownScope) carries, kept without a heap
//! allocation when it is short.
//!
//! Parsing a name that is not a scope is an ordinary outcome (a wallet sends a new scope, a
//! config file has a typo), and copying the input into a `String` made a miss cost several
//! times a successful parse. Scope names are short, so almost every input fits inline.

/// The longest input stored inline; longer ones go to the heap. With the length byte, the
/// inline form is as large as the heap form's `Box<str>` plus padding, so the type stays small.
const INLINE: usize = 30;

#[derive(Clone)]
pub(super) enum InputText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl InputText {
    pub(super) fn new(text: &str) -> Self {
        match u8::try_from(text.len()) {
            Ok(len) if usize::from(len) <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                InputText::Inline { len, bytes }
            }
            _ => InputText::Heap(text.into()),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            // The bytes are a whole `&str` copied verbatim, so they are valid UTF-8; the
            // check is the price of `forbid(unsafe_code)` and only runs when an error is read.
            InputText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            InputText::Heap(text) => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INLINE, InputText};

    #[test]
    fn keeps_every_input_verbatim() {
        let long = "x".repeat(INLINE + 1);
        let exact = "é".repeat(INLINE / 2);
        for text in ["", "USER_NAM", "ünïcödé", &exact, &long, &"y".repeat(300)] {
            assert_eq!(InputText::new(text).as_str(), text);
        }
        assert!(matches!(InputText::new(&exact), InputText::Inline { .. }));
        assert!(matches!(InputText::new(&long), InputText::Heap(_)));
    }
}
