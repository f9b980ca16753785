//! Checking an OpenAPI request before anything acts on it: who sent it, when, and whether the
//! signature covers exactly what arrived. Nothing here touches the flow's state, so a
//! rejected request changes nothing.

use std::collections::{BTreeMap, HashMap};
use std::time::SystemTime;

use authcode_signing::{
    CLIENT_ID, MAX_CLOCK_SKEW, Message, REQUEST_TIME, SIGNATURE, SignatureError, SignatureHeader,
    VerifyingKey, is_fresh,
};
use authcode_wire::{ResultCode, shown};
use axum::http::{HeaderMap, header};

/// The longest `resultMessage` the server writes, in characters.
pub(crate) const MAX_MESSAGE_CHARS: usize = 300;

/// A request refused before reaching the flow: the `result` to answer (with HTTP 200, the
/// OpenAPI convention for every business outcome).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Rejection {
    pub(crate) code: ResultCode,
    pub(crate) message: String,
}

impl Rejection {
    /// A rejection with `code` and `message`, the message cut to [`MAX_MESSAGE_CHARS`]: parts
    /// of it come from the request (a JSON error quotes the value it met).
    pub(crate) fn new(code: ResultCode, message: impl Into<String>) -> Rejection {
        let mut message = message.into();
        if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
            message.truncate(cut);
            message.push('…');
        }
        Rejection { code, message }
    }
}

/// The request as it arrived, body read in full. `uri` is the path with its query, as the
/// signature covers it.
pub(crate) struct Incoming<'a> {
    pub(crate) method: &'a str,
    pub(crate) uri: &'a str,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
}

/// The merchants' public keys, by client ID and key version. During a rollover a client has
/// two versions live; a request names its version in the `Signature` header, or gets the
/// latest.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClientKeys(HashMap<String, BTreeMap<u32, VerifyingKey>>);

impl ClientKeys {
    pub(crate) fn insert(&mut self, client_id: String, version: u32, key: VerifyingKey) {
        self.0.entry(client_id).or_default().insert(version, key);
    }

    /// Forgets one key; `true` when there was one. A client left without keys is forgotten
    /// too, so that its requests are told apart as unkeyed (`KEY_NOT_FOUND` or
    /// `INVALID_CLIENT`).
    pub(crate) fn remove(&mut self, client_id: &str, version: u32) -> bool {
        let Some(versions) = self.0.get_mut(client_id) else {
            return false;
        };
        let removed = versions.remove(&version).is_some();
        if versions.is_empty() {
            self.0.remove(client_id);
        }
        removed
    }

    pub(crate) fn versions_of(&self, client_id: &str) -> Vec<u32> {
        self.versions(client_id)
            .map(|versions| versions.keys().copied().collect())
            .unwrap_or_default()
    }

    pub(crate) fn client_ids(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    fn versions(&self, client_id: &str) -> Option<&BTreeMap<u32, VerifyingKey>> {
        self.0.get(client_id)
    }
}

/// Why a request was not verified.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// The wallet holds no key for this client: unregistered (`INVALID_CLIENT`) or
    /// registered without a key (`KEY_NOT_FOUND`), which only the flow's store can tell.
    NoKey(String),
    /// Any other defect, with its answer.
    Rejected(Rejection),
}

impl From<Rejection> for Refused {
    fn from(rejection: Rejection) -> Refused {
        Refused::Rejected(rejection)
    }
}

