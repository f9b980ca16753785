//! A shipped wallet by name: no spec file in the crate.
use authcode_runtime::{AuthScopes, Scope};

#[derive(AuthScopes)]
#[auth_scopes(wallet = "gcash")]
pub struct GCash;

fn main() {
    let scope: GCashScope = "auth_base".parse().unwrap();
    assert!(scope.is_silent());
    assert!(!GCashScope::ALL.is_empty());
}
