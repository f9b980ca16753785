//! The rejected input an [`UnknownScope`](super::UnknownScope) carries, kept without a heap
//! allocation when it is short.
//!
//! Parsing a name that is not a scope is an ordinary outcome (a wallet sends a new scope, a
//! config file has a typo), and copying the input into a `String` made a miss cost several
//! times a successful parse. Scope names are short, so almost every input fits inline.

/// The longest input stored inline; longer ones go to the heap. With the length byte, the
/// inline form is as large as the heap form's `Box<str>` plus padding, so the type stays small.
const INLINE: usize = 32;
// `new` fills the inline bytes as two 16-byte words.
const _: () = assert!(INLINE == 32);

#[derive(Clone)]
pub(super) enum InputText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl InputText {
    /// Inline (across crates too), so that an error its caller drops costs nothing: see
    /// `parse_scope` in `private.rs`.
    #[inline]
    pub(super) fn new(text: &str) -> Self {
        let input = text.as_bytes();
        let Ok(len) = u8::try_from(input.len()) else {
            return InputText::Heap(text.into());
        };
        // The input's bytes are gathered into two 16-byte words in registers, from overlapping
        // loads of its first and last bytes, and stored whole. Copying it byte-exact into a
        // buffer (with `memcpy`, or with stores at offsets that depend on the length) and then
        // moving that buffer into the error made the CPU reload bytes it had just stored at
        // other offsets, a stall that cost more than the rest of a failed parse together.
        let (low, high) = match input.len() {
            0..4 => (u128::from(short_word(input)), 0),
            4..8 => (merge::<4, u32>(input, u32::from_le_bytes), 0),
            8..16 => (merge::<8, u64>(input, u64::from_le_bytes), 0),
            16..=INLINE => {
                let first = block::<16>(input, 0).map_or(0, u128::from_le_bytes);
                let rest = input.get(16..).unwrap_or_default();
                (first, tail_word(input, rest.len()))
            }
            _ => return InputText::Heap(text.into()),
        };
        let mut bytes = [0; INLINE];
        let (to_low, to_high) = bytes.split_at_mut(16);
        to_low.copy_from_slice(&low.to_le_bytes());
        to_high.copy_from_slice(&high.to_le_bytes());
        InputText::Inline { len, bytes }
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

/// The first `N` bytes of `input` from `at`, if there are that many.
#[inline(always)]
fn block<const N: usize>(input: &[u8], at: usize) -> Option<[u8; N]> {
    input.get(at..)?.first_chunk::<N>().copied()
}

/// An input of fewer than 4 bytes as a little-endian word.
#[inline(always)]
fn short_word(input: &[u8]) -> u32 {
    input
        .iter()
        .rev()
        .fold(0, |word, &byte| word << 8 | u32::from(byte))
}

/// An input of `N` to `2 * N - 1` bytes as one little-endian word of twice `N` bytes: the first
/// `N` bytes, then the last `N` shifted down over the overlap (the overlapping bytes are equal,
/// so OR-ing them is harmless).
#[inline(always)]
fn merge<const N: usize, W>(input: &[u8], word: fn([u8; N]) -> W) -> u128
where
    u128: From<W>,
{
    let first = block::<N>(input, 0).map_or(0, |b| u128::from(word(b)));
    let overlap = 2 * N - input.len().clamp(N, 2 * N);
    let last = block::<N>(input, input.len().saturating_sub(N)).map_or(0, |b| u128::from(word(b)));
    let shift = u32::try_from(8 * (N - overlap)).unwrap_or(u32::MAX);
    first | last.checked_shl(shift).unwrap_or(0)
}

/// The last `count` (at most 16) bytes of `input`, which has at least 16, as a little-endian
/// word: its last 16 bytes shifted down past the ones already in the first word.
#[inline(always)]
fn tail_word(input: &[u8], count: usize) -> u128 {
    let last = block::<16>(input, input.len().saturating_sub(16)).map_or(0, u128::from_le_bytes);
    let shift = u32::try_from(8 * (16 - count.min(16))).unwrap_or(u32::MAX);
    last.checked_shr(shift).unwrap_or(0)
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
        // Every length through the inline limit and past it, with distinct bytes, so that a
        // block copied to the wrong place shows.
        let alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for len in 0..=alphabet.len() {
            assert_eq!(InputText::new(&alphabet[..len]).as_str(), &alphabet[..len]);
        }
        assert!(matches!(InputText::new(&exact), InputText::Inline { .. }));
        assert!(matches!(InputText::new(&long), InputText::Heap(_)));
    }

    proptest::proptest! {
        #[test]
        fn any_text_comes_back_verbatim(text in "\\PC{0,40}") {
            let kept = InputText::new(&text);
            proptest::prop_assert_eq!(kept.as_str(), text.as_str());
        }
    }
}
