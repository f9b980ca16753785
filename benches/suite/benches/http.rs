//! applyToken over HTTP on loopback, against its floor: the four RSA operations every call
//! needs (the merchant signs the request, the wallet verifies it, the wallet signs the
//! response, the merchant verifies it).
//!
//! The wallet emulator (`WalletServer`) and the merchant client (`MerchantClient`) run in one
//! tokio runtime (multi-threaded with two workers, and again on one thread); requests are sent
//! one after the other, so the time per request is the whole path: JSON, signing, HTTP on both
//! sides, the code exchange and verification. Codes are issued in process before the clock
//! starts (each is single-use).
//!
//! Run with `cargo bench -p authcode-benches --bench http`.

// Shared with the flow benches; this one only issues codes.
#[allow(dead_code)]
#[path = "support/wallet.rs"]
mod wallet;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use authcode_client::MerchantClient;
use authcode_runtime::AuthScopes;
use authcode_runtime::flow::AuthServer;
use authcode_runtime::wire::ApiVersion;
use authcode_server::WalletServer;
use authcode_signing::{SigningKey, signed_content};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use tokio::runtime::Runtime;

/// The Alipay+ wallet (`spec/alipay-plus.json`).
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

/// A response body of the size the emulator sends for applyToken.
const RESPONSE_BODY: &str = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"accessToken":"Qmx1ZSBza2llcyBhbmQgZ3JlZW4gZmllbGRzIGZvcmV2ZXI","accessTokenExpiryTime":"2026-01-01T12:00:00+00:00","refreshToken":"UmVmcmVzaGluZyByYWluIG9uIGEgc3VtbWVyIGFmdGVybm9vbg","refreshTokenExpiryTime":"2026-01-31T11:00:00+00:00","customerId":"2088001"}"#;

/// The same key again (the server and the client take theirs by value; the floor uses them too).
fn copy(key: &SigningKey) -> SigningKey {
    SigningKey::from_pkcs8_pem(&key.to_pkcs8_pem()).expect("the key reads back")
}

/// The two key pairs of a run: the merchant's and the wallet's.
struct Keys {
    merchant: SigningKey,
    wallet: SigningKey,
}

/// The emulator and a merchant client on `runtime`, and `group`'s bench `name` timing applyToken
/// through them, one request after the other.
fn loopback(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    runtime: &Runtime,
    keys: &Keys,
) -> String {
    let auth =
        Arc::new(AuthServer::<AlipayPlusScope>::new().with_code_limits(wallet::NO_CODE_LIMITS));
    wallet::set_up(&auth);
    let server = WalletServer::new(Arc::clone(&auth), copy(&keys.wallet))
        .with_client_key(wallet::MERCHANT, keys.merchant.verifying_key());
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = runtime.spawn(server.serve(listener, async {
        stopped.await.ok();
    }));
    let client = MerchantClient::builder(
        &base,
        wallet::MERCHANT,
        copy(&keys.merchant),
        keys.wallet.verifying_key(),
    )
    .build()
    .expect("a client");

    // One exchange end to end before timing: the server really answers with tokens.
    let code = wallet::get_auth_code(&auth);
    let tokens = runtime
        .block_on(client.apply_token(&code))
        .expect("applyToken succeeds over HTTP");
    assert_eq!(tokens.customer_id.as_deref(), Some(wallet::USER));

    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let codes: Vec<_> = (0..iters).map(|_| wallet::get_auth_code(&auth)).collect();
            // The requests are made from a task on the runtime, as a merchant backend makes
            // them (from its request handlers), not from a thread outside it: every await
            // would then wake a thread that is not one of the runtime's.
            let client = client.clone();
            runtime
                .block_on(runtime.spawn(async move {
                    let start = Instant::now();
                    for code in &codes {
                        black_box(client.apply_token(code).await.expect("applyToken succeeds"));
                    }
                    start.elapsed()
                }))
                .expect("the request task completes")
        })
    });

    stop.send(()).ok();
    runtime
        .block_on(serving)
        .expect("the server task ends")
        .expect("the server stops cleanly");
    code.expose().to_owned()
}

fn http(c: &mut Criterion) {
    let keys = Keys {
        merchant: SigningKey::generate().expect("a merchant key"),
        wallet: SigningKey::generate().expect("a wallet key"),
    };
    let mut group = c.benchmark_group("http/apply_token");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(1));

    // The emulator as the `authcode-wallet` binary runs it: tokio's multi-threaded runtime,
    // here with a worker per core. Client and server hand each request over between the
    // workers, and a worker that has gone idle must be woken.
    let two_workers = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let code = loopback(&mut group, "loopback_request", &two_workers, &keys);
    // Both on one thread: the same code path without any thread wake-up, which shows how much
    // of the difference between the two is the scheduler's rather than authcode's.
    let one_thread = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    loopback(
        &mut group,
        "loopback_request_one_thread",
        &one_thread,
        &keys,
    );

    // The floor: the same four RSA operations on contents of the same size, nothing else.
    let time = "2026-01-01T12:00:00+00:00";
    let request_body = format!(r#"{{"grantType":"AUTHORIZATION_CODE","authCode":"{code}"}}"#);
    let request = signed_content(
        "POST",
        ApiVersion::V1.apply_token_path(),
        wallet::MERCHANT,
        time,
        request_body.as_bytes(),
    );
    let response = signed_content(
        "POST",
        ApiVersion::V1.apply_token_path(),
        wallet::MERCHANT,
        time,
        RESPONSE_BODY.as_bytes(),
    );
    let (merchant_public, wallet_public) =
        (keys.merchant.verifying_key(), keys.wallet.verifying_key());
    group.bench_function("rsa_operations_only", |b| {
        b.iter(|| {
            let signed = keys.merchant.sign(black_box(&request)).expect("signs");
            merchant_public.verify(&request, &signed).expect("verifies");
            let answer = keys.wallet.sign(black_box(&response)).expect("signs");
            wallet_public.verify(&response, &answer).expect("verifies");
        })
    });
    group.finish();
}

criterion_group!(benches, http);
criterion_main!(benches);
