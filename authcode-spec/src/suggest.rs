/// The candidate closest to `input`, if one is close enough to be worth a "did you mean".
///
/// A candidate that differs only in letter case always qualifies (scope names are
/// case-sensitive, and `user_id` for `USER_ID` is the commonest slip). Otherwise a candidate
/// qualifies when it is a few edits away relative to its length, or shares a long prefix
/// (a truncated name), and the best score wins; ties go to the earlier candidate.
///
/// ```
/// let keys = ["name", "description", "authorization"];
/// assert_eq!(authcode_spec::closest("authorisation", keys), Some("authorization"));
/// assert_eq!(authcode_spec::closest("colour", keys), None);
/// ```
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let score = if candidate.eq_ignore_ascii_case(input) {
            2.0
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
}
