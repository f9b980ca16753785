//! What the generated Alipay+ types do at run time.

use authcode_runtime::{AuthScopes, Authorization, Scope, ScopeSpec, UnknownScope, UserInfoField};

/// The Alipay+ wallet.
#[derive(AuthScopes)]
#[auth_scopes(spec = "../spec/alipay-plus.json")]
pub struct AlipayPlus;

const DOCUMENTED_ORDER: [&str; 15] = [
    "USER_ID",
    "USER_NICKNAME",
    "USER_NAME",
    "USER_LOGIN_ID",
    "PLAINTEXT_USER_LOGIN_ID",
    "HASH_LOGIN_ID",
    "USER_AVATAR",
    "USER_GENDER",
    "USER_BIRTHDAY",
    "USER_NATIONALITY",
    "USER_CONTACTINFO",
    "USER_ADDRESS",
    "SEND_MESSAGE",
    "auth_base",
    "auth_user",
];

#[test]
fn all_scopes_of_the_alipay_plus_documentation_in_spec_order() {
    let names: Vec<&str> = AlipayPlusScope::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(names, DOCUMENTED_ORDER);
    for (index, scope) in AlipayPlusScope::ALL.iter().enumerate() {
        assert_eq!(scope.index(), index);
        assert_eq!(Scope::index(*scope), index);
    }
}

#[test]
fn silent_and_proactive_classes_follow_the_documentation() {
    #[allow(deprecated)]
    let silent = [AlipayPlusScope::UserId, AlipayPlusScope::AuthBase];
    for scope in AlipayPlusScope::ALL {
        let expected = if silent.contains(scope) {
            Authorization::Silent
        } else {
            Authorization::Proactive
        };
        assert_eq!(scope.authorization(), expected, "{scope}");
        assert_eq!(scope.is_silent(), expected == Authorization::Silent);
        assert_eq!(scope.is_proactive(), expected == Authorization::Proactive);
    }
}

#[test]
#[allow(deprecated)]
fn legacy_scopes_are_deprecated_with_their_note() {
    let deprecated: Vec<AlipayPlusScope> = AlipayPlusScope::ALL
        .iter()
        .copied()
        .filter(|s| s.is_deprecated())
        .collect();
    assert_eq!(
        deprecated,
        [AlipayPlusScope::AuthBase, AlipayPlusScope::AuthUser]
    );
    assert_eq!(
        AlipayPlusScope::AuthBase.deprecation_note(),
        Some("Legacy scope, not recommended: use USER_ID.")
    );
    assert_eq!(AlipayPlusScope::UserId.deprecation_note(), None);
}

#[test]
fn descriptions_and_grants_come_from_the_spec() {
    assert_eq!(
        AlipayPlusScope::UserLoginId.description(),
        "Authorized to obtain the user login ID, which is several hidden bits of the phone number to protect users' privacy."
    );
    assert_eq!(
        AlipayPlusScope::UserLoginId.grants(),
        [
            UserInfoField::LoginIdInfosMaskLoginId,
            UserInfoField::LoginIdInfosLoginIdType
        ]
    );
    assert_eq!(AlipayPlusScope::SendMessage.grants(), []);
    assert_eq!(AlipayPlusScope::UserId.aliases(), [] as [&str; 0]);
}

#[test]
fn display_and_from_str_use_the_wire_names() {
    for scope in AlipayPlusScope::ALL {
        let wire = scope.to_string();
        assert_eq!(wire, scope.as_str());
        assert_eq!(wire.parse::<AlipayPlusScope>().unwrap(), *scope);
        assert_eq!(AlipayPlusScope::from_wire_name(&wire), Some(*scope));
    }
}

#[test]
fn parsing_is_case_sensitive_and_suggests_the_closest_name() {
    let err: UnknownScope = "user_id".parse::<AlipayPlusScope>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown scope "user_id"; did you mean "USER_ID"?"#
    );
    let err = "PAYMENT".parse::<AlipayPlusScope>().unwrap_err();
    assert_eq!(err.to_string(), r#"unknown scope "PAYMENT""#);
    assert_eq!(err.suggestion(), None);
}

#[test]
fn serde_uses_the_wire_names() {
    let json = serde_json::to_string(&AlipayPlusScope::ALL).unwrap();
    assert_eq!(json, serde_json::to_string(&DOCUMENTED_ORDER).unwrap());
    let back: Vec<AlipayPlusScope> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, AlipayPlusScope::ALL);
    let err = serde_json::from_str::<AlipayPlusScope>(r#""USER_NAM""#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"unknown scope "USER_NAM"; did you mean "USER_NAME"?"#),
        "{err}"
    );
    assert!(serde_json::from_str::<AlipayPlusScope>("7").is_err());
}

#[test]
fn the_wallet_struct_carries_the_spec_metadata() {
    assert_eq!(AlipayPlus::WALLET, Some("Alipay+"));
    assert_eq!(AlipayPlus::JSAPI, Some("my.getAuthCode"));
    fn scope_count<W: ScopeSpec>() -> usize {
        W::Scope::ALL.len()
    }
    assert_eq!(scope_count::<AlipayPlus>(), 15);
}

#[test]
fn the_facts_are_available_in_const_contexts() {
    const SILENT: bool = AlipayPlusScope::UserId.is_silent();
    const NAME: &str = AlipayPlusScope::HashLoginId.as_str();
    const INDEX: usize = AlipayPlusScope::SendMessage.index();
    #[allow(deprecated)]
    const LEGACY: bool = AlipayPlusScope::AuthUser.is_deprecated();
    // `ALL` refers to a static; constants may read it.
    const COUNT: usize = AlipayPlusScope::ALL.len();
    const LAST: AlipayPlusScope = AlipayPlusScope::ALL[COUNT - 1];
    const { assert!(SILENT && LEGACY) };
    assert_eq!(NAME, "HASH_LOGIN_ID");
    assert_eq!(INDEX, 12);
    assert_eq!(COUNT, DOCUMENTED_ORDER.len());
    assert_eq!(LAST.as_str(), "auth_user");
}
