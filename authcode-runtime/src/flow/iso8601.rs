//! serde for the `...ExpiryTime` fields: a [`SystemTime`] on the Rust side, an ISO 8601 date
//! and time on the wire.
//!
//! Written out in UTC to the second (`2026-01-31T08:30:00Z`), as the Alipay+ examples carry no
//! fractions; read back from any RFC 3339 form (any offset, optional fractions), the ISO 8601
//! profile that Alipay+ uses (`2019-06-06T12:12:12+08:00`).

use std::time::SystemTime;

use serde::{Deserialize, Deserializer, Serializer, de};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// `time` as ISO 8601 in UTC, to the second, or an error for times that format cannot hold
/// (before year 0 or after 9999).
pub(crate) fn format(time: SystemTime) -> Result<String, String> {
    // Whole seconds since the epoch, negative before it; `From<SystemTime>` would panic on
    // times out of its range, this reports them.
    let seconds = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).ok(),
        Err(before) => {
            let before = before.duration();
            let secs = before.as_secs() + u64::from(before.subsec_nanos() > 0);
            i64::try_from(secs).ok().map(|secs| -secs)
        }
    };
    seconds
        .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
        .and_then(|utc| utc.format(&Rfc3339).ok())
        .ok_or_else(|| format!("{time:?} is out of the range of ISO 8601 dates (years 0 to 9999)"))
}

/// An RFC 3339 date and time.
pub(crate) fn parse(text: &str) -> Result<SystemTime, String> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map(SystemTime::from)
        .map_err(|err| format!("{text:?} is not an ISO 8601 date and time: {err}"))
}

pub(crate) fn serialize<S: Serializer>(
    time: &SystemTime,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let text = format(*time).map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<SystemTime, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).map_err(de::Error::custom)
}

/// The same for `Option<SystemTime>` fields (absent or `null` is `None`).
pub(crate) mod option {
    use super::*;

    /// A present time, in its wire form.
    struct Wire(SystemTime);

    impl serde::Serialize for Wire {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::serialize(&self.0, serializer)
        }
    }

    impl<'de> Deserialize<'de> for Wire {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Wire, D::Error> {
            super::deserialize(deserializer).map(Wire)
        }
    }

    pub(crate) fn serialize<S: Serializer>(
        time: &Option<SystemTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer.serialize_some(&Wire(*time)),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<SystemTime>, D::Error> {
        Ok(Option::<Wire>::deserialize(deserializer)?.map(|wire| wire.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn formats_utc_to_the_second() {
        let time = UNIX_EPOCH + Duration::new(1_769_848_200, 999_999_999);
        assert_eq!(format(time).unwrap(), "2026-01-31T08:30:00Z");
        assert_eq!(format(UNIX_EPOCH).unwrap(), "1970-01-01T00:00:00Z");
        // Before the epoch, the fraction rounds down to the earlier second too.
        assert_eq!(
            format(UNIX_EPOCH - Duration::from_millis(500)).unwrap(),
            "1969-12-31T23:59:59Z"
        );
    }

    #[test]
    fn times_out_of_range_are_errors_not_panics() {
        let far = UNIX_EPOCH + Duration::from_secs(400_000_000_000);
        let err = format(far).unwrap_err();
        assert!(err.contains("out of the range"), "{err}");
    }

    #[test]
    fn parses_offsets_and_fractions() {
        assert_eq!(
            parse("2019-06-06T12:12:12+08:00").unwrap(),
            parse("2019-06-06T04:12:12Z").unwrap()
        );
        assert_eq!(
            parse("1970-01-01T00:00:01.5Z").unwrap(),
            UNIX_EPOCH + Duration::from_millis(1500)
        );
    }

    #[test]
    fn rejects_what_is_not_a_date_and_time() {
        for bad in [
            "",
            "2019-06-06",
            "2019-13-01T00:00:00Z",
            "yesterday",
            "2019-06-06 12:12:12",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(err.contains("is not an ISO 8601 date and time"), "{err}");
        }
    }

    #[test]
    fn round_trips_whole_seconds() {
        for secs in [0, 1, 951_782_400, 4_102_444_799] {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(parse(&format(time).unwrap()).unwrap(), time);
        }
    }
}
