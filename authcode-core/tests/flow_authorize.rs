//! getAuthCode on the embedded wallet: silent and proactive scopes, consent, refusals and
//! JSAPI errors.

extern crate authcode_core as authcode_runtime;

mod flow_fixture;

use authcode_runtime::flow::{
    AuthServer, CodeLimits, Consent, ConsentDecision, ConsentRequest, Lifetimes, ScopeRefusal,
};
use authcode_runtime::wire::ApplyTokenRequest;
use authcode_runtime::{AuthOutcome, JsapiErrorCode, Scope, ScopeErrorValue, ScopeSet, UserInfo};
use flow_fixture::{AlipayPlusScope, MERCHANT, OTHER_MERCHANT, USER, wallet};
use serde_json::json;

/// Records every consent request and answers with `decision`.
fn recording(
    asked: &mut Vec<ConsentRequest<AlipayPlusScope>>,
    decision: ConsentDecision<AlipayPlusScope>,
) -> impl FnMut(&ConsentRequest<AlipayPlusScope>) -> ConsentDecision<AlipayPlusScope> + '_ {
    move |request| {
        asked.push(request.clone());
        decision
    }
}

#[tokio::test]
async fn silent_scopes_are_granted_without_asking() {
    let wallet = wallet().await;
    let mut asked = Vec::new();
    let response = wallet
        .server
        .get_auth_code(
            MERCHANT,
            USER,
            ["USER_ID", "auth_base"],
            recording(&mut asked, ConsentDecision::Cancel),
        )
        .await;
    assert!(asked.is_empty(), "the hook was called: {asked:?}");
    assert_eq!(response.outcome(), AuthOutcome::Granted);
    assert!(response.granted().is_silent());
    assert_eq!(response.granted().len(), 2);
}

#[tokio::test]
async fn the_documented_sample_request_asks_consent_for_the_proactive_scopes_only() {
    let wallet = wallet().await;
    let mut asked = Vec::new();
    let response = wallet
        .server
        .get_auth_code(
            MERCHANT,
            USER,
            ["USER_ID", "USER_NICKNAME", "USER_AVATAR"],
            recording(&mut asked, ConsentDecision::ApproveAll),
        )
        .await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].client_id, MERCHANT);
    assert_eq!(asked[0].user_id, USER);
    assert_eq!(
        asked[0].scopes,
        [AlipayPlusScope::UserNickname, AlipayPlusScope::UserAvatar]
            .into_iter()
            .collect()
    );

    // The response has the shape of the documentation's success example.
    let mut wire = serde_json::to_value(&response).unwrap();
    let code = wire["authCode"].take();
    assert_eq!(
        wire,
        json!({"authCode": null, "authSuccessScopes": ["USER_ID", "USER_NICKNAME", "USER_AVATAR"]})
    );
    let code = code.as_str().unwrap();
    assert_eq!(code, response.auth_code().unwrap().expose());
    assert_eq!(code.len(), 43, "256 bits, base64url");
    // Logging the response never leaks the code.
    assert!(!format!("{response:?}").contains(code));
}

#[tokio::test]
async fn every_code_is_fresh() {
    let wallet = wallet().await;
    let mut codes = std::collections::HashSet::new();
    for _ in 0..200 {
        codes.insert(wallet.code(&["USER_ID"]).await.expose().to_owned());
    }
    assert_eq!(codes.len(), 200);
}

#[tokio::test]
async fn a_cancel_is_jsapi_error_11_and_issues_nothing() {
    let wallet = wallet().await;
    let response = wallet
        .server
        .get_auth_code(
            MERCHANT,
            USER,
            ["USER_ID", "USER_NICKNAME"],
            ConsentDecision::Cancel,
        )
        .await;
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({"error": 11, "errorMessage": "USER_CANCEL"})
    );
    assert_eq!(
        response.outcome(),
        AuthOutcome::Failed(JsapiErrorCode::UserCancelled)
    );
    assert_eq!(
        wallet.server.store().len(),
        0,
        "no grant or code was stored"
    );
}

