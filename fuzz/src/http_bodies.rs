//! The wallet emulator's HTTP request bodies, sent through the server's own router in process:
//! applyToken and inquiryUserInfo (correctly signed, so that the body reaches the parser and the
//! flow) and `POST /emulator/getAuthCode`.
//!
//! The input is one selector byte (which endpoint) and the body. In a body, `@code@`,
//! `@access@` and `@refresh@` are replaced by a live authorization code, access token and
//! refresh token issued just before, so that the fuzzer reaches the success paths too.
//!
//! What must hold whatever the body: the server answers (no panic, which it would report as a
//! plain 500), every OpenAPI answer is signed by the wallet and carries a known result code
//! (except a body over the size limit, refused with a plain 413 before anything reads it, with
//! nothing changed), a success hands out tokens that work, and every code the emulator issues
//! is redeemable by exactly one client, exactly once, for exactly the scopes it reported.
//!
//! The flow's methods are async; the in-memory store's futures are ready at once, so the
//! harness runs them with `flow::block_on`.

use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::{Duration, UNIX_EPOCH};

use authcode_runtime::flow::{AuthServer, ConsentDecision, FlowError, Lifetimes, block_on};
use authcode_runtime::wire::{
    AccessToken, ApiVersion, ApplyTokenRequest, ApplyTokenResponse, InquiryUserInfoRequest,
    InquiryUserInfoResponse, ResultCode, ResultStatus,
};
use authcode_runtime::{AuthCodeResponse, JsapiErrorCode, ManualClock, ScopeSet, UserInfo};
use authcode_server::{EMULATOR_GET_AUTH_CODE_PATH, WalletServer};
use authcode_signing::{
    CLIENT_ID, JSON_CONTENT_TYPE, MAX_BODY_BYTES, METHOD, Message, REQUEST_TIME, RESPONSE_TIME,
    SIGNATURE, SigningKey, VerifyingKey,
};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use tower::ServiceExt as _;

use crate::checks::AlipayPlusScope;

/// Allowed every scope.
const MERCHANT: &str = "2022000000000001";
/// Allowed the silent scopes only.
const SILENT_MERCHANT: &str = "2022000000000002";
const CLIENTS: [&str; 2] = [MERCHANT, SILENT_MERCHANT];
const USER: &str = "2088001";

/// Lifetimes far shorter than the clock's step between two inputs, so that each input finds
/// everything the previous ones issued expired: the inputs do not depend on each other, and the
/// store stays small however long the fuzzer runs.
const LIFETIMES: Lifetimes = Lifetimes {
    auth_code: Duration::from_secs(10),
    access_token: Duration::from_secs(20),
    refresh_token: Duration::from_secs(30),
};
const STEP: Duration = Duration::from_secs(60);
/// The in-memory store's bound for a handful of live entries per map: 16 shards × 64 entries of
/// sweep slack per map, four maps.
const STORE_BOUND: usize = 4 * 16 * 64 + 64;

struct Harness {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    auth: Arc<AuthServer<AlipayPlusScope>>,
    clock: ManualClock,
    merchant_key: SigningKey,
    wallet_key: VerifyingKey,
}

static HARNESS: LazyLock<Mutex<Harness>> = LazyLock::new(|| Mutex::new(Harness::new()));

impl Harness {
    fn new() -> Harness {
        // Generated once per process: the inputs never depend on the keys.
        let merchant_key = SigningKey::generate().expect("a merchant key");
        let wallet = SigningKey::generate().expect("a wallet key");
        let wallet_key = wallet.verifying_key();
        let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_769_848_200));
        let auth = AuthServer::<AlipayPlusScope>::new()
            .with_clock(clock.clone())
            .with_lifetimes(LIFETIMES);
        block_on(auth.register_client(MERCHANT, ScopeSet::all())).expect("stored");
        block_on(auth.register_client(SILENT_MERCHANT, ScopeSet::silent())).expect("stored");
        let profile: UserInfo = serde_json::from_str(
            r#"{"nickName":"Ana","avatar":"https://example.com/ana.png","gender":"FEMALE"}"#,
        )
        .expect("the profile parses");
        block_on(auth.add_user(USER, profile)).expect("stored");
        let auth = Arc::new(auth);
        let router = WalletServer::new(Arc::clone(&auth), wallet)
            .with_client_key(MERCHANT, merchant_key.verifying_key())
            .with_client_key(SILENT_MERCHANT, merchant_key.verifying_key())
            .with_emulator_endpoints()
            .into_router();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        Harness {
            runtime,
            router,
            auth,
            clock,
            merchant_key,
            wallet_key,
        }
    }
}

