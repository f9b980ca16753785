//! Reading a request body, never more than [`MAX_BODY_BYTES`]: a client cannot make the
//! server buffer more than that, whatever it sends or claims to send.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::flow::ResultCode;
use crate::openapi::MAX_BODY_BYTES;
use crate::server::verify::Rejection;

/// The whole body, or a rejection: HTTP 413 when it is over the limit, 400 when it could not
/// be read (the connection broke).
pub(crate) async fn read(headers: &HeaderMap, body: Body) -> Result<Bytes, Rejection> {
    let too_large = || {
        Rejection::new(
            ResultCode::ParamIllegal,
            format!("the request body exceeds {MAX_BODY_BYTES} bytes"),
        )
        .with_status(StatusCode::PAYLOAD_TOO_LARGE)
    };
    // A declared length over the limit is refused before reading anything.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.is::<LengthLimitError>() => Err(too_large()),
        Err(err) => Err(Rejection::new(
            ResultCode::ParamIllegal,
            format!("the request body could not be read: {err}"),
        )
        .with_status(StatusCode::BAD_REQUEST)),
    }
}
