//! Inputs at the size limit are answered in linear time. The fuzz targets found three
//! quadratic paths (each kept in `fuzz/regressions/`): the "did you mean" of a 64 KiB scope
//! name, `AuthRequest::parse_wire_names` over thousands of distinct unknown names, and
//! getAuthCode reporting thousands of unknown names. A 64 KiB request took seconds; these
//! tests bound it well below that even in a debug build.

#[path = "../../authcode-core/tests/flow_fixture/mod.rs"]
mod flow_fixture;

use std::time::{Duration, Instant};

use authcode_runtime::flow::ConsentDecision;
use authcode_runtime::{AuthRequest, UnknownScope};
use flow_fixture::{AlipayPlusScope, MERCHANT, USER, wallet};

/// Far above what the fixed code needs, far below what the quadratic one took.
const LIMIT: Duration = Duration::from_secs(1);

/// As many distinct unknown names as fit in a 64 KiB JSON array.
fn distinct_names() -> Vec<String> {
    let mut names = Vec::new();
    let mut bytes = 0;
    while bytes < 64 * 1024 {
        let name = format!("s{}", names.len());
        bytes += name.len() + 3;
        names.push(name);
    }
    names
}

#[test]
fn a_request_naming_thousands_of_unknown_scopes_is_refused_quickly() {
    let names = distinct_names();
    let started = Instant::now();
    let err = AuthRequest::<AlipayPlusScope>::parse_wire_names(names.iter().map(String::as_str))
        .unwrap_err();
    assert!(started.elapsed() < LIMIT, "{:?}", started.elapsed());
    assert_eq!(err.unknown_scopes().len(), names.len());
}

#[test]
fn a_huge_unknown_name_gets_no_suggestion_quickly() {
    let huge = "USER_NICKNAME".repeat(5_000);
    let started = Instant::now();
    let unknown = UnknownScope::new::<AlipayPlusScope>(&huge);
    assert_eq!(unknown.suggestion(), None);
    assert!(!unknown.to_string().is_empty());
    assert!(started.elapsed() < LIMIT, "{:?}", started.elapsed());
}

#[tokio::test]
async fn get_auth_code_reports_thousands_of_unknown_scopes_quickly() {
    let wallet = wallet().await;
    let mut names = distinct_names();
    names.push("USER_ID".to_owned());
    names.push("s7".to_owned());
    let started = Instant::now();
    let response = wallet
        .server
        .get_auth_code(MERCHANT, USER, &names, ConsentDecision::ApproveAll)
        .await;
    assert!(started.elapsed() < LIMIT, "{:?}", started.elapsed());
    // Every distinct unknown name reported once, in request order, and the code still issued.
    let reported: Vec<&str> = response.unknown_denied().map(|(name, _)| name).collect();
    assert_eq!(reported.len(), names.len() - 2);
    assert!(reported.iter().zip(&names).all(|(a, b)| a == b));
    assert!(response.auth_code().is_some());
}
