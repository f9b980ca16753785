use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/malformed/variant_collision_kelvin.json")]
pub struct Wallet;

fn main() {}
