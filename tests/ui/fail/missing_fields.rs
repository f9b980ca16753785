use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/missing_fields.json")]
pub struct Wallet;

fn main() {}
