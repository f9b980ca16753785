//! Turning an outcome into a signed HTTP response: `Client-Id`, `Response-Time` and the
//! wallet's `Signature` over `<METHOD> <URI>\n<Client-Id>.<Response-Time>.<body>`.

use std::time::SystemTime;

use authcode_signing::{
    CLIENT_ID, JSON_CONTENT_TYPE, Message, RESPONSE_TIME, SIGNATURE, SigningKey,
};
use authcode_wire::{ApiResult, ResultCode};
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Serialize;

use crate::verify::Rejection;

/// An answer before signing: its result code (for the log) and its JSON body.
pub(crate) struct Reply {
    pub(crate) code: ResultCode,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// `body` as JSON; should it not serialize, a signed `UNKNOWN_EXCEPTION` instead.
    pub(crate) fn json(code: ResultCode, body: &impl Serialize) -> Reply {
        match serde_json::to_vec(body) {
            Ok(body) => Reply { code, body },
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
            code: rejection.code,
            // A struct of strings and enums always serializes.
            body: serde_json::to_vec(&body).unwrap_or_default(),
        }
    }
}

/// The wallet's signing key and its version, which responses name in `keyVersion`.
pub(crate) struct Signer<'a> {
    pub(crate) key: &'a SigningKey,
    pub(crate) version: u32,
}

/// The reply as an HTTP 200 response signed for the request `method uri` of `client_id`.
pub(crate) fn signed(
    signer: &Signer<'_>,
    now: SystemTime,
    method: &str,
    uri: &str,
    client_id: Option<&HeaderValue>,
    reply: Reply,
) -> Response {
    let client_text = client_id
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let time = authcode_wire::time::format(now).unwrap_or_default();
    let message = Message {
        method,
        path: uri,
        client_id: client_text,
        time: &time,
        body: &reply.body,
    };
    let signature = match message.sign(signer.key, signer.version) {
        Ok(signature) => signature.to_string(),
        Err(err) => {
            // Only a broken crypto library gets here; an unsigned answer would be refused by
            // the client anyway, so say plainly what happened.
            tracing::error!(%err, "signing a response failed");
            let mut response = Response::new(Body::from("the wallet could not sign its response"));
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return response;
        }
    };
    let mut response = Response::new(Body::from(reply.body));
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
