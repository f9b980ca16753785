//! The development endpoints that stand in for the wallet app on the user's phone:
//!
//! - `POST /emulator/getAuthCode`, the `my.getAuthCode` JSAPI. A test plays the mini program
//!   and the user at once: it names the client, the user, the scopes, and the user's answer
//!   to the consent prompt.
//! - `GET /emulator/consents?userId=...`, the wallet's list of authorized mini programs.
//! - `POST /emulator/unbind`, the user unbinding a mini program in that list.

use std::sync::Arc;

use authcode_core::flow::{ConsentDecision, Store, StoreError};
use authcode_core::{AuthCodeResponse, JsapiErrorCode, Scope, ScopeSet};
use authcode_signing::JSON_CONTENT_TYPE;
use axum::body::{Body, Bytes};
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::WalletServer;
use crate::verify::{MAX_MESSAGE_CHARS, shorten};

/// The request body.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GetAuthCodeCall {
    client_id: String,
    user_id: String,
    scopes: Vec<String>,
    consent: Consent,
}

/// `"approve"`, `"cancel"`, or the list of proactive scopes the user approves.
#[derive(Deserialize)]
#[serde(untagged)]
enum Consent {
    Word(String),
    Scopes(Vec<String>),
}

impl Consent {
    fn decision<S: Scope>(&self) -> Result<ConsentDecision<S>, String> {
        match self {
            Consent::Word(word) if word == "approve" => Ok(ConsentDecision::ApproveAll),
            Consent::Word(word) if word == "cancel" => Ok(ConsentDecision::Cancel),
            Consent::Word(word) => Err(format!(
                "consent must be \"approve\", \"cancel\" or a list of scopes, not {}",
                shorten(word)
            )),
            Consent::Scopes(names) => {
                let mut approved = ScopeSet::new();
                for name in names {
                    let scope = S::from_wire_name(name).ok_or_else(|| {
                        format!("consent names an unknown scope {}", shorten(name))
                    })?;
                    approved.insert(scope);
                }
                Ok(ConsentDecision::Approve(approved))
            }
        }
    }
}

/// Runs the call through
/// [`AuthServer::get_auth_code`](authcode_core::flow::AuthServer::get_auth_code) and answers
/// with the JSAPI callback object (HTTP 200 whatever the outcome, as the JSAPI calls `fail`
/// rather than throwing); a malformed call gets HTTP 400 and JSAPI error 3.
pub(crate) async fn get_auth_code<S: Scope, St: Store<S> + 'static>(
    State(server): State<Arc<WalletServer<S, St>>>,
    body: Bytes,
) -> Response {
    let call: GetAuthCodeCall = match serde_json::from_slice(&body) {
        Ok(call) => call,
        Err(err) => {
            return reply(
                StatusCode::BAD_REQUEST,
                &failure::<S>(&format!("malformed getAuthCode call: {err}")),
            );
        }
    };
    let decision = match call.consent.decision::<S>() {
        Ok(decision) => decision,
        Err(message) => return reply(StatusCode::BAD_REQUEST, &failure::<S>(&message)),
    };
    let response = server
        .auth
        .get_auth_code(&call.client_id, &call.user_id, &call.scopes, decision)
        .await;
    // The outcome, never the code.
    tracing::info!(
        client_id = %shorten(&call.client_id),
        outcome = ?response.outcome(),
        "emulator getAuthCode"
    );
    reply(StatusCode::OK, &response)
}

/// A callback object with JSAPI error 3 (unknown error) and `message`.
fn failure<S: Scope>(message: &str) -> AuthCodeResponse<S> {
    let mut response = AuthCodeResponse::new();
    // Parts of the message come from the call (a JSON error quotes the value it met).
    let message: String = message.chars().take(MAX_MESSAGE_CHARS).collect();
    response.set_error(JsapiErrorCode::UnknownError, Some(message));
    response
}

fn reply<S: Scope>(status: StatusCode, body: &AuthCodeResponse<S>) -> Response {
    let body = serde_json::to_vec(body).unwrap_or_default();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    response
}

/// `GET /emulator/consents?userId=...`: the clients the user consented to, each with the
/// proactive scopes consented to (`{"userId", "consents": [{"clientId", "scopes"}]}`, by
/// client ID). A call without exactly one `userId` is 400; an unknown user 404.
pub(crate) async fn consents<S: Scope, St: Store<S> + 'static>(
    State(server): State<Arc<WalletServer<S, St>>>,
    OriginalUri(uri): OriginalUri,
) -> Response {
    let user_id = match user_id_param(uri.query()) {
        Ok(user_id) => user_id,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    if let Err(response) = known_user(&server, &user_id).await {
        return response;
    }
    let consents = match server.auth.consents(&user_id).await {
        Ok(consents) => consents,
        Err(err) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("storage failed: {err}"),
            );
        }
    };
    let consents: Vec<Value> = consents
        .into_iter()
        .map(|(client_id, scopes)| {
            let names: Vec<&str> = scopes.iter().map(|scope| scope.as_str()).collect();
            json!({"clientId": client_id, "scopes": names})
        })
        .collect();
    json_reply(
        StatusCode::OK,
        &json!({"userId": user_id, "consents": consents}),
    )
}

