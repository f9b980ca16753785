//! RSA keys: the private key that signs (the merchant's for requests, the wallet's for
//! responses) and the public key that verifies, loaded from PEM or generated.
//!
//! The RSA arithmetic is aws-lc-rs's (AWS-LC, constant-time); this module only moves keys in
//! and out of their standard encodings: PKCS#8 for private keys and SubjectPublicKeyInfo for
//! public keys, the formats `openssl genpkey` and `openssl pkey -pubout` write.

use std::fmt;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{
    KeyPair as _, ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256,
};

use crate::openapi::Signature;
use crate::openapi::pem;

/// A key could not be loaded, generated or used.
///
/// ```
/// use authcode_runtime::openapi::SigningKey;
/// let err = SigningKey::from_pkcs8_pem("not a key").unwrap_err();
/// assert!(err.to_string().starts_with("invalid private key: "), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyError {
    message: String,
}

impl KeyError {
    fn new(message: impl Into<String>) -> KeyError {
        KeyError {
            message: message.into(),
        }
    }

    fn private(reason: impl fmt::Display) -> KeyError {
        KeyError::new(format!("invalid private key: {reason}"))
    }

    fn public(reason: impl fmt::Display) -> KeyError {
        KeyError::new(format!("invalid public key: {reason}"))
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for KeyError {}

/// An RSA private key that signs OpenAPI messages (RSA256: PKCS#1 v1.5 with SHA-256).
///
/// `Debug` shows only the public half.
///
/// ```
/// use authcode_runtime::openapi::{SigningKey, VerifyingKey};
///
/// let key = SigningKey::generate()?;
/// let signature = key.sign(b"POST /v1/users/inquiryUserInfo\nclient.2026-01-31T08:30:00+00:00.{}")?;
/// let public = VerifyingKey::from_spki_pem(&key.verifying_key().to_spki_pem())?;
/// assert!(public.verify(b"POST /v1/users/inquiryUserInfo\nclient.2026-01-31T08:30:00+00:00.{}", &signature).is_ok());
/// assert!(public.verify(b"POST /v1/users/inquiryUserInfo\nclient.2026-01-31T08:30:00+00:00.{ }", &signature).is_err());
/// # Ok::<(), authcode_runtime::openapi::KeyError>(())
/// ```
pub struct SigningKey {
    key: KeyPair,
    /// Kept to write the key out again (`to_pkcs8_pem`) without re-encoding failures later.
    pkcs8: Vec<u8>,
}

impl SigningKey {
    /// A fresh 2048-bit key from the system's random number generator (takes a fraction of a
    /// second).
    ///
    /// ```
    /// let key = authcode_runtime::openapi::SigningKey::generate()?;
    /// assert_eq!(key.modulus_bits(), 2048);
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn generate() -> Result<SigningKey, KeyError> {
        let key = KeyPair::generate(KeySize::Rsa2048)
            .map_err(|_| KeyError::new("RSA key generation failed"))?;
        let pkcs8 = AsDer::<Pkcs8V1Der>::as_der(&key)
            .map_err(|_| KeyError::new("encoding the generated key as PKCS#8 failed"))?;
        Ok(SigningKey {
            pkcs8: pkcs8.as_ref().to_vec(),
            key,
        })
    }

    /// Reads a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`), as written by
    /// `openssl genpkey -algorithm RSA`. RSA keys of 2048 to 8192 bits are accepted.
    ///
    /// ```
    /// use authcode_runtime::openapi::SigningKey;
    /// let key = SigningKey::generate()?;
    /// let again = SigningKey::from_pkcs8_pem(&key.to_pkcs8_pem())?;
    /// assert_eq!(again.verifying_key(), key.verifying_key());
    ///
    /// let err = SigningKey::from_pkcs8_pem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n").unwrap_err();
    /// assert!(err.to_string().contains("openssl pkcs8 -topk8 -nocrypt"), "{err}");
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn from_pkcs8_pem(pem_text: &str) -> Result<SigningKey, KeyError> {
        let block = pem::decode(pem_text).map_err(KeyError::private)?;
        match block.label.as_str() {
            "PRIVATE KEY" => SigningKey::from_pkcs8_der(&block.der),
            "RSA PRIVATE KEY" => Err(KeyError::private(
                "this is a PKCS#1 key (\"RSA PRIVATE KEY\"); convert it to PKCS#8 with \
                 `openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem`",
            )),
            "ENCRYPTED PRIVATE KEY" => Err(KeyError::private(
                "the key is encrypted; decrypt it with `openssl pkcs8 -in old.pem -out new.pem`",
            )),
            other => Err(KeyError::private(format!(
                "expected a \"PRIVATE KEY\" PEM block, found {other:?}"
            ))),
        }
    }

    /// Reads a PKCS#8 DER private key.
    ///
    /// ```
    /// use authcode_runtime::openapi::SigningKey;
    /// assert!(SigningKey::from_pkcs8_der(&[0x30, 0x00]).is_err());
    /// ```
    pub fn from_pkcs8_der(der: &[u8]) -> Result<SigningKey, KeyError> {
        let key = KeyPair::from_pkcs8(der).map_err(|err| {
            KeyError::private(format!("not a PKCS#8 RSA key of 2048 to 8192 bits ({err})"))
        })?;
        Ok(SigningKey {
            key,
            pkcs8: der.to_vec(),
        })
    }

    /// The key as PKCS#8 PEM, to save a generated key.
    ///
    /// ```
    /// let pem = authcode_runtime::openapi::SigningKey::generate()?.to_pkcs8_pem();
    /// assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn to_pkcs8_pem(&self) -> String {
        pem::encode("PRIVATE KEY", &self.pkcs8)
    }

    /// The public half, for the other party to verify with.
    ///
    /// ```
    /// let key = authcode_runtime::openapi::SigningKey::generate()?;
    /// assert_eq!(key.verifying_key().modulus_bits(), 2048);
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn verifying_key(&self) -> VerifyingKey {
        // Encoding a public key that aws-lc-rs itself derived cannot fail in practice; should
        // it, the PKCS#1 form (also accepted by `VerifyingKey`) is used instead of panicking.
        let public = self.key.public_key();
        let spki = AsDer::<PublicKeyX509Der>::as_der(public)
            .map(|der| der.as_ref().to_vec())
            .unwrap_or_else(|_| public.as_ref().to_vec());
        VerifyingKey::from_der_unchecked(spki)
    }

    /// The size of the modulus in bits (2048 for generated keys).
    ///
    /// ```
    /// let key = authcode_runtime::openapi::SigningKey::generate()?;
    /// assert_eq!(key.modulus_bits(), 2048);
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn modulus_bits(&self) -> usize {
        self.key.public_modulus_len() * 8
    }

    /// Signs `content` (usually the output of
    /// [`signed_content`](crate::openapi::signed_content)) with RSA PKCS#1 v1.5 and SHA-256.
    /// The signature is deterministic: the same key and content always give the same one.
    ///
    /// ```
    /// let key = authcode_runtime::openapi::SigningKey::generate()?;
    /// assert_eq!(key.sign(b"abc")?, key.sign(b"abc")?);
    /// assert_eq!(key.sign(b"abc")?.as_bytes().len(), 256);
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn sign(&self, content: &[u8]) -> Result<Signature, KeyError> {
        let mut bytes = vec![0; self.key.public_modulus_len()];
        self.key
            .sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), content, &mut bytes)
            .map_err(|_| KeyError::new("RSA signing failed"))?;
        Ok(Signature::from_bytes(bytes))
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("bits", &self.modulus_bits())
            .finish_non_exhaustive()
    }
}

