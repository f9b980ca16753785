//! RSA keys: the private key that signs (the merchant's for requests, the wallet's for
//! responses) and the public key that verifies, loaded from PEM or generated.
//!
//! The RSA arithmetic is aws-lc-rs's (AWS-LC, constant-time); this module only moves keys in
//! and out of their standard encodings: PKCS#8 for private keys and SubjectPublicKeyInfo for
//! public keys, the formats `openssl genpkey` and `openssl pkey -pubout` write.

use std::fmt;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize, PublicEncryptingKey};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256};
use zeroize::Zeroizing;

use crate::Signature;
use crate::pem;

/// Whether a key is the private half (that signs) or the public half (that verifies).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyRole {
    /// A private key: the merchant's for requests, the wallet's for responses.
    Private,
    /// A public key: what the other side verifies with.
    Public,
}

impl fmt::Display for KeyRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyRole::Private => "private",
            KeyRole::Public => "public",
        })
    }
}

/// A key could not be loaded, generated or used.
///
/// ```
/// use authcode_signing::{KeyError, KeyRole, SigningKey};
/// let err = SigningKey::from_pkcs8_pem("not a key").unwrap_err();
/// assert!(matches!(err, KeyError::Pem { role: KeyRole::Private, .. }));
/// assert!(err.to_string().starts_with("invalid private key: "), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The text is not a single PEM block.
    #[error("invalid {role} key: {reason}")]
    Pem {
        /// Which key was being read.
        role: KeyRole,
        /// What is wrong with the PEM text.
        reason: String,
    },
    /// A PEM block of another kind than the one expected.
    #[error("invalid {role} key: expected a {expected:?} PEM block, found {found:?}{hint}")]
    WrongLabel {
        /// Which key was being read.
        role: KeyRole,
        /// The label expected (`PRIVATE KEY`, `PUBLIC KEY`).
        expected: &'static str,
        /// The label found.
        found: String,
        /// How to convert the key, for the formats that tools commonly write instead.
        hint: &'static str,
    },
    /// The DER bytes are not a supported RSA key.
    #[error("invalid {role} key: {reason}")]
    Unsupported {
        /// Which key was being read.
        role: KeyRole,
        /// What is unsupported.
        reason: String,
    },
    /// The system could not generate a key.
    #[error("RSA key generation failed")]
    Generation,
    /// Signing failed (the key is unusable).
    #[error("RSA signing failed")]
    Signing,
}

/// An RSA private key that signs OpenAPI messages (RSA256: PKCS#1 v1.5 with SHA-256).
///
/// `Debug` shows only the public half.
///
/// ```
/// use authcode_signing::{SigningKey, VerifyingKey};
///
/// let key = SigningKey::generate()?;
/// let signature = key.sign(b"POST /v1/users/inquiryUserInfo\nclient.2026-01-31T08:30:00+00:00.{}")?;
/// let public = VerifyingKey::from_spki_pem(&key.verifying_key().to_spki_pem())?;
/// assert!(public.verify(b"POST /v1/users/inquiryUserInfo\nclient.2026-01-31T08:30:00+00:00.{}", &signature).is_ok());
/// assert!(public.verify(b"POST /v1/users/inquiryUserInfo\nclient.2026-01-31T08:30:00+00:00.{ }", &signature).is_err());
/// # Ok::<(), authcode_signing::KeyError>(())
/// ```
pub struct SigningKey {
    key: KeyPair,
    /// Kept to write the key out again (`to_pkcs8_pem`); wiped when the key is dropped.
    pkcs8: Zeroizing<Vec<u8>>,
}

