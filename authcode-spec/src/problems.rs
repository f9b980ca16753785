//! The problems of one spec, of which at most [`MAX_PROBLEMS`] are kept.
//!
//! A broken generated spec can have a problem per line; reporting each would flood the
//! compiler's output (50,000 unknown keys made 7.8 MB of it). The first problems in file order
//! are what a user fixes first, so those are kept, and the rest are only counted. Problems do not
//! arrive in file order (checks across scopes run after the scopes are read), so the kept ones
//! are a max-heap: a problem past the last kept one is counted and dropped before its message is
//! written, which is also where the cost of did-you-mean suggestions would be.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::{Location, MAX_PROBLEMS, SpecError, SpecErrorKind};

pub(crate) struct Problems {
    kept: BinaryHeap<Held>,
    /// Problems counted but not kept.
    more: usize,
    /// The first of those in file order, where the final "… and N more" points.
    first_more: Option<Location>,
    /// Report order, which orders problems at one location.
    next: u64,
}

struct Held {
    order: (Location, u64),
    error: SpecError,
}

impl PartialEq for Held {
    fn eq(&self, other: &Self) -> bool {
        self.order == other.order
    }
}

impl Eq for Held {}

impl PartialOrd for Held {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Held {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order.cmp(&other.order)
    }
}

impl Problems {
    pub fn new() -> Self {
        Problems {
            kept: BinaryHeap::with_capacity(MAX_PROBLEMS + 1),
            more: 0,
            first_more: None,
            next: 0,
        }
    }

    /// How many problems were reported, kept or not.
    pub fn count(&self) -> usize {
        self.kept.len() + self.more
    }

    /// Records a problem; `message` is only called when the problem is kept.
    pub fn report(
        &mut self,
        location: Location,
        kind: SpecErrorKind,
        message: impl FnOnce() -> String,
    ) {
        let order = (location, self.next);
        self.next += 1;
        if self.kept.len() == MAX_PROBLEMS {
            match self.kept.peek() {
                Some(last) if order > last.order => {
                    self.count_more(location);
                    return;
                }
                _ => {
                    if let Some(dropped) = self.kept.pop() {
                        self.count_more(dropped.order.0);
                    }
                }
            }
        }
        self.kept.push(Held {
            order,
            error: SpecError::at(kind, location, message()),
        });
    }

    fn count_more(&mut self, location: Location) {
        self.more += 1;
        if self.first_more.is_none_or(|first| location < first) {
            self.first_more = Some(location);
        }
    }

    /// The kept problems in file order, then one that counts the others.
    pub fn into_errors(self) -> Vec<SpecError> {
        let mut errors: Vec<SpecError> = self
            .kept
            .into_sorted_vec()
            .into_iter()
            .map(|held| held.error)
            .collect();
        if let Some(first) = self.first_more {
            let more = self.more;
            let noun = if more == 1 { "problem" } else { "problems" };
            errors.push(SpecError::at(
                SpecErrorKind::TooManyProblems,
                first,
                format!("… and {more} more {noun}"),
            ));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> Location {
        Location { line, column: 1 }
    }

    #[test]
    fn keeps_the_first_in_file_order_whatever_the_report_order() {
        let mut problems = Problems::new();
        let mut written = 0;
        for line in (1..=MAX_PROBLEMS + 10).rev() {
            problems.report(at(line), SpecErrorKind::Syntax, || {
                written += 1;
                format!("line {line}")
            });
        }
        assert_eq!(problems.count(), MAX_PROBLEMS + 10);
        let errors = problems.into_errors();
        assert_eq!(errors.len(), MAX_PROBLEMS + 1);
        assert_eq!(errors[0].message, "line 1");
        assert_eq!(
            errors[MAX_PROBLEMS - 1].message,
            format!("line {MAX_PROBLEMS}")
        );
        assert_eq!(errors[MAX_PROBLEMS].message, "… and 10 more problems");
        assert_eq!(errors[MAX_PROBLEMS].location, Some(at(MAX_PROBLEMS + 1)));
        // In reverse order every problem is kept for a while; that is the worst case.
        assert_eq!(written, MAX_PROBLEMS + 10);
    }

    #[test]
    fn problems_in_file_order_past_the_limit_are_never_written() {
        let mut problems = Problems::new();
        let mut written = 0;
        for line in 1..=10_000 {
            problems.report(at(line), SpecErrorKind::Syntax, || {
                written += 1;
                String::new()
            });
        }
        assert_eq!(written, MAX_PROBLEMS);
        let errors = problems.into_errors();
        assert_eq!(errors.last().unwrap().message, "… and 9950 more problems");
    }

    #[test]
    fn one_location_keeps_report_order() {
        let mut problems = Problems::new();
        problems.report(at(2), SpecErrorKind::Syntax, || "b".into());
        problems.report(at(1), SpecErrorKind::Syntax, || "a1".into());
        problems.report(at(1), SpecErrorKind::Syntax, || "a2".into());
        let messages: Vec<_> = problems
            .into_errors()
            .into_iter()
            .map(|err| err.message)
            .collect();
        assert_eq!(messages, ["a1", "a2", "b"]);
    }
}