/// An RSA public key that verifies OpenAPI signatures.
///
/// Two keys are equal when their encodings are.
///
/// ```
/// use authcode_runtime::openapi::VerifyingKey;
/// let err = VerifyingKey::from_spki_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").unwrap_err();
/// assert!(err.to_string().starts_with("invalid public key: "), "{err}");
/// ```
#[derive(Clone)]
pub struct VerifyingKey {
    /// SubjectPublicKeyInfo DER (or, for keys from [`SigningKey::verifying_key`] in the
    /// unlikely fallback, PKCS#1 `RSAPublicKey`; aws-lc-rs reads both).
    der: Vec<u8>,
    bits: usize,
}

impl VerifyingKey {
    /// Reads a SubjectPublicKeyInfo PEM public key (`-----BEGIN PUBLIC KEY-----`), as written
    /// by `openssl pkey -pubout`.
    ///
    /// ```
    /// use authcode_runtime::openapi::{SigningKey, VerifyingKey};
    /// let pem = SigningKey::generate()?.verifying_key().to_spki_pem();
    /// assert_eq!(VerifyingKey::from_spki_pem(&pem)?.modulus_bits(), 2048);
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn from_spki_pem(pem_text: &str) -> Result<VerifyingKey, KeyError> {
        let block = pem::decode(pem_text).map_err(KeyError::public)?;
        match block.label.as_str() {
            "PUBLIC KEY" => VerifyingKey::from_spki_der(&block.der),
            "RSA PUBLIC KEY" => Err(KeyError::public(
                "this is a PKCS#1 key (\"RSA PUBLIC KEY\"); convert it with \
                 `openssl rsa -RSAPublicKey_in -in old.pem -pubout -out new.pem`",
            )),
            other => Err(KeyError::public(format!(
                "expected a \"PUBLIC KEY\" PEM block, found {other:?}"
            ))),
        }
    }

