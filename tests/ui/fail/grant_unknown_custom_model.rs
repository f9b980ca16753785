use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/malformed/grant_unknown_custom_model.json")]
pub struct Wallet;

fn main() {}
