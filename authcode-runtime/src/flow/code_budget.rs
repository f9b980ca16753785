//! Bounds on the authorization codes a server holds at once.
//!
//! getAuthCode stands for the wallet app's JSAPI and, on an emulator, is reachable without
//! authentication; every call stores a code until it expires (a redeemed one too, so that a
//! replay is recognised). Without a bound, a caller could make the server hold codes faster
//! than they expire. The budget counts the codes this server issued that have not expired,
//! per client and in total, and refuses a new one past either limit.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

/// The most live authorization codes a server issues, per client and in total.
///
/// ```
/// use authcode_runtime::flow::CodeLimits;
/// let limits = CodeLimits::default();
/// assert_eq!((limits.per_client, limits.total), (10_000, 100_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeLimits {
    /// Live codes of one client.
    pub per_client: usize,
    /// Live codes of all clients together.
    pub total: usize,
}

impl Default for CodeLimits {
    /// 10,000 per client and 100,000 in all: far above what real logins need in ten minutes,
    /// and about 30 MB of codes in the in-memory store.
    fn default() -> Self {
        CodeLimits {
            per_client: 10_000,
            total: 100_000,
        }
    }
}

/// Which limit a refused code met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exceeded {
    PerClient(usize),
    Total(usize),
}

/// The live codes' expiry times, oldest first, per client.
pub(crate) struct CodeBudget {
    limits: CodeLimits,
    live: Mutex<Live>,
}

#[derive(Default)]
struct Live {
    by_client: HashMap<String, VecDeque<SystemTime>>,
    total: usize,
}

impl CodeBudget {
    pub(crate) fn new(limits: CodeLimits) -> Self {
        CodeBudget {
            limits,
            live: Mutex::default(),
        }
    }

    pub(crate) fn limits(&self) -> CodeLimits {
        self.limits
    }

    /// Takes a place for a code of `client` that expires at `expires_at`, or says which limit
    /// is reached. Codes expired at `now` free their places first: every code of a server has
    /// the same lifetime, so each client's queue is in expiry order and freeing is a pop from
    /// its front (amortised O(1) per code).
    pub(crate) fn take(
        &self,
        client: &str,
        now: SystemTime,
        expires_at: SystemTime,
    ) -> Result<(), Exceeded> {
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        let Live { by_client, total } = &mut *live;
        if let Some(queue) = by_client.get_mut(client) {
            expire(queue, total, now);
        }
        if *total >= self.limits.total {
            // Other clients' codes may have expired too; sweeping all of them is only worth it
            // when the total limit is what stands in the way.
            for queue in by_client.values_mut() {
                expire(queue, total, now);
            }
            by_client.retain(|_, queue| !queue.is_empty());
            if *total >= self.limits.total {
                return Err(Exceeded::Total(self.limits.total));
            }
        }
        let queue = by_client.entry(client.to_owned()).or_default();
        if queue.len() >= self.limits.per_client {
            return Err(Exceeded::PerClient(self.limits.per_client));
        }
        queue.push_back(expires_at);
        *total += 1;
        Ok(())
    }

    /// Gives back the place of a code that was not issued after all (the store failed).
    pub(crate) fn give_back(&self, client: &str) {
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        let Live { by_client, total } = &mut *live;
        if by_client
            .get_mut(client)
            .and_then(VecDeque::pop_back)
            .is_some()
        {
            *total -= 1;
        }
    }
}

fn expire(queue: &mut VecDeque<SystemTime>, total: &mut usize, now: SystemTime) {
    while queue.front().is_some_and(|&expires| expires <= now) {
        queue.pop_front();
        *total -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn refuses_past_either_limit_and_frees_places_as_codes_expire() {
        let budget = CodeBudget::new(CodeLimits {
            per_client: 2,
            total: 3,
        });
        assert_eq!(budget.take("a", at(0), at(10)), Ok(()));
        assert_eq!(budget.take("a", at(1), at(11)), Ok(()));
        assert_eq!(budget.take("a", at(2), at(12)), Err(Exceeded::PerClient(2)));
        assert_eq!(budget.take("b", at(2), at(12)), Ok(()));
        assert_eq!(budget.take("c", at(3), at(13)), Err(Exceeded::Total(3)));
        // The first code of `a` expires at 10: one place each, for `a` or for anyone.
        assert_eq!(budget.take("c", at(10), at(20)), Ok(()));
        assert_eq!(budget.take("a", at(10), at(20)), Err(Exceeded::Total(3)));
        assert_eq!(budget.take("a", at(11), at(21)), Ok(()));
    }

    #[test]
    fn a_place_given_back_is_free_again() {
        let budget = CodeBudget::new(CodeLimits {
            per_client: 1,
            total: 1,
        });
        assert_eq!(budget.take("a", at(0), at(10)), Ok(()));
        budget.give_back("a");
        assert_eq!(budget.take("b", at(0), at(10)), Ok(()));
    }
}