    /// Reads a SubjectPublicKeyInfo DER public key of 2048 to 8192 bits.
    ///
    /// ```
    /// use authcode_runtime::openapi::VerifyingKey;
    /// assert!(VerifyingKey::from_spki_der(b"\x30\x00").is_err());
    /// ```
    pub fn from_spki_der(der: &[u8]) -> Result<VerifyingKey, KeyError> {
        let bits = RsaKeyInfo::parse(der)
            .map_err(KeyError::public)?
            .modulus_bits;
        if !(2048..=8192).contains(&bits) {
            return Err(KeyError::public(format!(
                "the modulus has {bits} bits; RSA256 needs 2048 to 8192"
            )));
        }
        ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
            .map_err(|err| KeyError::public(format!("not an RSA public key ({err})")))?;
        Ok(VerifyingKey {
            der: der.to_vec(),
            bits,
        })
    }

    fn from_der_unchecked(der: Vec<u8>) -> VerifyingKey {
        let bits = RsaKeyInfo::parse(&der).map_or(0, |info| info.modulus_bits);
        VerifyingKey { der, bits }
    }

    /// The key as SubjectPublicKeyInfo PEM, to hand to the other party.
    ///
    /// ```
    /// let key = authcode_runtime::openapi::SigningKey::generate()?.verifying_key();
    /// assert!(key.to_spki_pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn to_spki_pem(&self) -> String {
        pem::encode("PUBLIC KEY", &self.der)
    }

    /// The size of the modulus in bits.
    ///
    /// ```
    /// let key = authcode_runtime::openapi::SigningKey::generate()?.verifying_key();
    /// assert_eq!(key.modulus_bits(), 2048);
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn modulus_bits(&self) -> usize {
        self.bits
    }

    /// Checks that `signature` is this key's RSA256 signature of `content`.
    ///
    /// ```
    /// use authcode_runtime::openapi::SigningKey;
    /// let key = SigningKey::generate()?;
    /// let signature = key.sign(b"content")?;
    /// assert!(key.verifying_key().verify(b"content", &signature).is_ok());
    /// assert!(SigningKey::generate()?.verifying_key().verify(b"content", &signature).is_err());
    /// # Ok::<(), authcode_runtime::openapi::KeyError>(())
    /// ```
    pub fn verify(&self, content: &[u8], signature: &Signature) -> Result<(), InvalidSignature> {
        aws_lc_rs::signature::UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &self.der)
            .verify(content, signature.as_bytes())
            .map_err(|_| InvalidSignature)
    }
}

