use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/a_directory.json")]
pub struct Wallet;

fn main() {}
