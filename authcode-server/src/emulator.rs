//! `POST /emulator/getAuthCode`: the development stand-in for the wallet app's
//! `my.getAuthCode` JSAPI. A test plays the mini program and the user at once: it names the
//! client, the user, the scopes, and the user's answer to the consent prompt.

use std::sync::Arc;

use authcode_openapi::JSON_CONTENT_TYPE;
use authcode_runtime::flow::{ConsentDecision, Store};
use authcode_runtime::{AuthCodeResponse, JsapiErrorCode, Scope, ScopeSet};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;

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
/// [`AuthServer::get_auth_code`](authcode_runtime::flow::AuthServer::get_auth_code) and answers
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