impl SigningKey {
    /// A fresh 2048-bit key from the system's random number generator (takes a fraction of a
    /// second).
    ///
    /// ```
    /// let key = authcode_signing::SigningKey::generate()?;
    /// assert_eq!(key.modulus_bits(), 2048);
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn generate() -> Result<SigningKey, KeyError> {
        let key = KeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyError::Generation)?;
        let pkcs8 = AsDer::<Pkcs8V1Der>::as_der(&key).map_err(|_| KeyError::Generation)?;
        Ok(SigningKey {
            pkcs8: Zeroizing::new(pkcs8.as_ref().to_vec()),
            key,
        })
    }

    /// Reads a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`), as written by
    /// `openssl genpkey -algorithm RSA`. RSA keys of 2048 to 8192 bits are accepted.
    ///
    /// ```
    /// use authcode_signing::{KeyError, SigningKey};
    /// let key = SigningKey::generate()?;
    /// let again = SigningKey::from_pkcs8_pem(&key.to_pkcs8_pem())?;
    /// assert_eq!(again.verifying_key(), key.verifying_key());
    ///
    /// let err = SigningKey::from_pkcs8_pem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n").unwrap_err();
    /// assert!(matches!(err, KeyError::WrongLabel { .. }));
    /// assert!(err.to_string().contains("openssl pkcs8 -topk8 -nocrypt"), "{err}");
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn from_pkcs8_pem(pem_text: &str) -> Result<SigningKey, KeyError> {
        let role = KeyRole::Private;
        let block = pem::decode(pem_text).map_err(|reason| KeyError::Pem { role, reason })?;
        let hint = match block.label.as_str() {
            "PRIVATE KEY" => return SigningKey::from_pkcs8_der(&block.der),
            "RSA PRIVATE KEY" => {
                " (a PKCS#1 key; convert it to PKCS#8 with \
                 `openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem`)"
            }
            "ENCRYPTED PRIVATE KEY" => {
                " (the key is encrypted; decrypt it with `openssl pkcs8 -in old.pem -out new.pem`)"
            }
            _ => "",
        };
        Err(KeyError::WrongLabel {
            role,
            expected: "PRIVATE KEY",
            found: crate::shorten(&block.label),
            hint,
        })
    }

    /// Reads a PKCS#8 DER private key.
    ///
    /// ```
    /// let err = authcode_signing::SigningKey::from_pkcs8_der(&[0x30, 0x00]).unwrap_err();
    /// assert!(err.to_string().contains("not a PKCS#8 RSA key"), "{err}");
    /// ```
    pub fn from_pkcs8_der(der: &[u8]) -> Result<SigningKey, KeyError> {
        let key = KeyPair::from_pkcs8(der).map_err(|err| KeyError::Unsupported {
            role: KeyRole::Private,
            reason: format!("not a PKCS#8 RSA key of 2048 to 8192 bits ({err})"),
        })?;
        Ok(SigningKey {
            key,
            pkcs8: Zeroizing::new(der.to_vec()),
        })
    }

    /// The key as PKCS#8 PEM, for saving it (the form `from_pkcs8_pem` reads).
    ///
    /// ```
    /// let pem = authcode_signing::SigningKey::generate()?.to_pkcs8_pem();
    /// assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn to_pkcs8_pem(&self) -> Zeroizing<String> {
        Zeroizing::new(pem::encode("PRIVATE KEY", &self.pkcs8))
    }

    /// The public half, for the other party to verify with.
    ///
    /// ```
    /// let key = authcode_signing::SigningKey::generate()?;
    /// assert_eq!(key.verifying_key().modulus_bits(), 2048);
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn verifying_key(&self) -> VerifyingKey {
        // Encoding a public key that aws-lc-rs itself derived cannot fail in practice; should
        // it, the PKCS#1 form (which aws-lc-rs also verifies with) is used instead of panicking.
        let public = self.key.public_key();
        let der = AsDer::<PublicKeyX509Der>::as_der(public)
            .map(|der| der.as_ref().to_vec())
            .unwrap_or_else(|_| public.as_ref().to_vec());
        VerifyingKey {
            der,
            bits: self.modulus_bits(),
        }
    }

    /// The size of the modulus in bits (2048 for generated keys).
    ///
    /// ```
    /// let key = authcode_signing::SigningKey::generate()?;
    /// assert_eq!(key.modulus_bits(), 2048);
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn modulus_bits(&self) -> usize {
        self.key.public_modulus_len() * 8
    }

    /// Signs `content` (usually the output of [`signed_content`](crate::signed_content)) with
    /// RSA PKCS#1 v1.5 and SHA-256. The signature is deterministic: the same key and content
    /// always give the same one.
    ///
    /// ```
    /// let key = authcode_signing::SigningKey::generate()?;
    /// assert_eq!(key.sign(b"abc")?, key.sign(b"abc")?);
    /// assert_eq!(key.sign(b"abc")?.as_bytes().len(), 256);
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn sign(&self, content: &[u8]) -> Result<Signature, KeyError> {
        let mut bytes = vec![0; self.key.public_modulus_len()];
        self.key
            .sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), content, &mut bytes)
            .map_err(|_| KeyError::Signing)?;
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
/// use authcode_signing::VerifyingKey;
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
    /// use authcode_signing::{SigningKey, VerifyingKey};
    /// let pem = SigningKey::generate()?.verifying_key().to_spki_pem();
    /// assert_eq!(VerifyingKey::from_spki_pem(&pem)?.modulus_bits(), 2048);
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn from_spki_pem(pem_text: &str) -> Result<VerifyingKey, KeyError> {
        let role = KeyRole::Public;
        let block = pem::decode(pem_text).map_err(|reason| KeyError::Pem { role, reason })?;
        let hint = match block.label.as_str() {
            "PUBLIC KEY" => return VerifyingKey::from_spki_der(&block.der),
            "RSA PUBLIC KEY" => {
                " (a PKCS#1 key; convert it with \
                 `openssl rsa -RSAPublicKey_in -in old.pem -pubout -out new.pem`)"
            }
            _ => "",
        };
        Err(KeyError::WrongLabel {
            role,
            expected: "PUBLIC KEY",
            found: crate::shorten(&block.label),
            hint,
        })
    }

    /// Reads a SubjectPublicKeyInfo DER public key: RSA, 2048 to 8192 bits.
    ///
    /// ```
    /// use authcode_signing::{KeyError, VerifyingKey};
    /// assert!(matches!(VerifyingKey::from_spki_der(&[0x30, 0x00]), Err(KeyError::Unsupported { .. })));
    /// ```
    pub fn from_spki_der(der: &[u8]) -> Result<VerifyingKey, KeyError> {
        let unsupported = || KeyError::Unsupported {
            role: KeyRole::Public,
            reason: "not an RSA SubjectPublicKeyInfo of 2048 to 8192 bits".to_owned(),
        };
        let bits = PublicEncryptingKey::from_der(der)
            .map_err(|_| unsupported())?
            .key_size_bits();
        if !(2048..=8192).contains(&bits) {
            return Err(unsupported());
        }
        Ok(VerifyingKey {
            der: der.to_vec(),
            bits,
        })
    }

    /// The key as SubjectPublicKeyInfo PEM (the form `from_spki_pem` reads).
    ///
    /// ```
    /// use authcode_signing::SigningKey;
    /// let pem = SigningKey::generate()?.verifying_key().to_spki_pem();
    /// assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// # Ok::<(), authcode_signing::KeyError>(())
    /// ```
    pub fn to_spki_pem(&self) -> String {
        pem::encode("PUBLIC KEY", &self.der)
    }

    /// The size of the modulus in bits.
    pub fn modulus_bits(&self) -> usize {
        self.bits
    }

    /// Checks that `signature` is this key's RSA256 signature of `content`.
    ///
    /// ```
    /// use authcode_signing::SigningKey;
    /// let key = SigningKey::generate()?;
    /// let signature = key.sign(b"content")?;
    /// assert!(key.verifying_key().verify(b"content", &signature).is_ok());
    /// assert!(key.verifying_key().verify(b"contend", &signature).is_err());
    /// # Ok::<(), authcode_signing::KeyError>(())
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

