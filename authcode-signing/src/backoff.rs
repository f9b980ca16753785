//! The wait between attempts of an OpenAPI call, shared by the merchant's retries and the
//! wallet's redelivery of notifications.

use std::time::Duration;

use aws_lc_rs::rand::{SecureRandom, SystemRandom};

/// The wait before retry number `retry` (1 for the first): `initial` doubled for each retry
/// before it, at most `max`, then a random fraction between half and all of that ("equal
/// jitter"), so that callers failing together do not retry together. Without randomness from
/// the operating system the wait is the whole of it.
///
/// ```
/// use std::time::Duration;
///
/// let (initial, max) = (Duration::from_millis(100), Duration::from_secs(1));
/// let third = authcode_signing::backoff(initial, max, 3);
/// assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400));
/// assert!(authcode_signing::backoff(initial, max, 40) <= max);
/// ```
pub fn backoff(initial: Duration, max: Duration, retry: u32) -> Duration {
    let doublings = retry.saturating_sub(1).min(31);
    let full = initial.saturating_mul(1 << doublings).min(max);
    let mut byte = [0u8; 1];
    let fraction = match SystemRandom::new().fill(&mut byte) {
        Ok(()) => 0.5 + f64::from(byte[0]) / 510.0,
        Err(_) => 1.0,
    };
    full.mul_f64(fraction)
}
