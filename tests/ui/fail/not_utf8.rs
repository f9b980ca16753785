use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/not_utf8.json")]
pub struct Wallet;

fn main() {}
