//! The emulator against clients that try to hold it open or make it hold memory: silent and
//! half-sent requests, bodies a byte at a time, more connections than it takes, a shutdown
//! while requests stall, and unauthenticated callers of getAuthCode.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use authcode_runtime::flow::{AuthServer, CodeLimits, ConsentDecision};
use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest};
use authcode_runtime::{AuthScopes, ScopeSet, UserInfo};
use authcode_server::{EMULATOR_GET_AUTH_CODE_PATH, ServeOptions, WalletServer};
use authcode_signing::{
    CLIENT_ID, JSON_CONTENT_TYPE, Message, REQUEST_TIME, SIGNATURE, SigningKey,
};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// The Alipay+ wallet of the tests.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

const MERCHANT: &str = "2022000000000001";
const OTHER: &str = "2022000000000002";
const USER: &str = "2088001";

fn merchant_key() -> SigningKey {
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let pem = KEY.get_or_init(|| SigningKey::generate().unwrap().to_pkcs8_pem().to_string());
    SigningKey::from_pkcs8_pem(pem).unwrap()
}

struct Running {
    addr: String,
    auth: Arc<AuthServer<AlipayPlusScope>>,
    stop: Option<oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(options: ServeOptions, limits: CodeLimits) -> Running {
    let auth = Arc::new(AuthServer::<AlipayPlusScope>::new().with_code_limits(limits));
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.register_client(OTHER, ScopeSet::all()).await.unwrap();
    auth.add_user(USER, UserInfo::default()).await.unwrap();
    let server = WalletServer::new(Arc::clone(&auth), SigningKey::generate().unwrap())
        .with_client_key(MERCHANT, merchant_key().verifying_key())
        .with_client_key(OTHER, merchant_key().verifying_key())
        .with_emulator_endpoints();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = oneshot::channel::<()>();
    let done = tokio::spawn(server.serve_with(
        listener,
        async {
            stopped.await.ok();
        },
        options,
    ));
    Running {
        addr,
        auth,
        stop: Some(stop),
        done,
    }
}

fn quick() -> ServeOptions {
    ServeOptions {
        header_read_timeout: Duration::from_millis(300),
        request_timeout: Duration::from_millis(600),
        max_connections: 64,
        shutdown_timeout: Duration::from_millis(500),
    }
}

/// `true` once the server has closed `stream` (a read returns end of file or an error),
/// waiting at most `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 1024];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => return true,
            // A 408 before the close is fine; keep reading until the end.
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

#[tokio::test]
async fn silent_and_half_sent_requests_are_cut_at_the_header_timeout() {
    let running = start(quick(), CodeLimits::default()).await;
    let mut silent = Vec::new();
    for _ in 0..20 {
        silent.push(TcpStream::connect(&running.addr).await.unwrap());
    }
    let mut half = TcpStream::connect(&running.addr).await.unwrap();
    half.write_all(b"POST /v1/users/inquiryUserInfo HTTP/1.1\r\nHost: wallet\r\nContent-")
        .await
        .unwrap();
    for stream in &mut silent {
        assert!(closed_within(stream, Duration::from_secs(3)).await);
    }
    assert!(closed_within(&mut half, Duration::from_secs(3)).await);
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let running = start(quick(), CodeLimits::default()).await;
    let mut stream = TcpStream::connect(&running.addr).await.unwrap();
    // A whole request (refused, unsigned), then silence on the kept-alive connection.
    stream
        .write_all(b"POST /nowhere HTTP/1.1\r\nHost: wallet\r\nContent-Length: 0\r\n\r\n")
        .await
        .unwrap();
    let mut answer = [0u8; 512];
    let read = stream.read(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 404"));
    assert!(closed_within(&mut stream, Duration::from_secs(3)).await);
}

#[tokio::test]
async fn a_body_sent_a_byte_at_a_time_is_cut_at_the_request_timeout() {
    let running = start(quick(), CodeLimits::default()).await;
    let mut stream = TcpStream::connect(&running.addr).await.unwrap();
    stream
        .write_all(
            b"POST /v1/users/inquiryUserInfo HTTP/1.1\r\nHost: wallet\r\n\
              Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    for _ in 0..100 {
        if stream.write_all(b" ").await.is_err() {
            break;
        }
        let mut buffer = [0u8; 512];
        if let Ok(Ok(read)) =
            tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buffer)).await
        {
            if read == 0 {
                break;
            }
            answer.extend_from_slice(&buffer[..read]);
        }
    }
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 408"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

/// Captures what the server logs, for the tests that check a log line.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Log {
    type Writer = Log;

