// Compiled against a spec of 1,000 scopes that `tests/large_spec.rs` generates.
#![deny(warnings)]

use authcode_runtime::{AuthScopes, Scope};

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/generated-1000.json")]
pub struct Generated;

fn main() {
    assert_eq!(GeneratedScope::ALL.len(), 1000);
    let last: GeneratedScope = "SCOPE_999".parse().unwrap();
    assert_eq!(last, GeneratedScope::Scope999);
    assert_eq!(last.index(), 999);
    assert!("SCOPE_999".parse::<GeneratedScope>().unwrap().is_silent());
    assert_eq!("scope_alias_994".parse::<GeneratedScope>().unwrap().as_str(), "SCOPE_994");
    for (index, scope) in GeneratedScope::ALL.iter().enumerate() {
        assert_eq!(scope.as_str(), format!("SCOPE_{index}"));
        assert_eq!(scope.as_str().parse::<GeneratedScope>().unwrap(), *scope);
        assert_eq!(scope.is_deprecated(), index % 10 == 0);
    }
}
