//! The `Signature` header: `algorithm=RSA256, keyVersion=1, signature=<value>`.
//!
//! Parsing is strict, because this header is attacker-controlled input on the server: every
//! field must be known, present at most once, and well-formed, or the header is refused with a
//! reason. It never panics.

use std::fmt;
use std::str::FromStr;

use crate::{MalformedSignature, Signature, shorten};

/// The only algorithm of the Alipay+ OpenAPIs: RSA PKCS#1 v1.5 with SHA-256.
const RSA256: &str = "RSA256";

/// A parsed `Signature` header.
///
/// ```
/// use authcode_signing::{Signature, SignatureHeader};
///
/// let header: SignatureHeader = "algorithm=RSA256, keyVersion=1, signature=%2Fw%3D%3D".parse()?;
/// assert_eq!(header.key_version, Some(1));
/// assert_eq!(header.signature.as_bytes(), [0xff]);
///
/// let written = SignatureHeader::new(Signature::from_bytes(vec![0xff]), 2);
/// assert_eq!(written.to_string(), "algorithm=RSA256, keyVersion=2, signature=%2Fw%3D%3D");
///
/// let err = "algorithm=RSA512, signature=%2Fw%3D%3D".parse::<SignatureHeader>().unwrap_err();
/// assert_eq!(err.to_string(), r#"malformed signature: unsupported algorithm "RSA512" (only RSA256 is)"#);
/// # Ok::<(), authcode_signing::MalformedSignature>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHeader {
    /// `keyVersion`: which of the signer's keys made the signature; when absent, the
    /// verifier takes the signer's latest key.
    pub key_version: Option<u32>,
    /// `signature`.
    pub signature: Signature,
}

impl SignatureHeader {
    /// A header for `signature`, made with the signer's key version `key_version`.
    ///
    /// ```
    /// use authcode_signing::{Signature, SignatureHeader};
    /// assert_eq!(SignatureHeader::new(Signature::from_bytes(vec![0]), 1).key_version, Some(1));
    /// ```
    pub fn new(signature: Signature, key_version: u32) -> SignatureHeader {
        SignatureHeader {
            key_version: Some(key_version),
            signature,
        }
    }

    /// Parses a header value. Fields are separated by commas, with optional spaces around
    /// them, in any order; `algorithm` and `signature` are required, `keyVersion` is
    /// optional. Unknown or repeated fields, other algorithms, and a `signature` that is not
    /// URL-encoded base64 are errors.
    ///
    /// ```
    /// use authcode_signing::SignatureHeader;
    /// let header = SignatureHeader::parse("signature=AQ%3D%3D,algorithm=RSA256")?;
    /// assert_eq!((header.key_version, header.signature.as_bytes()), (None, &[1u8][..]));
    /// for bad in ["", "algorithm=RSA256", "signature=AQ%3D%3D", "algorithm=RSA256,,signature=AQ%3D%3D"] {
    ///     assert!(SignatureHeader::parse(bad).is_err(), "{bad}");
    /// }
    /// # Ok::<(), authcode_signing::MalformedSignature>(())
    /// ```
    pub fn parse(header: &str) -> Result<SignatureHeader, MalformedSignature> {
        let mut algorithm = None;
        let mut key_version = None;
        let mut signature = None;
        for field in header.split(',') {
            let field = field.trim();
            if field.is_empty() {
                return Err(MalformedSignature::new(format!(
                    "empty field in the Signature header {:?}",
                    shorten(header)
                )));
            }
            // Split at the first `=` only: a signature left in plain base64 ends in `=`.
            let (name, value) = field.split_once('=').ok_or_else(|| {
                MalformedSignature::new(format!("field {:?} is not name=value", shorten(field)))
            })?;
            let slot = match name.trim() {
                "algorithm" => &mut algorithm,
                "keyVersion" => &mut key_version,
                "signature" => &mut signature,
                other => {
                    return Err(MalformedSignature::new(format!(
                        "unknown field {:?} (expected algorithm, keyVersion, signature)",
                        shorten(other)
                    )));
                }
            };
            if slot.replace(value.trim()).is_some() {
                return Err(MalformedSignature::new(format!(
                    "field {:?} appears twice",
                    name.trim()
                )));
            }
        }
        match algorithm {
            Some(RSA256) => {}
            Some(other) => {
                return Err(MalformedSignature::new(format!(
                    "unsupported algorithm {:?} (only {RSA256} is)",
                    shorten(other)
                )));
            }
            None => return Err(MalformedSignature::new("the algorithm field is missing")),
        }
        let key_version = key_version.map(parse_key_version).transpose()?;
        let signature = signature
            .ok_or_else(|| MalformedSignature::new("the signature field is missing"))
            .and_then(Signature::from_header_value)?;
        Ok(SignatureHeader {
            key_version,
            signature,
        })
    }
}

