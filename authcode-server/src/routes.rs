//! The routes: axum's routing (POST only, a plain 404 elsewhere), tower-http's and axum's
//! layers for panics and body size, and one path through verification, the flow and signing
//! shared by every OpenAPI.

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use authcode_core::Scope;
use authcode_core::flow::{Store, apply_token_response, inquiry_user_info_response};
use authcode_signing::{CLIENT_ID, MAX_BODY_BYTES};
use authcode_wire::{
    APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH, ApiVersion, ApplyTokenAndInquiryUserInfoRequest,
    ApplyTokenAndInquiryUserInfoResponse, ApplyTokenRequest, InquiryUserInfoRequest, ResultCode,
    RevokeApi, RevokeRequest, RevokeResponse,
};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, OriginalUri, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post};
use serde::de::DeserializeOwned;
use tower_http::catch_panic::CatchPanicLayer;

use crate::response::{self, Reply, Signer};
use crate::verify::{self, Incoming, Refused, Rejection, shorten};
use crate::{
    EMULATOR_CONSENTS_PATH, EMULATOR_GET_AUTH_CODE_PATH, EMULATOR_UNBIND_PATH, WalletServer,
    emulator, emulator_guard,
};

type Shared<S, St> = State<Arc<WalletServer<S, St>>>;

/// The longest `Client-Id` a response echoes (the OpenAPIs' client IDs are 16 to 32
/// characters).
const MAX_ECHOED_CLIENT_ID: usize = 128;

pub(crate) fn router<S: Scope, St: Store<S> + 'static>(server: Arc<WalletServer<S, St>>) -> Router {
    let mut router = Router::new();
    for version in ApiVersion::ALL {
        router = router
            .route(version.apply_token_path(), post(apply_token::<S, St>))
            .route(
                version.inquiry_user_info_path(),
                post(inquiry_user_info::<S, St>),
            );
    }
    router = router
        .route(RevokeApi::Revoke.path(), post(revoke::<S, St>))
        .route(RevokeApi::CancelToken.path(), post(cancel_token::<S, St>))
        .route(
            APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH,
            post(apply_token_and_inquiry_user_info::<S, St>),
        );
    if server.emulator {
        let origins = server.allowed_origins.clone();
        let emulator = Router::new()
            .route(
                EMULATOR_GET_AUTH_CODE_PATH,
                post(emulator::get_auth_code::<S, St>),
            )
            .route(EMULATOR_CONSENTS_PATH, get(emulator::consents::<S, St>))
            .route(EMULATOR_UNBIND_PATH, post(emulator::unbind::<S, St>))
            // Route layers: they guard these routes only, not the fallback of other paths.
            .route_layer(middleware::from_fn_with_state(
                origins.clone(),
                emulator_guard::guard,
            ))
            // Outermost: answers the preflight of an allowed origin, which a browser sends
            // before a JSON post.
            .route_layer(emulator_guard::cors(&origins));
        router = router.merge(emulator);
    }
    router
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(panicked))
        .with_state(server)
}

/// A handler that panicked: a plain 500, never a dropped connection or a stack trace.
fn panicked(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("request handler panicked");
    let mut response = Response::new(Body::from("the wallet failed to process the request"));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}

async fn apply_token<S: Scope, St: Store<S> + 'static>(
    State(server): Shared<S, St>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (auth, request) = (&server.auth, &body);
    openapi(
        &server,
        "applyToken",
        &uri,
        &headers,
        &body,
        |client_id| async move {
            let request: ApplyTokenRequest = parse("applyToken", request)?;
            let outcome = auth.apply_token(&client_id, &request).await;
            let code = outcome
                .as_ref()
                .map_or_else(|err| err.code(), |_| ResultCode::Success);
            Ok(Reply::json(code, &apply_token_response(outcome)))
        },
    )
    .await
}

async fn inquiry_user_info<S: Scope, St: Store<S> + 'static>(
    State(server): Shared<S, St>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (auth, request) = (&server.auth, &body);
    openapi(
        &server,
        "inquiryUserInfo",
        &uri,
        &headers,
        &body,
        |client_id| async move {
            let request: InquiryUserInfoRequest = parse("inquiryUserInfo", request)?;
            let outcome = auth.inquiry_user_info(&client_id, &request).await;
            let code = outcome
                .as_ref()
                .map_or_else(|err| err.code(), |_| ResultCode::Success);
            Ok(Reply::json(code, &inquiry_user_info_response(outcome)))
        },
    )
    .await
}

/// revoke (v2).
async fn revoke<S: Scope, St: Store<S> + 'static>(
    state: Shared<S, St>,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    revocation(state, "revoke", uri, headers, body).await
}

