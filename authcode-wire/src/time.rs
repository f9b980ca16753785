//! Times on the wire: ISO 8601 dates and times with an offset, the form of the OpenAPIs'
//! `Request-Time` / `Response-Time` headers and of the `...ExpiryTime` fields
//! (`2019-06-06T12:12:12+08:00` in the Alipay+ examples).
//!
//! Written out in UTC to the second, with a numeric offset as the documentation writes it
//! (`2026-01-31T08:30:00+00:00`); read back from any RFC 3339 form (any offset, `Z`, optional
//! fractions, a leap second).

use std::time::{Duration, SystemTime};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// How much of a rejected input an error message repeats: enough to recognise it, never a
/// whole megabyte header echoed back.
const SHOWN_CHARS: usize = 40;

/// A time that cannot be written as an ISO 8601 date: before year 0 or after year 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is out of the range of ISO 8601 dates (years 0 to 9999)")]
pub struct TimeOutOfRange(pub SystemTime);

/// Text that is not an ISO 8601 date and time with an offset.
///
/// ```
/// let err = authcode_wire::time::parse("yesterday").unwrap_err();
/// assert_eq!(err.to_string(), r#""yesterday" is not an ISO 8601 date and time with an offset"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{shown:?} is not an ISO 8601 date and time with an offset")]
pub struct InvalidTime {
    /// The start of the rejected text (at most 40 characters).
    pub shown: String,
}

/// `time` as the wire writes it: UTC, whole seconds (rounded down, also before 1970), `+00:00`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let time = UNIX_EPOCH + Duration::new(1_769_848_200, 999_999_999);
/// assert_eq!(authcode_wire::time::format(time)?, "2026-01-31T08:30:00+00:00");
/// # Ok::<(), authcode_wire::time::TimeOutOfRange>(())
/// ```
pub fn format(time: SystemTime) -> Result<String, TimeOutOfRange> {
    let seconds = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).ok(),
        Err(before) => {
            let before = before.duration();
            let whole = before.as_secs() + u64::from(before.subsec_nanos() > 0);
            i64::try_from(whole).ok().map(|secs| -secs)
        }
    };
    // `OffsetDateTime::from(SystemTime)` panics out of range; this reports it.
    let utc = seconds
        .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
        .filter(|utc| (0..=9999).contains(&utc.year()))
        .ok_or(TimeOutOfRange(time))?;
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    ))
}

/// Reads an RFC 3339 date and time (the ISO 8601 profile the OpenAPIs use).
///
/// A leap second (`23:59:60`) is read as the last instant of the second before it, as RFC 3339
/// allows a seconds value of 60 and [`SystemTime`] has no leap seconds.
///
/// ```
/// use authcode_wire::time::parse;
/// assert_eq!(parse("2019-06-06T12:12:12+08:00")?, parse("2019-06-06T04:12:12Z")?);
/// assert!(parse("2016-12-31T23:59:60Z")? < parse("2017-01-01T00:00:00Z")?);
/// # Ok::<(), authcode_wire::time::InvalidTime>(())
/// ```
pub fn parse(text: &str) -> Result<SystemTime, InvalidTime> {
    let invalid = || InvalidTime {
        shown: text.chars().take(SHOWN_CHARS).collect(),
    };
    match OffsetDateTime::parse(text, &Rfc3339) {
        Ok(time) => Ok(SystemTime::from(time)),
        Err(_) => {
            // `time` takes `:60` only at 23:59 UTC; RFC 3339's grammar takes it at any minute
            // (a leap second in another offset, or a clock that inserted it elsewhere). Read
            // as second 59, then moved to its last nanosecond.
            let leap = text.get(17..19) == Some("60") && text.get(16..17) == Some(":");
            if !leap {
                return Err(invalid());
            }
            let as_59 = format!("{}59{}", &text[..17], &text[19..]);
            let time = OffsetDateTime::parse(&as_59, &Rfc3339).map_err(|_| invalid())?;
            let last_nanosecond = Duration::from_nanos(999_999_999 - u64::from(time.nanosecond()));
            Ok(SystemTime::from(time) + last_nanosecond)
        }
    }
}

