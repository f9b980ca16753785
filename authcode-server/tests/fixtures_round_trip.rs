//! The OpenAPI examples of the wallets' documentation (`tests/fixtures/openapi/`, sources in
//! its README): each parses into its wire type and serializes back to the same JSON value,
//! fields the types do not model included.

use std::path::Path;

use authcode_runtime::UserInfo;
use authcode_wire::{
    ApplyTokenRequest, AuthNotify, AuthNotifyResponse, GrantType, InquiryUserInfoRequest,
    InquiryUserInfoResponse, ResultCode,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/openapi")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path:?}: {err}"));
    serde_json::from_str(&text).unwrap()
}

/// `name` read as `T`, after checking that `T` writes it back as the same JSON value.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let json = fixture(name);
    let parsed: T =
        serde_json::from_value(json.clone()).unwrap_or_else(|err| panic!("{name}: {err}"));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), json, "{name}");
    parsed
}

#[test]
fn every_fixture_is_covered() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/openapi");
    let mut found = Vec::new();
    for wallet in std::fs::read_dir(&root).unwrap() {
        let wallet = wallet.unwrap().path();
        if wallet.is_dir() {
            for file in std::fs::read_dir(&wallet).unwrap() {
                let file = file.unwrap().path();
                let name = file
                    .strip_prefix(&root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned();
                found.push(name);
            }
        }
    }
    found.sort();
    assert_eq!(
        found,
        [
            "alipay-plus/auth-notify.request.json",
            "alipay-plus/auth-notify.response.json",
            "gcash/inquiry-user-info.request.json",
            "gcash/inquiry-user-info.response.json",
            "rebell/apply-token-v2.request.json",
            "superqi/apply-token-v1.request.json",
        ],
        "a fixture was added or removed: cover it below"
    );
}

#[test]
fn gcash_inquiry_user_info() {
    let request: InquiryUserInfoRequest = round_trip("gcash/inquiry-user-info.request.json");
    assert_eq!(
        request.auth_client_id.as_deref(),
        Some("202016726873874774774xxxx")
    );
    let response: InquiryUserInfoResponse<UserInfo> =
        round_trip("gcash/inquiry-user-info.response.json");
    assert_eq!(response.result.result_code, ResultCode::Success);
    let user = response.user_info.unwrap();
    assert_eq!(user.nick_name.as_deref(), Some("Jack"));
    assert_eq!(user.nationality.as_deref(), Some("US"));
    // Fields outside the Alipay+ model come back as they were.
    assert_eq!(user.extra["status"], "ACTIVE");
    assert_eq!(user.extra["extendInfo"], "{}");
}

#[test]
fn alipay_plus_auth_notify() {
    let notify: AuthNotify = round_trip("alipay-plus/auth-notify.request.json");
    assert_eq!(notify.auth_client_id, "218823863726123456789");
    assert_eq!(
        notify.auth_code.as_ref().map(|code| code.expose()),
        Some("281010133AB2F588D14B432312345678")
    );
    assert_eq!(
        notify.extra["authState"],
        "663A8FA9-D836-48EE-8AA1-1FF682989DC7"
    );
    let response: AuthNotifyResponse = round_trip("alipay-plus/auth-notify.response.json");
    assert_eq!(response.result.result_code, ResultCode::Success);
    assert_eq!(response.extra["pspId"], "1021234567891230002");
}

#[test]
fn apply_token_requests_of_superqi_and_rebell() {
    let superqi: ApplyTokenRequest = round_trip("superqi/apply-token-v1.request.json");
    assert_eq!(superqi.grant_type, GrantType::AuthorizationCode);
    assert_eq!(superqi.named_client(), None);
    let rebell: ApplyTokenRequest = round_trip("rebell/apply-token-v2.request.json");
    assert_eq!(rebell.named_client(), Some("305XST2CSG0N4P0xxxx"));
    assert_eq!(
        rebell.extend_info,
        Some(Value::from("{\"customerBelongsTo\":\"siteNameExample\"}"))
    );
}
