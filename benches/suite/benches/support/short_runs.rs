//! The criterion settings of the benches that time many inputs of many sizes (`lookup_size`,
//! `unknown_names`): a short warm-up and measurement for each, so that a whole run stays in
//! minutes.

use std::time::Duration;

use criterion::Criterion;

/// One second of warm-up and three of measurement per benchmark.
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}
