//! The callback entry point: `success` when a code was issued, `fail` otherwise, `complete`
//! always and last.

extern crate authcode_core as authcode_runtime;

mod flow_fixture;

use std::cell::RefCell;

use authcode_runtime::flow::{ConsentDecision, GetAuthCode, Store};
use authcode_runtime::{AuthCodeResponse, JsapiErrorCode, ScopeSet};
use flow_fixture::{AlipayPlusScope, MERCHANT, USER, wallet};

/// Runs the sample call of the Alipay+ documentation with `consent` and returns the callbacks fired, in order.
async fn fired(
    consent: ConsentDecision<AlipayPlusScope>,
) -> (Vec<String>, AuthCodeResponse<AlipayPlusScope>) {
    let wallet = wallet().await;
    let events = RefCell::new(Vec::new());
    let mut my = wallet.server.mini_program(MERCHANT, USER, consent);
    let response = my
        .get_auth_code(
            GetAuthCode::<AlipayPlusScope>::new(["USER_ID", "USER_NICKNAME", "USER_AVATAR"])
                .success(|res| {
                    let code = res.auth_code().unwrap().expose().to_owned();
                    events.borrow_mut().push(format!("success {}", code.len()))
                })
                .fail(|res| {
                    let denied: Vec<_> = res.denied().map(|(scope, _)| scope.to_string()).collect();
                    events
                        .borrow_mut()
                        .push(format!("fail {denied:?} {:?}", res.error()))
                })
                .complete(|_| events.borrow_mut().push("complete".to_owned())),
        )
        .await;
    (events.into_inner(), response)
}

#[tokio::test]
async fn success_then_complete_when_a_code_is_issued() {
    let (events, response) = fired(ConsentDecision::ApproveAll).await;
    assert_eq!(events, ["success 43", "complete"]);
    assert_eq!(response.granted().len(), 3);
}

#[tokio::test]
async fn a_partial_grant_still_succeeds() {
    let (events, _) = fired(ConsentDecision::Approve(ScopeSet::new())).await;
    assert_eq!(
        events,
        ["success 43", "complete"],
        "USER_ID is silent, so a code is issued"
    );
}

#[tokio::test]
async fn fail_then_complete_on_cancel() {
    let (events, response) = fired(ConsentDecision::Cancel).await;
    assert_eq!(events, ["fail [] Some(UserCancelled)", "complete"]);
    assert_eq!(response.error(), Some(JsapiErrorCode::UserCancelled));
}

#[tokio::test]
async fn fail_when_every_scope_is_refused() {
    let wallet = wallet().await;
    wallet
        .server
        .register_client("no-scopes", ScopeSet::new())
        .await
        .unwrap();
    let events = RefCell::new(Vec::new());
    let mut my = wallet
        .server
        .mini_program("no-scopes", USER, ConsentDecision::ApproveAll);
    my.get_auth_code(
        GetAuthCode::new(["USER_ID"])
            .success(|_| events.borrow_mut().push("success"))
            .fail(|_| events.borrow_mut().push("fail"))
            .complete(|_| events.borrow_mut().push("complete")),
    )
    .await;
    assert_eq!(events.into_inner(), ["fail", "complete"]);
    assert_eq!(
        wallet
            .server
            .store()
            .client("no-scopes")
            .await
            .unwrap()
            .unwrap()
            .permitted,
        ScopeSet::new()
    );
}

#[tokio::test]
async fn callbacks_are_optional_and_the_response_is_returned() {
    let wallet = wallet().await;
    let mut my = wallet
        .server
        .mini_program(MERCHANT, USER, ConsentDecision::ApproveAll);
    assert_eq!(my.client_id(), MERCHANT);
    assert_eq!(my.user_id(), USER);
    let response = my.get_auth_code(GetAuthCode::new(["USER_ID"])).await;
    assert!(wallet.exchange(response.auth_code().unwrap()).await.is_ok());
    // The same mini program can call again; each call gets a fresh code.
    let again = my
        .get_auth_code(GetAuthCode::new(["USER_ID"]).complete(|_| {}))
        .await;
    assert_ne!(again.auth_code(), response.auth_code());
}
