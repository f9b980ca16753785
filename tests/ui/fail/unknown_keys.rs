use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/unknown_keys.json")]
pub struct Wallet;

fn main() {}
