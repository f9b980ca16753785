use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/duplicates.json")]
pub struct Wallet;

fn main() {}
