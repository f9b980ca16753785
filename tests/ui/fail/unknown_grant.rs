use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/unknown_grant.json")]
pub struct Wallet;

fn main() {}
