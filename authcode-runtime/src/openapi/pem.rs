//! The PEM envelope of keys (RFC 7468): a `-----BEGIN <label>-----` line, base64 of the DER
//! bytes, and an `-----END <label>-----` line. Only the envelope is handled here; what the DER
//! means is the key module's business.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// One PEM block: its label (`PRIVATE KEY`, `PUBLIC KEY`, ...) and the decoded DER bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PemBlock {
    pub(crate) label: String,
    pub(crate) der: Vec<u8>,
}

/// Decodes the single PEM block in `text`. Text before `BEGIN` and after `END` (comments that
/// tools such as OpenSSL write) is ignored; a second block is an error, because a file holding
/// two keys is ambiguous.
pub(crate) fn decode(text: &str) -> Result<PemBlock, String> {
    let mut lines = text.lines().map(str::trim);
    let label = lines
        .by_ref()
        .find_map(|line| {
            line.strip_prefix("-----BEGIN ")
                .and_then(|rest| rest.strip_suffix("-----"))
        })
        .ok_or("no \"-----BEGIN ...-----\" line: not a PEM file")?
        .to_owned();
    let end = format!("-----END {label}-----");
    let mut base64 = String::new();
    let mut ended = false;
    for line in lines.by_ref() {
        if line == end {
            ended = true;
            break;
        }
        if line.starts_with("-----") {
            return Err(format!("expected {end:?}, found {line:?}"));
        }
        if line.contains(':') {
            // RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` mark a legacy encrypted key.
            return Err(format!(
                "the {label} block has a header ({line:?}); encrypted keys are not supported"
            ));
        }
        base64.push_str(line);
    }
    if !ended {
        return Err(format!("missing {end:?} line"));
    }
    if lines.any(|line| line.starts_with("-----BEGIN ")) {
        return Err("more than one PEM block; put one key in each file".to_owned());
    }
    let der = STANDARD
        .decode(base64.as_bytes())
        .map_err(|err| format!("the {label} block is not valid base64: {err}"))?;
    if der.is_empty() {
        return Err(format!("the {label} block is empty"));
    }
    Ok(PemBlock { label, der })
}

/// The PEM text of `der` under `label`, with 64-character lines as RFC 7468 prescribes.
pub(crate) fn encode(label: &str, der: &[u8]) -> String {
    let base64 = STANDARD.encode(der);
    let mut text = format!("-----BEGIN {label}-----\n");
    // Base64 is ASCII, so splitting the bytes never cuts a character in two.
    for line in base64.as_bytes().chunks(64) {
        text.push_str(&String::from_utf8_lossy(line));
        text.push('\n');
    }
    text.push_str(&format!("-----END {label}-----\n"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_wraps_at_64_characters() {
        let der: Vec<u8> = (0..=255).collect();
        let text = encode("PUBLIC KEY", &der);
        assert!(
            text.lines()
                .all(|line| line.len() <= 64 || line.starts_with("-----"))
        );
        assert_eq!(text.lines().nth(1).map(str::len), Some(64));
        let block = decode(&text).unwrap();
        assert_eq!(block.label, "PUBLIC KEY");
        assert_eq!(block.der, der);
    }

    #[test]
    fn ignores_surrounding_text_and_crlf() {
        let text = "Key for tests\r\n-----BEGIN PUBLIC KEY-----\r\nAAEC\r\nAw==\r\n-----END PUBLIC KEY-----\r\ntrailer\r\n";
        assert_eq!(decode(text).unwrap().der, [0, 1, 2, 3]);
    }

    #[test]
    fn malformed_input_is_an_error_with_a_reason() {
        for (text, expected) in [
            ("", "not a PEM file"),
            ("MIIB", "not a PEM file"),
            (
                "-----BEGIN PUBLIC KEY-----\nAAEC\n",
                "missing \"-----END PUBLIC KEY-----\"",
            ),
            (
                "-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PRIVATE KEY-----\n",
                "expected \"-----END PUBLIC KEY-----\"",
            ),
            (
                "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n",
                "not valid base64",
            ),
            (
                "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
                "is empty",
            ),
            (
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAEC\n-----END RSA PRIVATE KEY-----\n",
                "encrypted keys are not supported",
            ),
            (
                "-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----\n-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----\n",
                "more than one PEM block",
            ),
        ] {
            let err = decode(text).unwrap_err();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }
}
