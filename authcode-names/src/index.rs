//! [`NameIndex`]: the wire names of one scope type, arranged so that a "did you mean" search
//! costs the same whatever the number of names.
//!
//! A suggestion compares the rejected input with candidate names, each comparison quadratic
//! in the names' lengths. Over every name of a 10,000-scope spec that was milliseconds per
//! unknown name, paid again for every one in an untrusted request. The index bounds the work:
//! inputs longer than [`MAX_SUGGESTED_INPUT`] get no suggestion, a spec of up to
//! [`FULL_SCAN`] names is searched whole, and a larger one only around the input's place in
//! the names sorted without regard to ASCII case, where the names that differ from it in
//! case, or only at the end, sit.

use std::cmp::Ordering;

use crate::closest;

/// Specs with up to this many names (wire names and aliases) are searched whole.
pub const FULL_SCAN: usize = 128;

/// How many names either side of the input's place a large spec's search looks at.
pub const WINDOW: usize = 16;

/// The longest input, in bytes, that gets a suggestion: scope names are short, and a longer
/// input is garbage rather than a typo.
pub const MAX_SUGGESTED_INPUT: usize = 64;

/// The wire names of a scope type and, for large specs, their order without regard to
/// case: what the derive writes into generated code as `static` data.
///
/// ```
/// use authcode_names::NameIndex;
/// let names = ["USER_ID", "USER_NAME", "auth_base"];
/// let index = NameIndex { names: &names, folded_order: &[] };
/// assert_eq!(index.suggest("USER_NAM"), Some("USER_NAME"));
/// assert_eq!(index.suggest("PAYMENT"), None);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct NameIndex<'a> {
    /// Every wire name and alias, in spec order.
    pub names: &'a [&'a str],
    /// Positions in `names`, sorted by the names in ASCII lower case (from [`folded_order`]);
    /// empty for specs of up to [`FULL_SCAN`] names, which are searched whole.
    pub folded_order: &'a [u16],
}

impl<'a> NameIndex<'a> {
    /// An index of no names.
    pub const EMPTY: NameIndex<'static> = NameIndex {
        names: &[],
        folded_order: &[],
    };

    /// The name closest to `input`, if one is close enough (see [`closest`]), in time
    /// bounded whatever the number of names.
    pub fn suggest(&self, input: &str) -> Option<&'a str> {
        if input.len() > MAX_SUGGESTED_INPUT {
            return None;
        }
        if self.folded_order.is_empty() {
            return closest(input, self.names.iter().take(FULL_SCAN).copied());
        }
        let place = self.folded_order.partition_point(|&position| {
            self.names
                .get(usize::from(position))
                .is_some_and(|name| folded_cmp(name, input) == Ordering::Less)
        });
        let window = place.saturating_sub(WINDOW)..(place + WINDOW).min(self.folded_order.len());
        let candidates = self.folded_order[window]
            .iter()
            .filter_map(|&position| self.names.get(usize::from(position)).copied());
        closest(input, candidates)
    }
}

/// The positions of `names` sorted by the names in ASCII lower case, for
/// [`NameIndex::folded_order`]; empty when there are [`FULL_SCAN`] names or fewer, or more
/// than a `u16` can number.
///
/// ```
/// assert!(authcode_names::folded_order(&["b", "A"]).is_empty());
/// let names: Vec<String> = (0..200).map(|i| format!("S{}", 199 - i)).collect();
/// let names: Vec<&str> = names.iter().map(String::as_str).collect();
/// let order = authcode_names::folded_order(&names);
/// assert_eq!(names[usize::from(order[0])], "S0");
/// ```
pub fn folded_order(names: &[&str]) -> Vec<u16> {
    if names.len() <= FULL_SCAN || names.len() > usize::from(u16::MAX) {
        return Vec::new();
    }
    // Each name's key once, not once per comparison.
    let mut keyed: Vec<(Vec<u8>, &str, u16)> = names
        .iter()
        .enumerate()
        .filter_map(|(position, name)| Some((lower(name), *name, u16::try_from(position).ok()?)))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    keyed.into_iter().map(|(_, _, position)| position).collect()
}

/// `a` and `b` compared byte by byte in ASCII lower case, then as they are (so the order is
/// total and deterministic).
fn folded_cmp(a: &str, b: &str) -> Ordering {
    fn folded(text: &str) -> impl Iterator<Item = u8> + '_ {
        text.bytes().map(|byte| byte.to_ascii_lowercase())
    }
    folded(a).cmp(folded(b)).then_with(|| a.cmp(b))
}

/// `text` in ASCII lower case, as bytes: the sort key of [`folded_cmp`].
fn lower(text: &str) -> Vec<u8> {
    text.bytes().map(|byte| byte.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(count: usize) -> Vec<String> {
        (0..count).map(|i| format!("SCOPE_NUMBER_{i}")).collect()
    }

    #[test]
    fn a_large_spec_is_searched_around_the_input() {
        let owned = generated(10_000);
        let names: Vec<&str> = owned.iter().map(String::as_str).collect();
        let order = folded_order(&names);
        let index = NameIndex {
            names: &names,
            folded_order: &order,
        };
        assert_eq!(
            index.suggest("scope_number_4242"),
            Some("SCOPE_NUMBER_4242")
        );
        assert_eq!(
            index.suggest("SCOPE_NUMBER_4242X"),
            Some("SCOPE_NUMBER_4242")
        );
        // One edit from two names: either is a good suggestion.
        assert!(matches!(
            index.suggest("SCOPE_NUMBER_42420"),
            Some("SCOPE_NUMBER_4240" | "SCOPE_NUMBER_4242")
        ));
        assert_eq!(index.suggest("PAYMENT"), None);
        assert_eq!(index.suggest(&"X".repeat(MAX_SUGGESTED_INPUT + 1)), None);
    }

    #[test]
    fn small_specs_are_searched_whole() {
        let names = ["USER_ID", "USER_NICKNAME", "auth_base"];
        let index = NameIndex {
            names: &names,
            folded_order: &folded_order(&names),
        };
        assert!(index.folded_order.is_empty());
        assert_eq!(index.suggest("AUTH_BASE"), Some("auth_base"));
        assert_eq!(NameIndex::EMPTY.suggest("x"), None);
    }

    #[test]
    fn the_order_is_total_over_names_differing_in_case_only() {
        let mut owned = generated(200);
        owned.push("Scope_Number_7".to_owned());
        let names: Vec<&str> = owned.iter().map(String::as_str).collect();
        let order = folded_order(&names);
        assert_eq!(order.len(), names.len());
        let sorted: Vec<&str> = order.iter().map(|&p| names[usize::from(p)]).collect();
        assert!(
            sorted
                .windows(2)
                .all(|pair| folded_cmp(pair[0], pair[1]) == Ordering::Less)
        );
    }
}
