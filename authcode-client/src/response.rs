//! Accepting a response from the wallet: first its signature (mandatory: a response without
//! one is refused, never trusted), then its `result`.

use std::collections::BTreeMap;
use std::fmt;
use std::time::SystemTime;

use authcode_signing::{
    CLIENT_ID, MAX_CLOCK_SKEW, Message, RESPONSE_TIME, SIGNATURE, SignatureError, SignatureHeader,
    VerifyingKey, is_fresh,
};
use authcode_wire::{ResultStatus, shown};
use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::{ApiFailure, ClientError, ProtocolError};

/// A response whose signature was verified, whatever its `result` says: for OpenAPIs this
/// client does not wrap ([`MerchantClient::call`](crate::MerchantClient::call)).
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body, byte for byte as signed.
    pub body: Vec<u8>,
}

impl fmt::Debug for VerifiedResponse {
    /// The body's size only: it may hold tokens.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedResponse")
            .field("status", &self.status)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// The wallet's public keys by version. A response names the version it was signed with in
/// `keyVersion`, or gets the latest; holding two versions lets the wallet rotate its key
/// without a moment when responses fail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct WalletKeys(BTreeMap<u32, VerifyingKey>);

impl WalletKeys {
    pub(crate) fn insert(&mut self, version: u32, key: VerifyingKey) {
        self.0.insert(version, key);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn get(&self, version: Option<u32>) -> Option<&VerifyingKey> {
        match version {
            Some(version) => self.0.get(&version),
            None => self.0.values().next_back(),
        }
    }
}

/// What a response must match: the request it answers, and the keys that may sign it.
pub(crate) struct Expected<'a> {
    pub(crate) method: &'a str,
    pub(crate) uri: &'a str,
    pub(crate) client_id: &'a str,
    pub(crate) wallet_keys: &'a WalletKeys,
    pub(crate) now: SystemTime,
}

/// Checks a response's headers and signature; returns it once verified.
pub(crate) fn verify(
    expected: &Expected<'_>,
    status: u16,
    headers: &HeaderMap,
    body: Vec<u8>,
) -> Result<VerifiedResponse, ClientError> {
    let text = |name: &'static str| -> Result<Option<&str>, ClientError> {
        headers
            .get(name)
            .map(|value| {
                value
                    .to_str()
                    .map(str::trim)
                    .map_err(|_| ClientError::Protocol(ProtocolError::BinaryHeader(name)))
            })
            .transpose()
    };
    // The signature comes first: nothing about an unsigned response is worth reporting but
    // that it is unsigned (an HTTP status or a body could be anyone's).
    let signature =
        text(SIGNATURE)?.ok_or(ClientError::ResponseSignature(SignatureError::Missing))?;
    let header = SignatureHeader::parse(signature)
        .map_err(|err| ClientError::ResponseSignature(SignatureError::Malformed(err)))?;
    // A version this client holds no key for cannot be a response it may trust.
    let key = expected
        .wallet_keys
        .get(header.key_version)
        .ok_or(ClientError::ResponseSignature(SignatureError::Mismatch))?;
    if let Some(echoed) = text(CLIENT_ID)?
        && echoed != expected.client_id
    {
        return Err(ClientError::Protocol(ProtocolError::OtherClient {
            expected: expected.client_id.to_owned(),
            found: format!("{:?}", shown(echoed)),
        }));
    }
    let time = text(RESPONSE_TIME)?.ok_or(ClientError::Protocol(ProtocolError::MissingHeader(
        "Response-Time",
    )))?;
    let message = Message {
        method: expected.method,
        path: expected.uri,
        client_id: expected.client_id,
        time,
        body: &body,
    };
    message
        .verify(key, Some(signature))
        .map_err(ClientError::ResponseSignature)?;
    let sent = authcode_wire::time::parse(time)
        .map_err(|err| ClientError::Protocol(ProtocolError::ResponseTime(err.to_string())))?;
    if !is_fresh(sent, expected.now) {
        return Err(ClientError::Protocol(ProtocolError::ResponseTime(format!(
            "{:?} is more than {} minutes from this client's clock",
            shown(time),
            MAX_CLOCK_SKEW.as_secs() / 60
        ))));
    }
    Ok(VerifiedResponse { status, body })
}

/// The `result` as it arrives: the code as text, since a wallet may send codes this crate
/// does not know.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawResult {
    result_code: String,
    result_status: ResultStatus,
    #[serde(default)]
    result_message: String,
}

#[derive(Deserialize)]
struct Envelope {
    result: RawResult,
}