/// Which endpoint the selector byte picks.
#[derive(Clone, Copy, Debug)]
enum Endpoint {
    ApplyToken,
    InquiryUserInfo,
    GetAuthCode,
}

/// Sends the input's body to the endpoint its first byte picks; see the module docs.
pub fn http_bodies(bytes: &[u8]) {
    let Some((&selector, body)) = bytes.split_first() else {
        return;
    };
    let endpoint = match selector % 3 {
        0 => Endpoint::ApplyToken,
        1 => Endpoint::InquiryUserInfo,
        _ => Endpoint::GetAuthCode,
    };
    let harness = HARNESS.lock().unwrap_or_else(PoisonError::into_inner);
    harness.clock.advance(STEP);
    match endpoint {
        Endpoint::GetAuthCode => get_auth_code(&harness, body),
        Endpoint::ApplyToken | Endpoint::InquiryUserInfo => openapi_call(&harness, endpoint, body),
    }
    let stored = harness.auth.store().len();
    assert!(stored <= STORE_BOUND, "{stored} entries in the store");
}

/// The live secrets an input's placeholders stand for.
struct Live {
    code: String,
    access: String,
    refresh: String,
}

fn issue_live(auth: &AuthServer<AlipayPlusScope>) -> Live {
    let code = || {
        let response = block_on(auth.get_auth_code(
            MERCHANT,
            USER,
            ["USER_ID", "USER_NICKNAME"],
            ConsentDecision::ApproveAll,
        ));
        response.auth_code().expect("issued").clone()
    };
    let tokens =
        block_on(auth.apply_token(MERCHANT, &ApplyTokenRequest::authorization_code(code())))
            .expect("a fresh code redeems")
            .tokens;
    Live {
        code: code().expose().to_owned(),
        access: tokens.access_token.expose().to_owned(),
        refresh: tokens
            .refresh_token
            .expect("a refresh token")
            .expose()
            .to_owned(),
    }
}

fn substitute(body: &[u8], live: &Live) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    'scan: while let Some((&first, tail)) = rest.split_first() {
        if first == b'@' {
            for (name, value) in [
                (&b"@code@"[..], &live.code),
                (b"@access@", &live.access),
                (b"@refresh@", &live.refresh),
            ] {
                if let Some(after) = rest.strip_prefix(name) {
                    out.extend_from_slice(value.as_bytes());
                    rest = after;
                    continue 'scan;
                }
            }
        }
        out.push(first);
        rest = tail;
    }
    out
}

fn openapi_call(harness: &Harness, endpoint: Endpoint, body: &[u8]) {
    let auth = &harness.auth;
    let live = issue_live(auth);
    let body = substitute(body, &live);
    let path = match endpoint {
        Endpoint::ApplyToken => ApiVersion::V1.apply_token_path(),
        _ => ApiVersion::V1.inquiry_user_info_path(),
    };
    let time = authcode_wire::time::format(auth.now()).expect("the clock is in range");
    let signature = Message {
        method: METHOD,
        path,
        client_id: MERCHANT,
        time: &time,
        body: &body,
    }
    .sign(&harness.merchant_key, 1)
    .expect("signs")
    .to_string();
    let request = Request::builder()
        .method(METHOD)
        .uri(path)
        .header(CLIENT_ID, MERCHANT)
        .header(REQUEST_TIME, &time)
        .header(SIGNATURE, signature)
        .header(header::CONTENT_TYPE, JSON_CONTENT_TYPE)
        .body(Body::from(body.clone()))
        .expect("a valid request");
    let before = auth.store().len();
    let (status, headers, answer) = send(harness, request);

    if body.len() > MAX_BODY_BYTES {
        // Refused by the body limit before anything reads the body: plain, and unsigned,
        // since it is no OpenAPI answer; nothing changed.
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(headers.get(SIGNATURE).is_none());
        assert_eq!(
            auth.store().len(),
            before,
            "a refused request changed the store"
        );
        return;
    }
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer)
    );
    // Every answer, refusals included, is signed by the wallet over what arrived.
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    assert_eq!(text(CLIENT_ID), Some(MERCHANT));
    let response_time = text(RESPONSE_TIME).expect("a Response-Time header");
    let signed = Message {
        method: METHOD,
        path,
        client_id: MERCHANT,
        time: response_time,
        body: &answer,
    };
    assert_eq!(signed.verify(&harness.wallet_key, text(SIGNATURE)), Ok(()));

    match endpoint {
        Endpoint::ApplyToken => {
            let response: ApplyTokenResponse = serde_json::from_slice(&answer)
                .unwrap_or_else(|err| panic!("the answer does not parse: {err}"));
            check_result(response.result.result_code, response.result.result_status);
            if response.result.result_code == ResultCode::ParamIllegal {
                assert_eq!(
                    auth.store().len(),
                    before,
                    "a refused request changed the store"
                );
            }
            if response.result.result_code == ResultCode::Success {
                assert_eq!(response.customer_id.as_deref(), Some(USER));
                let access = response.access_token.expect("an access token");
                assert!(response.refresh_token.is_some());
                assert!(
                    user_info(auth, access).is_ok(),
                    "the new access token fails"
                );
            }
        }
        _ => {
            let response: InquiryUserInfoResponse<UserInfo> = serde_json::from_slice(&answer)
                .unwrap_or_else(|err| panic!("the answer does not parse: {err}"));
            check_result(response.result.result_code, response.result.result_status);
            if response.result.result_code == ResultCode::Success {
                let user = response.user_info.expect("user info");
                assert_eq!(user.user_id.as_deref(), Some(USER));
                // The live token was issued for USER_ID and USER_NICKNAME only.
                assert_eq!(user.gender, None);
            }
        }
    }
}

