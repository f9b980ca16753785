//! Bounds on the authorization codes a server holds at once.
//!
//! getAuthCode stands for the wallet app's JSAPI and, on an emulator, is reachable without
//! authentication; every call stores a code until it expires. Without a bound, a caller could
//! make the server hold codes faster than they expire. The budget counts the codes this server
//! issued that are still *live*: not yet exchanged, not revoked, not expired. An exchange needs
//! the merchant's signed applyToken, so what an unauthenticated caller can pile up is bounded
//! per client, per user and in total, while completed logins give their place back at once.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use crate::flow::GrantId;

/// The most live (issued, not exchanged, not expired) authorization codes a server holds, per
/// client, per user and in total.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::CodeLimits;
/// let limits = CodeLimits::default();
/// assert_eq!((limits.per_client, limits.per_user, limits.total), (10_000, 1_000, 100_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeLimits {
    /// Live codes of one client.
    pub per_client: usize,
    /// Live codes of one user, whatever the client: a person logging in has one or two codes
    /// pending, so this bounds what a caller can spend of a merchant's budget with one user.
    pub per_user: usize,
    /// Live codes of all clients together.
    pub total: usize,
}

impl Default for CodeLimits {
    /// 10,000 per client, 1,000 per user and 100,000 in all: far above what real logins need in
    /// ten minutes, and about 30 MB of codes in the in-memory store.
    fn default() -> Self {
        CodeLimits {
            per_client: 10_000,
            per_user: 1_000,
            total: 100_000,
        }
    }
}

/// Which limit a refused code met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exceeded {
    PerClient(usize),
    PerUser(usize),
    Total(usize),
}

/// Who a live code is for.
struct Owner {
    client: String,
    user: String,
}

/// The live codes.
#[derive(Default)]
struct Live {
    /// Every code taken, in expiry order (a server's codes share one lifetime); entries of
    /// codes given back early stay until they expire or the queue is compacted.
    queue: VecDeque<(SystemTime, GrantId)>,
    codes: HashMap<GrantId, Owner>,
    by_client: HashMap<String, usize>,
    by_user: HashMap<String, usize>,
}

impl Live {
    fn release(&mut self, id: GrantId) -> bool {
        let Some(owner) = self.codes.remove(&id) else {
            return false;
        };
        for (counts, key) in [
            (&mut self.by_client, owner.client),
            (&mut self.by_user, owner.user),
        ] {
            if let Some(count) = counts.get_mut(&key) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(&key);
                }
            }
        }
        true
    }

    fn expire(&mut self, now: SystemTime) {
        while let Some(&(expires, id)) = self.queue.front() {
            if expires > now {
                break;
            }
            self.queue.pop_front();
            self.release(id);
        }
        // Codes given back early leave their entries behind; drop them once they are most of
        // the queue, so that its length stays within twice the live codes (amortised O(1)).
        if self.queue.len() > 2 * self.codes.len() + 1024 {
            let codes = &self.codes;
            self.queue.retain(|(_, id)| codes.contains_key(id));
        }
    }
}

/// The live codes, counted per client, per user and in total.
pub(crate) struct CodeBudget {
    limits: CodeLimits,
    live: Mutex<Live>,
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

    fn live(&self) -> std::sync::MutexGuard<'_, Live> {
        // Every operation leaves the counts consistent, so a poisoned lock's contents are used
        // as they are.
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes a place for code `id` of `client` and `user` that expires at `expires_at`, or says
    /// which limit is reached. Codes expired at `now` free their places first.
    pub(crate) fn take(
        &self,
        id: GrantId,
        client: &str,
        user: &str,
        now: SystemTime,
        expires_at: SystemTime,
    ) -> Result<(), Exceeded> {
        let mut live = self.live();
        live.expire(now);
        if live.codes.len() >= self.limits.total {
            return Err(Exceeded::Total(self.limits.total));
        }
        if live.by_client.get(client).copied().unwrap_or(0) >= self.limits.per_client {
            return Err(Exceeded::PerClient(self.limits.per_client));
        }
        if live.by_user.get(user).copied().unwrap_or(0) >= self.limits.per_user {
            return Err(Exceeded::PerUser(self.limits.per_user));
        }
        *live.by_client.entry(client.to_owned()).or_default() += 1;
        *live.by_user.entry(user.to_owned()).or_default() += 1;
        live.codes.insert(
            id,
            Owner {
                client: client.to_owned(),
                user: user.to_owned(),
            },
        );
        live.queue.push_back((expires_at, id));
        Ok(())
    }

