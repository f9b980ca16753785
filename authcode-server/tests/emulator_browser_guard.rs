//! A web page open in the developer's browser cannot drive the emulator endpoints: requests
//! without a JSON content type (the "simple" requests a page sends cross-origin without a
//! preflight) are refused, and so is any request from an origin that is neither the
//! emulator's own nor allowed; an allowed origin gets its CORS preflight answered.

mod openapi_support;

use authcode_server::{EMULATOR_CONSENTS_PATH, EMULATOR_GET_AUTH_CODE_PATH, EMULATOR_UNBIND_PATH};
use openapi_support::{MERCHANT, USER, start};
use serde_json::json;

fn call() -> String {
    json!({"clientId": MERCHANT, "userId": USER, "scopes": ["USER_ID", "USER_NICKNAME"], "consent": "approve"})
        .to_string()
}

#[tokio::test]
async fn a_body_that_is_not_json_is_refused_before_anything_happens() {
    let wallet = start(|server| server).await;
    for (path, body) in [
        (EMULATOR_GET_AUTH_CODE_PATH, call()),
        (
            EMULATOR_UNBIND_PATH,
            json!({"clientId": MERCHANT, "userId": USER}).to_string(),
        ),
    ] {
        for content_type in [
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/jsonp"),
            None,
        ] {
            let mut request = wallet
                .http
                .post(format!("{}{path}", wallet.base_url))
                .body(body.clone());
            if let Some(content_type) = content_type {
                request = request.header("content-type", content_type);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 415, "{path} as {content_type:?}");
        }
    }
    // Nothing was issued: the user has no consent on record.
    assert!(wallet.auth.consents(USER).await.unwrap().is_empty());
    // JSON passes, parameters and case aside.
    let response = wallet
        .http
        .post(format!("{}{EMULATOR_GET_AUTH_CODE_PATH}", wallet.base_url))
        .header("content-type", "Application/JSON; charset=utf-8")
        .body(call())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn another_origin_is_refused_unless_allowed() {
    let wallet = start(|server| server).await;
    let get_code = |origin: &'static str| {
        wallet
            .http
            .post(format!("{}{EMULATOR_GET_AUTH_CODE_PATH}", wallet.base_url))
            .header("content-type", "application/json")
            .header("origin", origin)
            .body(call())
            .send()
    };
    let refused = get_code("http://evil.example").await.unwrap();
    assert_eq!(refused.status(), 403);
    let error = refused.text().await.unwrap();
    assert!(error.contains("--allow-origin"), "{error}");
    let listed = wallet
        .http
        .get(format!(
            "{}{EMULATOR_CONSENTS_PATH}?userId={USER}",
            wallet.base_url
        ))
        .header("origin", "null")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 403);
    assert!(wallet.auth.consents(USER).await.unwrap().is_empty());

    // The emulator's own origin (its pages) passes.
    let own: &'static str = Box::leak(wallet.base_url.clone().into_boxed_str());
    assert_eq!(get_code(own).await.unwrap().status(), 200);
}

#[tokio::test]
async fn an_allowed_origin_gets_its_preflight_answered_and_its_calls_through() {
    const DEV: &str = "http://localhost:5173";
    let wallet = start(|server| server.with_allowed_origins([DEV])).await;
    let preflight = wallet
        .http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}{EMULATOR_GET_AUTH_CODE_PATH}", wallet.base_url),
        )
        .header("origin", DEV)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        DEV,
        "{:?}",
        preflight.headers()
    );
    let other = wallet
        .http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}{EMULATOR_GET_AUTH_CODE_PATH}", wallet.base_url),
        )
        .header("origin", "http://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(!other.headers().contains_key("access-control-allow-origin"));

    let response = wallet
        .http
        .post(format!("{}{EMULATOR_GET_AUTH_CODE_PATH}", wallet.base_url))
        .header("content-type", "application/json")
        .header("origin", DEV)
        .body(call())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], DEV);
}
