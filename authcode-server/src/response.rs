//! Turning an outcome into a signed HTTP response: `Client-Id`, `Response-Time` and the
//! wallet's `Signature` over `<METHOD> <path>\n<Client-Id>.<Response-Time>.<body>`.

use std::time::SystemTime;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Serialize;

use crate::flow::{ApiResult, ResultCode};
use crate::openapi::{
    CLIENT_ID, JSON_CONTENT_TYPE, Message, RESPONSE_TIME, SIGNATURE, SigningKey, format_time,
};
use crate::server::verify::Rejection;

/// A response body with the HTTP status and result code it stands for (the code is logged).
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) code: ResultCode,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// HTTP 200 with `body` serialized. Should serializing fail (a time out of ISO 8601's
    /// range), the reply is an `UNKNOWN_EXCEPTION` instead.
    pub(crate) fn json(code: ResultCode, body: &impl Serialize) -> Reply {
        match serde_json::to_vec(body) {
            Ok(body) => Reply {
                status: StatusCode::OK,
                code,
                body,
            },
            Err(err) => Reply::from(Rejection::new(
                ResultCode::UnknownException,
                format!("the response could not be written: {err}"),
            )),
        }
    }
}

impl From<Rejection> for Reply {
    fn from(rejection: Rejection) -> Reply {
        #[derive(Serialize)]
        struct ResultOnly {
            result: ApiResult,
        }
        let body = ResultOnly {
            result: ApiResult::new(rejection.code, rejection.message),
        };
        Reply {
            status: rejection.status,
            code: rejection.code,
            // A struct of strings and enums always serializes.
            body: serde_json::to_vec(&body).unwrap_or_default(),
        }
    }
}

/// `reply` as an HTTP response to `method path`, signed with `key` at time `now` for the
/// client that sent `client_id` (echoed as it came; empty when there was none).
pub(crate) fn signed(
    key: &SigningKey,
    now: SystemTime,
    method: &str,
    path: &str,
    client_id: Option<&HeaderValue>,
    reply: Reply,
) -> Response {
    let client_text = client_id
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let time = format_time(now).unwrap_or_default();
    let message = Message {
        method,
        path,
        client_id: client_text,
        time: &time,
        body: &reply.body,
    };
    let signature = match message.sign(key) {
        Ok(signature) => signature.to_string(),
        Err(err) => {
            // Only a broken crypto library gets here; an unsigned answer would be refused by
            // the client anyway, so say plainly what happened.
            tracing::error!(%err, "signing a response failed");
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::from("the wallet could not sign its response"))
                .unwrap_or_default();
        }
    };
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = reply.status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    if let Some(client_id) = client_id.filter(|_| !client_text.is_empty()) {
        headers.insert(CLIENT_ID, client_id.clone());
    }
    // Both are ASCII by construction (an ISO 8601 time; `algorithm=..., signature=` with
    // URL-encoded base64), so the conversions cannot fail.
    if let Ok(time) = HeaderValue::from_str(&time) {
        headers.insert(RESPONSE_TIME, time);
    }
    if let Ok(signature) = HeaderValue::from_str(&signature) {
        headers.insert(SIGNATURE, signature);
    }
    response
}