impl PartialEq for VerifyingKey {
    fn eq(&self, other: &VerifyingKey) -> bool {
        self.der == other.der
    }
}

impl Eq for VerifyingKey {}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}

/// A signature did not verify: the content was changed, or it was signed with another key.
///
/// ```
/// use authcode_runtime::openapi::InvalidSignature;
/// assert_eq!(InvalidSignature.to_string(), "the signature does not match the content and key");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidSignature;

impl fmt::Display for InvalidSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the signature does not match the content and key")
    }
}

impl std::error::Error for InvalidSignature {}

/// What this module needs to know about an SPKI public key before handing it to aws-lc-rs:
/// that it is RSA, and its size (aws-lc-rs checks the size only when verifying, but a key that
/// can never verify should be refused when it is loaded).
struct RsaKeyInfo {
    modulus_bits: usize,
}

impl RsaKeyInfo {
    /// Walks `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey
    /// BIT STRING }`, checks the algorithm is rsaEncryption, and reads the modulus length out
    /// of the `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` inside.
    fn parse(der: &[u8]) -> Result<RsaKeyInfo, String> {
        /// 1.2.840.113549.1.1.1, DER-encoded.
        const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
        let malformed = || "not a DER SubjectPublicKeyInfo".to_owned();
        let (spki, rest) = der::read(der, der::SEQUENCE).ok_or_else(malformed)?;
        if !rest.is_empty() {
            return Err("trailing bytes after the SubjectPublicKeyInfo".to_owned());
        }
        let (algorithm, rest) = der::read(spki, der::SEQUENCE).ok_or_else(malformed)?;
        let (oid, _parameters) = der::read(algorithm, der::OID).ok_or_else(malformed)?;
        if oid != RSA_ENCRYPTION {
            return Err("not an RSA key (the algorithm is not rsaEncryption)".to_owned());
        }
        let (bits, _) = der::read(rest, der::BIT_STRING).ok_or_else(malformed)?;
        // A BIT STRING starts with the count of unused bits, 0 for a DER-encoded key.
        let rsa_key = bits.strip_prefix(&[0]).ok_or_else(malformed)?;
        let (rsa_key, _) = der::read(rsa_key, der::SEQUENCE).ok_or_else(malformed)?;
        let (modulus, _) = der::read(rsa_key, der::INTEGER).ok_or_else(malformed)?;
        // INTEGERs are signed: a leading zero byte keeps a positive modulus positive.
        let modulus = match modulus {
            [0, rest @ ..] => rest,
            all => all,
        };
        let first = *modulus.first().ok_or_else(malformed)?;
        let modulus_bits = modulus.len() * 8 - first.leading_zeros() as usize;
        Ok(RsaKeyInfo { modulus_bits })
    }
}

/// Just enough DER (X.690) to walk a public key: one tag-length-value at a time.
mod der {
    pub(super) const INTEGER: u8 = 0x02;
    pub(super) const BIT_STRING: u8 = 0x03;
    pub(super) const OID: u8 = 0x06;
    pub(super) const SEQUENCE: u8 = 0x30;

