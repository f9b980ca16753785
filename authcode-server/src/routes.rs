//! The routes: each OpenAPI request is read (bounded), verified, handed to the flow, and
//! answered with a signed response.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::routing::any;
use serde::de::DeserializeOwned;

use crate::Scope;
use crate::flow::{
    ApplyTokenRequest, ApplyTokenResponse, FlowError, InquiryUserInfoRequest,
    InquiryUserInfoResponse, ResultCode, Store,
};
use crate::openapi::{APPLY_TOKEN_PATH, CLIENT_ID, INQUIRY_USER_INFO_PATH};
use crate::server::response::{self, Reply};
use crate::server::verify::{self, Incoming, Rejection, shorten};
use crate::server::{EMULATOR_GET_AUTH_CODE_PATH, WalletServer, emulator, request_body, sync_work};

/// The OpenAPIs the server answers.
#[derive(Clone, Copy, Debug)]
enum Api {
    ApplyToken,
    InquiryUserInfo,
}

impl Api {
    fn name(self) -> &'static str {
        match self {
            Api::ApplyToken => "applyToken",
            Api::InquiryUserInfo => "inquiryUserInfo",
        }
    }
}

pub(crate) fn router<S: Scope, St: Store<S> + 'static>(server: Arc<WalletServer<S, St>>) -> Router {
    let mut router = Router::new()
        .route(
            APPLY_TOKEN_PATH,
            any(|State(server), request| openapi(server, Some(Api::ApplyToken), request)),
        )
        .route(
            INQUIRY_USER_INFO_PATH,
            any(|State(server), request| openapi(server, Some(Api::InquiryUserInfo), request)),
        );
    if server.emulator {
        router = router.route(
            EMULATOR_GET_AUTH_CODE_PATH,
            any(|State(server), request| emulator::get_auth_code(server, request)),
        );
    }
    // Anything else gets a signed `PARAM_ILLEGAL` too, so that a client calling a wrong path
    // learns which instead of failing on a missing signature.
    router
        .fallback(|State(server), request| openapi(server, None, request))
        .with_state(server)
}

/// Handles one OpenAPI call (`api` is `None` for an unknown path).
async fn openapi<S: Scope, St: Store<S> + 'static>(
    server: Arc<WalletServer<S, St>>,
    api: Option<Api>,
    request: Request,
) -> Response {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let client_id = parts.headers.get(CLIENT_ID).cloned();

    // What the request asks for, or its rejection, from the async side: the body is read
    // here, bounded.
    let work = match (api, &parts.method) {
        (None, _) => Err(Rejection::new(
            ResultCode::ParamIllegal,
            format!("there is no OpenAPI at {method} {}", shorten(&path)),
        )
        .with_status(StatusCode::NOT_FOUND)),
        (Some(api), method) if method != Method::POST => Err(Rejection::new(
            ResultCode::ParamIllegal,
            format!("{} is called with POST, not {method}", api.name()),
        )
        .with_status(StatusCode::METHOD_NOT_ALLOWED)),
        (Some(api), _) => request_body::read(&parts.headers, body)
            .await
            .map(|body| (api, body)),
    };

    // Verification, the flow and the RSA work (under a millisecond) are done together, and
    // the answer is signed right where it is made. With a store that may block they run on a
    // blocking thread, one hop there and back; with one that never blocks they run here, as
    // TLS libraries run handshake signatures, because each hop is a thread wake-up costing
    // tens of microseconds on a busy or virtual machine. A panic becomes a signed
    // UNKNOWN_EXCEPTION if it happened before signing, and an unsigned 500 otherwise; never a
    // dropped connection or a stack trace.
    let signer = Arc::clone(&server);
    let (headers, blocking_method, blocking_path) =
        (parts.headers.clone(), method.clone(), path.clone());
    let signing_client = client_id.clone();
    let answer = move || {
        let reply = match work {
            Err(rejection) => Reply::from(rejection),
            Ok((api, body)) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                handle(
                    &signer,
                    api,
                    &blocking_method,
                    &blocking_path,
                    &headers,
                    &body,
                )
            }))
            .unwrap_or_else(|_| {
                tracing::error!(api = api.name(), "request handler panicked");
                Reply::from(Rejection::new(
                    ResultCode::UnknownException,
                    "the wallet failed to process the request",
                ))
            }),
        };
        let (status, code) = (reply.status, reply.code);
        let response = response::signed(
            &signer.wallet_key,
            signer.auth.now(),
            &blocking_method,
            &blocking_path,
            signing_client.as_ref(),
            reply,
        );
        (status, code, response)
    };
    let answered = sync_work::run(St::MAY_BLOCK, answer).await;
    let (status, code, response) = match answered {
        Some(answered) => answered,
        None => {
            let mut response = Response::new("the wallet could not sign its response".into());
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                ResultCode::UnknownException,
                response,
            )
        }
    };
    // Client IDs and result codes only: codes and tokens are never logged.
    tracing::info!(
        api = api.map_or("unknown", Api::name),
        client_id = %parts.headers.get(CLIENT_ID).and_then(|v| v.to_str().ok()).map(shorten).unwrap_or_default(),
        status = status.as_u16(),
        result = %code,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "openapi request"
    );
    response
}

/// Verifies a request and runs it through the flow. Synchronous: runs where `sync_work::run`
/// puts it.
fn handle<S: Scope, St: Store<S>>(
    server: &WalletServer<S, St>,
    api: Api,
    method: &str,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Reply {
    let incoming = Incoming {
        method,
        path,
        headers,
        body,
    };
    let auth = &server.auth;
    let verified = verify::verify(
        &server.client_keys,
        |id| auth.store().client(id).map(|client| client.is_some()),
        &incoming,
        auth.now(),
    );
    let client_id = match verified {
        Ok(client_id) => client_id,
        Err(rejection) => return Reply::from(rejection),
    };
    match api {
        Api::ApplyToken => match parse::<ApplyTokenRequest>(api, body) {
            Err(rejection) => Reply::from(rejection),
            Ok(request) => {
                let outcome = auth.apply_token(&client_id, &request);
                let code = result_code(&outcome);
                Reply::json(code, &ApplyTokenResponse::from(outcome))
            }
        },
        Api::InquiryUserInfo => match parse::<InquiryUserInfoRequest>(api, body) {
            Err(rejection) => Reply::from(rejection),
            Ok(request) => {
                let outcome = auth.inquiry_user_info(&client_id, &request);
                let code = result_code(&outcome);
                Reply::json(code, &InquiryUserInfoResponse::from(outcome))
            }
        },
    }
}

/// The request body as `T`, or `PARAM_ILLEGAL` saying what is wrong with it.
fn parse<T: DeserializeOwned>(api: Api, body: &[u8]) -> Result<T, Rejection> {
    serde_json::from_slice(body).map_err(|err| {
        Rejection::new(
            ResultCode::ParamIllegal,
            format!("malformed {} request: {err}", api.name()),
        )
    })
}

fn result_code<T>(outcome: &Result<T, FlowError>) -> ResultCode {
    outcome
        .as_ref()
        .map_or_else(FlowError::code, |_| ResultCode::Success)
}
