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

/// Starts the binary with no flag but `--keys-dir`; returns it and the lines it printed up to
/// its `try:` line, as `name: value` pairs (the first is `listening on ...`).
fn start_without_setup(keys_dir: &std::path::Path) -> (Running, Vec<(String, String)>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_authcode-wallet"))
        .args(["--addr", "127.0.0.1:0", "--log-level", "warn", "--keys-dir"])
        .arg(keys_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut said = Vec::new();
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        let line = line.trim_end();
        let (name, value) = match line.strip_prefix("listening on ") {
            Some(url) => ("listening on", url),
            None => line.split_once(": ").expect("a `name: value` line"),
        };
        said.push((name.to_owned(), value.to_owned()));
        if name == "try" {
            break;
        }
    }
    (Running(child), said)
}

#[tokio::test]
async fn with_no_flags_it_sets_itself_up_and_says_what_a_backend_needs() {
    let keys_dir =
        std::env::temp_dir().join(format!("authcode-wallet-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&keys_dir);
    let (running, said) = start_without_setup(&keys_dir);
    let names: Vec<&str> = said.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "listening on",
            "client-id",
            "merchant-private-key",
            "wallet-public-key",
            "try"
        ]
    );
    let value = |name: &str| said.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let base = value("listening on");
    let merchant_pem = std::fs::read_to_string(value("merchant-private-key")).unwrap();
    let wallet_pem = std::fs::read_to_string(value("wallet-public-key")).unwrap();
    assert!(
        merchant_pem.starts_with("-----BEGIN PRIVATE KEY-----"),
        "PKCS#8"
    );
    assert!(wallet_pem.starts_with("-----BEGIN PUBLIC KEY-----"), "SPKI");

    // The `try` command gets an authCode, and a backend with the printed keys exchanges it.
    let tried = Command::new("sh")
        .args(["-c", &value("try")])
        .output()
        .expect("sh runs the printed command");
    let granted: serde_json::Value = serde_json::from_slice(&tried.stdout)
        .unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(&tried.stdout)));
    let code = granted["authCode"]
        .as_str()
        .expect("an authCode")
        .to_owned();
    let client = |base: &str| {
        MerchantClient::builder(
            base,
            value("client-id"),
            SigningKey::from_pkcs8_pem(&merchant_pem).unwrap(),
            VerifyingKey::from_spki_pem(&wallet_pem).unwrap(),
        )
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
    };
    let tokens = client(&base)
        .apply_token(&authcode_runtime::AuthCode::new(code))
        .await
        .unwrap();
    assert_eq!(tokens.customer_id.as_deref(), Some("2088001"));
    drop(running);

    // The next start reuses the keys: the same backend configuration works on it.
    let (_again, said) = start_without_setup(&keys_dir);
    let base = said[0].1.clone();
    assert_eq!(
        std::fs::read_to_string(keys_dir.join("merchant.key.pem")).unwrap(),
        merchant_pem
    );
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{base}{EMULATOR_GET_AUTH_CODE_PATH}"))
        .header("content-type", "application/json")
        .body(
            serde_json::json!({"clientId": MERCHANT, "userId": "2088001",
                               "scopes": ["USER_ID"], "consent": "approve"})
            .to_string(),
        )
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let granted: AuthCodeResponse<AlipayPlusScope> = serde_json::from_slice(&response).unwrap();
    client(&base)
        .apply_token(granted.auth_code().unwrap())
        .await
        .expect("the saved keys work on the next start");
    let _ = std::fs::remove_dir_all(&keys_dir);
}
