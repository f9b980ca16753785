use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
pub struct AlipayPlus;

fn main() {
    let _typo = AlipayPlusScope::UserNickName;
}
