//! Accepting a response from the wallet: first its signature (mandatory: a response without
//! one is refused, never trusted), then its `result`.

use std::fmt;
use std::time::SystemTime;

use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::client::{ApiFailure, ClientError};
use crate::flow::ResultStatus;
use crate::openapi::{
    self, CLIENT_ID, MAX_CLOCK_SKEW, Message, RESPONSE_TIME, SIGNATURE, SignatureError,
    VerifyingKey,
};

/// A response whose signature has been verified with the wallet's key.
///
/// `Debug` shows the body's length, not its bytes: an applyToken body carries tokens.
///
/// ```
/// use authcode_runtime::client::VerifiedResponse;
///
/// let response = VerifiedResponse { status: 200, body: br#"{"accessToken":"s3cret"}"#.to_vec() };
/// assert_eq!(format!("{response:?}"), "VerifiedResponse { status: 200, body: <24 bytes> }");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body, byte for byte as signed.
    pub body: Vec<u8>,
}

impl fmt::Debug for VerifiedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedResponse")
            .field("status", &self.status)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// What the response is checked against: the request it answers.
pub(crate) struct Expected<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) client_id: &'a str,
    pub(crate) wallet_key: &'a VerifyingKey,
    pub(crate) now: SystemTime,
}

/// Checks the response's signature over `<METHOD> <path>\n<Client-Id>.<Response-Time>.<body>`
/// with our own client ID (a response echoing another client's ID is refused), and that its
/// `Response-Time` is within [`MAX_CLOCK_SKEW`] of `now`.
pub(crate) fn verify(
    expected: &Expected<'_>,
    status: u16,
    headers: &HeaderMap,
    body: Vec<u8>,
) -> Result<VerifiedResponse, ClientError> {
    let text = |name: &str| -> Result<Option<&str>, ClientError> {
        headers
            .get(name)
            .map(|value| {
                value
                    .to_str()
                    .map(str::trim)
                    .map_err(|_| ClientError::Protocol(format!("the {name} header is not ASCII")))
            })
            .transpose()
    };
    // The signature comes first: nothing about an unsigned response is worth reporting but
    // that it is unsigned (an HTTP status or a body could be anyone's).
    let signature =
        text(SIGNATURE)?.ok_or(ClientError::ResponseSignature(SignatureError::Missing))?;
    if let Some(echoed) = text(CLIENT_ID)?
        && echoed != expected.client_id
    {
        return Err(ClientError::Protocol(format!(
            "the response is for client {echoed:?}, not {:?}",
            expected.client_id
        )));
    }
    let time = text(RESPONSE_TIME)?
        .ok_or_else(|| ClientError::Protocol("the Response-Time header is missing".to_owned()))?;
    let message = Message {
        method: expected.method,
        path: expected.path,
        client_id: expected.client_id,
        time,
        body: &body,
    };
    message
        .verify(expected.wallet_key, Some(signature))
        .map_err(ClientError::ResponseSignature)?;
    let sent = openapi::parse_time(time)
        .map_err(|err| ClientError::Protocol(format!("Response-Time: {err}")))?;
    if !openapi::is_fresh(sent, expected.now) {
        return Err(ClientError::Protocol(format!(
            "Response-Time {time} is more than {} minutes from this client's clock",
            MAX_CLOCK_SKEW.as_secs() / 60
        )));
    }
    Ok(VerifiedResponse { status, body })
}

/// The `result` object, read leniently: the code as text, so that codes this crate does not
/// know are reported rather than turned into a parse error.
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