/// Verifies `request` at time `now`; returns the authenticated client ID.
pub(crate) fn verify(
    keys: &ClientKeys,
    request: &Incoming<'_>,
    now: SystemTime,
) -> Result<String, Refused> {
    if let Some(content_type) = header_text(request.headers, header::CONTENT_TYPE.as_str())? {
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        if !media_type.eq_ignore_ascii_case("application/json") {
            return Err(Rejection::new(
                ResultCode::ParamIllegal,
                format!(
                    "Content-Type must be {}, not {}",
                    authcode_signing::JSON_CONTENT_TYPE,
                    shorten(content_type)
                ),
            )
            .into());
        }
    }

    let client_id = header_text(request.headers, CLIENT_ID)?
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            Rejection::new(ResultCode::InvalidClient, "the Client-Id header is missing")
        })?;
    let Some(versions) = keys.versions(client_id) else {
        return Err(Refused::NoKey(client_id.to_owned()));
    };

    let time = header_text(request.headers, REQUEST_TIME)?.ok_or_else(|| {
        Rejection::new(
            ResultCode::ParamIllegal,
            "the Request-Time header is missing",
        )
    })?;
    let sent = authcode_wire::time::parse(time)
        .map_err(|err| Rejection::new(ResultCode::ParamIllegal, format!("Request-Time: {err}")))?;
    // Checked before the signature: a replayed old request is refused without RSA work.
    if !is_fresh(sent, now) {
        return Err(Rejection::new(
            ResultCode::InvalidSignature,
            format!(
                "Request-Time {} is more than {} minutes from the wallet's clock ({}); sign \
                 each request when sending it, with a synchronised clock",
                shorten(time),
                MAX_CLOCK_SKEW.as_secs() / 60,
                authcode_wire::time::format(now).unwrap_or_default()
            ),
        )
        .into());
    }

    let signature = header_text(request.headers, SIGNATURE)?;
    let invalid = |why: String| Rejection::new(ResultCode::InvalidSignature, why);
    let parsed = signature
        .map(SignatureHeader::parse)
        .transpose()
        .map_err(|err| invalid(err.to_string()))?;
    // The version the header names, or the latest when it names none.
    let key = match parsed.as_ref().and_then(|header| header.key_version) {
        Some(version) => versions.get(&version).ok_or_else(|| {
            Rejection::new(
                ResultCode::KeyNotFound,
                format!(
                    "the wallet has no key version {version} for client {}",
                    shorten(client_id)
                ),
            )
        })?,
        None => versions
            .last_key_value()
            .map(|(_, key)| key)
            .ok_or_else(|| Refused::NoKey(client_id.to_owned()))?,
    };
    let message = Message {
        method: request.method,
        path: request.uri,
        client_id,
        time,
        body: request.body,
    };
    message.verify(key, signature).map_err(|err| {
        invalid(match err {
            SignatureError::Missing => "the Signature header is missing".to_owned(),
            SignatureError::Malformed(err) => err.to_string(),
            SignatureError::Mismatch => format!(
                "the signature does not match the request (the signed content is \
                 \"{} {}\\n<Client-Id>.<Request-Time>.<body>\", body byte for byte)",
                request.method,
                shorten(request.uri)
            ),
        })
    })?;
    Ok(client_id.to_owned())
}

/// The value of header `name` as text; `None` when absent. A header repeated or not
/// visible ASCII is a rejection: it cannot be the one that was signed.
fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, Rejection> {
    let mut values = headers.get_all(name).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(Rejection::new(
            ResultCode::ParamIllegal,
            format!("the {name} header appears more than once"),
        ));
    }
    value.to_str().map(|text| Some(text.trim())).map_err(|_| {
        Rejection::new(
            ResultCode::ParamIllegal,
            format!("the {name} header is not visible ASCII"),
        )
    })
}

