//! The HTTP headers of the OpenAPIs and the freshness of their times. The times themselves are
//! written and read by [`authcode_wire::time`].

use std::time::{Duration, SystemTime};

/// `Client-Id`: the merchant's client ID, on every request and echoed on every response.
/// (Header names are case-insensitive; they are written in lower case, as HTTP/2 requires.)
pub const CLIENT_ID: &str = "client-id";
/// `Request-Time`: when the request was signed, ISO 8601 with an offset.
pub const REQUEST_TIME: &str = "request-time";
/// `Response-Time`: when the response was signed, ISO 8601 with an offset.
pub const RESPONSE_TIME: &str = "response-time";
/// `Signature`: `algorithm=RSA256, keyVersion=1, signature=<value>`.
pub const SIGNATURE: &str = "signature";
/// The `Content-Type` of every request and response body.
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=UTF-8";

/// How far a `Request-Time` may be from the server's clock, either way: a captured request
/// cannot be replayed after this, and an honest merchant's clock is never this far off.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(5 * 60);

/// The largest request body the server reads; the OpenAPI bodies are a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// `true` when `time` is within [`MAX_CLOCK_SKEW`] of `now`, before or after.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use authcode_signing::is_fresh;
/// let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
/// assert!(is_fresh(now - Duration::from_secs(300), now));
/// assert!(!is_fresh(now - Duration::from_secs(301), now));
/// assert!(!is_fresh(now + Duration::from_secs(301), now));
/// ```
pub fn is_fresh(time: SystemTime, now: SystemTime) -> bool {
    let distance = match time.duration_since(now) {
        Ok(ahead) => ahead,
        Err(behind) => behind.duration(),
    };
    distance <= MAX_CLOCK_SKEW
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn freshness_is_symmetric_and_inclusive() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert!(is_fresh(now, now));
        assert!(is_fresh(now + MAX_CLOCK_SKEW, now));
        assert!(is_fresh(now - MAX_CLOCK_SKEW, now));
        assert!(!is_fresh(
            now + MAX_CLOCK_SKEW + Duration::from_nanos(1),
            now
        ));
        assert!(!is_fresh(UNIX_EPOCH, now));
    }
}
