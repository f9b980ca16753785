//! A direct reader for the shape callback objects almost always have, used by
//! [`AuthCodeResponse::from_json`] before the general serde path.
//!
//! Through serde, most of the time of a parse is serde_json's general machinery (a visitor call
//! per token, field names matched as identifiers, options peeked for `null`), not the work the
//! response needs. This reader walks the text once and builds the response directly. It covers
//! the fields with the values wallets send: `authCode`, `errorMessage` and scope names as
//! strings without escapes, `authErrorScopes` values as such strings, `error` as an integer, and
//! `null` for any of them. On anything else (an escape, an unknown field, a number where it
//! does not expect one, a repeated key, a syntax error) it gives up and returns `None`, and
//! `from_json` runs the serde path, which then gives the answer or the error. So it never has to
//! be right about unusual input, only about the input it accepts, where it must build exactly
//! what serde would (a property test and a fuzz target compare the two).

use super::field::Field;
use super::wire_scope::{SeenNames, WireScope};
use crate::{AuthCode, AuthCodeResponse, JsapiErrorCode, Scope, ScopeErrorValue};

/// The response `json` holds, or `None` to leave it to the serde path.
pub(super) fn read<S: Scope>(json: &str) -> Option<AuthCodeResponse<S>> {
    let mut reader = Reader { json, at: 0 };
    let mut response = AuthCodeResponse::new();
    reader.expect(b'{')?;
    if !reader.eat(b'}') {
        loop {
            let key = reader.string()?;
            reader.expect(b':')?;
            match key {
                "authCode" => {
                    absent(&response.auth_code)?;
                    let code = reader.nullable(Reader::string)?;
                    response.auth_code = Field::from_wire(code.map(AuthCode::new));
                }
                "authSuccessScopes" => {
                    absent(&response.success_scopes)?;
                    response.success_scopes = Field::from_wire(reader.nullable(Reader::names)?);
                }
                "authErrorScopes" => {
                    absent(&response.error_scopes)?;
                    response.error_scopes = Field::from_wire(reader.nullable(Reader::errors)?);
                }
                "error" => {
                    absent(&response.error)?;
                    let code = reader.nullable(Reader::integer)?;
                    response.error = Field::from_wire(code.map(JsapiErrorCode::from_code));
                }
                "errorMessage" => {
                    absent(&response.error_message)?;
                    let message = reader.nullable(Reader::string)?;
                    response.error_message = Field::from_wire(message.map(str::to_owned));
                }
                // Unknown fields hold any JSON: the serde path keeps them.
                _ => return None,
            }
            if reader.eat(b'}') {
                break;
            }
            reader.expect(b',')?;
        }
    }
    reader.skip_whitespace();
    (reader.at == json.len()).then_some(response)
}

/// `Some` when the field has not been read yet: a repeated key is the serde path's error.
fn absent<T>(field: &Field<T>) -> Option<()> {
    matches!(field, Field::Absent).then_some(())
}

/// Marks (with the top bit of the byte) the bytes of `word` that end a plain string run: a
/// quote, a backslash, or a control character. Only the lowest mark is exact (a borrow can mark
/// a byte above a true one), which is all the caller reads.
#[inline]
fn stop_bytes(word: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    quote | backslash | control
}

