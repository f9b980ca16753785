//! One attempt: the signed request sent, and the response read up to the size limit and then
//! verified.

use std::net::IpAddr;
use std::time::Duration;

use authcode_signing::{CLIENT_ID, JSON_CONTENT_TYPE, Message, REQUEST_TIME, SIGNATURE};
use reqwest::Url;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};

use crate::response::{self, Expected, VerifiedResponse};
use crate::{ClientError, ConfigError, MerchantClient, TransportError};

/// The HTTP client: timeouts on the whole exchange, no redirects (the signature covers the
/// URI it was made for), and no environment proxy for a local emulator.
pub(crate) fn http_client(
    base: &Url,
    timeout: Duration,
    connect_timeout: Duration,
) -> reqwest::Result<reqwest::Client> {
    let mut http = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none());
    if is_loopback(base) {
        http = http.no_proxy();
    }
    http.build()
}

/// One signed request and the verification of its response.
pub(crate) async fn send<W>(
    client: &MerchantClient<W>,
    url: &Url,
    body: &[u8],
) -> Result<VerifiedResponse, ClientError> {
    let time = authcode_wire::time::format(client.clock.now())
        .map_err(|_| ClientError::Config(ConfigError::Clock))?;
    // The signed URI is the path with its query, as the OpenAPI signing rules say.
    let uri = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let message = Message {
        method: "POST",
        path: &uri,
        client_id: &client.client_id,
        time: &time,
        body,
    };
    // RSA signing is CPU work of a millisecond or two; not worth a blocking thread.
    let signature = message
        .sign(&client.merchant_key, client.merchant_key_version)
        .map_err(ClientError::Signing)?;
    let mut response = client
        .http
        .post(url.clone())
        .header(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE))
        .header(CLIENT_ID, &client.client_id)
        .header(REQUEST_TIME, &time)
        .header(SIGNATURE, signature.to_string())
        .body(body.to_vec())
        .send()
        .await
        .map_err(|err| ClientError::Transport(TransportError::new(err)))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let limit = client.max_response_bytes;
    let too_large = || ClientError::ResponseTooLarge { limit };
    // A declared length over the limit is refused before reading anything.
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(declared.map_or(0, |length| length as usize).min(limit));
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|err| ClientError::Transport(TransportError::new(err)))?
    {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    let expected = Expected {
        method: "POST",
        uri: &uri,
        client_id: &client.client_id,
        wallet_keys: &client.wallet_keys,
        now: client.clock.now(),
    };
    response::verify(&expected, status, &headers, body)
}

fn is_loopback(url: &Url) -> bool {
    match url.host_str() {
        Some(host) if host.eq_ignore_ascii_case("localhost") => true,
        // IPv6 hosts come bracketed: `[::1]`.
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}
