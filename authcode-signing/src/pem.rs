//! The PEM envelope of keys (RFC 7468), read and written by `pem-rfc7468`, whose base64 runs
//! in constant time: the bytes of a private key never steer a branch or a table lookup.
//!
//! Around the crate's strict reader, this module accepts what key files commonly hold besides
//! the block: explanatory text before `BEGIN` (RFC 7468 §5.2) and after `END` (OpenSSL writes
//! such comments), CRLF line ends, and base64 lines of any length. A file with two blocks is refused: which key was meant
//! is ambiguous.

use zeroize::Zeroizing;

/// One PEM block: its label (`PRIVATE KEY`, `PUBLIC KEY`, ...) and the decoded DER bytes,
/// wiped when dropped.
pub(crate) struct PemBlock {
    pub(crate) label: String,
    pub(crate) der: Zeroizing<Vec<u8>>,
}

/// Decodes the single PEM block in `text`; the error is a reason for a message.
///
/// The base64 lines are re-wrapped at 64 characters before `pem-rfc7468` reads them: tools
/// write keys with other line lengths (76, or one long line), and such a key is still the
/// same key.
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
            return Err(format!(
                "expected {:?}, found {:?}",
                crate::shorten(&end),
                crate::shorten(line)
            ));
        }
        if line.contains(':') {
            // RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` mark a legacy encrypted key.
            return Err(
                "the block has headers (`Proc-Type: 4,ENCRYPTED`, ...); encrypted keys are \
                 not supported"
                    .to_owned(),
            );
        }
        base64.push_str(line);
    }
    if !ended {
        return Err(format!("missing the {:?} line", crate::shorten(&end)));
    }
    if lines.any(|line| line.starts_with("-----BEGIN ")) {
        return Err("more than one PEM block; put one key in each file".to_owned());
    }
    if base64.is_empty() {
        return Err(format!("the {} block is empty", crate::shorten(&label)));
    }
    let mut canonical = format!("-----BEGIN {label}-----\n");
    for chunk in base64.as_bytes().chunks(64) {
        // The line was checked to be text; base64 is ASCII, so chunks are whole characters.
        canonical.push_str(&String::from_utf8_lossy(chunk));
        canonical.push('\n');
    }
    canonical.push_str(&end);
    canonical.push('\n');
    let canonical = Zeroizing::new(canonical);
    let (_, der) = pem_rfc7468::decode_vec(canonical.as_bytes())
        .map_err(|err| format!("malformed PEM ({err})"))?;
    Ok(PemBlock {
        label,
        der: Zeroizing::new(der),
    })
}

/// The PEM text of `der` under `label`, with 64-character lines as RFC 7468 prescribes.
pub(crate) fn encode(label: &str, der: &[u8]) -> String {
    // Encoding fails only for labels RFC 7468 forbids; ours are constants.
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der).unwrap_or_default()
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
        assert_eq!(*block.der, der);
    }

    #[test]
    fn ignores_surrounding_text_and_crlf() {
        let text = "Key for tests\r\n-----BEGIN PUBLIC KEY-----\r\nAAEC\r\nAw==\r\n-----END PUBLIC KEY-----\r\ntrailer\r\n";
        assert_eq!(*decode(text).unwrap().der, [0, 1, 2, 3]);
    }

    #[test]
    fn malformed_input_is_an_error_with_a_reason() {
        for (text, expected) in [
            ("", "not a PEM file"),
            ("MIIB", "not a PEM file"),
            ("-----BEGIN PUBLIC KEY-----\nAAEC\n", "missing the"),
            (
                "-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PRIVATE KEY-----\n",
                "expected \"-----END PUBLIC KEY-----\"",
            ),
            (
                "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n",
                "malformed PEM",
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
            let err = decode(text).err().unwrap_or_default();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }
}