/// A position in the JSON text.
struct Reader<'a> {
    json: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.json.as_bytes().get(self.at).copied()
    }

    /// Skips JSON's four whitespace bytes.
    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Skips whitespace, then consumes `byte` if it comes next.
    #[inline]
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    #[inline]
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// A string without escapes, borrowed from the text.
    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.at;
        let bytes = self.json.as_bytes();
        let mut at = start;
        // Eight bytes at a time while no byte of them needs a look; a byte at a time after.
        while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            let stops = stop_bytes(u64::from_le_bytes(*chunk));
            if stops != 0 {
                at += (stops.trailing_zeros() / 8) as usize;
                break;
            }
            at += 8;
        }
        loop {
            match *bytes.get(at)? {
                b'"' => break,
                // An escape needs decoding and a raw control character is an error: both are
                // the serde path's business.
                b'\\' | 0..0x20 => return None,
                _ => at += 1,
            }
        }
        // Both ends sit next to an ASCII quote, so they are character boundaries.
        let text = self.json.get(start..at)?;
        self.at = at + 1;
        Some(text)
    }

    /// `null` as `None`, or what `value` reads.
    fn nullable<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        self.skip_whitespace();
        let rest = self.json.as_bytes().get(self.at..)?;
        if rest.starts_with(b"null") {
            self.at += 4;
            return Some(None);
        }
        value(self).map(Some)
    }

    /// An integer as JSON writes it (no leading zeros, no fraction or exponent) that fits an
    /// `i64`.
    fn integer(&mut self) -> Option<i64> {
        self.skip_whitespace();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut value: i64 = 0;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            let digit = i64::from(digit - b'0');
            value = value.checked_mul(10)?;
            value = if negative {
                value.checked_sub(digit)?
            } else {
                value.checked_add(digit)?
            };
            self.at += 1;
        }
        let digits = self.at - start;
        let leading_zero = digits > 1 && self.json.as_bytes().get(start) == Some(&b'0');
        let continues = matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        // serde_json reads `-0` as the float -0.0, which the serde path rejects.
        let negative_zero = negative && value == 0;
        (digits > 0 && !leading_zero && !continues && !negative_zero).then_some(value)
    }

    /// `authSuccessScopes`: an array of names.
    fn names<S: Scope>(&mut self) -> Option<Vec<WireScope<S>>> {
        self.expect(b'[')?;
        // Room for a typical list at once, rather than growing it two or three times.
        let mut names = Vec::with_capacity(S::ALL.len().min(16));
        if self.eat(b']') {
            return Some(names);
        }
        loop {
            names.push(WireScope::classify(self.string()?));
            if self.eat(b']') {
                return Some(names);
            }
            self.expect(b',')?;
        }
    }

    /// `authErrorScopes`: an object of names to error strings, each name once (counted as the
    /// serde path counts them, with the same `SeenNames`).
    fn errors<S: Scope>(&mut self) -> Option<Vec<(WireScope<S>, ScopeErrorValue)>> {
        self.expect(b'{')?;
        let mut errors: Vec<(WireScope<S>, ScopeErrorValue)> =
            Vec::with_capacity(S::ALL.len().min(16));
        if self.eat(b'}') {
            return Some(errors);
        }
        let mut seen = SeenNames::new();
        loop {
            let name = WireScope::classify(self.string()?);
            if !seen.first(&name) {
                return None;
            }
            self.expect(b':')?;
            // Numbers (rare) keep their exact form through serde_json's own reader.
            let error = ScopeErrorValue::Text(self.string()?.to_owned());
            errors.push((name, error));
            if self.eat(b'}') {
                return Some(errors);
            }
            self.expect(b',')?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{read, stop_bytes};
    use crate::AuthCodeResponse;
    use crate::test_scopes::AlipayPlusScope;

    type Response = AuthCodeResponse<AlipayPlusScope>;

    fn serde(json: &str) -> Response {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_usual_shapes_are_read_here_as_serde_reads_them() {
        for json in [
            r#"{"authCode":"1591797390204","authSuccessScopes":["USER_ID","USER_NICKNAME","USER_AVATAR"]}"#,
            r#"{"authErrorScopes":{"USER_NICKNAME":"40006"}}"#,
            r#"{}"#,
            " { \"authCode\" : null , \"authSuccessScopes\" : [ ] ,\n\t\"authErrorScopes\" : { } } ",
            r#"{"error":11,"errorMessage":"user cancelled"}"#,
            r#"{"error":0}"#,
            r#"{"error":-1,"errorMessage":null,"authSuccessScopes":["NEW_SCOPE","USER_ID"]}"#,
            r#"{"authErrorScopes":{"NEW":"1","USER_ID":"2","OTHER":"x"}}"#,
            "{\"authCode\":\"ünïcödé ✓\"}",
        ] {
            let fast = read::<AlipayPlusScope>(json);
            assert_eq!(fast.as_ref(), Some(&serde(json)), "{json}");
        }
    }

    #[test]
    fn anything_unusual_is_left_to_serde() {
        for json in [
            r#"{"authCode":"a\"b"}"#,
            r#"{"authCode":"a","authCode":"b"}"#,
            r#"{"other":1}"#,
            r#"{"authErrorScopes":{"USER_ID":40006}}"#,
            r#"{"authErrorScopes":{"USER_ID":"1","USER_ID":"2"}}"#,
            r#"{"authErrorScopes":{"NEW":"1","NEW":"2"}}"#,
            r#"{"error":1.5}"#,
            r#"{"error":-0}"#,
            r#"{"error":01}"#,
            r#"{"error":9223372036854775808}"#,
            r#"{"error":-}"#,
            r#"{"authCode":"x"} x"#,
            r#"{"authCode":"x",}"#,
            r#"{"authCode":"x""#,
            "{\"authCode\":\"a\u{1}\"}",
            r#"{"authCode":nul}"#,
            "",
            "[]",
        ] {
            assert!(read::<AlipayPlusScope>(json).is_none(), "{json}");
        }
        assert_eq!(
            read::<AlipayPlusScope>(r#"{"error":-9223372036854775808}"#),
            Some(serde(r#"{"error":-9223372036854775808}"#))
        );
    }

    #[test]
    fn stop_bytes_finds_the_first_quote_backslash_or_control_byte() {
        // Every byte value at every position, after plain bytes and before a quote (so that a
        // borrow from the tested byte could only mark bytes above it).
        for byte in 0..=u8::MAX {
            for position in 0..8 {
                let mut word = [b'a'; 8];
                word[position] = byte;
                if position < 7 {
                    word[7] = b'"';
                }
                let stop = byte == b'"' || byte == b'\\' || byte < 0x20;
                let first = (stop_bytes(u64::from_le_bytes(word)).trailing_zeros() / 8) as usize;
                let expected = if stop {
                    position
                } else if position < 7 {
                    7
                } else {
                    8
                };
                assert_eq!(first, expected, "byte {byte:#x} at {position}");
            }
        }
    }
}
