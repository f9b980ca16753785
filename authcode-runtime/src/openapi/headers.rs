//! The HTTP headers of the OpenAPIs and the form of their times.

use std::time::{Duration, SystemTime};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

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

/// `time` in the form of `Request-Time` and `Response-Time`: ISO 8601 to the second, in UTC
/// with an explicit `+00:00` offset. `None` for times outside the years 0 to 9999.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use authcode_runtime::openapi::format_time;
///
/// let time = UNIX_EPOCH + Duration::from_millis(1_769_848_200_750);
/// assert_eq!(format_time(time).as_deref(), Some("2026-01-31T08:30:00+00:00"));
/// ```
pub fn format_time(time: SystemTime) -> Option<String> {
    // Whole seconds, rounded down also before 1970; `OffsetDateTime::from(SystemTime)` would
    // panic out of range, this returns `None`.
    let seconds = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).ok()?,
        Err(before) => {
            let before = before.duration();
            -i64::try_from(before.as_secs() + u64::from(before.subsec_nanos() > 0)).ok()?
        }
    };
    let utc = OffsetDateTime::from_unix_timestamp(seconds).ok()?;
    if !(0..=9999).contains(&utc.year()) {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    ))
}

/// Reads a `Request-Time` or `Response-Time`: an ISO 8601 date and time with an offset (the
/// RFC 3339 profile, e.g. `2019-06-06T12:12:12+08:00` or `2019-06-06T04:12:12Z`; fractions of
/// a second allowed).
///
/// ```
/// use authcode_runtime::openapi::parse_time;
/// assert_eq!(parse_time("2019-06-06T12:12:12+08:00"), parse_time("2019-06-06T04:12:12Z"));
/// let err = parse_time("2019-06-06 12:12:12").unwrap_err();
/// assert!(err.contains("not an ISO 8601 date and time with an offset"), "{err}");
/// ```
pub fn parse_time(text: &str) -> Result<SystemTime, String> {
    let shown: String = text.chars().take(40).collect();
    OffsetDateTime::parse(text, &Rfc3339)
        .map(SystemTime::from)
        .map_err(|_| format!("{shown:?} is not an ISO 8601 date and time with an offset"))
}

/// `true` when `time` is within [`MAX_CLOCK_SKEW`] of `now`, before or after.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use authcode_runtime::openapi::is_fresh;
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
    fn formatted_times_parse_back_to_the_second() {
        for secs in [0u64, 1, 951_782_400, 1_769_848_200, 253_402_300_799] {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            let text = format_time(time).unwrap();
            assert!(text.ends_with("+00:00"), "{text}");
            assert_eq!(parse_time(&text).unwrap(), time);
        }
        assert_eq!(
            format_time(UNIX_EPOCH - Duration::from_millis(1)).as_deref(),
            Some("1969-12-31T23:59:59+00:00")
        );
    }

    #[test]
    fn out_of_range_times_are_none_not_panics() {
        assert_eq!(
            format_time(UNIX_EPOCH + Duration::from_secs(253_402_300_800)),
            None
        );
        assert_eq!(
            format_time(UNIX_EPOCH + Duration::from_secs(u64::MAX / 4)),
            None
        );
    }

    #[test]
    fn offsets_are_honoured() {
        let utc = parse_time("2026-01-31T00:30:00Z").unwrap();
        assert_eq!(parse_time("2026-01-31T08:30:00+08:00").unwrap(), utc);
        assert_eq!(parse_time("2026-01-30T19:30:00-05:00").unwrap(), utc);
    }

    #[test]
    fn malformed_times_are_errors() {
        for bad in [
            "",
            "now",
            "2026-01-31",
            "2026-01-31T08:30:00",
            "2026-02-30T00:00:00Z",
            "1769848200",
        ] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
        let err = parse_time(&"9".repeat(1000)).unwrap_err();
        assert!(err.len() < 120, "{err}");
    }
}
