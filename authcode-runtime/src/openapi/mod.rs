//! The Alipay+ OpenAPI conventions shared by the wallet emulator (feature `server`) and the
//! merchant client (feature `client`): endpoints, headers, and RSA256 message signing.
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
//! use authcode_runtime::openapi::{self, Message, SigningKey};
//!
//! let merchant = SigningKey::generate()?;
//! let body = br#"{"grantType":"AUTHORIZATION_CODE","authCode":"2810111301lGZcM9CjlF91WH00039190xxxx"}"#;
//! let request = Message {
//!     method: "POST",
//!     path: openapi::APPLY_TOKEN_PATH,
//!     client_id: "2022000000000001",
//!     time: "2026-01-31T08:30:00+08:00",
//!     body,
//! };
//! let header = request.sign(&merchant)?.to_string();
//!
//! // The wallet, holding the merchant's public key, checks it.
//! assert!(request.verify(&merchant.verifying_key(), Some(&header)).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The RSA implementation is aws-lc-rs (AWS-LC), which signs in constant time.

mod headers;
mod keys;
mod message;
mod pem;
mod signature;
mod signature_header;

pub use headers::{
    CLIENT_ID, JSON_CONTENT_TYPE, MAX_BODY_BYTES, MAX_CLOCK_SKEW, REQUEST_TIME, RESPONSE_TIME,
    SIGNATURE, format_time, is_fresh, parse_time,
};
pub use keys::{InvalidSignature, KeyError, SigningKey, VerifyingKey};
pub use message::{Message, SignatureError};
pub use signature::{MalformedSignature, Signature, signed_content};
pub use signature_header::SignatureHeader;

/// The path of applyToken: exchange an authorization code or a refresh token for tokens.
pub const APPLY_TOKEN_PATH: &str = "/v1/authorizations/applyToken";

/// The path of inquiryUserInfo: read the user's info with an access token.
pub const INQUIRY_USER_INFO_PATH: &str = "/v1/users/inquiryUserInfo";

/// The method of every OpenAPI call.
pub const METHOD: &str = "POST";