    fn make_writer(&'a self) -> Log {
        self.clone()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn past_the_connection_limit_new_connections_wait_and_the_limit_is_logged() {
    let log = Log::default();
    let subscriber = tracing_subscriber::fmt().with_writer(log.clone()).finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let options = ServeOptions {
        header_read_timeout: Duration::from_secs(30),
        max_connections: 4,
        ..quick()
    };
    let running = start(options, CodeLimits::default()).await;
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(TcpStream::connect(&running.addr).await.unwrap());
    }
    // The fifth connects (the kernel queues it) but is not served while four are open.
    let mut fifth = TcpStream::connect(&running.addr).await.unwrap();
    fifth
        .write_all(b"POST /nowhere HTTP/1.1\r\nHost: wallet\r\nContent-Length: 0\r\n\r\n")
        .await
        .unwrap();
    let mut answer = [0u8; 512];
    let waited = tokio::time::timeout(Duration::from_millis(500), fifth.read(&mut answer)).await;
    assert!(waited.is_err(), "served past the limit");
    let logged = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(logged.contains("connection limit reached"), "{logged}");

    drop(held.pop());
    let read = tokio::time::timeout(Duration::from_secs(3), fifth.read(&mut answer))
        .await
        .expect("served once a place was free")
        .unwrap();
    assert!(String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 404"));
}

#[tokio::test]
async fn a_shutdown_cuts_stalled_requests_at_its_deadline() {
    let options = ServeOptions {
        header_read_timeout: Duration::from_secs(30),
        request_timeout: Duration::from_secs(30),
        ..quick()
    };
    let mut running = start(options, CodeLimits::default()).await;
    let mut stalled = TcpStream::connect(&running.addr).await.unwrap();
    stalled
        .write_all(b"POST /v1/users/inquiryUserInfo HTTP/1.1\r\nHost: wallet\r\nContent-Length: 100\r\n\r\n{")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    running.stop.take().unwrap().send(()).unwrap();
    let result = tokio::time::timeout(Duration::from_secs(5), &mut running.done)
        .await
        .expect("the server stopped at its deadline");
    result.unwrap().unwrap();
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(400) && took < Duration::from_secs(3),
        "{took:?}"
    );
    assert!(closed_within(&mut stalled, Duration::from_secs(1)).await);
    // And the listener is gone.
    assert!(TcpStream::connect(&running.addr).await.is_err());
}

async fn get_auth_code(http: &reqwest::Client, addr: &str, client: &str) -> Value {
    let body =
        json!({"clientId": client, "userId": USER, "scopes": ["USER_ID"], "consent": "approve"});
    let response = http
        .post(format!("http://{addr}{EMULATOR_GET_AUTH_CODE_PATH}"))
        .header("Content-Type", JSON_CONTENT_TYPE)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    json_of(response).await
}

async fn json_of(response: reqwest::Response) -> Value {
    serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

#[tokio::test]
async fn live_codes_are_bounded_per_client_and_in_total() {
    let limits = CodeLimits {
        per_client: 3,
        per_user: 100,
        total: 5,
    };
    let running = start(quick(), limits).await;
    let http = reqwest::Client::new();
    for _ in 0..3 {
        let answer = get_auth_code(&http, &running.addr, MERCHANT).await;
        assert!(answer["authCode"].is_string(), "{answer}");
    }
    let refused = get_auth_code(&http, &running.addr, MERCHANT).await;
    assert_eq!(refused["error"], 1005, "{refused}");
    let message = refused["errorMessage"].as_str().unwrap();
    assert!(message.contains("3 live authorization codes"), "{message}");
    for _ in 0..2 {
        let answer = get_auth_code(&http, &running.addr, OTHER).await;
        assert!(answer["authCode"].is_string(), "{answer}");
    }
    let refused = get_auth_code(&http, &running.addr, OTHER).await;
    let message = refused["errorMessage"].as_str().unwrap();
    assert!(message.contains("5 live authorization codes"), "{message}");
}

/// A signed OpenAPI request of `client` to `path` at `time`.
async fn signed(
    http: &reqwest::Client,
    addr: &str,
    client: &str,
    path: &str,
    time: &str,
    body: &Value,
) -> reqwest::Response {
    let body = serde_json::to_vec(body).unwrap();
    let message = Message {
        method: "POST",
        path,
        client_id: client,
        time,
        body: &body,
    };
    let signature = message.sign(&merchant_key(), 1).unwrap().to_string();
    http.post(format!("http://{addr}{path}"))
        .header("content-type", JSON_CONTENT_TYPE)
        .header(CLIENT_ID, client)
        .header(REQUEST_TIME, time)
        .header(SIGNATURE, signature)
        .body(body)
        .send()
        .await
        .unwrap()
}

fn now() -> String {
    authcode_runtime::wire::time::format(SystemTime::now()).unwrap()
}

#[tokio::test]
async fn another_clients_token_is_answered_as_an_unknown_one() {
    let running = start(quick(), CodeLimits::default()).await;
    let response = running
        .auth
        .get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll)
        .await;
    let request = ApplyTokenRequest::authorization_code(response.auth_code().unwrap().clone());
    let tokens = running
        .auth
        .apply_token(MERCHANT, &request)
        .await
        .unwrap()
        .tokens;
    let http = reqwest::Client::new();
    let inquiry = serde_json::to_value(InquiryUserInfoRequest::new(tokens.access_token)).unwrap();
    let path = "/v2/users/inquiryUserInfo";
    let answer = json_of(signed(&http, &running.addr, OTHER, path, &now(), &inquiry).await).await;
    assert_eq!(
        answer["result"]["resultCode"], "INVALID_ACCESS_TOKEN",
        "{answer}"
    );
    assert_eq!(
        answer["result"]["resultMessage"],
        "the access token is invalid"
    );
}

#[tokio::test]
async fn echoed_input_is_cut_short_and_a_leap_second_is_a_time() {
    let running = start(quick(), CodeLimits::default()).await;
    let http = reqwest::Client::new();
    let path = "/v1/users/inquiryUserInfo";
    let body = json!({"accessToken": "at"});

    let huge_client = "c".repeat(40_000);
    let response = signed(&http, &running.addr, &huge_client, path, &now(), &body).await;
    assert!(response.headers().get(CLIENT_ID).is_none());
    let answer = response.text().await.unwrap();
    assert!(
        answer.contains("INVALID_CLIENT") && answer.len() < 1000,
        "{} bytes",
        answer.len()
    );

    let stale = format!("2019-01-01T00:00:00{}", "0".repeat(40_000));
    let answer = signed(&http, &running.addr, MERCHANT, path, &stale, &body)
        .await
        .text()
        .await
        .unwrap();
    assert!(answer.len() < 1000, "{} bytes", answer.len());

    let huge_grant = json!({"grantType": "X".repeat(40_000), "authCode": "c"});
    let answer = signed(
        &http,
        &running.addr,
        MERCHANT,
        "/v1/authorizations/applyToken",
        &now(),
        &huge_grant,
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(
        answer.contains("PARAM_ILLEGAL") && answer.len() < 1000,
        "{answer}"
    );

    // A leap second is a valid Request-Time (RFC 3339 allows second 60); one just past the
    // current minute is read as its last instant.
    let leap = {
        let text = now();
        format!("{}60{}", &text[..17], &text[19..])
    };
    let answer = json_of(signed(&http, &running.addr, MERCHANT, path, &leap, &body).await).await;
    assert_eq!(
        answer["result"]["resultCode"], "INVALID_ACCESS_TOKEN",
        "{answer}"
    );
}