#[tokio::test]
async fn a_partial_grant_refuses_the_declined_scopes() {
    let wallet = wallet().await;
    let approve_nickname =
        ConsentDecision::Approve(ScopeSet::single(AlipayPlusScope::UserNickname));
    let response = wallet
        .server
        .get_auth_code(
            MERCHANT,
            USER,
            ["USER_ID", "USER_NICKNAME", "USER_AVATAR", "USER_GENDER"],
            approve_nickname,
        )
        .await;
    assert_eq!(response.outcome(), AuthOutcome::PartiallyGranted);
    let mut wire = serde_json::to_value(&response).unwrap();
    wire["authCode"].take();
    assert_eq!(
        wire,
        json!({
            "authCode": null,
            "authSuccessScopes": ["USER_ID", "USER_NICKNAME"],
            "authErrorScopes": {"USER_AVATAR": "11", "USER_GENDER": "11"}
        })
    );
    let declined = response.denial(AlipayPlusScope::UserAvatar).unwrap();
    assert_eq!(
        ScopeRefusal::from_error_value(declined),
        Some(ScopeRefusal::Declined)
    );
}

#[tokio::test]
async fn declining_everything_issues_no_code() {
    let wallet = wallet().await;
    let response = wallet
        .server
        .get_auth_code(
            MERCHANT,
            USER,
            ["USER_NICKNAME"],
            ConsentDecision::Approve(ScopeSet::new()),
        )
        .await;
    assert_eq!(response.outcome(), AuthOutcome::Denied);
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({"authErrorScopes": {"USER_NICKNAME": "11"}})
    );
}

#[tokio::test]
async fn scopes_the_client_may_not_request_are_refused_with_40006_and_never_shown() {
    let wallet = wallet().await;
    wallet
        .server
        .register_client("limited", ScopeSet::single(AlipayPlusScope::UserId))
        .await
        .unwrap();
    let mut asked = Vec::new();
    let response = wallet
        .server
        .get_auth_code(
            "limited",
            USER,
            ["USER_ID", "USER_NICKNAME"],
            recording(&mut asked, ConsentDecision::ApproveAll),
        )
        .await;
    assert!(
        asked.is_empty(),
        "a scope the client may not have reached the prompt"
    );
    let mut wire = serde_json::to_value(&response).unwrap();
    wire["authCode"].take();
    assert_eq!(
        wire,
        json!({
            "authCode": null,
            "authSuccessScopes": ["USER_ID"],
            "authErrorScopes": {"USER_NICKNAME": "40006"}
        })
    );

    // The documentation's failure example, exactly.
    let response = wallet
        .server
        .get_auth_code(
            "limited",
            USER,
            ["USER_NICKNAME"],
            ConsentDecision::ApproveAll,
        )
        .await;
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({"authErrorScopes": {"USER_NICKNAME": "40006"}})
    );
}

#[tokio::test]
async fn unknown_scope_names_are_reported_not_dropped() {
    let wallet = wallet().await;
    let response = wallet
        .server
        .get_auth_code(
            MERCHANT,
            USER,
            ["USER_ID", "USER_NICKNAM", "WALLET_BALANCE", "USER_NICKNAM"],
            ConsentDecision::ApproveAll,
        )
        .await;
    assert_eq!(
        response.unknown_denied().collect::<Vec<_>>(),
        [
            ("USER_NICKNAM", &ScopeErrorValue::from("40006")),
            ("WALLET_BALANCE", &ScopeErrorValue::from("40006"))
        ]
    );
    assert_eq!(
        response.granted(),
        ScopeSet::single(AlipayPlusScope::UserId)
    );
    assert!(response.auth_code().is_some());

    // Only unknown names: nothing to grant, every name reported.
    let response = wallet
        .server
        .get_auth_code(MERCHANT, USER, ["NOPE"], ConsentDecision::ApproveAll)
        .await;
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({"authErrorScopes": {"NOPE": "40006"}})
    );
}

#[tokio::test]
async fn deprecated_scopes_still_work() {
    let wallet = wallet().await;
    let response = wallet
        .server
        .get_auth_code(
            MERCHANT,
            USER,
            ["auth_base", "auth_user"],
            ConsentDecision::ApproveAll,
        )
        .await;
    let granted: Vec<&str> = response.granted().iter().map(Scope::as_str).collect();
    assert_eq!(granted, ["auth_base", "auth_user"]);
}

