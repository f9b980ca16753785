//! Authorization codes and tokens: generated from the operating system's CSPRNG, stored only as
//! SHA-256 hashes, and compared in constant time.
//!
//! # Why looking secrets up by their hash in a `HashMap` is safe
//!
//! The store never holds a code or token itself, only its SHA-256 hash, so a leaked store (a
//! memory dump, a database backup) yields nothing that can be presented to the server. Finding
//! a presented secret means hashing it and looking the hash up. A lookup's timing may depend on
//! how many leading bytes of the probe match a stored hash, which is the classic timing leak of
//! comparing secrets with `==`; but here the attacker controls only the *input* of SHA-256, and
//! learning bytes of a stored *hash* does not help to find an input that hashes to it (that
//! would break preimage resistance). The probe's hash is pseudorandom, so an attacker cannot
//! even steer which bytes are compared. The comparison itself is constant-time anyway
//! ([`SecretHash`]'s `==` uses `subtle`), so the final equality check leaks nothing either.

use std::fmt;
use std::hash::{Hash, Hasher};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Random bytes in every code and token: 256 bits, twice the 128 that RFC 6749 §10.10 asks as a
/// minimum, so that even a store holding billions of live secrets leaves guessing hopeless.
pub(crate) const SECRET_BYTES: usize = 32;

/// The operating system's random number generator failed (a transient condition: retrying is
/// the only remedy).
#[derive(Debug)]
pub(crate) struct RandomnessUnavailable(getrandom::Error);

impl fmt::Display for RandomnessUnavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the system random number generator failed: {}", self.0)
    }
}

/// A fresh secret: [`SECRET_BYTES`] bytes from the OS CSPRNG, encoded as unpadded URL-safe
/// base64 (43 characters of `A-Z a-z 0-9 - _`), so it travels in URLs, headers and JSON
/// unescaped.
pub(crate) fn generate() -> Result<String, RandomnessUnavailable> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).map_err(RandomnessUnavailable)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// 128 random bits from the OS CSPRNG, for identifiers that must not collide across servers
/// sharing a store.
pub(crate) fn random_u128() -> Result<u128, RandomnessUnavailable> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(RandomnessUnavailable)?;
    Ok(u128::from_le_bytes(bytes))
}

/// The SHA-256 hash of a code or token: the only form in which a store keeps secrets.
///
/// Equality is constant-time. The hash reveals nothing usable about the secret (finding a
/// secret from its hash would break SHA-256's preimage resistance, and a lookup's timing tells
/// only how a pseudorandom probe hash compares with stored ones), so a store may use it as a
/// map key or a database index.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::SecretHash;
///
/// let hash = SecretHash::of("a-secret-token");
/// assert!(hash.matches("a-secret-token"));
/// assert!(!hash.matches("a-secret-tokem"));
/// assert_eq!(hash, SecretHash::from_bytes(*hash.as_bytes()));
/// assert!(!format!("{hash:?}").contains("a-secret-token"));
/// ```
#[derive(Clone, Copy)]
pub struct SecretHash([u8; 32]);

impl SecretHash {
    /// The hash of `secret`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::flow::SecretHash;
    /// assert_ne!(SecretHash::of("a"), SecretHash::of("b"));
    /// ```
    pub fn of(secret: &str) -> SecretHash {
        SecretHash(Sha256::digest(secret.as_bytes()).into())
    }

    /// A hash read back from storage (the bytes of [`as_bytes`](SecretHash::as_bytes)).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::flow::SecretHash;
    /// let stored = *SecretHash::of("t").as_bytes();
    /// assert!(SecretHash::from_bytes(stored).matches("t"));
    /// ```
    pub const fn from_bytes(bytes: [u8; 32]) -> SecretHash {
        SecretHash(bytes)
    }

    /// The 32 bytes of the hash, for stores that persist it.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::flow::SecretHash;
    /// // SHA-256 of the empty string.
    /// assert_eq!(SecretHash::of("").as_bytes()[..4], [0xe3, 0xb0, 0xc4, 0x42]);
    /// ```
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// `true` when `secret` hashes to this hash; the comparison takes the same time whatever
    /// the secret.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::flow::SecretHash;
    /// assert!(SecretHash::of("code").matches("code"));
    /// ```
    pub fn matches(&self, secret: &str) -> bool {
        *self == SecretHash::of(secret)
    }
}

impl PartialEq for SecretHash {
    fn eq(&self, other: &SecretHash) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for SecretHash {}

// Written by hand because `PartialEq` is; it agrees with it: equal hashes have equal bytes.
impl Hash for SecretHash {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl fmt::Debug for SecretHash {
    /// The first four bytes in hex: enough to tell hashes apart in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d, ..] = self.0;
        write!(f, "SecretHash({a:02x}{b:02x}{c:02x}{d:02x}…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn secrets_are_256_bit_url_safe_and_distinct() {
        let secrets: HashSet<String> = (0..1000).map(|_| generate().unwrap()).collect();
        assert_eq!(secrets.len(), 1000);
        for secret in &secrets {
            assert_eq!(secret.len(), 43);
            assert!(
                secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{secret}"
            );
            let decoded = URL_SAFE_NO_PAD.decode(secret).unwrap();
            assert_eq!(decoded.len(), SECRET_BYTES);
        }
    }

    #[test]
    fn secrets_look_uniform() {
        // 1000 secrets × 256 bits: the share of one bits is 0.5 within a few standard
        // deviations (σ ≈ 0.001); a generator stuck on zeros or a counter fails this.
        let ones: u32 = (0..1000)
            .map(|_| URL_SAFE_NO_PAD.decode(generate().unwrap()).unwrap())
            .flat_map(|bytes| bytes.into_iter().map(u8::count_ones))
            .sum();
        let share = f64::from(ones) / (1000.0 * 256.0);
        assert!((share - 0.5).abs() < 0.01, "{share}");
    }

    #[test]
    fn hash_is_sha256() {
        // FIPS 180-2 test vector for "abc".
        let expected = [
            0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae,
            0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61,
            0xf2, 0x00, 0x15, 0xad,
        ];
        assert_eq!(SecretHash::of("abc").as_bytes(), &expected);
    }

    #[test]
    fn equal_hashes_hash_equally_and_different_ones_differ() {
        let mut set = HashSet::new();
        assert!(set.insert(SecretHash::of("x")));
        assert!(!set.insert(SecretHash::of("x")));
        assert!(set.insert(SecretHash::of("y")));
        // A hash differing in the last byte only is still unequal.
        let mut bytes = *SecretHash::of("x").as_bytes();
        bytes[31] ^= 1;
        assert_ne!(SecretHash::from_bytes(bytes), SecretHash::of("x"));
    }

    #[test]
    fn debug_shows_a_prefix_only() {
        let debug = format!("{:?}", SecretHash::of("abc"));
        assert_eq!(debug, "SecretHash(ba7816bf…)");
    }
}
