use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(wallet = "gcahs")]
pub struct Wallet;

#[derive(AuthScopes)]
#[auth_scopes(wallet = "gcash", spec = "spec/alipay-plus.json")]
pub struct Both;

fn main() {}
