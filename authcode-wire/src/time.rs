//! Times on the wire: ISO 8601 dates and times with an offset, the form of the OpenAPIs'
//! `Request-Time` / `Response-Time` headers and of the `...ExpiryTime` fields
//! (`2019-06-06T12:12:12+08:00` in the Alipay+ examples).
//!
//! Written out in UTC to the second, with a numeric offset as the documentation writes it
//! (`2026-01-31T08:30:00+00:00`); read back from any RFC 3339 form (any offset, `Z`, optional
//! fractions, a leap second).

use std::time::{Duration, SystemTime};

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
    let seconds = seconds
        .filter(|secs| (FIRST_SECOND..=LAST_SECOND).contains(secs))
        .ok_or(TimeOutOfRange(time))?;
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    Ok(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+00:00",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
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
    read(text.as_bytes()).ok_or_else(|| InvalidTime {
        shown: text.chars().take(SHOWN_CHARS).collect(),
    })
}

/// Seconds from 1970 to 0000-01-01T00:00:00Z and to 9999-12-31T23:59:59Z, the range of a
/// four-digit year.
const FIRST_SECOND: i64 = -62_167_219_200;
const LAST_SECOND: i64 = 253_402_300_799;

/// `date-time` of RFC 3339 §5.6: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, `T` and
/// `Z` in either case.
fn read(text: &[u8]) -> Option<SystemTime> {
    let mut at = Cursor { text, at: 0 };
    let year = at.digits(4)?;
    at.byte(b'-')?;
    let month = at.digits(2)?;
    at.byte(b'-')?;
    let day = at.digits(2)?;
    at.byte_of(b"Tt")?;
    let hour = at.digits(2)?;
    at.byte(b':')?;
    let minute = at.digits(2)?;
    at.byte(b':')?;
    let second = at.digits(2)?;
    let mut nanos = 0;
    if at.byte(b'.').is_some() {
        // At least one digit; past the ninth, digits are below a nanosecond and dropped.
        let mut count = 0;
        while let Some(digit) = at.digit() {
            if count < 9 {
                nanos = nanos * 10 + digit;
            }
            count += 1;
        }
        if count == 0 {
            return None;
        }
        nanos *= 10i64.pow(9u32.saturating_sub(count));
    }
    let offset = match at.next()? {
        b'Z' | b'z' => 0,
        sign @ (b'+' | b'-') => {
            let hours = at.digits(2)?;
            at.byte(b':')?;
            let minutes = at.digits(2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if sign == b'-' { -offset } else { offset }
        }
        _ => return None,
    };
    if at.at != text.len()
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // RFC 3339 allows second 60 at any minute (a leap second in another offset, or a clock
    // that inserted it elsewhere); `SystemTime` has no leap seconds, so it is read as the last
    // nanosecond of second 59.
    let (second, nanos) = if second == 60 {
        (59, 999_999_999)
    } else {
        (second, nanos)
    };
    let seconds =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    let nanos = Duration::from_nanos(u64::try_from(nanos).ok()?);
    let whole = Duration::from_secs(seconds.unsigned_abs());
    if seconds >= 0 {
        SystemTime::UNIX_EPOCH
            .checked_add(whole)?
            .checked_add(nanos)
    } else {
        SystemTime::UNIX_EPOCH
            .checked_sub(whole)?
            .checked_add(nanos)
    }
}

/// The bytes of a time being read, and how far the reading is.
struct Cursor<'t> {
    text: &'t [u8],
    at: usize,
}

