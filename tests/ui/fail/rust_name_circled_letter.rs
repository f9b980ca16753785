use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/malformed/rust_name_circled_letter.json")]
pub struct Wallet;

fn main() {}
