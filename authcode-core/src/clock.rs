//! Where the flow reads the time: an injectable clock, so that expiry is tested by moving a
//! manual clock forward instead of sleeping.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// A source of the current time for the authorization server.
///
/// Expiry of codes and tokens is decided only through this trait, never through
/// [`SystemTime::now`] directly, so tests and simulations control time.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use std::time::{Duration, SystemTime};
/// use authcode_runtime::{Clock, SystemClock};
///
/// let before = SystemTime::now();
/// let now = SystemClock.now();
/// assert!(now >= before && now <= SystemTime::now() + Duration::from_secs(1));
/// ```
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The operating system's wall clock: the default clock of the server.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{Clock, SystemClock};
/// assert!(SystemClock.now() > std::time::UNIX_EPOCH);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that moves only when told to, for tests and demos.
///
/// Clones share one time: keep a clone, hand another to the server, and
/// [`advance`](ManualClock::advance) the kept one to age every code and token the server issued.
/// It has nanosecond resolution and covers the years 1970 to 2554.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use std::time::{Duration, UNIX_EPOCH};
/// use authcode_runtime::{Clock, ManualClock};
///
/// let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
/// let server_side = clock.clone();
/// clock.advance(Duration::from_secs(600));
/// assert_eq!(server_side.now(), UNIX_EPOCH + Duration::from_secs(1_700_000_600));
/// ```
#[derive(Clone)]
pub struct ManualClock {
    /// Nanoseconds since the Unix epoch; an atomic so that reading the time never takes a lock.
    nanos: Arc<AtomicU64>,
}

impl ManualClock {
    /// A clock stopped at `start` (times before 1970 read as 1970, times after 2554 as 2554).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use std::time::UNIX_EPOCH;
    /// use authcode_runtime::{Clock, ManualClock};
    /// assert_eq!(ManualClock::new(UNIX_EPOCH).now(), UNIX_EPOCH);
    /// ```
    pub fn new(start: SystemTime) -> ManualClock {
        ManualClock {
            nanos: Arc::new(AtomicU64::new(to_nanos(start))),
        }
    }

    /// Moves the time of this clock and of all its clones forward by `by`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use authcode_runtime::{Clock, ManualClock};
    /// let clock = ManualClock::new(UNIX_EPOCH);
    /// clock.advance(Duration::from_millis(1500));
    /// assert_eq!(clock.now(), UNIX_EPOCH + Duration::from_millis(1500));
    /// ```
    pub fn advance(&self, by: Duration) {
        let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        // `fetch_update` never fails with a closure that always returns `Some`.
        let _ = self
            .nanos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |nanos| {
                Some(nanos.saturating_add(by))
            });
    }

    /// Sets the time of this clock and of all its clones (it may move backwards).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use authcode_runtime::{Clock, ManualClock};
    /// let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(10));
    /// clock.set(UNIX_EPOCH + Duration::from_secs(5));
    /// assert_eq!(clock.now(), UNIX_EPOCH + Duration::from_secs(5));
    /// ```
    pub fn set(&self, now: SystemTime) {
        self.nanos.store(to_nanos(now), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }
}

impl fmt::Debug for ManualClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ManualClock").field(&self.now()).finish()
    }
}

fn to_nanos(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_nanos()).unwrap_or(u64::MAX)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn clones_share_the_time() {
        let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(100));
        let shared: Arc<dyn Clock> = Arc::new(clock.clone());
        clock.advance(Duration::from_secs(5));
        assert_eq!(shared.now(), UNIX_EPOCH + Duration::from_secs(105));
        clock.set(UNIX_EPOCH);
        assert_eq!(shared.now(), UNIX_EPOCH);
    }

    #[test]
    fn out_of_range_times_saturate_instead_of_panicking() {
        let clock = ManualClock::new(UNIX_EPOCH - Duration::from_secs(1));
        assert_eq!(clock.now(), UNIX_EPOCH);
        clock.advance(Duration::MAX);
        clock.advance(Duration::from_secs(1));
        assert_eq!(clock.now(), UNIX_EPOCH + Duration::from_nanos(u64::MAX));
    }

    #[test]
    fn system_clock_follows_the_wall_clock() {
        let before = SystemTime::now();
        let now = SystemClock.now();
        assert!(now >= before);
    }
}
