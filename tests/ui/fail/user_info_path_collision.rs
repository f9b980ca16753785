use authcode_runtime::AuthScopes;

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/malformed/user_info_path_collision.json")]
pub struct Wallet;

fn main() {}
