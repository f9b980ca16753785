//! Signing and verifying a whole OpenAPI message (request or response) in one call: the
//! signed content, the RSA signature, and the `Signature` header together.

use std::fmt;

use crate::{
    InvalidSignature, KeyError, MalformedSignature, SignatureHeader, SigningKey, VerifyingKey,
    signed_content,
};

/// The parts of a request or response that its signature covers.
///
/// ```
/// use authcode_signing::{Message, SigningKey};
///
/// let wallet = SigningKey::generate()?;
/// let response = Message {
///     method: "POST",
///     path: "/v1/authorizations/applyToken",
///     client_id: "2022000000000001",
///     time: "2026-01-31T08:30:01+00:00",
///     body: br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#,
/// };
/// let header = response.sign(&wallet, 1)?.to_string();
/// assert!(header.starts_with("algorithm=RSA256, keyVersion=1, signature="));
/// assert!(response.verify(&wallet.verifying_key(), Some(&header)).is_ok());
///
/// // Another body under the same header fails; so does no header at all.
/// let tampered = Message { body: b"{}", ..response };
/// assert!(tampered.verify(&wallet.verifying_key(), Some(&header)).is_err());
/// assert!(response.verify(&wallet.verifying_key(), None).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    /// The HTTP method of the request (also for its response): `POST`.
    pub method: &'a str,
    /// The request's path, e.g. `/v1/users/inquiryUserInfo`.
    pub path: &'a str,
    /// The `Client-Id` header.
    pub client_id: &'a str,
    /// The `Request-Time` (for a request) or `Response-Time` (for a response) header.
    pub time: &'a str,
    /// The body, byte for byte as sent.
    pub body: &'a [u8],
}

impl Message<'_> {
    /// The content the signature covers (see [`signed_content`]).
    ///
    /// ```
    /// use authcode_signing::Message;
    /// let message = Message { method: "POST", path: "/p", client_id: "c", time: "t", body: b"{}" };
    /// assert_eq!(message.content(), b"POST /p\nc.t.{}");
    /// ```
    pub fn content(&self) -> Vec<u8> {
        signed_content(self.method, self.path, self.client_id, self.time, self.body)
    }

    /// The `Signature` header for this message, signed with `key`, the signer's key version
    /// `key_version` (1 until a key is rotated).
    pub fn sign(&self, key: &SigningKey, key_version: u32) -> Result<SignatureHeader, KeyError> {
        key.sign(&self.content())
            .map(|signature| SignatureHeader::new(signature, key_version))
    }

    /// Checks the `Signature` header of this message (`None` when the header is missing) with
    /// `key`. A missing header is an error like a wrong signature: nothing is accepted unsigned.
    pub fn verify(&self, key: &VerifyingKey, header: Option<&str>) -> Result<(), SignatureError> {
        let header = header.ok_or(SignatureError::Missing)?;
        let header = SignatureHeader::parse(header).map_err(SignatureError::Malformed)?;
        key.verify(&self.content(), &header.signature)
            .map_err(|InvalidSignature| SignatureError::Mismatch)
    }
}

/// Why a message's signature was refused.
///
/// ```
/// use authcode_signing::SignatureError;
/// assert_eq!(SignatureError::Missing.to_string(), "the Signature header is missing");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureError {
    /// There is no `Signature` header.
    Missing,
    /// The `Signature` header cannot be read.
    Malformed(MalformedSignature),
    /// The signature does not match the content and the key: the message was changed after
    /// signing, or signed with another key.
    Mismatch,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::Missing => f.write_str("the Signature header is missing"),
            SignatureError::Malformed(err) => err.fmt(f),
            SignatureError::Mismatch => InvalidSignature.fmt(f),
        }
    }
}

impl std::error::Error for SignatureError {}
