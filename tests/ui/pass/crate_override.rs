// `crate = "..."` points generated code at a renamed authcode-runtime.
use authcode_runtime as wallet_auth;

mod wallets {
    #[derive(super::wallet_auth::AuthScopes)]
    #[auth_scopes(spec = "specs/alipay-plus.json", crate = "crate::wallet_auth")]
    pub struct AlipayPlus;
}

fn main() {
    use wallet_auth::Scope;
    assert_eq!(wallets::AlipayPlusScope::ALL.len(), 15);
}
