//! The client on an unlucky network and against a hostile server: answers lost after the
//! wallet acted, connections refused, bodies that never end or trickle in.
//!
//! Each test runs a real emulator (`authcode-server`) on 127.0.0.1 and, between it and the
//! client, a small TCP proxy or a fake server that misbehaves in one precise way.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use authcode_client::{ClientError, MerchantClient, RetryPolicy, TransportKind};
use authcode_runtime::flow::{AuthServer, ConsentDecision, SecretHash, SecretKind, Store};
use authcode_runtime::{AuthCode, AuthScopes, ScopeSet, UserInfo};
use authcode_server::WalletServer;
use authcode_signing::{SigningKey, VerifyingKey};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The Alipay+ wallet of the tests.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

const MERCHANT: &str = "2022000000000001";
const USER: &str = "2088001";

/// Keys made once per test binary (RSA key generation takes a while).
fn keys() -> &'static (String, String) {
    static KEYS: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let pem = || SigningKey::generate().unwrap().to_pkcs8_pem().to_string();
        (pem(), pem())
    })
}

fn merchant_key() -> SigningKey {
    SigningKey::from_pkcs8_pem(&keys().0).unwrap()
}

fn wallet_key() -> SigningKey {
    SigningKey::from_pkcs8_pem(&keys().1).unwrap()
}

fn wallet_public_key() -> VerifyingKey {
    wallet_key().verifying_key()
}

type Wallet = Arc<AuthServer<AlipayPlusScope>>;

/// An emulator on a free port: its address and its authorization server.
async fn emulator() -> (String, Wallet) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let wallet = wallet().await;
    serve(listener, Arc::clone(&wallet));
    (addr, wallet)
}

/// The authorization server: one merchant, one user.
async fn wallet() -> Wallet {
    let auth = Arc::new(AuthServer::<AlipayPlusScope>::new());
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, UserInfo::default()).await.unwrap();
    auth
}

fn serve(listener: TcpListener, auth: Wallet) {
    let server = WalletServer::new(auth, wallet_key())
        .with_client_key(MERCHANT, merchant_key().verifying_key());
    tokio::spawn(server.serve(listener, std::future::pending()));
}

fn client(addr: &str, retry: RetryPolicy, timeout: Duration) -> MerchantClient {
    MerchantClient::builder(
        format!("http://{addr}"),
        MERCHANT,
        merchant_key(),
        wallet_public_key(),
    )
    .retry(retry)
    .timeout(timeout)
    .build()
    .unwrap()
}

fn retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(50),
    }
}

async fn code(wallet: &Wallet) -> AuthCode {
    let response = wallet
        .get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll)
        .await;
    response.auth_code().unwrap().clone()
}

/// Reads one HTTP/1.1 request (head and `Content-Length` body) from `stream`.
async fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = stream.read(&mut buffer).await.unwrap_or(0);
        if read == 0 {
            return request;
        }
        request.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&request);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if request.len() >= head_end + 4 + length {
                return request;
            }
        }
    }
}

/// A proxy to `upstream` that forwards every request and, for the first `lose` of them,
/// drops the wallet's answer and closes the connection. Returns its address and how many
/// requests it forwarded.
async fn lossy_proxy(upstream: String, lose: usize) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let forwarded = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&forwarded);
    tokio::spawn(async move {
        while let Ok((mut downstream, _)) = listener.accept().await {
            let upstream = upstream.clone();
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let request = read_request(&mut downstream).await;
                if request.is_empty() {
                    return;
                }
                let mut wallet = TcpStream::connect(&upstream).await.unwrap();
                wallet.write_all(&request).await.unwrap();
                let mut answer = vec![0u8; 64 * 1024];
                let read = wallet.read(&mut answer).await.unwrap_or(0);
                let seen = count.fetch_add(1, Ordering::SeqCst);
                if seen >= lose {
                    downstream.write_all(&answer[..read]).await.ok();
                }
                // Either way the connection closes here, so the client reads nothing more.
            });
        }
    });
    (addr, forwarded)
}

#[tokio::test]
async fn a_lost_apply_token_answer_is_outcome_unknown_and_the_code_is_sent_once() {
    let (wallet_addr, wallet) = emulator().await;
    let (proxy, forwarded) = lossy_proxy(wallet_addr, usize::MAX).await;
    let client = client(&proxy, retries(), Duration::from_secs(5));
    let code = code(&wallet).await;

    let err = client.apply_token(&code).await.unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::OutcomeUnknown {
                api: "applyToken",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("ask the user to authorize again"),
        "{err}"
    );
    assert!(!err.is_retryable());
    // Sent once, redeemed once, and the grant lives: the user is not signed out.
    assert_eq!(forwarded.load(Ordering::SeqCst), 1);
    let hash = SecretHash::of(code.expose());
    let record = wallet
        .store()
        .secret(SecretKind::AuthCode, &hash)
        .await
        .unwrap()
        .unwrap();
    assert!(record.used);
    let grant = wallet.store().grant(record.grant).await.unwrap().unwrap();
    assert!(!grant.revoked);
}

#[tokio::test]
async fn a_lost_refresh_answer_is_outcome_unknown_too() {
    let (wallet_addr, wallet) = emulator().await;
    let direct = client(&wallet_addr, RetryPolicy::none(), Duration::from_secs(5));
    let tokens = direct.apply_token(&code(&wallet).await).await.unwrap();
    let refresh = tokens.refresh_token.unwrap();

    let (proxy, forwarded) = lossy_proxy(wallet_addr, usize::MAX).await;
    let lossy = client(&proxy, retries(), Duration::from_secs(5));
    let err = lossy.refresh_token(&refresh).await.unwrap_err();
    assert!(matches!(err, ClientError::OutcomeUnknown { .. }), "{err:?}");
    assert_eq!(forwarded.load(Ordering::SeqCst), 1);
    // The access token of the first exchange still works: nothing was revoked.
    let user: UserInfo = direct
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    assert_eq!(user.user_id.as_deref(), Some(USER));
}