/// A signature that does not match the content and the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the signature does not match the content and key")]
pub struct InvalidSignature;

#[cfg(test)]
mod tests {
    use super::*;

    const MERCHANT_KEY: &str = include_str!("../tests/fixtures/test-merchant.key.pem");
    const MERCHANT_PUB: &str = include_str!("../tests/fixtures/test-merchant.pub.pem");
    const WALLET_PUB: &str = include_str!("../tests/fixtures/test-wallet.pub.pem");

    #[test]
    fn fixture_keys_load_and_match() {
        let key = SigningKey::from_pkcs8_pem(MERCHANT_KEY).unwrap();
        let public = VerifyingKey::from_spki_pem(MERCHANT_PUB).unwrap();
        assert_eq!(key.verifying_key(), public);
        assert_eq!(public.modulus_bits(), 2048);
        assert_ne!(public, VerifyingKey::from_spki_pem(WALLET_PUB).unwrap());
        // Written back, the public key is byte for byte what OpenSSL wrote.
        assert_eq!(public.to_spki_pem(), MERCHANT_PUB);
        assert_eq!(*key.to_pkcs8_pem(), MERCHANT_KEY);
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
        let mut flipped = der.to_vec();
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
        assert!(err.to_string().contains("2048 to 8192 bits"), "{err}");
        let ec = "-----BEGIN PUBLIC KEY-----\n\
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEIVVu/yFRW4kB0zxfwLRKj2y9XmH\n\
            bE2GQ/Af5C9XXMSn+dXCxGRIUjMXpUlwT1/6J0YAmYZSpK92mFlMvVfD7Q==\n\
            -----END PUBLIC KEY-----\n";
        let err = VerifyingKey::from_spki_pem(ec).unwrap_err();
        assert!(err.to_string().contains("not an RSA"), "{err}");
    }
}