/// The verified response as `T` when its `result` is a success, the failure otherwise.
pub(crate) fn interpret<T: DeserializeOwned>(
    api: &'static str,
    response: &VerifiedResponse,
) -> Result<T, ClientError> {
    let malformed = |reason: String| {
        ClientError::Protocol(ProtocolError::Body {
            api,
            status: response.status,
            reason,
        })
    };
    let envelope: Envelope = serde_json::from_slice(&response.body)
        .map_err(|err| malformed(format!("no valid result object: {err}")))?;
    let result = envelope.result;
    if result.result_status != ResultStatus::Success {
        return Err(ClientError::Api(ApiFailure::new(
            shown(&result.result_code),
            result.result_status,
            shown(&result.result_message),
        )));
    }
    serde_json::from_slice(&response.body).map_err(|err| malformed(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use authcode_core::UserInfo;
    use authcode_signing::SigningKey;
    use authcode_wire::{InquiryUserInfoResponse, ResultCode};
    use reqwest::header::HeaderValue;
    use std::time::{Duration, UNIX_EPOCH};

    /// Keys made once per test run, as PEM (generating RSA keys takes a while).
    fn pem(which: usize) -> &'static str {
        static KEYS: std::sync::OnceLock<[String; 2]> = std::sync::OnceLock::new();
        let keys = KEYS.get_or_init(|| {
            [(); 2].map(|()| SigningKey::generate().unwrap().to_pkcs8_pem().to_string())
        });
        &keys[which]
    }

    fn wallet_key() -> &'static str {
        pem(0)
    }

    fn merchant_key() -> &'static str {
        pem(1)
    }
    const PATH: &str = "/v1/users/inquiryUserInfo";

    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_769_848_200)
    }

    fn signed(key_pem: &str, client_id: &str, time: SystemTime, body: &[u8]) -> HeaderMap {
        let key = SigningKey::from_pkcs8_pem(key_pem).unwrap();
        let time = authcode_wire::time::format(time).unwrap();
        let message = Message {
            method: "POST",
            path: PATH,
            client_id,
            time: &time,
            body,
        };
        let mut headers = HeaderMap::new();
        headers.insert(CLIENT_ID, HeaderValue::from_str(client_id).unwrap());
        headers.insert(RESPONSE_TIME, HeaderValue::from_str(&time).unwrap());
        let signature = message.sign(&key, 1).unwrap().to_string();
        headers.insert(SIGNATURE, HeaderValue::from_str(&signature).unwrap());
        headers
    }

    fn check(headers: &HeaderMap, body: &[u8]) -> Result<VerifiedResponse, ClientError> {
        let wallet_key = SigningKey::from_pkcs8_pem(wallet_key())
            .unwrap()
            .verifying_key();
        let mut wallet_keys = WalletKeys::default();
        wallet_keys.insert(1, wallet_key);
        let expected = Expected {
            method: "POST",
            uri: PATH,
            client_id: "merchant",
            wallet_keys: &wallet_keys,
            now: now(),
        };
        verify(&expected, 200, headers, body.to_vec())
    }

    const SUCCESS: &[u8] = br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"userInfo":{"userId":"2088001"}}"#;

    #[test]
    fn a_signed_response_is_accepted_and_read() {
        let headers = signed(wallet_key(), "merchant", now(), SUCCESS);
        let response = check(&headers, SUCCESS).unwrap();
        let parsed: InquiryUserInfoResponse<UserInfo> =
            interpret("inquiryUserInfo", &response).unwrap();
        assert_eq!(
            parsed.user_info.unwrap().user_id.as_deref(),
            Some("2088001")
        );
    }

    #[test]
    fn unsigned_tampered_or_foreign_responses_are_refused() {
        let good = signed(wallet_key(), "merchant", now(), SUCCESS);

        let mut unsigned = good.clone();
        unsigned.remove(SIGNATURE);
        assert!(matches!(
            check(&unsigned, SUCCESS),
            Err(ClientError::ResponseSignature(SignatureError::Missing))
        ));

        let tampered = br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"userInfo":{"userId":"2088002"}}"#;
        assert!(matches!(
            check(&good, tampered),
            Err(ClientError::ResponseSignature(SignatureError::Mismatch))
        ));

        // Signed by the merchant's own key instead of the wallet's.
        let forged = signed(merchant_key(), "merchant", now(), SUCCESS);
        assert!(matches!(
            check(&forged, SUCCESS),
            Err(ClientError::ResponseSignature(SignatureError::Mismatch))
        ));

        let other_client = signed(wallet_key(), "other", now(), SUCCESS);
        let err = chain(&check(&other_client, SUCCESS).unwrap_err());
        assert!(err.contains("for client \"other\""), "{err}");

        let stale = signed(
            wallet_key(),
            "merchant",
            now() - Duration::from_secs(600),
            SUCCESS,
        );
        let err = chain(&check(&stale, SUCCESS).unwrap_err());
        assert!(err.contains("more than 5 minutes"), "{err}");

        let mut no_time = good.clone();
        no_time.remove(RESPONSE_TIME);
        let err = chain(&check(&no_time, SUCCESS).unwrap_err());
        assert!(err.contains("Response-Time header is missing"), "{err}");
    }

    /// The error and its sources, as a log line would show them.
    fn chain(err: &dyn std::error::Error) -> String {
        let mut text = err.to_string();
        let mut source = err.source();
        while let Some(err) = source {
            text.push_str(": ");
            text.push_str(&err.to_string());
            source = err.source();
        }
        text
    }

    #[test]
    fn failures_carry_the_result_even_for_unknown_codes() {
        let response = VerifiedResponse {
            status: 200,
            body: br#"{"result":{"resultCode":"USED_CODE","resultStatus":"F","resultMessage":"used"}}"#.to_vec(),
        };
        let err =
            interpret::<InquiryUserInfoResponse<UserInfo>>("applyToken", &response).unwrap_err();
        assert_eq!(err.result_code(), Some(ResultCode::UsedCode));

        let response = VerifiedResponse {
            status: 200,
            body: br#"{"result":{"resultCode":"SYSTEM_BUSY","resultStatus":"U"}}"#.to_vec(),
        };
        match interpret::<InquiryUserInfoResponse<UserInfo>>("applyToken", &response) {
            Err(ClientError::Api(failure)) => {
                assert_eq!(failure.result_code, "SYSTEM_BUSY");
                assert_eq!(failure.result_status, ResultStatus::Unknown);
            }
            other => panic!("{other:?}"),
        }

        for bad in [
            &b"not json"[..],
            b"{}",
            br#"{"result":{"resultCode":"X","resultStatus":"Q"}}"#,
        ] {
            let response = VerifiedResponse {
                status: 200,
                body: bad.to_vec(),
            };
            assert!(matches!(
                interpret::<InquiryUserInfoResponse<UserInfo>>("applyToken", &response),
                Err(ClientError::Protocol(_))
            ));
        }
    }
}
