//! A conformance suite for implementations of the authorization server's
//! [`Store`](authcode_core::flow::Store) trait: every guarantee the trait documents, and the
//! guarantees of the flow that rest on them, each as one check.
//!
//! A store author writes one line in a test file, with an expression that makes a fresh,
//! empty store (it is evaluated once per check, in the test's async body, so it may
//! `.await` a connection):
//!
//! ```
//! # extern crate authcode_core as authcode_runtime;
//! use authcode_runtime::flow::MemoryStore;
//! use authcode_store_conformance::store_conformance_tests;
//!
//! store_conformance_tests!(MemoryStore::new());
//! # fn main() {}
//! ```
//!
//! That expands to one `#[tokio::test]` per guarantee, each on a multi-thread runtime, named
//! after the check it runs ([`clients_round_trip`], [`mark_used_race_on_code`], ...), so a
//! failure names the guarantee broken. The store must implement
//! `Store<`[`AlipayPlusScope`]`>`, the scopes of the Alipay+ spec that ships inside this
//! crate. Each check is also a function taking a fresh store, and [`check_all`] runs them all
//! on stores from a factory:
//!
//! ```
//! # extern crate authcode_core as authcode_runtime;
//! use authcode_runtime::flow::MemoryStore;
//!
//! # #[tokio::main(flavor = "multi_thread", worker_threads = 2)]
//! # async fn main() {
//! authcode_store_conformance::check_all(MemoryStore::new).await;
//! # }
//! ```
//!
//! A check panics, with a message saying what the store did wrong, when the store breaks the
//! guarantee. The racing checks start 64 tasks on one code or refresh token at once: run them
//! on a multi-thread runtime, or they race less than a deployment does.
//!
//! # Time
//!
//! The checks set the flow's clock (a [`ManualClock`](authcode_core::ManualClock)) and pass
//! times to the store, but always near the present, with lifetimes of minutes: a store that
//! expires entries by its own wall clock (Redis TTLs) must still hold every record a check
//! reads. Expiry times carry nanoseconds, so a store must keep them exactly: the flow decides
//! that a code presented at its `expires_at` has expired, and one presented a nanosecond
//! earlier has not.
//!
//! # Isolation
//!
//! Each check assumes the store it is given is empty; stores that share a server should give
//! each one a namespace of its own (a key prefix, a schema).
#![forbid(unsafe_code)]

mod flow_checks;
mod interleave;
mod store_checks;

use std::future::Future;

pub use flow_checks::{
    concurrent_exchanges_of_one_code, expired_and_unknown_credentials_answer_alike,
    expiry_at_the_boundary, replayed_code_revokes_grant, reused_refresh_token_revokes_family,
    revocation_during_exchange_leaves_tokens_dead, revoke_is_idempotent,
    withdrawal_racing_issuance_is_linearizable, withdrawn_consent_revokes_grants,
};
pub use store_checks::{
    add_secrets_extends_grant_expiry, add_secrets_refuses_unknown_grant, clients_round_trip,
    consents_add_list_remove, grant_and_secrets_round_trip, grants_of_lists_live_grants,
    mark_used_is_test_and_set, mark_used_race_on_code, mark_used_race_on_refresh_token,
    purge_keeps_live_entries, revoke_grant_is_seen_by_later_checks, unknown_records_answer_alike,
    users_round_trip,
};

use authcode_core::AuthScopes;

/// The wallet the suite runs on: the Alipay+ spec shipped inside this crate. Its scope enum,
/// [`AlipayPlusScope`], is the one a store under test must store.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus", crate = "authcode_core")]
pub struct AlipayPlus;

/// The names of the checks, in the order [`check_all`] runs them; the tests
/// [`store_conformance_tests!`] writes have these names.
///
/// ```
/// assert!(authcode_store_conformance::CHECKS.contains(&"mark_used_race_on_code"));
/// ```
pub const CHECKS: &[&str] = {
    macro_rules! names {
        ($($name:ident,)*) => { &[$(stringify!($name)),*] };
    }
    crate::__for_each_check!((names))
};

/// Runs every check in turn on stores from `make`, one fresh store per check; panics at the
/// first guarantee broken.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::MemoryStore;
/// # #[tokio::main(flavor = "multi_thread", worker_threads = 2)]
/// # async fn main() {
/// authcode_store_conformance::check_all(MemoryStore::new).await;
/// # }
/// ```
pub async fn check_all<St>(make: impl Fn() -> St)
where
    St: authcode_core::flow::Store<AlipayPlusScope> + 'static,
{
    macro_rules! run {
        ($make:ident; $($name:ident,)*) => {
            $( $name($make()).await; )*
        };
    }
    crate::__for_each_check!((run) make;);
}

/// Writes one `#[tokio::test]` per check of the suite, each running the check on the store
/// `$make` evaluates to (the expression is evaluated once per test, in the test's async body
/// on a multi-thread runtime, so it may `.await` a connection).
///
/// The tests need only this crate as a dev-dependency: tokio is reached through it.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::MemoryStore;
/// authcode_store_conformance::store_conformance_tests!(MemoryStore::new());
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! store_conformance_tests {
    ($make:expr) => {
        $crate::__for_each_check! { ($crate::__store_conformance_tests) $make; }
    };
}

/// Calls the macro `$callback` with `$args`, then the names of the checks in the order
/// [`check_all`] runs them: the one list of the checks.
#[doc(hidden)]
#[macro_export]
macro_rules! __for_each_check {
    (($($callback:tt)*) $($args:tt)*) => {
        $($callback)*! { $($args)*
            clients_round_trip,
            users_round_trip,
            grant_and_secrets_round_trip,
            add_secrets_refuses_unknown_grant,
            add_secrets_extends_grant_expiry,
            revoke_grant_is_seen_by_later_checks,
            mark_used_is_test_and_set,
            mark_used_race_on_code,
            mark_used_race_on_refresh_token,
            consents_add_list_remove,
            grants_of_lists_live_grants,
            purge_keeps_live_entries,
            replayed_code_revokes_grant,
            concurrent_exchanges_of_one_code,
            reused_refresh_token_revokes_family,
            revocation_during_exchange_leaves_tokens_dead,
            expiry_at_the_boundary,
            revoke_is_idempotent,
            withdrawn_consent_revokes_grants,
            withdrawal_racing_issuance_is_linearizable,
            unknown_records_answer_alike,
            expired_and_unknown_credentials_answer_alike,
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __store_conformance_tests {
    ($make:expr; $($name:ident,)*) => {
        $(
            #[$crate::__private::tokio::test(
                flavor = "multi_thread",
                worker_threads = 4,
                crate = "authcode_store_conformance::__private::tokio"
            )]
            async fn $name() {
                $crate::$name($make).await;
            }
        )*
    };
}

#[doc(hidden)]
pub mod __private {
    pub use tokio;
}

/// The present, as the checks see it: the current second plus 123 456 789 ns, so that every
/// expiry has digits below the millisecond that a store must keep.
pub(crate) fn present() -> std::time::SystemTime {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_nanos(123_456_789)
}

/// Awaits `future`, failing the check with `what` if the store returned an error: the suite
/// runs against a healthy store, where every call must succeed.
pub(crate) async fn ok<T, E: std::fmt::Display>(
    what: &str,
    future: impl Future<Output = Result<T, E>>,
) -> T {
    match future.await {
        Ok(value) => value,
        Err(err) => panic!("{what} failed on a healthy store: {err}"),
    }
}
