//! The `authcode-wallet` binary as a user runs it: it prints where it listens, serves a signed
//! request from the merchant client, keeps codes and tokens out of its logs, and exits
//! cleanly on SIGTERM.
#![cfg(all(feature = "server", feature = "client", unix))]

mod http_support;

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use authcode_runtime::client::{MerchantClient, RetryPolicy};
use authcode_runtime::openapi::VerifyingKey;
use authcode_runtime::server::EMULATOR_GET_AUTH_CODE_PATH;
use authcode_runtime::{AuthCodeResponse, ScopeSet};
use http_support::{AlipayPlusScope, MERCHANT, merchant_key};

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

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[tokio::test]
async fn the_binary_serves_a_signed_request_and_stops_on_sigterm() {
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
            .arg(fixture("test-merchant.pub.pem"))
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
    assert_eq!(tokens.customer_id, "2088001");
    let user = client
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
    for secret in [
        code.expose(),
        tokens.access_token.expose(),
        tokens.refresh_token.expose(),
    ] {
        assert!(
            !logs.contains(secret),
            "a secret leaked into the logs:\n{logs}"
        );
    }
}

#[test]
fn bad_options_are_reported_with_a_failure_status() {
    let output = Command::new(env!("CARGO_BIN_EXE_authcode-wallet"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--client-id",
            MERCHANT,
            "--client-public-key",
        ])
        .arg(fixture("test-merchant.pub.pem"))
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
        .arg(fixture("test-merchant.key.pem"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("expected a \"PUBLIC KEY\" PEM block"),
        "{stderr}"
    );
}