impl Cursor<'_> {
    fn next(&mut self) -> Option<u8> {
        let byte = *self.text.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn byte(&mut self, expected: u8) -> Option<()> {
        self.byte_of(&[expected])
    }

    fn byte_of(&mut self, expected: &[u8]) -> Option<()> {
        let byte = *self.text.get(self.at)?;
        if !expected.contains(&byte) {
            return None;
        }
        self.at += 1;
        Some(())
    }

    fn digit(&mut self) -> Option<i64> {
        let byte = *self.text.get(self.at)?;
        if !byte.is_ascii_digit() {
            return None;
        }
        self.at += 1;
        Some(i64::from(byte - b'0'))
    }

    /// Exactly `count` decimal digits, as a number.
    fn digits(&mut self, count: usize) -> Option<i64> {
        (0..count).try_fold(0, |value, _| Some(value * 10 + self.digit()?))
    }
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the proleptic Gregorian date, counting in 400-year eras of
/// 146,097 days from a year that starts in March (so the leap day ends a year), after Howard
/// Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01: the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
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
    fn lower_case_separators_and_long_fractions_are_read() {
        assert_eq!(
            parse("2019-06-06t04:12:12z").unwrap(),
            parse("2019-06-06T04:12:12Z").unwrap()
        );
        assert_eq!(
            parse("1970-01-01T00:00:00.1234567891234Z").unwrap(),
            UNIX_EPOCH + Duration::from_nanos(123_456_789)
        );
        assert_eq!(
            parse("0000-01-01T00:00:00Z").unwrap(),
            UNIX_EPOCH - Duration::from_secs(62_167_219_200)
        );
        assert_eq!(
            format(UNIX_EPOCH - Duration::from_secs(62_167_219_200)).unwrap(),
            "0000-01-01T00:00:00+00:00"
        );
        assert!(format(UNIX_EPOCH - Duration::from_secs(62_167_219_201)).is_err());
        for bad in [
            "2024-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2019-06-06T04:12:12.Z",
            "2019-06-06T04:12:12+24:00",
            "2019-06-06T04:12:12+08:60",
            "2019-06-06T04:12:12+0800",
            "2019-06-06T04:12:12Zjunk",
            "+2019-06-06T04:12:12Z",
            "2019-06-06T4:12:12Z",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse("2024-02-29T00:00:00Z").is_ok());
    }

    proptest::proptest! {
        /// The `time` crate, an independent implementation, reads every well-formed
        /// date-time (seconds 0 to 59, up to 9 fraction digits, any offset) as this one does.
        #[test]
        fn reads_as_the_time_crate_does(
            year in 1i64..=9998,
            month in 1i64..=12,
            day in 1i64..=31,
            hour in 0i64..=23,
            minute in 0i64..=59,
            second in 0i64..=59,
            fraction in proptest::option::of("[0-9]{1,9}"),
            offset in proptest::option::of((proptest::bool::ANY, 0i64..=23, 0i64..=59)),
        ) {
            let fraction = fraction.map(|digits| format!(".{digits}")).unwrap_or_default();
            let offset = match offset {
                None => "Z".to_owned(),
                Some((east, hours, minutes)) => {
                    format!("{}{hours:02}:{minutes:02}", if east { '+' } else { '-' })
                }
            };
            let text = format!(
                "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{offset}"
            );
            let theirs = ::time::OffsetDateTime::parse(
                &text,
                &::time::format_description::well_known::Rfc3339,
            )
            .map(SystemTime::from)
            .ok();
            proptest::prop_assert_eq!(parse(&text).ok(), theirs, "{}", text);
        }

        /// Formatting agrees with the `time` crate's date for every second of years 0 to 9999.
        #[test]
        fn formats_as_the_time_crate_does(seconds in FIRST_SECOND..=LAST_SECOND) {
            let time = if seconds >= 0 {
                UNIX_EPOCH + Duration::from_secs(seconds.unsigned_abs())
            } else {
                UNIX_EPOCH - Duration::from_secs(seconds.unsigned_abs())
            };
            let theirs = ::time::OffsetDateTime::from_unix_timestamp(seconds).unwrap();
            let expected = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
                theirs.year(),
                u8::from(theirs.month()),
                theirs.day(),
                theirs.hour(),
                theirs.minute(),
                theirs.second()
            );
            proptest::prop_assert_eq!(format(time).unwrap(), expected);
        }
    }

    #[test]
    fn formatted_times_parse_back_to_the_second() {
        for secs in [0u64, 1, 951_782_400, 1_769_848_200, 253_402_300_799] {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(parse(&format(time).unwrap()).unwrap(), time);
        }
    }
}
