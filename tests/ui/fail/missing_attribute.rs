use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
pub struct Wallet;

fn main() {}
