use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub enum Wallet {
    AlipayPlus,
}

fn main() {}