#[tokio::test]
async fn a_lost_inquiry_answer_is_retried() {
    let (wallet_addr, wallet) = emulator().await;
    let direct = client(&wallet_addr, RetryPolicy::none(), Duration::from_secs(5));
    let tokens = direct.apply_token(&code(&wallet).await).await.unwrap();

    let (proxy, forwarded) = lossy_proxy(wallet_addr, 1).await;
    let lossy = client(&proxy, retries(), Duration::from_secs(5));
    let user: UserInfo = lossy.inquiry_user_info(&tokens.access_token).await.unwrap();
    assert_eq!(user.user_id.as_deref(), Some(USER));
    assert_eq!(forwarded.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn apply_token_is_sent_again_when_nothing_reached_the_wallet() {
    // A port nothing listens on yet: the first attempt's connection is refused.
    let reserved = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = reserved.local_addr().unwrap();
    drop(reserved);
    let refused = client(
        &addr.to_string(),
        RetryPolicy::none(),
        Duration::from_secs(5),
    );
    let err = refused.apply_token(&AuthCode::new("c")).await.unwrap_err();
    match &err {
        ClientError::Transport(cause) => {
            assert_eq!(cause.kind(), TransportKind::Connect);
            assert!(cause.nothing_sent());
        }
        other => panic!("{other:?}"),
    }

    // The wallet comes up while the client waits to retry.
    let wallet = wallet().await;
    let code = code(&wallet).await;
    let serving = Arc::clone(&wallet);
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        serve(TcpListener::bind(addr).await.unwrap(), serving);
    });
    let patient = client(
        &addr.to_string(),
        RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(150),
            max_backoff: Duration::from_millis(300),
        },
        Duration::from_secs(5),
    );
    let tokens = patient.apply_token(&code).await.unwrap();
    assert_eq!(tokens.customer_id.as_deref(), Some(USER));
}

/// A fake wallet that answers every request with `head` and then `body`, written by `write`;
/// returns its address and how many body bytes it managed to write.
async fn fake_wallet<F, Fut>(head: &'static str, write: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(TcpStream, Arc<AtomicUsize>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let written = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&written);
    let write = Arc::new(write);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (count, write) = (Arc::clone(&count), Arc::clone(&write));
            tokio::spawn(async move {
                read_request(&mut stream).await;
                if stream.write_all(head.as_bytes()).await.is_ok() {
                    write(stream, count).await;
                }
            });
        }
    });
    (addr, written)
}

#[tokio::test]
async fn an_endless_body_is_cut_at_the_limit() {
    let (addr, written) = fake_wallet(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n",
        |mut stream, count| async move {
            let chunk = vec![b' '; 64 * 1024];
            // A gigabyte, unless the client stops reading first.
            for _ in 0..16 * 1024 {
                if stream.write_all(&chunk).await.is_err() {
                    return;
                }
                count.fetch_add(chunk.len(), Ordering::SeqCst);
            }
        },
    )
    .await;
    let client = client(&addr, RetryPolicy::none(), Duration::from_secs(30));
    let err = client
        .inquiry_user_info::<UserInfo>(&authcode_runtime::AccessToken::new("at"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::ResponseTooLarge { limit: 1_048_576 }),
        "{err:?}"
    );
    // The client stopped reading at the limit; what the server could still write went into
    // socket buffers, a few megabytes at most, not the gigabyte.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let sent = written.load(Ordering::SeqCst);
    assert!(sent < 32 * 1024 * 1024, "the server wrote {sent} bytes");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_reading() {
    let (addr, _) = fake_wallet(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2147483648\r\n\r\n",
        |_stream, _| async move {
            tokio::time::sleep(Duration::from_secs(30)).await;
        },
    )
    .await;
    let client = MerchantClient::builder(
        format!("http://{addr}"),
        MERCHANT,
        merchant_key(),
        wallet_public_key(),
    )
    .retry(RetryPolicy::none())
    .max_response_bytes(4096)
    .build()
    .unwrap();
    let started = Instant::now();
    let err = client
        .inquiry_user_info::<UserInfo>(&authcode_runtime::AccessToken::new("at"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::ResponseTooLarge { limit: 4096 }),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_trickling_body_times_out() {
    let trickle = |mut stream: TcpStream, count: Arc<AtomicUsize>| async move {
        for _ in 0..1000 {
            if stream.write_all(b" ").await.is_err() {
                return;
            }
            count.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n";
    let (addr, _) = fake_wallet(head, trickle).await;
    let client = client(&addr, RetryPolicy::none(), Duration::from_secs(1));

    let started = Instant::now();
    let err = client
        .inquiry_user_info::<UserInfo>(&authcode_runtime::AccessToken::new("at"))
        .await
        .unwrap_err();
    match &err {
        ClientError::Transport(cause) => assert_eq!(cause.kind(), TransportKind::Timeout),
        other => panic!("{other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    // For applyToken the request reached the server: the outcome is unknown.
    let err = client.apply_token(&AuthCode::new("c")).await.unwrap_err();
    assert!(matches!(err, ClientError::OutcomeUnknown { .. }), "{err:?}");
}