/// cancelToken (v1): the same call as revoke, under the name the v1 wallets document.
async fn cancel_token<S: Scope, St: Store<S> + 'static>(
    state: Shared<S, St>,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    revocation(state, "cancelToken", uri, headers, body).await
}

async fn revocation<S: Scope, St: Store<S> + 'static>(
    State(server): Shared<S, St>,
    api: &'static str,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (auth, request) = (&server.auth, &body);
    openapi(
        &server,
        api,
        &uri,
        &headers,
        &body,
        |client_id| async move {
            let request: RevokeRequest = parse(api, request)?;
            let outcome = auth.revoke(&client_id, &request).await;
            let result = match &outcome {
                Ok(()) => authcode_wire::ApiResult::success(),
                Err(err) => err.to_result(),
            };
            Ok(Reply::json(
                result.result_code,
                &RevokeResponse::new(result),
            ))
        },
    )
    .await
}

async fn apply_token_and_inquiry_user_info<S: Scope, St: Store<S> + 'static>(
    State(server): Shared<S, St>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    const API: &str = "applyTokenAndInquiryUserInfo";
    let (auth, request) = (&server.auth, &body);
    openapi(
        &server,
        API,
        &uri,
        &headers,
        &body,
        |client_id| async move {
            let request: ApplyTokenAndInquiryUserInfoRequest = parse(API, request)?;
            let outcome = auth
                .apply_token_and_inquiry_user_info(&client_id, &request)
                .await;
            Ok(match outcome {
                Ok((tokens, user)) => Reply::json(
                    ResultCode::Success,
                    &ApplyTokenAndInquiryUserInfoResponse::success(tokens, user),
                ),
                Err(err) => Reply::json(
                    err.code(),
                    &ApplyTokenAndInquiryUserInfoResponse::<()>::failure(err.to_result()),
                ),
            })
        },
    )
    .await
}

/// One OpenAPI call: the request verified, `handle` run for the authenticated client, and the
/// answer (a refusal too) signed. Client IDs and result codes are logged, never a secret.
async fn openapi<S, St, F, Fut>(
    server: &WalletServer<S, St>,
    api: &'static str,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    handle: F,
) -> Response
where
    S: Scope,
    St: Store<S> + 'static,
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<Reply, Rejection>>,
{
    let started = Instant::now();
    // The signature covers the URI as sent, query included.
    let uri_text = uri.path_and_query().map_or(uri.path(), |uri| uri.as_str());
    let incoming = Incoming {
        method: "POST",
        uri: uri_text,
        headers,
        body,
    };
    let now = server.auth.now();
    let verified = server
        .keys
        .with_client_keys(|keys| verify::verify(keys, &incoming, now));
    let reply = match verified {
        Ok(client_id) => handle(client_id).await.unwrap_or_else(Reply::from),
        Err(Refused::Rejected(rejection)) => Reply::from(rejection),
        Err(Refused::NoKey(client_id)) => Reply::from(unkeyed(server, &client_id).await),
    };
    let code = reply.code;
    let (key, version) = server.keys.wallet_signer();
    let signer = Signer { key: &key, version };
    // Echoed only when it could be a client ID: a hostile 40 KB header is not sent back.
    let client_header = headers
        .get(CLIENT_ID)
        .filter(|value| value.len() <= MAX_ECHOED_CLIENT_ID);
    let response = response::signed(
        &signer,
        server.auth.now(),
        "POST",
        uri_text,
        client_header,
        reply,
    );
    tracing::info!(
        api,
        client_id = %client_header.and_then(|v| v.to_str().ok()).map(shorten).unwrap_or_default(),
        result = %code,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "openapi request"
    );
    response
}

/// The answer to a client the wallet holds no key for: unregistered, or registered without a
/// key.
async fn unkeyed<S: Scope, St: Store<S>>(
    server: &WalletServer<S, St>,
    client_id: &str,
) -> Rejection {
    match server.auth.store().client(client_id).await {
        Ok(Some(_)) => Rejection::new(
            ResultCode::KeyNotFound,
            format!(
                "the wallet has no public key for client {}",
                shorten(client_id)
            ),
        ),
        Ok(None) => Rejection::new(
            ResultCode::InvalidClient,
            format!("client {} is not registered", shorten(client_id)),
        ),
        Err(err) => Rejection::new(
            ResultCode::UnknownException,
            format!("storage failed: {err}"),
        ),
    }
}

/// The request body as `T`, or `PARAM_ILLEGAL` saying what is wrong with it.
fn parse<T: DeserializeOwned>(api: &str, body: &[u8]) -> Result<T, Rejection> {
    serde_json::from_slice(body).map_err(|err| {
        Rejection::new(
            ResultCode::ParamIllegal,
            format!("malformed {api} request: {err}"),
        )
    })
}