#[tokio::test]
async fn caller_mistakes_are_jsapi_errors_with_a_message() {
    let wallet = wallet().await;
    let cases: [(&str, &str, &[&str], &str); 3] = [
        ("nobody", USER, &["USER_ID"], r#"unknown client "nobody""#),
        (MERCHANT, "ghost", &["USER_ID"], r#"unknown user "ghost""#),
        (
            MERCHANT,
            USER,
            &[],
            "scopes is required: name at least one scope",
        ),
    ];
    for (client, user, scopes, message) in cases {
        let response = wallet
            .server
            .get_auth_code(client, user, scopes, ConsentDecision::ApproveAll)
            .await;
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({"error": 3, "errorMessage": message})
        );
    }
}

#[tokio::test]
async fn the_consent_hook_can_be_a_stateful_trait_object() {
    struct Counting(usize);
    impl Consent<AlipayPlusScope> for Counting {
        fn decide(
            &mut self,
            _: &ConsentRequest<AlipayPlusScope>,
        ) -> ConsentDecision<AlipayPlusScope> {
            self.0 += 1;
            ConsentDecision::ApproveAll
        }
    }
    let server = AuthServer::<AlipayPlusScope>::new();
    server
        .register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    server.add_user(USER, UserInfo::default()).await.unwrap();
    let mut hook = Counting(0);
    for _ in 0..3 {
        let response = server
            .get_auth_code(
                MERCHANT,
                USER,
                ["USER_NAME"],
                &mut hook as &mut dyn Consent<_>,
            )
            .await;
        assert_eq!(response.outcome(), AuthOutcome::Granted);
    }
    // The user is asked once: the consent is remembered for the later requests.
    assert_eq!(hook.0, 1);
    // A scope not consented to yet is asked for; silent-only requests are not.
    for scopes in [["USER_GENDER"], ["USER_ID"]] {
        server
            .get_auth_code(MERCHANT, USER, scopes, &mut hook as &mut dyn Consent<_>)
            .await;
    }
    assert_eq!(hook.0, 2);
}

#[tokio::test]
async fn codes_past_the_limits_are_refused_until_older_ones_expire() {
    let wallet = wallet().await;
    let server = wallet.server.with_code_limits(CodeLimits {
        per_client: 2,
        per_user: 100,
        total: 3,
    });
    let code =
        |client| server.get_auth_code(client, USER, ["USER_ID"], ConsentDecision::ApproveAll);
    assert!(code(MERCHANT).await.auth_code().is_some());
    assert!(code(MERCHANT).await.auth_code().is_some());
    let refused = code(MERCHANT).await;
    assert!(refused.auth_code().is_none());
    assert_eq!(refused.error(), Some(JsapiErrorCode::SystemError));
    let message = refused.error_message().unwrap_or_default();
    assert!(
        message.contains(&format!("client {MERCHANT} has 2 live authorization codes")),
        "{message}"
    );
    // The other client still has places, up to the wallet's total.
    assert!(code(OTHER_MERCHANT).await.auth_code().is_some());
    let refused = code(OTHER_MERCHANT).await;
    assert!(refused.auth_code().is_none());
    let message = refused.error_message().unwrap_or_default();
    assert!(
        message.contains("the wallet holds 3 live authorization codes"),
        "{message}"
    );
    // Codes free their places as they expire.
    wallet.clock.advance(Lifetimes::default().auth_code);
    assert!(code(MERCHANT).await.auth_code().is_some());
    assert!(code(OTHER_MERCHANT).await.auth_code().is_some());
}

#[tokio::test]
async fn complete_logins_give_their_places_back_and_one_user_cannot_spend_a_clients_budget() {
    let wallet = wallet().await;
    let server = wallet.server.with_code_limits(CodeLimits {
        per_client: 5,
        per_user: 3,
        total: 100,
    });
    // Many more complete logins than the client's limit, all within one code lifetime: each
    // exchanged code is no longer live.
    for _ in 0..50 {
        let code = server
            .get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll)
            .await
            .auth_code()
            .cloned()
            .expect("a code: the exchanged ones are not live");
        server
            .apply_token(MERCHANT, &ApplyTokenRequest::authorization_code(code))
            .await
            .unwrap();
    }
    // One user's pending codes are bounded on their own.
    let pending = || server.get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll);
    for _ in 0..3 {
        assert!(pending().await.auth_code().is_some());
    }
    let refused = pending().await;
    assert!(refused.auth_code().is_none());
    let message = refused.error_message().unwrap_or_default();
    assert!(
        message.contains(&format!("user {USER} has 3 authorization codes")),
        "{message}"
    );
}