/// The body of `POST /emulator/unbind`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct UnbindCall {
    client_id: String,
    user_id: String,
}

/// `POST /emulator/unbind` `{"clientId", "userId"}`: the user unbinds the mini program in the
/// wallet, through
/// [`AuthServer::revoke_consent`](authcode_core::flow::AuthServer::revoke_consent): the
/// consent is forgotten and every grant's tokens die at once. Answers `{"clientId", "userId",
/// "revokedGrants"}`; a malformed call is 400, an unknown user or client 404 (an echo is cut).
pub(crate) async fn unbind<S: Scope, St: Store<S> + 'static>(
    State(server): State<Arc<WalletServer<S, St>>>,
    body: Bytes,
) -> Response {
    let call: UnbindCall = match serde_json::from_slice(&body) {
        Ok(call) => call,
        Err(err) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("malformed unbind call (expected {{\"clientId\", \"userId\"}}): {err}"),
            );
        }
    };
    if let Err(response) = known_user(&server, &call.user_id).await {
        return response;
    }
    // The answer echoes the IDs: only known ones, so an echo is as long as the configuration's.
    if let Err(response) = known_client(&server, &call.client_id).await {
        return response;
    }
    match server
        .auth
        .revoke_consent(&call.client_id, &call.user_id)
        .await
    {
        Ok(revoked) => {
            tracing::info!(
                client_id = %shorten(&call.client_id),
                revoked_grants = revoked.len(),
                "emulator unbind"
            );
            json_reply(
                StatusCode::OK,
                &json!({"clientId": call.client_id, "userId": call.user_id,
                        "revokedGrants": revoked.len()}),
            )
        }
        Err(err) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("storage failed: {err}"),
        ),
    }
}

/// `Err` with a 404 (or 500) response when the store has no user `user_id`.
async fn known_user<S: Scope, St: Store<S> + 'static>(
    server: &WalletServer<S, St>,
    user_id: &str,
) -> Result<(), Response> {
    let found = server
        .auth
        .store()
        .user(user_id)
        .await
        .map(|user| user.is_some());
    refusal("user", user_id, found).map_or(Ok(()), Err)
}

/// `Err` with a 404 (or 500) response when the store has no client `client_id`.
async fn known_client<S: Scope, St: Store<S> + 'static>(
    server: &WalletServer<S, St>,
    client_id: &str,
) -> Result<(), Response> {
    let found = server
        .auth
        .store()
        .client(client_id)
        .await
        .map(|client| client.is_some());
    refusal("client", client_id, found).map_or(Ok(()), Err)
}

/// The refusal after a lookup of the `what` called `id`: 404 when absent (the echo cut), 500
/// when the store failed, none when found.
fn refusal(what: &str, id: &str, found: Result<bool, StoreError>) -> Option<Response> {
    match found {
        Ok(true) => None,
        Ok(false) => Some(error(
            StatusCode::NOT_FOUND,
            &format!("unknown {what} {}", shorten(id)),
        )),
        Err(err) => Some(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("storage failed: {err}"),
        )),
    }
}

/// The one `userId` of a query string, percent-decoded (`+` is a space, as forms write it).
/// Other parameters are refused, so that a misspelt name is told, not ignored.
fn user_id_param(query: Option<&str>) -> Result<String, String> {
    const USAGE: &str = "expected GET /emulator/consents?userId=<user>";
    let mut user_id = None;
    for pair in query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(&text.replace('+', " "))
                .decode_utf8()
                .map(|text| text.into_owned())
                .map_err(|_| format!("the query is not percent-encoded UTF-8; {USAGE}"))
        };
        let name = decode(name)?;
        if name != "userId" {
            return Err(format!("unknown parameter {}; {USAGE}", shorten(&name)));
        }
        if user_id.replace(decode(value)?).is_some() {
            return Err(format!("userId is given twice; {USAGE}"));
        }
    }
    match user_id {
        Some(user_id) if !user_id.is_empty() => Ok(user_id),
        _ => Err(format!("userId is required; {USAGE}")),
    }
}

/// `{"error": message}`, the message cut to [`MAX_MESSAGE_CHARS`] (parts of it come from
/// the call).
fn error(status: StatusCode, message: &str) -> Response {
    let message: String = message.chars().take(MAX_MESSAGE_CHARS).collect();
    json_reply(status, &json!({ "error": message }))
}

fn json_reply(status: StatusCode, body: &Value) -> Response {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::user_id_param;

    #[test]
    fn the_user_id_is_read_from_the_query_and_mistakes_are_named() {
        assert_eq!(
            user_id_param(Some("userId=2088001")),
            Ok("2088001".to_owned())
        );
        assert_eq!(
            user_id_param(Some("userId=a%2Bb+c")),
            Ok("a+b c".to_owned())
        );
        for (query, said) in [
            (None, "userId is required"),
            (Some(""), "userId is required"),
            (Some("userId="), "userId is required"),
            (Some("userid=1"), "unknown parameter \"userid\""),
            (Some("userId=1&userId=2"), "given twice"),
            (Some("userId=%FF"), "not percent-encoded UTF-8"),
        ] {
            let err = user_id_param(query).unwrap_err();
            assert!(err.contains(said), "{query:?}: {err}");
        }
    }
}
