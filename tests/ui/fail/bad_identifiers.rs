use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/bad_identifiers.json")]
pub struct Wallet;

fn main() {}
