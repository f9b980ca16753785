//! What stands before the emulator endpoints: a web page open in the developer's browser must
//! not be able to drive them. A cross-origin "simple" request (a form post, `fetch` with a
//! `text/plain` body) needs no CORS preflight, so two rules close that door: every emulator
//! request that carries a body must say `Content-Type: application/json` (which a browser
//! only sends cross-origin after a preflight this server answers only for allowed origins),
//! and a request whose `Origin` is neither this server's own nor an allowed one is refused.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// The origins a browser page may call the emulator endpoints from, besides the server's own.
#[derive(Clone, Debug, Default)]
pub(crate) struct AllowedOrigins(pub(crate) Arc<[String]>);

impl AllowedOrigins {
    fn allows(&self, origin: &str, headers: &HeaderMap) -> bool {
        // Same origin: the emulator's own pages (a browser sends Origin on their posts too).
        let own = headers
            .get(header::HOST)
            .and_then(|host| host.to_str().ok())
            .is_some_and(|host| {
                origin
                    .strip_prefix("http://")
                    .or_else(|| origin.strip_prefix("https://"))
                    == Some(host)
            });
        own || self
            .0
            .iter()
            .any(|allowed| allowed == "*" || allowed == origin)
    }
}

/// The middleware: refuses what a page of another origin could send.
pub(crate) async fn guard(
    State(allowed): State<AllowedOrigins>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if !allowed.allows(origin, headers) {
            return refused(
                StatusCode::FORBIDDEN,
                &format!(
                    "cross-origin request from {} refused: the emulator endpoints answer \
                     their own origin and those allowed (authcode-wallet --allow-origin)",
                    crate::verify::shorten(origin)
                ),
            );
        }
    }
    let has_body = request.method() == Method::POST
        || request.method() == Method::PUT
        || request.method() == Method::PATCH
        || request.method() == Method::DELETE && headers.contains_key(header::CONTENT_TYPE);
    if has_body && !is_json(headers) {
        return refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the emulator endpoints take Content-Type: application/json",
        );
    }
    next.run(request).await
}

/// `application/json`, parameters (`; charset=utf-8`) allowed, in any case.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

fn refused(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    response
}

/// The CORS layer of the allowed origins: it answers their preflights (methods, and the
/// `Content-Type` header the JSON bodies need); for other origins it adds nothing, so a
/// browser never sends their JSON posts.
pub(crate) fn cors(allowed: &AllowedOrigins) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let origin = if allowed.0.iter().any(|origin| origin == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            allowed
                .0
                .iter()
                .filter_map(|origin| header::HeaderValue::from_str(origin).ok()),
        )
    };
    CorsLayer::new()
        .allow_origin(origin)
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE])
}
