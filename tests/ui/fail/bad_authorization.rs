use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/bad_authorization.json")]
pub struct Wallet;

fn main() {}