    /// Reads one element with tag `tag` from the start of `input`: its contents and what
    /// follows it. `None` on any other tag or a length that does not fit.
    pub(super) fn read(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
        let (&first, input) = input.split_first()?;
        if first != tag {
            return None;
        }
        let (&length, mut input) = input.split_first()?;
        let length = if length < 0x80 {
            usize::from(length)
        } else {
            // Long form: the low bits say how many length bytes follow (at most 4 here:
            // no key is 4 GiB).
            let count = usize::from(length & 0x7f);
            if count == 0 || count > 4 || input.len() < count {
                return None;
            }
            let (bytes, rest) = input.split_at(count);
            input = rest;
            bytes
                .iter()
                .fold(0usize, |acc, &byte| (acc << 8) | usize::from(byte))
        };
        (input.len() >= length).then(|| input.split_at(length))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MERCHANT_KEY: &str = include_str!("../../tests/fixtures/test-merchant.key.pem");
    const MERCHANT_PUB: &str = include_str!("../../tests/fixtures/test-merchant.pub.pem");
    const WALLET_PUB: &str = include_str!("../../tests/fixtures/test-wallet.pub.pem");

    #[test]
    fn fixture_keys_load_and_match() {
        let key = SigningKey::from_pkcs8_pem(MERCHANT_KEY).unwrap();
        let public = VerifyingKey::from_spki_pem(MERCHANT_PUB).unwrap();
        assert_eq!(key.verifying_key(), public);
        assert_eq!(public.modulus_bits(), 2048);
        assert_ne!(public, VerifyingKey::from_spki_pem(WALLET_PUB).unwrap());
        // Written back, the public key is byte for byte what OpenSSL wrote.
        assert_eq!(public.to_spki_pem(), MERCHANT_PUB);
    }

    #[test]
    fn wrong_kinds_of_pem_are_refused_with_a_reason() {
        let err = SigningKey::from_pkcs8_pem(MERCHANT_PUB).unwrap_err();
        assert!(err.to_string().contains("found \"PUBLIC KEY\""), "{err}");
        let err = VerifyingKey::from_spki_pem(MERCHANT_KEY).unwrap_err();
        assert!(err.to_string().contains("found \"PRIVATE KEY\""), "{err}");
    }

    #[test]
    fn truncated_or_corrupted_keys_are_errors_not_panics() {
        let der = pem::decode(MERCHANT_PUB).unwrap().der;
        for len in 0..der.len() {
            assert!(VerifyingKey::from_spki_der(&der[..len]).is_err(), "{len}");
        }
        let private = pem::decode(MERCHANT_KEY).unwrap().der;
        for len in (0..private.len()).step_by(7) {
            assert!(
                SigningKey::from_pkcs8_der(&private[..len]).is_err(),
                "{len}"
            );
        }
        let mut flipped = der.clone();
        flipped[40] ^= 0xff;
        let _ = VerifyingKey::from_spki_der(&flipped);
    }

    #[test]
    fn small_or_non_rsa_keys_are_refused() {
        // A 1024-bit RSA key and a P-256 key, both SPKI, made with openssl for this test.
        let small = "-----BEGIN PUBLIC KEY-----\n\
            MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDe6NmwBVfZNB11DTCTBRpPNXVl\n\
            RtGiSqEYvhBP0LRx3G3X09y+P/waXCpZmES5NRziLVVk5V28p47CfKObWaboV96P\n\
            f/tLo8UUHFsNMjNeQNkh3dzCE0IXGhAplSyAc4y+Yb7sf3E3ABL4M98lDoyZ5EcL\n\
            k1++GEkf0kDDBDZjowIDAQAB\n\
            -----END PUBLIC KEY-----\n";
        let err = VerifyingKey::from_spki_pem(small).unwrap_err();
        assert!(err.to_string().contains("1024 bits"), "{err}");
        let ec = "-----BEGIN PUBLIC KEY-----\n\
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEIVVu/yFRW4kB0zxfwLRKj2y9XmH\n\
            bE2GQ/Af5C9XXMSn+dXCxGRIUjMXpUlwT1/6J0YAmYZSpK92mFlMvVfD7Q==\n\
            -----END PUBLIC KEY-----\n";
        let err = VerifyingKey::from_spki_pem(ec).unwrap_err();
        assert!(err.to_string().contains("not an RSA key"), "{err}");
    }
}
