//! When and how long to wait before trying a call again.

use std::time::Duration;

/// Retries with exponential backoff, for failures that may be transient only (status `U`,
/// transport errors; see [`ClientError::is_retryable`](crate::ClientError::is_retryable)), and
/// only where sending the request again cannot do harm.
///
/// Each retry is signed anew, with a fresh `Request-Time`. The wait before retry `n` (from 1)
/// is a random duration between half and all of `initial_backoff * 2^(n-1)`, capped at
/// `max_backoff`; the randomness keeps many clients that failed together from retrying in
/// lockstep.
///
/// applyToken is not idempotent: it redeems a code or rotates a refresh token, and a second
/// attempt after the wallet has done so is answered as a replay (`USED_CODE`,
/// `USED_REFRESH_TOKEN`) and revokes the grant. So applyToken is sent again only when the
/// first attempt provably never left this machine (no connection could be made) or the
/// wallet refused it before processing (`REQUEST_TRAFFIC_EXCEED_LIMIT`); any other failure
/// once the request may have reached the wallet is
/// [`ClientError::OutcomeUnknown`](crate::ClientError::OutcomeUnknown), or the wallet's `U`
/// answer as it came. inquiryUserInfo reads only, and is retried on every transient failure.
///
/// ```
/// use std::time::Duration;
/// use authcode_client::RetryPolicy;
///
/// let policy = RetryPolicy::default();
/// assert_eq!(policy.max_attempts, 3);
/// let wait = policy.backoff(2);
/// assert!(wait >= Duration::from_millis(100) && wait <= Duration::from_millis(200), "{wait:?}");
/// assert_eq!(RetryPolicy::none().max_attempts, 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1: no retry; 0 counts as 1).
    pub max_attempts: u32,
    /// The wait before the first retry (before jitter).
    pub initial_backoff: Duration,
    /// The longest wait between two attempts.
    pub max_backoff: Duration,
}

impl RetryPolicy {
    /// No retries.
    pub const fn none() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 1,
            initial_backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
        }
    }

    /// The wait before retry number `retry` (1 for the first retry).
    pub fn backoff(&self, retry: u32) -> Duration {
        authcode_signing::backoff(self.initial_backoff, self.max_backoff, retry)
    }
}

impl Default for RetryPolicy {
    /// 3 attempts, waiting 100 ms then 200 ms (each with jitter), at most 2 s.
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_jitter_and_is_capped() {
        let policy = RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
        };
        for (retry, full) in [
            (1, 100),
            (2, 200),
            (3, 400),
            (4, 800),
            (5, 1000),
            (40, 1000),
        ] {
            let full = Duration::from_millis(full);
            for _ in 0..50 {
                let wait = policy.backoff(retry);
                assert!(wait >= full / 2 && wait <= full, "retry {retry}: {wait:?}");
            }
        }
        assert_eq!(RetryPolicy::none().backoff(1), Duration::ZERO);
    }

    #[test]
    fn huge_settings_saturate_instead_of_overflowing() {
        let policy = RetryPolicy {
            max_attempts: u32::MAX,
            initial_backoff: Duration::MAX,
            max_backoff: Duration::from_secs(5),
        };
        assert!(policy.backoff(u32::MAX) <= Duration::from_secs(5));
    }
}
