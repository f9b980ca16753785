//! The signing of the Alipay+ OpenAPIs, shared by the wallet (`authcode-server`) and the
//! merchant (`authcode-client`): the headers, RSA keys, and RSA256 message signatures.
//!
//! Every request carries `Client-Id`, `Request-Time` and a `Signature` header; every response
//! `Client-Id`, `Response-Time` and a `Signature` made by the wallet. The signature is RSA
//! PKCS#1 v1.5 with SHA-256 over `<METHOD> <path>\n<Client-Id>.<time>.<body>`, written as
//! base64 and then URL-encoded:
//!
//! ```text
//! Signature: algorithm=RSA256, keyVersion=1, signature=KEwoxt...%2FbA%3D%3D
//! ```
//!
//! ```
//! use authcode_signing::{Message, SigningKey};
//! use authcode_wire::ApiVersion;
//!
//! let merchant = SigningKey::generate()?;
//! let body = br#"{"grantType":"AUTHORIZATION_CODE","authCode":"2810111301lGZcM9CjlF91WH00039190xxxx"}"#;
//! let request = Message {
//!     method: "POST",
//!     path: ApiVersion::V1.apply_token_path(),
//!     client_id: "2022000000000001",
//!     time: "2026-01-31T08:30:00+08:00",
//!     body,
//! };
//! let header = request.sign(&merchant, 1)?.to_string();
//!
//! // The wallet, holding the merchant's public key, checks it.
//! assert!(request.verify(&merchant.verifying_key(), Some(&header)).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The RSA implementation is aws-lc-rs (AWS-LC), which signs in constant time.
#![forbid(unsafe_code)]

mod backoff;
mod headers;
mod keys;
mod message;
mod pem;
mod signature;
mod signature_header;

pub use backoff::backoff;
pub use headers::{
    CLIENT_ID, JSON_CONTENT_TYPE, MAX_BODY_BYTES, MAX_CLOCK_SKEW, REQUEST_TIME, RESPONSE_TIME,
    SIGNATURE, is_fresh,
};
pub use keys::{InvalidSignature, KeyError, KeyRole, SigningKey, VerifyingKey};
pub use message::{Message, SignatureError};
pub use signature::{MalformedSignature, Signature, signed_content};
pub use signature_header::SignatureHeader;

/// The method of every OpenAPI call.
pub const METHOD: &str = "POST";

/// At most 64 characters of attacker-controlled text, for error messages and logs.
pub(crate) fn shorten(text: &str) -> String {
    authcode_wire::shown(text)
}
