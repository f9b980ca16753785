use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/invalid_json.json")]
pub struct Wallet;

fn main() {}