/// A caller-supplied value for messages and logs: quoted, at most 64 characters.
pub(crate) fn shorten(text: &str) -> String {
    format!("{:?}", shown(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use authcode_signing::{JSON_CONTENT_TYPE, SigningKey};
    use axum::http::HeaderValue;
    use std::time::{Duration, UNIX_EPOCH};

    const BODY: &[u8] = br#"{"accessToken":"at"}"#;
    const PATH: &str = "/v1/users/inquiryUserInfo";

    /// The merchant's key, made once per test run (RSA key generation takes a while).
    fn merchant_key() -> SigningKey {
        static PEM: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let pem = PEM.get_or_init(|| SigningKey::generate().unwrap().to_pkcs8_pem().to_string());
        SigningKey::from_pkcs8_pem(pem).unwrap()
    }

    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_769_848_200)
    }

    fn keys() -> ClientKeys {
        let mut keys = ClientKeys::default();
        keys.insert("merchant".to_owned(), 1, merchant_key().verifying_key());
        keys
    }

    /// The headers of a correctly signed request from `merchant` sent at `sent`.
    fn signed_headers(sent: SystemTime, body: &[u8]) -> HeaderMap {
        let time = authcode_wire::time::format(sent).unwrap();
        let message = Message {
            method: "POST",
            path: PATH,
            client_id: "merchant",
            time: &time,
            body,
        };
        let mut headers = HeaderMap::new();
        headers.insert(CLIENT_ID, HeaderValue::from_static("merchant"));
        headers.insert(REQUEST_TIME, HeaderValue::from_str(&time).unwrap());
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(JSON_CONTENT_TYPE),
        );
        let signature = message.sign(&merchant_key(), 1).unwrap().to_string();
        headers.insert(SIGNATURE, HeaderValue::from_str(&signature).unwrap());
        headers
    }

    fn check(headers: &HeaderMap, body: &[u8]) -> Result<String, Refused> {
        let request = Incoming {
            method: "POST",
            uri: PATH,
            headers,
            body,
        };
        verify(&keys(), &request, now())
    }

    #[test]
    fn a_correctly_signed_request_is_accepted() {
        let headers = signed_headers(now(), BODY);
        assert_eq!(check(&headers, BODY).unwrap(), "merchant");
        // Within the allowed skew, either way.
        for skew in [-299i64, 299] {
            let sent = now().checked_add_signed_secs(skew);
            assert!(check(&signed_headers(sent, BODY), BODY).is_ok(), "{skew}");
        }
    }

    #[test]
    fn a_client_without_keys_is_left_to_the_store() {
        let headers = with(&signed_headers(now(), BODY), CLIENT_ID, "stranger");
        assert_eq!(
            check(&headers, BODY),
            Err(Refused::NoKey("stranger".to_owned()))
        );
    }

    #[test]
    fn a_key_version_is_checked_with_that_key_or_refused() {
        let mut keys = keys();
        let other = SigningKey::generate().unwrap();
        keys.insert("merchant".to_owned(), 2, other.verifying_key());
        let request = |headers| Incoming {
            method: "POST",
            uri: PATH,
            headers,
            body: BODY,
        };
        // Version 1 names the merchant's key; the header without a version gets the latest
        // (2, another key), so the same signature fails.
        let headers = signed_headers(now(), BODY);
        assert!(verify(&keys, &request(&headers), now()).is_ok());
        let signature = headers[SIGNATURE]
            .to_str()
            .unwrap()
            .replace("keyVersion=1, ", "");
        let unversioned = with(&headers, SIGNATURE, &signature);
        let (code, _) = code_and_message(verify(&keys, &request(&unversioned), now()));
        assert_eq!(code, ResultCode::InvalidSignature);
        let v3 = with(
            &headers,
            SIGNATURE,
            &headers[SIGNATURE]
                .to_str()
                .unwrap()
                .replace("keyVersion=1", "keyVersion=3"),
        );
        let (code, message) = code_and_message(verify(&keys, &request(&v3), now()));
        assert_eq!(code, ResultCode::KeyNotFound);
        assert!(message.contains("no key version 3"), "{message}");
    }

    #[test]
    fn each_defect_has_its_result_code() {
        let good = signed_headers(now(), BODY);
        let cases: Vec<(HeaderMap, &[u8], ResultCode, &str)> = vec![
            (
                without(&good, CLIENT_ID),
                BODY,
                ResultCode::InvalidClient,
                "missing",
            ),
            (
                without(&good, REQUEST_TIME),
                BODY,
                ResultCode::ParamIllegal,
                "Request-Time header is missing",
            ),
            (
                with(&good, REQUEST_TIME, "yesterday"),
                BODY,
                ResultCode::ParamIllegal,
                "not an ISO 8601",
            ),
            (
                without(&good, SIGNATURE),
                BODY,
                ResultCode::InvalidSignature,
                "Signature header is missing",
            ),
            (
                with(&good, SIGNATURE, "algorithm=RSA256"),
                BODY,
                ResultCode::InvalidSignature,
                "signature field is missing",
            ),
            (
                good.clone(),
                br#"{"accessToken":"au"}"#,
                ResultCode::InvalidSignature,
                "does not match",
            ),
            (
                good.clone(),
                b"",
                ResultCode::InvalidSignature,
                "does not match",
            ),
            (
                with(&good, "content-type", "text/plain"),
                BODY,
                ResultCode::ParamIllegal,
                "Content-Type",
            ),
        ];
        for (headers, body, code, message) in cases {
            let (got_code, got_message) = code_and_message(check(&headers, body));
            assert_eq!(got_code, code, "{got_message}");
            assert!(got_message.contains(message), "{got_message} !~ {message}");
        }
    }

    #[test]
    fn stale_or_future_request_times_are_refused() {
        for skew in [-301i64, 301, -86_400] {
            let headers = signed_headers(now().checked_add_signed_secs(skew), BODY);
            let (code, message) = code_and_message(check(&headers, BODY));
            assert_eq!(code, ResultCode::InvalidSignature);
            assert!(message.contains("more than 5 minutes"), "{message}");
        }
    }

    #[test]
    fn repeated_or_binary_headers_are_refused() {
        let mut headers = signed_headers(now(), BODY);
        headers.append(
            SIGNATURE,
            HeaderValue::from_static("algorithm=RSA256, signature=AA%3D%3D"),
        );
        let (code, message) = code_and_message(check(&headers, BODY));
        assert_eq!(code, ResultCode::ParamIllegal);
        assert!(message.contains("more than once"), "{message}");

        let headers = {
            let mut headers = signed_headers(now(), BODY);
            headers.insert(CLIENT_ID, HeaderValue::from_bytes(b"merch\xffant").unwrap());
            headers
        };
        let (code, _) = code_and_message(check(&headers, BODY));
        assert_eq!(code, ResultCode::ParamIllegal);
    }

    #[test]
    fn caller_supplied_values_are_cut_short_in_messages() {
        let long = "x".repeat(10_000);
        // An unknown client's ID travels on to the store lookup; the message that names it is
        // written there, through `shorten`.
        let Err(Refused::NoKey(client)) =
            check(&with(&signed_headers(now(), BODY), CLIENT_ID, &long), BODY)
        else {
            panic!("an unknown client")
        };
        assert!(shorten(&client).len() < 200, "{}", shorten(&client).len());
        let headers = with(&signed_headers(now(), BODY), REQUEST_TIME, &long);
        let (_, message) = code_and_message(check(&headers, BODY));
        assert!(message.len() < 200, "{}", message.len());
    }

    fn code_and_message(result: Result<String, Refused>) -> (ResultCode, String) {
        match result {
            Err(Refused::Rejected(rejection)) => (rejection.code, rejection.message),
            other => panic!("not a rejection: {other:?}"),
        }
    }

    fn with(headers: &HeaderMap, name: &'static str, value: &str) -> HeaderMap {
        let mut headers = headers.clone();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        headers
    }

    fn without(headers: &HeaderMap, name: &str) -> HeaderMap {
        let mut headers = headers.clone();
        headers.remove(name);
        headers
    }

    trait AddSigned {
        fn checked_add_signed_secs(self, secs: i64) -> SystemTime;
    }

    impl AddSigned for SystemTime {
        fn checked_add_signed_secs(self, secs: i64) -> SystemTime {
            let by = Duration::from_secs(secs.unsigned_abs());
            if secs >= 0 { self + by } else { self - by }
        }
    }
}
