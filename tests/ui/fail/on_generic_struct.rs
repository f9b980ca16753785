use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub struct Wallet<T>(T);

fn main() {}