/// A decimal key version without sign or leading `+` (which `u32::from_str` would accept).
fn parse_key_version(text: &str) -> Result<u32, MalformedSignature> {
    let invalid =
        || MalformedSignature::new(format!("keyVersion {:?} is not a number", shorten(text)));
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    text.parse().map_err(|_| invalid())
}

impl FromStr for SignatureHeader {
    type Err = MalformedSignature;

    fn from_str(header: &str) -> Result<SignatureHeader, MalformedSignature> {
        SignatureHeader::parse(header)
    }
}

impl fmt::Display for SignatureHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "algorithm={RSA256}, ")?;
        if let Some(version) = self.key_version {
            write!(f, "keyVersion={version}, ")?;
        }
        write!(f, "signature={}", self.signature.to_header_value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(header: &str) -> String {
        SignatureHeader::parse(header)
            .unwrap_err()
            .reason()
            .to_owned()
    }

    #[test]
    fn accepts_the_documented_form_and_harmless_variations() {
        let expected = SignatureHeader {
            key_version: Some(2),
            signature: Signature::from_bytes(vec![0xff]),
        };
        for header in [
            "algorithm=RSA256, keyVersion=2, signature=%2Fw%3D%3D",
            "algorithm=RSA256,keyVersion=2,signature=%2Fw%3D%3D",
            "  signature=%2Fw%3D%3D ,keyVersion = 2, algorithm= RSA256 ",
            "algorithm=RSA256, keyVersion=2, signature=/w==",
        ] {
            assert_eq!(
                SignatureHeader::parse(header).unwrap(),
                expected,
                "{header}"
            );
        }
    }

    #[test]
    fn display_and_parse_round_trip() {
        let header = SignatureHeader {
            key_version: Some(7),
            signature: Signature::from_bytes((0..=255).collect()),
        };
        assert_eq!(
            header.to_string().parse::<SignatureHeader>().unwrap(),
            header
        );
    }

    #[test]
    fn every_malformation_has_its_reason() {
        let sig = "signature=%2Fw%3D%3D";
        for (header, expected) in [
            ("", "empty field"),
            (",", "empty field"),
            (&format!("algorithm=RSA256,{sig},"), "empty field"),
            ("algorithm", "is not name=value"),
            (
                &format!("algorithm=RSA256,{sig},extra=1"),
                "unknown field \"extra\"",
            ),
            (
                &format!("Algorithm=RSA256,{sig}"),
                "unknown field \"Algorithm\"",
            ),
            (
                &format!("algorithm=RSA256,algorithm=RSA256,{sig}"),
                "appears twice",
            ),
            (&format!("algorithm=RSA256,{sig},{sig}"), "appears twice"),
            (sig, "the algorithm field is missing"),
            (
                &format!("algorithm=rsa256,{sig}"),
                "unsupported algorithm \"rsa256\"",
            ),
            (&format!("algorithm=,{sig}"), "unsupported algorithm \"\""),
            (
                "algorithm=RSA256, keyVersion=1",
                "the signature field is missing",
            ),
            ("algorithm=RSA256, signature=", "the signature is empty"),
            ("algorithm=RSA256, signature=%%%", "not valid base64"),
            (
                &format!("algorithm=RSA256,keyVersion=,{sig}"),
                "keyVersion \"\" is not a number",
            ),
            (
                &format!("algorithm=RSA256,keyVersion=+1,{sig}"),
                "is not a number",
            ),
            (
                &format!("algorithm=RSA256,keyVersion=-1,{sig}"),
                "is not a number",
            ),
            (
                &format!("algorithm=RSA256,keyVersion=99999999999,{sig}"),
                "is not a number",
            ),
        ] {
            let got = reason(header);
            assert!(got.contains(expected), "{header:?}: {got}");
        }
    }

    #[test]
    fn arbitrary_input_never_panics_and_reasons_stay_short() {
        // A deterministic sweep of odd inputs: separators, multi-byte characters, long runs.
        let pieces = [
            "=",
            ",",
            " ",
            "é",
            "algorithm",
            "RSA256",
            "signature",
            "%",
            "€€",
            "\0",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..5000 {
            let mut header = String::new();
            for _ in 0..(state % 12) {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                header.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            if let Err(err) = SignatureHeader::parse(&header) {
                assert!(err.reason().chars().count() < 200, "{err}");
            }
        }
        let long = format!("algorithm={}", "é".repeat(10_000));
        assert!(reason(&long).chars().count() < 200);
    }
}
