// A broken spec still yields the (empty) scope enum and its trait impls, so code that only
// names the types reports the spec problem and nothing else.
use authcode_runtime::{AuthScopes, Scope, ScopeSpec};

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wrong_version.json")]
pub struct Wallet;

fn all_names<S: ScopeSpec>() -> Vec<&'static str> {
    S::Scope::ALL.iter().map(|scope| scope.as_str()).collect()
}

fn main() {
    let _parsed: Result<WalletScope, _> = "USER_ID".parse();
    let _names = all_names::<Wallet>();
}