fn check_result(code: ResultCode, status: ResultStatus) {
    // The in-memory store never fails, so UNKNOWN_EXCEPTION would be a bug.
    assert_ne!(code, ResultCode::UnknownException);
    assert_eq!(code.status(), status);
}

fn user_info(
    auth: &AuthServer<AlipayPlusScope>,
    access: AccessToken,
) -> Result<UserInfo, FlowError> {
    block_on(auth.inquiry_user_info(MERCHANT, &InquiryUserInfoRequest::new(access)))
}

fn get_auth_code(harness: &Harness, body: &[u8]) {
    let request = Request::builder()
        .method("POST")
        .uri(EMULATOR_GET_AUTH_CODE_PATH)
        .header(header::CONTENT_TYPE, JSON_CONTENT_TYPE)
        .body(Body::from(body.to_vec()))
        .expect("a valid request");
    let (status, _, answer) = send(harness, request);
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        // The body limit, before the emulator reads anything: a plain refusal.
        assert!(body.len() > MAX_BODY_BYTES, "{} bytes refused", body.len());
        return;
    }
    let response: AuthCodeResponse<AlipayPlusScope> = serde_json::from_slice(&answer)
        .unwrap_or_else(|err| panic!("the callback object does not parse: {err}"));
    match status {
        StatusCode::OK => {}
        StatusCode::BAD_REQUEST => {
            assert_eq!(response.error(), Some(JsapiErrorCode::UnknownError));
            assert!(response.auth_code().is_none());
            return;
        }
        other => panic!("getAuthCode answered {other}"),
    }
    assert_ne!(
        response.error(),
        Some(JsapiErrorCode::SystemError),
        "{response:?}"
    );
    let Some(code) = response.auth_code() else {
        return;
    };
    // Exactly one client may redeem the code, exactly once, for what the response granted;
    // to the other, the code does not exist.
    let auth = &harness.auth;
    let mut redeemed = Vec::new();
    for client in CLIENTS {
        let request = ApplyTokenRequest::authorization_code(code.clone());
        match block_on(auth.apply_token(client, &request)) {
            Ok(tokens) => redeemed.push((client, tokens)),
            Err(err) => assert_eq!(err.code(), ResultCode::InvalidCode, "{err}"),
        }
    }
    assert_eq!(redeemed.len(), 1, "redeemed by {} clients", redeemed.len());
    let (client, tokens) = &redeemed[0];
    assert_eq!(tokens.scopes, response.granted());
    let replay =
        block_on(auth.apply_token(client, &ApplyTokenRequest::authorization_code(code.clone())));
    assert_eq!(
        replay.map_err(|err| err.code()).err(),
        Some(ResultCode::UsedCode)
    );
}

fn send(harness: &Harness, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let router = harness.router.clone();
    harness.runtime.block_on(async move {
        let response = match router.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("the answer is read");
        (status, headers, body.to_vec())
    })
}
