//! The emulator's users: the built-in demo users, or a file of userInfo objects.

use std::collections::HashSet;
use std::path::Path;

use authcode_runtime::flow::UserInfo;

/// Two demo users with full profiles, so that every scope has something to release.
const DEMO_USERS: &str = include_str!("demo-users.json");

/// The users in `path`, or the demo users; each with a non-empty, unique `userId`.
pub fn load(path: Option<&Path>) -> Result<Vec<UserInfo>, String> {
    let (text, origin) = match path {
        Some(path) => (
            std::fs::read_to_string(path)
                .map_err(|err| format!("cannot read --users {}: {err}", path.display()))?,
            path.display().to_string(),
        ),
        None => (DEMO_USERS.to_owned(), "the built-in demo users".to_owned()),
    };
    parse(&text).map_err(|err| format!("{origin}: {err}"))
}

fn parse(text: &str) -> Result<Vec<UserInfo>, String> {
    let users: Vec<UserInfo> = serde_json::from_str(text)
        .map_err(|err| format!("expected a JSON array of userInfo objects: {err}"))?;
    if users.is_empty() {
        return Err("no users".to_owned());
    }
    let mut seen = HashSet::new();
    for (index, user) in users.iter().enumerate() {
        let id = user
            .user_id
            .as_deref()
            .filter(|id| !id.is_empty())
            .ok_or_else(|| format!("user {index} has no \"userId\""))?;
        if !seen.insert(id) {
            return Err(format!("userId {id:?} appears twice"));
        }
    }
    Ok(users)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_users_load() {
        let users = load(None).unwrap();
        let ids: Vec<_> = users.iter().filter_map(|u| u.user_id.as_deref()).collect();
        assert_eq!(ids, ["2088001", "2088002"]);
        assert!(
            users
                .iter()
                .all(|u| u.nick_name.is_some() && u.login_id_infos.is_some())
        );
    }

    #[test]
    fn bad_user_files_are_explained() {
        for (text, expected) in [
            ("{}", "expected a JSON array"),
            ("[]", "no users"),
            (r#"[{"nickName": "x"}]"#, "user 0 has no \"userId\""),
            (r#"[{"userId": ""}]"#, "user 0 has no \"userId\""),
            (r#"[{"userId": "a"}, {"userId": "a"}]"#, "appears twice"),
            (r#"[{"userId": 7}]"#, "expected a JSON array"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
        }
        let err = load(Some(Path::new("/nonexistent/users.json"))).unwrap_err();
        assert!(err.contains("cannot read --users"), "{err}");
    }
}
