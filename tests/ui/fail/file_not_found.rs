use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/no-such-spec.json")]
pub struct Wallet;

fn main() {}
