use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wrong_types.json")]
pub struct Wallet;

fn main() {}
