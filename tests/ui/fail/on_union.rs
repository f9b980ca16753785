use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub union Wallet {
    id: u32,
}

fn main() {}
