//! `POST /emulator/getAuthCode`: the development stand-in for the wallet app's
//! `my.getAuthCode` JSAPI. A test plays the mini program and the user at once: it names the
//! client, the user, the scopes, and the user's answer to the consent prompt.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;

use crate::flow::{ConsentDecision, Store};
use crate::openapi::JSON_CONTENT_TYPE;
use crate::server::verify::shorten;
use crate::server::{WalletServer, request_body, sync_work};
use crate::{AuthCodeResponse, JsapiErrorCode, Scope, ScopeSet};

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

/// Runs the call through [`AuthServer::get_auth_code`](crate::flow::AuthServer::get_auth_code)
/// and answers with the JSAPI callback object (HTTP 200 whatever the outcome, like the JSAPI
/// calls `fail` rather than throwing); a malformed call gets HTTP 400 and JSAPI error 3.
pub(crate) async fn get_auth_code<S: Scope, St: Store<S> + 'static>(
    server: Arc<WalletServer<S, St>>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    if parts.method != Method::POST {
        return reply(
            StatusCode::METHOD_NOT_ALLOWED,
            &failure::<S>("getAuthCode is called with POST"),
        );
    }
    let body = match request_body::read(&parts.headers, body).await {
        Ok(body) => body,
        Err(rejection) => return reply(rejection.status, &failure::<S>(&rejection.message)),
    };
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
    let auth = Arc::clone(&server.auth);
    let issue = move || {
        let response = auth.get_auth_code(&call.client_id, &call.user_id, &call.scopes, decision);
        (call.client_id, response)
    };
    let outcome = sync_work::run(St::MAY_BLOCK, issue).await;
    match outcome {
        Some((client_id, response)) => {
            // The outcome, never the code.
            tracing::info!(
                client_id = %shorten(&client_id),
                outcome = ?response.outcome(),
                "emulator getAuthCode"
            );
            reply(StatusCode::OK, &response)
        }
        None => {
            tracing::error!("getAuthCode panicked");
            let mut response = AuthCodeResponse::<S>::new();
            response.set_error(
                JsapiErrorCode::SystemError,
                Some("the wallet failed to process the call".to_owned()),
            );
            reply(StatusCode::INTERNAL_SERVER_ERROR, &response)
        }
    }
}

/// A callback object with JSAPI error 3 (unknown error) and `message`.
fn failure<S: Scope>(message: &str) -> AuthCodeResponse<S> {
    let mut response = AuthCodeResponse::new();
    response.set_error(JsapiErrorCode::UnknownError, Some(message.to_owned()));
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
