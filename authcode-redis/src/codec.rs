//! How records are written in Redis, and read back.
//!
//! - Times are whole seconds and nanoseconds since the Unix epoch, kept apart so that a
//!   script can compare them exactly (Lua numbers are doubles: nanoseconds since 1970 do not
//!   fit their 53 bits), and so that the flow's expiry decisions keep their nanoseconds.
//!   Redis TTLs are set to the millisecond at or after the expiry, so a record is never gone
//!   before the flow considers it expired.
//! - A secret's record is one string, `<used 0|1>:<grant>:<seconds>:<nanoseconds>`; the used
//!   flag is its first byte, so marking it is one `SETRANGE`, which keeps the key's TTL.
//! - Scope sets are JSON arrays of wire names, never bit positions, so that records stay
//!   readable when the spec gains scopes. A name the spec no longer has is dropped on reading:
//!   a stored grant, consent or client can only shrink that way, which fails safe.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use authcode_core::flow::{GrantId, SecretRecord, StoreError};
use authcode_core::{Scope, ScopeSet};

/// A time as seconds and nanoseconds since the epoch; times before 1970 read as 1970 (they
/// are past anyway, and a past expiry fails safe).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Instant {
    pub(crate) secs: u64,
    pub(crate) nanos: u32,
}

impl Instant {
    pub(crate) fn of(time: SystemTime) -> Instant {
        let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
        Instant {
            secs: since.as_secs(),
            nanos: since.subsec_nanos(),
        }
    }

    pub(crate) fn time(self) -> SystemTime {
        UNIX_EPOCH + Duration::new(self.secs, self.nanos)
    }

    /// The millisecond at or after this instant: the TTL deadline of a record that expires
    /// now (`PEXPIREAT`, `PXAT`).
    pub(crate) fn ceil_millis(self) -> u64 {
        self.secs
            .saturating_mul(1000)
            .saturating_add(u64::from(self.nanos.div_ceil(1_000_000)))
    }

    /// The millisecond at or before this instant.
    pub(crate) fn floor_millis(self) -> u64 {
        self.secs
            .saturating_mul(1000)
            .saturating_add(u64::from(self.nanos / 1_000_000))
    }

    fn parse(secs: &str, nanos: &str) -> Option<Instant> {
        let nanos: u32 = nanos.parse().ok()?;
        (nanos < 1_000_000_000).then_some(())?;
        Some(Instant {
            secs: secs.parse().ok()?,
            nanos,
        })
    }

    /// Reads the two fields a script or a hash holds.
    pub(crate) fn read(secs: &str, nanos: &str, what: &str) -> Result<Instant, StoreError> {
        Instant::parse(secs, nanos)
            .ok_or_else(|| corrupt(format!("{what}: the time {secs:?}.{nanos:?} is malformed")))
    }
}

pub(crate) fn corrupt(message: String) -> StoreError {
    StoreError::Corrupt(message)
}

/// A secret's record as stored.
pub(crate) fn encode_record(record: &SecretRecord) -> String {
    let at = Instant::of(record.expires_at);
    format!(
        "{}:{}:{}:{}",
        u8::from(record.used),
        record.grant,
        at.secs,
        at.nanos
    )
}

/// A secret's record read back.
pub(crate) fn decode_record(text: &str) -> Result<SecretRecord, StoreError> {
    let malformed = || {
        corrupt(format!(
            "a secret record is malformed ({} bytes)",
            text.len()
        ))
    };
    let mut parts = text.split(':');
    let (Some(used), Some(grant), Some(secs), Some(nanos), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(malformed());
    };
    let used = match used {
        "0" => false,
        "1" => true,
        _ => return Err(malformed()),
    };
    Ok(SecretRecord {
        grant: decode_grant_id(grant).ok_or_else(malformed)?,
        expires_at: Instant::parse(secs, nanos).ok_or_else(malformed)?.time(),
        used,
    })
}

/// A grant ID as its 32 hex digits ([`GrantId`]'s `Display`).
pub(crate) fn decode_grant_id(text: &str) -> Option<GrantId> {
    (text.len() == 32)
        .then(|| u128::from_str_radix(text, 16).ok())
        .flatten()
        .map(GrantId::from_u128)
}

/// A scope set as a JSON array of wire names, in spec order.
pub(crate) fn encode_scopes<S: Scope>(scopes: ScopeSet<S>) -> String {
    let names: Vec<&str> = scopes.iter().map(|scope| scope.as_str()).collect();
    serde_json::to_string(&names).unwrap_or_else(|_| "[]".to_owned())
}

/// The wire names of a scope set, for a script to merge.
pub(crate) fn scope_names<S: Scope>(scopes: ScopeSet<S>) -> Vec<&'static str> {
    scopes.iter().map(|scope| scope.as_str()).collect()
}

/// A scope set read back; names the spec does not have (any more) are dropped.
pub(crate) fn decode_scopes<S: Scope>(text: &str, what: &str) -> Result<ScopeSet<S>, StoreError> {
    let names: Vec<String> = serde_json::from_str(text)
        .map_err(|err| corrupt(format!("{what}: the scopes are not a JSON array: {err}")))?;
    Ok(names
        .iter()
        .filter_map(|name| S::from_wire_name(name))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_to_the_nanosecond() {
        let record = SecretRecord {
            grant: GrantId::from_u128(u128::MAX - 5),
            expires_at: UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_789),
            used: true,
        };
        let text = encode_record(&record);
        assert_eq!(
            text,
            "1:fffffffffffffffffffffffffffffffa:1700000000:123456789"
        );
        assert_eq!(decode_record(&text), Ok(record));
        // The used flag is the first byte: what the mark_used script flips.
        let unused = encode_record(&SecretRecord {
            used: false,
            ..record
        });
        assert_eq!(&unused[1..], &text[1..]);
        assert!(unused.starts_with('0'));
    }

    #[test]
    fn malformed_records_are_corrupt() {
        for text in [
            "",
            "2:00000000000000000000000000000001:1:0",
            "0:1:1:0",
            "0:00000000000000000000000000000001:1",
            "0:00000000000000000000000000000001:1:1000000000",
            "0:00000000000000000000000000000001:x:0",
            "0:00000000000000000000000000000001:1:0:extra",
        ] {
            assert!(
                matches!(decode_record(text), Err(StoreError::Corrupt(_))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn ttl_deadlines_never_precede_the_expiry() {
        let exact = Instant {
            secs: 10,
            nanos: 5_000_000,
        };
        assert_eq!(
            (exact.floor_millis(), exact.ceil_millis()),
            (10_005, 10_005)
        );
        let between = Instant {
            secs: 10,
            nanos: 5_000_001,
        };
        assert_eq!(
            (between.floor_millis(), between.ceil_millis()),
            (10_005, 10_006)
        );
        let before_epoch = Instant::of(UNIX_EPOCH - Duration::from_secs(1));
        assert_eq!(before_epoch, Instant { secs: 0, nanos: 0 });
        assert_eq!(Instant::of(between.time()), between);
    }
}
