//! The key of every record. Each key carries a hash tag (`{...}`), so that the keys one
//! script touches share a slot on Redis Cluster: a grant's key alone, a secret's alone, and
//! every key of one user together.

use authcode_core::flow::{GrantId, SecretHash, SecretKind};

/// Builds keys under one prefix.
#[derive(Clone, Debug)]
pub(crate) struct Keys {
    prefix: String,
}

/// `text` with `%`, `{`, `}` and `:` percent-encoded: an ID can neither end a hash tag early
/// nor pass for a separator, so distinct IDs always make distinct keys.
fn escape(text: &str) -> String {
    escape_chars(text, &['%', '{', '}', ':'])
}

fn escape_chars(text: &str, special: &[char]) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if special.contains(&c) {
            escaped.push_str(&format!("%{:02X}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    escaped
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The short name of a secret kind in its keys.
fn kind_name(kind: SecretKind) -> &'static str {
    match kind {
        SecretKind::AuthCode => "code",
        SecretKind::AccessToken => "access",
        SecretKind::RefreshToken => "refresh",
    }
}

impl Keys {
    /// Keys under `prefix`, its `%`, `{` and `}` percent-encoded so that it never holds a hash
    /// tag of its own.
    pub(crate) fn new(prefix: &str) -> Keys {
        Keys {
            prefix: escape_chars(prefix, &['%', '{', '}']),
        }
    }

    /// The prefix as it appears in keys.
    #[cfg(test)]
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// `P{c:<client>}`: the client's permitted scopes.
    pub(crate) fn client(&self, client_id: &str) -> String {
        format!("{}{{c:{}}}", self.prefix, escape(client_id))
    }

    /// `P{u:<user>}:profile`: the user's profile.
    pub(crate) fn profile(&self, user_id: &str) -> String {
        format!("{}{{u:{}}}:profile", self.prefix, escape(user_id))
    }

    /// `P{u:<user>}:consents`: the user's consents, a hash from client ID to scopes.
    pub(crate) fn consents(&self, user_id: &str) -> String {
        format!("{}{{u:{}}}:consents", self.prefix, escape(user_id))
    }

    /// `P{u:<user>}:grants:<client>`: the user's grants to the client, a sorted set scored
    /// by expiry.
    pub(crate) fn grants_of(&self, client_id: &str, user_id: &str) -> String {
        format!(
            "{}{{u:{}}}:grants:{}",
            self.prefix,
            escape(user_id),
            escape(client_id)
        )
    }

    /// `P{g:<grant>}`: the grant.
    pub(crate) fn grant(&self, id: GrantId) -> String {
        format!("{}{{g:{id}}}", self.prefix)
    }

    /// `P{s:<kind>:<sha-256 hex>}`: the record of a code or token.
    pub(crate) fn secret(&self, kind: SecretKind, hash: &SecretHash) -> String {
        format!(
            "{}{{s:{}:{}}}",
            self.prefix,
            kind_name(kind),
            hex(hash.as_bytes())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash tag of a key: what Redis Cluster hashes to pick the slot.
    fn tag(key: &str) -> &str {
        let open = key.find('{').unwrap();
        let close = open + key[open..].find('}').unwrap();
        &key[open + 1..close]
    }

    #[test]
    fn the_keys_of_one_user_share_a_tag_and_ids_cannot_break_it() {
        let keys = Keys::new("app{1}:");
        assert_eq!(keys.prefix(), "app%7B1%7D:");
        let user = "a}b{c:d%";
        let client = "m{x}";
        let tags = [
            tag(&keys.profile(user)).to_owned(),
            tag(&keys.consents(user)).to_owned(),
            tag(&keys.grants_of(client, user)).to_owned(),
        ];
        assert!(tags.iter().all(|t| t == "u:a%7Db%7Bc%3Ad%25"), "{tags:?}");
        assert_eq!(tag(&keys.client(client)), "c:m%7Bx%7D");
        // Two IDs that would read alike unescaped stay apart.
        assert_ne!(keys.grants_of("a:b", "c"), keys.grants_of("b", "c}:a"));
    }

    #[test]
    fn grant_and_secret_keys() {
        let keys = Keys::new("authcode:");
        assert_eq!(
            keys.grant(GrantId::from_u128(0xab)),
            "authcode:{g:000000000000000000000000000000ab}"
        );
        let hash = SecretHash::of("");
        assert_eq!(
            keys.secret(SecretKind::AuthCode, &hash),
            "authcode:{s:code:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855}"
        );
        assert_ne!(
            keys.secret(SecretKind::AccessToken, &hash),
            keys.secret(SecretKind::RefreshToken, &hash)
        );
    }
}
