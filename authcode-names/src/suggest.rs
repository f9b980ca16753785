/// The candidate closest to `input`, if one is close enough to be worth a "did you mean".
///
/// A candidate that differs only in letter case always qualifies (scope names are
/// case-sensitive, and `user_id` for `USER_ID` is the commonest slip). Otherwise a candidate
/// qualifies when it is a few edits away relative to its length, or shares a long prefix
/// (a truncated name), and the best score wins; ties go to the earlier candidate.
///
/// ```
/// let keys = ["name", "description", "authorization"];
/// assert_eq!(authcode_names::closest("authorisation", keys), Some("authorization"));
/// assert_eq!(authcode_names::closest("colour", keys), None);
/// ```
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &'a str)> = None;
    let input_chars = input.chars().count();
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let score = if candidate.eq_ignore_ascii_case(input) {
            2.0
        } else if apart(input_chars, candidate) {
            // Neither measure can reach its threshold for names of lengths over a factor of
            // two apart (edits: at most 1/2; Jaro at most 5/6, so Jaro-Winkler under 0.9), so
            // skip the O(input × candidate) computation: a 64 KiB name would take seconds.
            continue;
        } else {
            let edits = strsim::normalized_damerau_levenshtein(input, candidate);
            let prefix = strsim::jaro_winkler(input, candidate);
            if edits >= 0.7 || prefix >= 0.9 {
                edits.max(prefix)
            } else {
                continue;
            }
        };
        if best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// `true` when one of the lengths is over twice the other (`input_chars` is the input's length
/// in characters). The candidate's length is counted only as far as it matters.
fn apart(input_chars: usize, candidate: &str) -> bool {
    let candidate_chars = candidate.chars().take(2 * input_chars + 1).count();
    input_chars > 2 * candidate_chars || candidate_chars > 2 * input_chars
}

#[cfg(test)]
mod tests {
    use super::closest;

    const SCOPES: [&str; 5] = [
        "USER_ID",
        "USER_NAME",
        "USER_NICKNAME",
        "USER_LOGIN_ID",
        "auth_base",
    ];

    #[test]
    fn suggests_near_misses() {
        assert_eq!(closest("USER_NAM", SCOPES), Some("USER_NAME"));
        assert_eq!(closest("user_id", SCOPES), Some("USER_ID"));
        assert_eq!(closest("USER_NICK", SCOPES), Some("USER_NICKNAME"));
        assert_eq!(closest("auth_bse", SCOPES), Some("auth_base"));
    }

    #[test]
    fn stays_quiet_for_unrelated_input() {
        assert_eq!(closest("PAYMENT", SCOPES), None);
        assert_eq!(closest("", SCOPES), None);
        assert_eq!(closest("x", SCOPES), None);
    }

    #[test]
    fn never_suggests_the_input_itself() {
        assert_eq!(closest("USER_ID", ["USER_ID"]), None);
    }

    #[test]
    fn inputs_over_twice_as_long_could_never_qualify() {
        // The shortcut skips what the measures themselves would reject: the closest such
        // inputs (the candidate itself, extended) stay under both thresholds.
        for candidate in SCOPES {
            let len = candidate.chars().count();
            for extension in ["X", "_", candidate, "é"] {
                let mut input = candidate.to_owned();
                while input.chars().count() <= 2 * len {
                    input.push_str(extension);
                }
                assert!(strsim::normalized_damerau_levenshtein(&input, candidate) < 0.7);
                assert!(strsim::jaro_winkler(&input, candidate) < 0.9, "{input}");
            }
        }
    }

    #[test]
    fn names_of_very_different_lengths_could_never_qualify() {
        // The other direction of the shortcut: a candidate over twice the input's length.
        for input in SCOPES {
            let len = input.chars().count();
            let mut candidate = input.to_owned();
            while candidate.chars().count() <= 2 * len {
                candidate.push('X');
            }
            assert!(strsim::normalized_damerau_levenshtein(input, &candidate) < 0.7);
            assert!(strsim::jaro_winkler(input, &candidate) < 0.9, "{candidate}");
        }
        let huge = "USER_ID".repeat(10_000);
        assert_eq!(closest("USER_ID_", [huge.as_str()]), None);
    }

    #[test]
    fn a_huge_input_is_answered_at_once() {
        // Found by the request_parser fuzz target: a 64 KiB unknown name took seconds.
        let huge = "USER_ID".repeat(10_000);
        let started = std::time::Instant::now();
        assert_eq!(closest(&huge, SCOPES), None);
        assert!(started.elapsed() < std::time::Duration::from_millis(100));
    }
}
