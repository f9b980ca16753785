use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec)]
pub struct First;

#[derive(AuthScopes)]
#[auth_scopes(spec = 42)]
pub struct Second;

#[derive(AuthScopes)]
#[auth_scopes(spek = "specs/alipay-plus.json")]
pub struct Third;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/alipay-plus.json")]
#[auth_scopes(crate = "authcode_runtime")]
pub struct Fourth;

fn main() {}
