//! The vocabulary of the spec format. `spec/authcode-spec.schema.json` must list exactly these;
//! a test in the workspace checks that the two agree.

/// Keys allowed at the top level of a spec.
pub const TOP_LEVEL_KEYS: &[&str] = &["$schema", "spec_version", "wallet", "jsapi", "scopes"];

/// Keys allowed in each entry of `scopes`.
pub const SCOPE_KEYS: &[&str] = &[
    "name",
    "description",
    "authorization",
    "deprecated",
    "aliases",
    "rust_name",
    "grants",
];

/// User-info fields a scope may list in `grants`: the fields of the Alipay+ `userInfo` model
/// (nested ones as `parent.child`), which `inquiryUserInfo` releases only to tokens whose scopes
/// grant them.
pub const USER_INFO_FIELDS: &[&str] = &[
    "userId",
    "nickName",
    "userName",
    "avatar",
    "gender",
    "birthDate",
    "nationality",
    "loginIdInfos.loginId",
    "loginIdInfos.maskLoginId",
    "loginIdInfos.hashLoginId",
    "contactInfos",
    "addresses",
];

/// The `authcode_runtime::UserInfoField` variant that stands for a grantable field, by its
/// spec name.
///
/// ```
/// assert_eq!(authcode_spec::user_info_field_variant("loginIdInfos.maskLoginId"), Some("MaskLoginId"));
/// assert_eq!(authcode_spec::user_info_field_variant("nickname"), None);
/// ```
pub fn user_info_field_variant(field: &str) -> Option<&'static str> {
    Some(match field {
        "userId" => "UserId",
        "nickName" => "NickName",
        "userName" => "UserName",
        "avatar" => "Avatar",
        "gender" => "Gender",
        "birthDate" => "BirthDate",
        "nationality" => "Nationality",
        "loginIdInfos.loginId" => "LoginId",
        "loginIdInfos.maskLoginId" => "MaskLoginId",
        "loginIdInfos.hashLoginId" => "HashLoginId",
        "contactInfos" => "ContactInfos",
        "addresses" => "Addresses",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_variant() {
        for field in USER_INFO_FIELDS {
            assert!(user_info_field_variant(field).is_some(), "{field}");
        }
    }
}
