use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/variant_collision.json")]
pub struct Wallet;

fn main() {}
