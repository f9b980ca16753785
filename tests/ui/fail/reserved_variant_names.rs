use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/malformed/reserved_variant_names.json")]
pub struct Wallet;

fn main() {}