/// serde for a [`SystemTime`] field in its wire form, as `#[serde(with = "...")]` takes it.
pub mod serde_format {
    use std::time::SystemTime;

    use serde::{Deserialize, Deserializer, Serializer, de, ser};

    /// Writes the time with [`format`](super::format).
    pub fn serialize<S: Serializer>(time: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
        let text = super::format(*time).map_err(ser::Error::custom)?;
        serializer.serialize_str(&text)
    }

    /// Reads the time with [`parse`](super::parse).
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SystemTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse(&text).map_err(de::Error::custom)
    }

    /// The same for an `Option<SystemTime>` field.
    pub mod option {
        use std::time::SystemTime;

        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        struct Wire(SystemTime);

        impl Serialize for Wire {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                super::serialize(&self.0, serializer)
            }
        }

        impl<'de> Deserialize<'de> for Wire {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Wire, D::Error> {
                super::deserialize(deserializer).map(Wire)
            }
        }

        /// Writes `Some` with [`format`](crate::time::format), `None` as `null`.
        pub fn serialize<S: Serializer>(
            time: &Option<SystemTime>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match time {
                Some(time) => serializer.serialize_some(&Wire(*time)),
                None => serializer.serialize_none(),
            }
        }

        /// Reads a time, or `null` as `None`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<SystemTime>, D::Error> {
            Ok(Option::<Wire>::deserialize(deserializer)?.map(|wire| wire.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn formats_utc_to_the_second_with_an_offset() {
        let time = UNIX_EPOCH + Duration::new(1_769_848_200, 999_999_999);
        assert_eq!(format(time).unwrap(), "2026-01-31T08:30:00+00:00");
        assert_eq!(format(UNIX_EPOCH).unwrap(), "1970-01-01T00:00:00+00:00");
        // Before the epoch, the fraction rounds down to the earlier second too.
        assert_eq!(
            format(UNIX_EPOCH - Duration::from_millis(500)).unwrap(),
            "1969-12-31T23:59:59+00:00"
        );
    }

    #[test]
    fn times_out_of_range_are_errors_not_panics() {
        for far in [
            UNIX_EPOCH + Duration::from_secs(253_402_300_800),
            UNIX_EPOCH + Duration::from_secs(u64::MAX / 4),
        ] {
            let err = format(far).unwrap_err();
            assert!(err.to_string().contains("out of the range"), "{err}");
        }
    }

    #[test]
    fn parses_offsets_fractions_and_leap_seconds() {
        assert_eq!(
            parse("2019-06-06T12:12:12+08:00").unwrap(),
            parse("2019-06-06T04:12:12Z").unwrap()
        );
        assert_eq!(
            parse("1970-01-01T00:00:01.5Z").unwrap(),
            UNIX_EPOCH + Duration::from_millis(1500)
        );
        let before = parse("2016-12-31T23:59:59Z").unwrap();
        let after = parse("2017-01-01T00:00:00Z").unwrap();
        for leap in [
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60+00:00",
            "2016-12-31T18:59:60-05:00",
        ] {
            let time = parse(leap).unwrap();
            assert!(before < time && time < after, "{leap}");
        }
        // The grammar allows 60 at any minute; it reads as the end of second 59.
        let odd = parse("2026-12-01T10:10:60Z").unwrap();
        assert_eq!(
            odd,
            parse("2026-12-01T10:10:59.999999999Z").unwrap(),
            "{odd:?}"
        );
    }

    #[test]
    fn rejects_what_is_not_a_date_and_time_and_shortens_the_echo() {
        for bad in [
            "",
            "now",
            "2019-06-06",
            "2026-01-31T08:30:00",
            "2019-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2019-06-06 12:12:12",
            "1769848200",
            "2026-12-01T10:10:61Z",
            "2026-12-01T10:60:00Z",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let err = parse(&"9".repeat(100_000)).unwrap_err();
        assert!(err.to_string().len() < 120, "{err}");
    }

    #[test]
    fn formatted_times_parse_back_to_the_second() {
        for secs in [0u64, 1, 951_782_400, 1_769_848_200, 253_402_300_799] {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(parse(&format(time).unwrap()).unwrap(), time);
        }
    }
}
