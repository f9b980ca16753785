//! What is signed and how a signature travels: the signed content of an OpenAPI message, and
//! the signature bytes in their header form (base64, then URL-encoded).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The content an OpenAPI request or response signature covers:
/// `<METHOD> <path>\n<Client-Id>.<time>.<body>`, where `time` is the `Request-Time` header of a
/// request or the `Response-Time` header of a response, and `body` the exact bytes sent.
///
/// ```
/// use authcode_signing::signed_content;
///
/// let content = signed_content(
///     "POST",
///     "/v1/users/inquiryUserInfo",
///     "2022000000000001",
///     "2026-01-31T08:30:00+08:00",
///     br#"{"accessToken":"at-1"}"#,
/// );
/// assert_eq!(
///     content,
///     b"POST /v1/users/inquiryUserInfo\n2022000000000001.2026-01-31T08:30:00+08:00.{\"accessToken\":\"at-1\"}"
/// );
/// ```
pub fn signed_content(
    method: &str,
    path: &str,
    client_id: &str,
    time: &str,
    body: &[u8],
) -> Vec<u8> {
    let mut content = Vec::with_capacity(
        method.len() + path.len() + client_id.len() + time.len() + body.len() + 4,
    );
    content.extend_from_slice(method.as_bytes());
    content.push(b' ');
    content.extend_from_slice(path.as_bytes());
    content.push(b'\n');
    content.extend_from_slice(client_id.as_bytes());
    content.push(b'.');
    content.extend_from_slice(time.as_bytes());
    content.push(b'.');
    content.extend_from_slice(body);
    content
}

/// The bytes of an RSA256 signature.
///
/// In the `Signature` header it is written base64-encoded and then URL-encoded
/// ([`to_header_value`](Signature::to_header_value)), so that `+`, `/` and `=` survive proxies
/// and header parsers.
///
/// ```
/// use authcode_signing::Signature;
///
/// let signature = Signature::from_bytes(vec![0xfb, 0xff, 0xfe]);
/// assert_eq!(signature.to_header_value(), "%2B%2F%2F%2B");
/// assert_eq!(Signature::from_header_value("%2B%2F%2F%2B")?, signature);
/// # Ok::<(), authcode_signing::MalformedSignature>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Signature(Vec<u8>);

impl Signature {
    /// A signature from its raw bytes.
    ///
    /// ```
    /// let signature = authcode_signing::Signature::from_bytes(vec![1, 2, 3]);
    /// assert_eq!(signature.as_bytes(), [1, 2, 3]);
    /// ```
    pub fn from_bytes(bytes: Vec<u8>) -> Signature {
        Signature(bytes)
    }

    /// The raw bytes.
    ///
    /// ```
    /// let signature = authcode_signing::Signature::from_bytes(vec![7]);
    /// assert_eq!(signature.as_bytes(), [7]);
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The signature as it appears after `signature=` in the header: standard base64 (with
    /// padding), then URL-encoded.
    ///
    /// ```
    /// let signature = authcode_signing::Signature::from_bytes(vec![0xff]);
    /// assert_eq!(signature.to_header_value(), "%2Fw%3D%3D");
    /// ```
    pub fn to_header_value(&self) -> String {
        utf8_percent_encode(&STANDARD.encode(&self.0), NON_ALPHANUMERIC).to_string()
    }

    /// Reads the `signature=` value of a header: URL-decoded, then base64-decoded. A value
    /// that was not URL-encoded (plain base64) reads the same, since base64 contains no `%`.
    ///
    /// ```
    /// use authcode_signing::Signature;
    /// assert_eq!(Signature::from_header_value("%2Fw%3D%3D")?.as_bytes(), [0xff]);
    /// assert_eq!(Signature::from_header_value("/w==")?.as_bytes(), [0xff]);
    /// assert!(Signature::from_header_value("%2Fw%3D").is_err());
    /// assert!(Signature::from_header_value("").is_err());
    /// # Ok::<(), authcode_signing::MalformedSignature>(())
    /// ```
    pub fn from_header_value(value: &str) -> Result<Signature, MalformedSignature> {
        if value.is_empty() {
            return Err(MalformedSignature::new("the signature is empty"));
        }
        let base64 = percent_decode_str(value)
            .decode_utf8()
            .map_err(|_| MalformedSignature::new("the URL-decoded signature is not UTF-8"))?;
        let bytes = STANDARD.decode(base64.as_bytes()).map_err(|err| {
            MalformedSignature::new(format!("the signature is not valid base64: {err}"))
        })?;
        Ok(Signature(bytes))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Signatures are not secret; a short prefix is enough to tell them apart in logs.
        let head: String = STANDARD.encode(&self.0).chars().take(12).collect();
        write!(f, "Signature({head}…, {} bytes)", self.0.len())
    }
}

/// A `Signature` header, or its `signature=` value, that cannot be read.
///
/// ```
/// use authcode_signing::Signature;
/// let err = Signature::from_header_value("***").unwrap_err();
/// assert!(err.to_string().starts_with("malformed signature: the signature is not valid base64"), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MalformedSignature {
    message: String,
}

impl MalformedSignature {
    pub(crate) fn new(message: impl Into<String>) -> MalformedSignature {
        MalformedSignature {
            message: message.into(),
        }
    }

    /// What is wrong with it.
    ///
    /// ```
    /// let err = authcode_signing::Signature::from_header_value("").unwrap_err();
    /// assert_eq!(err.reason(), "the signature is empty");
    /// ```
    pub fn reason(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for MalformedSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed signature: {}", self.message)
    }
}

impl std::error::Error for MalformedSignature {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_round_trip_for_every_byte_pattern() {
        for len in 0..70u8 {
            let bytes: Vec<u8> = (0..len)
                .map(|i| i.wrapping_mul(37).wrapping_add(251))
                .collect();
            let signature = Signature::from_bytes(bytes);
            let value = signature.to_header_value();
            // URL-encoded base64 has only letters, digits and escapes: no `,` `=` or spaces
            // that would confuse the header parser.
            assert!(
                value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'%'),
                "{value}"
            );
            if len > 0 {
                assert_eq!(Signature::from_header_value(&value).unwrap(), signature);
            }
        }
    }

    #[test]
    fn malformed_values_are_errors() {
        for bad in ["", "%", "%zz", "%FF%FE", "a b", "YQ", "Y===", "%2Fw%3D"] {
            assert!(Signature::from_header_value(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn signed_content_keeps_body_bytes_verbatim() {
        let content = signed_content("POST", "/p", "c", "t", b"\xff\x00.\n");
        assert_eq!(content, b"POST /p\nc.t.\xff\x00.\n");
    }
}
