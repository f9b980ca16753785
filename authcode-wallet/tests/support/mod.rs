//! What the Redis tests of the binary share: key pairs written to a scratch directory, and
//! emulator processes (the built `authcode-wallet`) on a given `--store`, killed when dropped.
#![allow(dead_code)] // each test file uses a different part

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use authcode_client::{ClientError, MerchantClient, RetryPolicy};
use authcode_runtime::wire::{ResultCode, ResultStatus, Tokens};
use authcode_runtime::{AuthCode, AuthCodeResponse, AuthScopes, UserInfo};
use authcode_signing::{SigningKey, VerifyingKey};
use serde_json::json;

#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

pub const MERCHANT: &str = "2022000000000001";
/// A built-in demo user of the binary.
pub const USER: &str = "2088001";

/// The merchant's and the wallet's keys, the public merchant key and the private wallet key
/// written where the binary reads them; every emulator of a test signs with the same wallet
/// key, as the instances of one wallet do.
pub struct Keys {
    pub dir: PathBuf,
    merchant: String,
    wallet: VerifyingKey,
}

impl Keys {
    pub fn new() -> Keys {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "authcode-wallet-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let (merchant, wallet) = (
            SigningKey::generate().unwrap(),
            SigningKey::generate().unwrap(),
        );
        std::fs::write(
            dir.join("merchant.pub.pem"),
            merchant.verifying_key().to_spki_pem(),
        )
        .unwrap();
        std::fs::write(dir.join("wallet.key.pem"), wallet.to_pkcs8_pem().as_bytes()).unwrap();
        Keys {
            dir,
            merchant: merchant.to_pkcs8_pem().to_string(),
            wallet: wallet.verifying_key(),
        }
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A running `authcode-wallet`; killed when dropped.
pub struct Emulator {
    child: Child,
    pub base_url: String,
    pub log: PathBuf,
    merchant: String,
    wallet: VerifyingKey,
    http: reqwest::Client,
}

impl Emulator {
    /// Starts the binary on `store` (`memory`, `redis://...`), with the keys of `keys`, and
    /// waits for its `listening on` line.
    pub fn start(keys: &Keys, store: &str) -> Emulator {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let log = keys.dir.join(format!(
            "wallet-{}.log",
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let mut child = Command::new(env!("CARGO_BIN_EXE_authcode-wallet"))
            .args([
                "--addr",
                "127.0.0.1:0",
                "--client-id",
                MERCHANT,
                "--client-public-key",
            ])
            .arg(keys.dir.join("merchant.pub.pem"))
            .arg("--wallet-private-key")
            .arg(keys.dir.join("wallet.key.pem"))
            .args(["--store", store, "--log-level", "warn"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("the binary starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let Some(base_url) = first.trim_end().strip_prefix("listening on ") else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("unexpected first line {first:?}; log:\n{}", read(&log));
        };
        Emulator {
            base_url: base_url.to_owned(),
            child,
            log,
            merchant: keys.merchant.clone(),
            wallet: keys.wallet.clone(),
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    /// A merchant client of this emulator, sending every call once.
    pub fn client(&self) -> MerchantClient {
        MerchantClient::builder(
            &self.base_url,
            MERCHANT,
            SigningKey::from_pkcs8_pem(&self.merchant).unwrap(),
            self.wallet.clone(),
        )
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
    }

    /// `POST /emulator/getAuthCode` for the demo user, USER_ID and USER_NICKNAME approved.
    pub async fn get_auth_code(&self) -> AuthCodeResponse<AlipayPlusScope> {
        let call = json!({
            "clientId": MERCHANT, "userId": USER,
            "scopes": ["USER_ID", "USER_NICKNAME"], "consent": "approve"
        });
        let response = self
            .http
            .post(format!("{}/emulator/getAuthCode", self.base_url))
            .header("content-type", "application/json")
            .body(call.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    /// A fresh code.
    pub async fn code(&self) -> AuthCode {
        let response = self.get_auth_code().await;
        match response.auth_code() {
            Some(code) => code.clone(),
            None => panic!("no code: {:?}", response.error_message()),
        }
    }

    /// `true` while the process runs.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// What the emulator wrote to stderr so far.
    pub fn logs(&self) -> String {
        read(&self.log)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The result code and status of a failed call; panics on failures that are not answers.
pub fn answer(err: &ClientError) -> (ResultCode, ResultStatus) {
    match err {
        ClientError::Api(failure) => (
            failure
                .code()
                .unwrap_or_else(|| panic!("unknown result code: {failure}")),
            failure.result_status,
        ),
        other => panic!("not an answer from the wallet: {other}"),
    }
}

/// The user info `tokens` give, as the merchant reads it.
pub async fn inquiry(client: &MerchantClient, tokens: &Tokens) -> Result<UserInfo, ClientError> {
    client.inquiry_user_info(&tokens.access_token).await
}
