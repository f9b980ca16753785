//! The `authcode-wallet` binary as a user runs it: it prints where it listens, serves a signed
//! request from the merchant client, keeps codes and tokens out of its logs, and exits
//! cleanly on SIGTERM.
#![cfg(unix)] // signals the binary with `kill -TERM`

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use authcode_client::{MerchantClient, RetryPolicy};
use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeSet, UserInfo};
use authcode_server::EMULATOR_GET_AUTH_CODE_PATH;
use authcode_signing::{SigningKey, VerifyingKey};

/// The Alipay+ wallet the binary serves.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

const MERCHANT: &str = "2022000000000001";

/// The merchant's private key as PKCS#8 PEM, generated once for the test binary.
fn merchant_pem() -> &'static str {
    static PEM: OnceLock<String> = OnceLock::new();
    PEM.get_or_init(|| {
        SigningKey::generate()
            .expect("a test key")
            .to_pkcs8_pem()
            .to_string()
    })
}

fn merchant_key() -> SigningKey {
    SigningKey::from_pkcs8_pem(merchant_pem()).unwrap()
}

/// Kills the child if the test fails before it exits on its own.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// A file of this test process, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    /// A fresh path: the tests run in parallel threads of one process.
    fn new(name: &str) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        TempFile(std::env::temp_dir().join(format!(
            "authcode-wallet-test-{}-{n}-{name}",
            std::process::id()
        )))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}

impl AsRef<std::ffi::OsStr> for TempFile {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

/// The merchant's public (`pub`) or private (`key`) PEM, written to a file for the binary to
/// read.
fn key_file(which: &str) -> TempFile {
    let file = TempFile::new(&format!("merchant.{which}.pem"));
    let pem = match which {
        "pub" => merchant_key().verifying_key().to_spki_pem(),
        _ => merchant_pem().to_owned(),
    };
    std::fs::write(&file.0, pem).expect("the key file is written");
    file
}

#[tokio::test]
async fn the_binary_serves_a_signed_request_and_stops_on_sigterm() {
    // Kept until the end: the binary reads it after it has been spawned.
    let merchant_pub = key_file("pub");
    let wallet_pub =
        std::env::temp_dir().join(format!("authcode-wallet-{}.pub.pem", std::process::id()));
    let mut wallet = Running(
        Command::new(env!("CARGO_BIN_EXE_authcode-wallet"))
            .args([
                "--addr",
                "127.0.0.1:0",
                "--client-id",
                MERCHANT,
                "--client-public-key",
            ])
            .arg(&merchant_pub)
            .arg("--write-wallet-public-key")
            .arg(&wallet_pub)
            .args(["--scopes", "USER_ID,USER_NICKNAME", "--log-level", "debug"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );

    // The first line says where it listens.
    let mut stdout = BufReader::new(wallet.0.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let base = first
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    // It wrote its generated public key; the merchant verifies responses with it.
    let wallet_key =
        VerifyingKey::from_spki_pem(&std::fs::read_to_string(&wallet_pub).unwrap()).unwrap();
    std::fs::remove_file(&wallet_pub).ok();
    let client = MerchantClient::builder(&base, MERCHANT, merchant_key(), wallet_key)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();

    // The mini program's side, through the development endpoint, for a built-in demo user.
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let call = serde_json::json!({
        "clientId": MERCHANT, "userId": "2088001",
        "scopes": ["USER_ID", "USER_NICKNAME", "USER_GENDER"], "consent": "approve"
    });
    let response = http
        .post(format!("{base}{EMULATOR_GET_AUTH_CODE_PATH}"))
        .header("content-type", "application/json")
        .body(call.to_string())
        .send()
        .await
        .unwrap();
    let response: AuthCodeResponse<AlipayPlusScope> =
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    // --scopes allowed USER_ID and USER_NICKNAME only.
    assert_eq!(
        response.granted(),
        ScopeSet::from([AlipayPlusScope::UserId, AlipayPlusScope::UserNickname])
    );
    let code = response.auth_code().unwrap().clone();

    // One signed request, verified both ways.
    let tokens = client.apply_token(&code).await.unwrap();
    assert_eq!(tokens.customer_id.as_deref(), Some("2088001"));
    let user: UserInfo = client
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    assert_eq!(user.nick_name.as_deref(), Some("Ana"));
    assert_eq!(user.gender, None);

    // SIGTERM: a graceful exit with status 0.
    let pid = wallet.0.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = wallet.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the wallet did not stop within 20 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");

    // The logs tell what happened without a single secret.
    let mut logs = String::new();
    wallet
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    assert!(logs.contains("SIGTERM received"), "{logs}");
    assert!(logs.contains("applyToken"), "{logs}");
    let refresh_token = tokens.refresh_token.as_ref().expect("a refresh token");
    for secret in [
        code.expose(),
        tokens.access_token.expose(),
        refresh_token.expose(),
    ] {
        assert!(
            !logs.contains(secret),
            "a secret leaked into the logs:\n{logs}"
        );
    }
}

#[test]
fn bad_options_are_reported_with_a_failure_status() {
    let (merchant_pub, merchant_private) = (key_file("pub"), key_file("key"));
    let output = Command::new(env!("CARGO_BIN_EXE_authcode-wallet"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--client-id",
            MERCHANT,
            "--client-public-key",
        ])
        .arg(&merchant_pub)
        .args(["--scopes", "USER_ID,USER_NICKNAM"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("did you mean \"USER_NICKNAME\""),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());

    // A private key where the public one belongs.
    let output = Command::new(env!("CARGO_BIN_EXE_authcode-wallet"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--client-id",
            MERCHANT,
            "--client-public-key",
        ])
        .arg(&merchant_private)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("expected a \"PUBLIC KEY\" PEM block"),
        "{stderr}"
    );
}
