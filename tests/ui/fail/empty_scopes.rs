use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/empty_scopes.json")]
pub struct Wallet;

fn main() {}
