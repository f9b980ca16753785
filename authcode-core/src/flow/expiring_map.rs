//! A hash map behind one mutex whose entries expire, with memory bounded by the entries it
//! must keep: the building block of [`MemoryStore`](crate::flow::MemoryStore).
//!
//! One lock for the whole map: measured on a 2-core machine, one shard and 16 shards performed
//! alike (about 10^5 complete getAuthCode + applyToken round trips a second from 1, 2 or 8
//! threads, the time going to the CSPRNG and SHA-256, not to waiting for locks), so the map is
//! the plain one. Every lock is held for one hash-map operation, or one sweep.
//!
//! Entries past their expiry and its retention are dropped by an amortised sweep: the map is
//! swept when an insert finds it at twice the size that survived its previous sweep (and at
//! least [`MIN_SWEEP_LEN`]). A sweep costs O(size) and happens after at least size/2 inserts,
//! so inserts stay O(1) amortised, and the map never holds more than about twice the entries
//! it must keep (plus the minimum), however long the server runs.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

/// The map is never swept below this size: sweeping tiny maps would cost more than it saves.
pub(crate) const MIN_SWEEP_LEN: usize = 1024;

/// A value with an end of life.
pub(crate) trait Expiring {
    /// The first instant at which the value is expired.
    fn expires_at(&self) -> SystemTime;
}

struct Entries<K, V> {
    map: HashMap<K, V>,
    /// The size at which the next insert sweeps the map.
    sweep_at: usize,
}

impl<K: Hash + Eq, V: Expiring> Entries<K, V> {
    /// Drops the entries that may be forgotten at `now`: those past their expiry by
    /// [`EXPIRED_RETENTION`](crate::flow::EXPIRED_RETENTION).
    fn sweep(&mut self, now: SystemTime) -> usize {
        let before = self.map.len();
        self.map
            .retain(|_, value| crate::flow::kept_until(value.expires_at()) > now);
        self.sweep_at = (2 * self.map.len()).max(MIN_SWEEP_LEN);
        before - self.map.len()
    }
}

pub(crate) struct ExpiringMap<K, V> {
    entries: Mutex<Entries<K, V>>,
}

impl<K: Hash + Eq, V: Expiring> ExpiringMap<K, V> {
    pub(crate) fn new() -> Self {
        ExpiringMap {
            entries: Mutex::new(Entries {
                map: HashMap::new(),
                sweep_at: MIN_SWEEP_LEN,
            }),
        }
    }

    /// Locks the map. A poisoned lock is taken over: no operation can panic half-way through
    /// a change, so the data behind it is consistent.
    fn lock(&self) -> MutexGuard<'_, Entries<K, V>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Inserts or replaces the value of `key`, first sweeping the map if it is due.
    pub(crate) fn insert(&self, key: K, value: V, now: SystemTime) {
        let mut entries = self.lock();
        if entries.map.len() >= entries.sweep_at {
            entries.sweep(now);
        }
        entries.map.insert(key, value);
    }

    /// Runs `f` on the value of `key` under the lock; `None` when there is none.
    pub(crate) fn update<R>(&self, key: &K, f: impl FnOnce(&mut V) -> R) -> Option<R> {
        self.lock().map.get_mut(key).map(f)
    }

    /// A copy of the value of `key`.
    pub(crate) fn get(&self, key: &K) -> Option<V>
    where
        V: Clone,
    {
        self.lock().map.get(key).cloned()
    }

    /// Sweeps the map now; returns how many entries were removed.
    pub(crate) fn purge(&self, now: SystemTime) -> usize {
        self.lock().sweep(now)
    }

    /// The number of entries, expired ones not yet swept included.
    pub(crate) fn len(&self) -> usize {
        self.lock().map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[derive(Clone, Debug, PartialEq)]
    struct Until(SystemTime);

    impl Expiring for Until {
        fn expires_at(&self) -> SystemTime {
            self.0
        }
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn stays_bounded_by_the_live_entries_under_sustained_inserts() {
        let map = ExpiringMap::new();
        // One insert per second, each living 100 seconds and kept for the retention after: at
        // most 100 + retention entries to keep at any time.
        let kept = 100 + crate::flow::EXPIRED_RETENTION.as_secs() as usize;
        let mut peak = 0;
        for second in 0..50_000u64 {
            map.insert(second, Until(at(second + 100)), at(second));
            peak = peak.max(map.len());
        }
        let bound = MIN_SWEEP_LEN + 2 * kept;
        assert!(peak <= bound, "peak {peak} > {bound}");
        // Live entries were never swept away.
        for second in 49_901..50_000u64 {
            assert_eq!(map.get(&second), Some(Until(at(second + 100))));
        }
    }

    #[test]
    fn live_entries_are_never_swept() {
        let map = ExpiringMap::new();
        for key in 0..10_000u64 {
            map.insert(key, Until(at(1_000_000)), at(0));
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.purge(at(999_999)), 0);
        // Expired, but kept for the retention, so that an expired code is told from an
        // unknown one.
        assert_eq!(map.purge(at(1_000_000)), 0);
        assert_eq!(map.purge(crate::flow::kept_until(at(1_000_000))), 10_000);
        assert_eq!(map.len(), 0);
    }

    #[test]
    fn update_sees_and_changes_the_stored_value() {
        let map = ExpiringMap::new();
        map.insert("a", Until(at(5)), at(0));
        assert_eq!(
            map.update(&"a", |v| std::mem::replace(v, Until(at(9)))),
            Some(Until(at(5)))
        );
        assert_eq!(map.get(&"a"), Some(Until(at(9))));
        assert_eq!(map.update(&"b", |_| ()), None);
    }
}