    /// Gives back the place of code `id`: it was exchanged, its grant revoked, or it was not
    /// issued after all. A code not counted (another instance's, or given back already) is
    /// ignored.
    pub(crate) fn give_back(&self, id: GrantId) {
        self.live().release(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn id(n: u128) -> GrantId {
        GrantId::from_u128(n)
    }

    #[test]
    fn refuses_past_each_limit_and_frees_places_as_codes_expire() {
        let budget = CodeBudget::new(CodeLimits {
            per_client: 2,
            per_user: 10,
            total: 3,
        });
        assert_eq!(budget.take(id(1), "a", "u", at(0), at(10)), Ok(()));
        assert_eq!(budget.take(id(2), "a", "u", at(1), at(11)), Ok(()));
        assert_eq!(
            budget.take(id(3), "a", "u", at(2), at(12)),
            Err(Exceeded::PerClient(2))
        );
        assert_eq!(budget.take(id(4), "b", "u", at(2), at(12)), Ok(()));
        assert_eq!(
            budget.take(id(5), "c", "u", at(3), at(13)),
            Err(Exceeded::Total(3))
        );
        // The first code of `a` expires at 10: one place, for `a` or for anyone.
        assert_eq!(budget.take(id(6), "c", "u", at(10), at(20)), Ok(()));
        assert_eq!(
            budget.take(id(7), "a", "u", at(10), at(20)),
            Err(Exceeded::Total(3))
        );
        assert_eq!(budget.take(id(8), "a", "u", at(11), at(21)), Ok(()));
    }

    #[test]
    fn an_exchanged_code_gives_its_place_back_at_once() {
        let budget = CodeBudget::new(CodeLimits {
            per_client: 2,
            per_user: 10,
            total: 100,
        });
        // Many complete logins within one code lifetime: each exchange frees its place.
        for n in 0..1_000 {
            assert_eq!(budget.take(id(n), "a", "u", at(0), at(600)), Ok(()), "{n}");
            budget.give_back(id(n));
        }
        assert_eq!(budget.take(id(5_000), "a", "u", at(0), at(600)), Ok(()));
        assert_eq!(budget.take(id(5_001), "a", "u", at(0), at(600)), Ok(()));
        // Giving back twice, or what was never taken, frees nothing more.
        budget.give_back(id(3));
        budget.give_back(id(3));
        assert_eq!(
            budget.take(id(5_002), "a", "u", at(0), at(600)),
            Err(Exceeded::PerClient(2))
        );
        // The queue does not keep the early ones for their whole lifetime.
        assert!(budget.live().queue.len() <= 2 * 2 + 1024);
    }

    #[test]
    fn one_user_cannot_spend_a_clients_budget() {
        let budget = CodeBudget::new(CodeLimits {
            per_client: 100,
            per_user: 3,
            total: 1_000,
        });
        for n in 0..3 {
            assert_eq!(budget.take(id(n), "a", "mallory", at(0), at(600)), Ok(()));
        }
        assert_eq!(
            budget.take(id(10), "a", "mallory", at(0), at(600)),
            Err(Exceeded::PerUser(3))
        );
        // Another client's code for the same user counts too; other users are untouched.
        assert_eq!(
            budget.take(id(11), "b", "mallory", at(0), at(600)),
            Err(Exceeded::PerUser(3))
        );
        assert_eq!(budget.take(id(12), "a", "ana", at(0), at(600)), Ok(()));
    }
}