/// The response body as `T` when its `result` is a success (`resultStatus` `S`), an
/// [`ApiFailure`] otherwise.
pub(crate) fn interpret<T: DeserializeOwned>(
    api: &str,
    response: &VerifiedResponse,
) -> Result<T, ClientError> {
    let envelope: Envelope = serde_json::from_slice(&response.body).map_err(|err| {
        ClientError::Protocol(format!(
            "the {api} response (HTTP {}) has no valid result object: {err}",
            response.status
        ))
    })?;
    let result = envelope.result;
    if result.result_status != ResultStatus::Success {
        return Err(ClientError::Api(ApiFailure::new(
            result.result_code,
            result.result_status,
            result.result_message,
        )));
    }
    serde_json::from_slice(&response.body)
        .map_err(|err| ClientError::Protocol(format!("malformed {api} response: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{InquiryUserInfoResponse, ResultCode};
    use crate::openapi::{SigningKey, format_time};
    use reqwest::header::HeaderValue;
    use std::time::{Duration, UNIX_EPOCH};

    const WALLET_KEY: &str = include_str!("../../tests/fixtures/test-wallet.key.pem");
    const MERCHANT_KEY: &str = include_str!("../../tests/fixtures/test-merchant.key.pem");
    const PATH: &str = "/v1/users/inquiryUserInfo";

    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_769_848_200)
    }

    fn signed(key_pem: &str, client_id: &str, time: SystemTime, body: &[u8]) -> HeaderMap {
        let key = SigningKey::from_pkcs8_pem(key_pem).unwrap();
        let time = format_time(time).unwrap();
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
        let signature = message.sign(&key).unwrap().to_string();
        headers.insert(SIGNATURE, HeaderValue::from_str(&signature).unwrap());
        headers
    }

    fn check(headers: &HeaderMap, body: &[u8]) -> Result<VerifiedResponse, ClientError> {
        let wallet_key = SigningKey::from_pkcs8_pem(WALLET_KEY)
            .unwrap()
            .verifying_key();
        let expected = Expected {
            method: "POST",
            path: PATH,
            client_id: "merchant",
            wallet_key: &wallet_key,
            now: now(),
        };
        verify(&expected, 200, headers, body.to_vec())
    }

    const SUCCESS: &[u8] = br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"userInfo":{"userId":"2088001"}}"#;

    #[test]
    fn a_signed_response_is_accepted_and_read() {
        let headers = signed(WALLET_KEY, "merchant", now(), SUCCESS);
        let response = check(&headers, SUCCESS).unwrap();
        let parsed: InquiryUserInfoResponse = interpret("inquiryUserInfo", &response).unwrap();
        assert_eq!(
            parsed.user_info.unwrap().user_id.as_deref(),
            Some("2088001")
        );
    }

    #[test]
    fn unsigned_tampered_or_foreign_responses_are_refused() {
        let good = signed(WALLET_KEY, "merchant", now(), SUCCESS);

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
        let forged = signed(MERCHANT_KEY, "merchant", now(), SUCCESS);
        assert!(matches!(
            check(&forged, SUCCESS),
            Err(ClientError::ResponseSignature(SignatureError::Mismatch))
        ));

        let other_client = signed(WALLET_KEY, "other", now(), SUCCESS);
        let err = check(&other_client, SUCCESS).unwrap_err();
        assert!(err.to_string().contains("for client \"other\""), "{err}");

        let stale = signed(
            WALLET_KEY,
            "merchant",
            now() - Duration::from_secs(600),
            SUCCESS,
        );
        let err = check(&stale, SUCCESS).unwrap_err();
        assert!(err.to_string().contains("more than 5 minutes"), "{err}");

        let mut no_time = good.clone();
        no_time.remove(RESPONSE_TIME);
        let err = check(&no_time, SUCCESS).unwrap_err();
        assert!(
            err.to_string().contains("Response-Time header is missing"),
            "{err}"
        );
    }

    #[test]
    fn failures_carry_the_result_even_for_unknown_codes() {
        let response = VerifiedResponse {
            status: 200,
            body: br#"{"result":{"resultCode":"USED_CODE","resultStatus":"F","resultMessage":"used"}}"#.to_vec(),
        };
        let err = interpret::<InquiryUserInfoResponse>("applyToken", &response).unwrap_err();
        assert_eq!(err.result_code(), Some(ResultCode::UsedCode));

        let response = VerifiedResponse {
            status: 200,
            body: br#"{"result":{"resultCode":"SYSTEM_BUSY","resultStatus":"U"}}"#.to_vec(),
        };
        match interpret::<InquiryUserInfoResponse>("applyToken", &response) {
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
                interpret::<InquiryUserInfoResponse>("applyToken", &response),
                Err(ClientError::Protocol(_))
            ));
        }
    }
}
