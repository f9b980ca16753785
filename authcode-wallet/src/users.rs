//! The emulator's users: the built-in demo users, or a file of userInfo objects.

use std::collections::HashSet;
use std::path::Path;

use authcode_runtime::UserInfoModel;
use serde_json::Value;

/// Two demo users with full profiles, so that every scope has something to release.
const DEMO_USERS: &str = include_str!("demo-users.json");

/// The users in `path`, or the demo users; each with a non-empty, unique `userId`.
pub fn load<U: UserInfoModel>(path: Option<&Path>) -> Result<Vec<(String, U)>, String> {
    let (text, origin) = text(path)?;
    parse(&text).map_err(|err| format!("{origin}: {err}"))
}

/// The text of the users file, or of the demo users, and how to name it in messages.
fn text(path: Option<&Path>) -> Result<(String, String), String> {
    Ok(match path {
        Some(path) => (
            std::fs::read_to_string(path)
                .map_err(|err| format!("cannot read --users {}: {err}", path.display()))?,
            path.display().to_string(),
        ),
        None => (DEMO_USERS.to_owned(), "the built-in demo users".to_owned()),
    })
}

fn parse<U: UserInfoModel>(text: &str) -> Result<Vec<(String, U)>, String> {
    let users: Vec<Value> = serde_json::from_str(text)
        .map_err(|err| format!("expected a JSON array of userInfo objects: {err}"))?;
    if users.is_empty() {
        return Err("no users".to_owned());
    }
    let mut seen = HashSet::new();
    let mut loaded = Vec::with_capacity(users.len());
    for (index, user) in users.into_iter().enumerate() {
        let id = user
            .get("userId")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
            .ok_or_else(|| format!("user {index} has no \"userId\" string"))?
            .to_owned();
        if !seen.insert(id.clone()) {
            return Err(format!("userId {id:?} appears twice"));
        }
        let profile = serde_json::from_value(user).map_err(|err| {
            format!("user {id:?} does not fit the wallet's userInfo model: {err}")
        })?;
        loaded.push((id, profile));
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use authcode_runtime::UserInfo;

    #[test]
    fn demo_users_load() {
        let users = load::<UserInfo>(None).unwrap();
        let ids: Vec<_> = users.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["2088001", "2088002"]);
        assert!(
            users
                .iter()
                .all(|(_, u)| u.nick_name.is_some() && u.login_id_infos.is_some())
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
            (r#"[{"userId": 7}]"#, "user 0 has no \"userId\""),
            (r#"[{"userId": "a", "nickName": 7}]"#, "does not fit"),
        ] {
            let err = parse::<UserInfo>(text).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
        }
        let err = load::<UserInfo>(Some(Path::new("/nonexistent/users.json"))).unwrap_err();
        assert!(err.contains("cannot read --users"), "{err}");
    }
}
