//! The signature test vector: a fixed, test-only key pair (tests/fixtures, made with OpenSSL)
//! with a known signed content and the signature OpenSSL computed for it. Checked both ways:
//! this crate signs the content to exactly that signature, and verifies OpenSSL's signature.

use authcode_signing::{
    Message, Signature, SignatureError, SignatureHeader, SigningKey, VerifyingKey, signed_content,
};

const MERCHANT_KEY: &str = include_str!("fixtures/test-merchant.key.pem");
const MERCHANT_PUB: &str = include_str!("fixtures/test-merchant.pub.pem");
const WALLET_PUB: &str = include_str!("fixtures/test-wallet.pub.pem");
const CONTENT: &[u8] = include_bytes!("fixtures/signature-vector.content.txt");
const SIGNATURE: &str = include_str!("fixtures/signature-vector.signature.txt");

fn expected_signature() -> &'static str {
    SIGNATURE.trim_end()
}

#[test]
fn the_content_is_the_documented_layout() {
    let content = signed_content(
        "POST",
        "/v1/authorizations/applyToken",
        "2022000000000001",
        "2026-01-31T08:30:00+08:00",
        br#"{"grantType":"AUTHORIZATION_CODE","authCode":"test-vector-code-0001"}"#,
    );
    assert_eq!(content, CONTENT);
}

#[test]
fn signing_the_content_gives_the_openssl_signature() {
    let key = SigningKey::from_pkcs8_pem(MERCHANT_KEY).unwrap();
    let signature = key.sign(CONTENT).unwrap();
    assert_eq!(signature.to_header_value(), expected_signature());
    assert_eq!(
        SignatureHeader::new(signature, 1).to_string(),
        format!(
            "algorithm=RSA256, keyVersion=1, signature={}",
            expected_signature()
        )
    );
}

#[test]
fn the_openssl_signature_verifies_and_nothing_else_does() {
    let public = VerifyingKey::from_spki_pem(MERCHANT_PUB).unwrap();
    let signature = Signature::from_header_value(expected_signature()).unwrap();
    assert!(public.verify(CONTENT, &signature).is_ok());

    // One changed byte anywhere in the content fails.
    for index in [0, 5, 35, 52, CONTENT.len() - 1] {
        let mut changed = CONTENT.to_vec();
        changed[index] ^= 0x01;
        assert!(public.verify(&changed, &signature).is_err(), "byte {index}");
    }
    // One changed bit of the signature fails.
    let mut bytes = signature.as_bytes().to_vec();
    bytes[100] ^= 0x80;
    assert!(
        public
            .verify(CONTENT, &Signature::from_bytes(bytes))
            .is_err()
    );
    // A truncated signature fails (an error, not a panic).
    let short = Signature::from_bytes(signature.as_bytes()[..255].to_vec());
    assert!(public.verify(CONTENT, &short).is_err());
    // Another key's public half fails.
    let wallet = VerifyingKey::from_spki_pem(WALLET_PUB).unwrap();
    assert!(wallet.verify(CONTENT, &signature).is_err());
}

#[test]
fn a_whole_message_verifies_through_its_header() {
    let public = VerifyingKey::from_spki_pem(MERCHANT_PUB).unwrap();
    let message = Message {
        method: "POST",
        path: "/v1/authorizations/applyToken",
        client_id: "2022000000000001",
        time: "2026-01-31T08:30:00+08:00",
        body: br#"{"grantType":"AUTHORIZATION_CODE","authCode":"test-vector-code-0001"}"#,
    };
    let header = format!(
        "algorithm=RSA256, keyVersion=1, signature={}",
        expected_signature()
    );
    assert_eq!(message.verify(&public, Some(&header)), Ok(()));
    // The same signature for another client, time or path does not verify.
    for other in [
        Message {
            client_id: "2022000000000002",
            ..message
        },
        Message {
            time: "2026-01-31T08:30:01+08:00",
            ..message
        },
        Message {
            path: "/v1/users/inquiryUserInfo",
            ..message
        },
    ] {
        assert_eq!(
            other.verify(&public, Some(&header)),
            Err(SignatureError::Mismatch)
        );
    }
    assert_eq!(message.verify(&public, None), Err(SignatureError::Missing));
    assert!(matches!(
        message.verify(&public, Some("algorithm=RSA256")),
        Err(SignatureError::Malformed(_))
    ));
}
