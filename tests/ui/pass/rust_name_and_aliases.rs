// `rust_name` overrides a variant identifier; aliases parse but are never written out.
use authcode_runtime::{AuthScopes, Scope};

#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/renamed.json")]
pub struct Renamed;

fn main() {
    assert_eq!(RenamedScope::TwoFactorStatus.as_str(), "2FA_STATUS");
    assert_eq!("UID".parse::<RenamedScope>().unwrap(), RenamedScope::UserId);
    assert_eq!("uid".parse::<RenamedScope>().unwrap(), RenamedScope::UserId);
    assert_eq!(RenamedScope::UserId.to_string(), "USER_ID");
    assert_eq!(RenamedScope::UserId.aliases(), ["UID", "uid"]);
    #[allow(deprecated)]
    let legacy = RenamedScope::AuthUser;
    assert_eq!("USER_INFO".parse::<RenamedScope>().unwrap(), legacy);
    assert_eq!(legacy.deprecation_note(), Some("Legacy scope, not recommended."));
}
