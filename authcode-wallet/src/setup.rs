//! `authcode-wallet` with no flags: a working wallet at once. A merchant key pair and a wallet
//! key pair are made in a directory on the first start and reused on the next ones, a default
//! merchant client is registered, and what a backend needs is printed.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use authcode_signing::SigningKey;

/// The client ID registered when none is given.
pub const DEFAULT_CLIENT_ID: &str = "2022000000000001";

/// The keys of a no-flag start, as files in the keys directory.
#[derive(Clone, Debug)]
pub struct Setup {
    pub merchant_private_key: PathBuf,
    pub merchant_public_key: PathBuf,
    pub wallet_private_key: PathBuf,
    pub wallet_public_key: PathBuf,
}

/// The keys directory when `--keys-dir` is not given: the user's data directory
/// (`$XDG_DATA_HOME/authcode-wallet`, else `~/.local/share/authcode-wallet`), else
/// `.authcode-wallet` here.
pub fn default_keys_dir() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|home| !home.is_empty())
                .map(|home| PathBuf::from(home).join(".local/share"))
        });
    match data {
        Some(data) => data.join("authcode-wallet"),
        None => PathBuf::from(".authcode-wallet"),
    }
}

/// The key pairs in `dir`, made when missing (private keys readable by their owner only).
pub fn keys_in(dir: &Path) -> Result<Setup, String> {
    std::fs::create_dir_all(dir).map_err(|err| format!("--keys-dir {}: {err}", dir.display()))?;
    let setup = Setup {
        merchant_private_key: dir.join("merchant.key.pem"),
        merchant_public_key: dir.join("merchant.pub.pem"),
        wallet_private_key: dir.join("wallet.key.pem"),
        wallet_public_key: dir.join("wallet.pub.pem"),
    };
    pair(&setup.merchant_private_key, &setup.merchant_public_key)?;
    pair(&setup.wallet_private_key, &setup.wallet_public_key)?;
    Ok(setup)
}

/// Reuses the key at `private` (rewriting its public half), or makes one.
fn pair(private: &Path, public: &Path) -> Result<(), String> {
    let key = match std::fs::read_to_string(private) {
        Ok(pem) => SigningKey::from_pkcs8_pem(&pem)
            .map_err(|err| format!("{}: {err}", private.display()))?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let key = SigningKey::generate().map_err(|err| err.to_string())?;
            write_private(private, key.to_pkcs8_pem().as_bytes())?;
            tracing::info!(path = %private.display(), "made a key");
            key
        }
        Err(err) => return Err(format!("cannot read {}: {err}", private.display())),
    };
    std::fs::write(public, key.verifying_key().to_spki_pem())
        .map_err(|err| format!("cannot write {}: {err}", public.display()))
}

fn write_private(path: &Path, pem: &[u8]) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .and_then(|mut file| file.write_all(pem))
        .map_err(|err| format!("cannot write {}: {err}", path.display()))
}

/// The lines printed after `listening on …`: what a backend needs, one `name: value` each;
/// the `try` line only when the emulator endpoints are served.
pub fn announce(setup: &Setup, base: &str, client_id: &str, user_id: Option<&str>) -> String {
    let mut said = format!(
        "client-id: {client_id}\nmerchant-private-key: {}\nwallet-public-key: {}\n",
        setup.merchant_private_key.display(),
        setup.wallet_public_key.display(),
    );
    if let Some(user_id) = user_id {
        let call = format!(
            r#"{{"clientId":"{client_id}","userId":"{user_id}","scopes":["USER_ID","USER_NICKNAME"],"consent":"approve"}}"#
        );
        said.push_str(&format!(
            "try: curl -s {base}/emulator/getAuthCode -H 'content-type: application/json' -d '{call}'\n"
        ));
    }
    said
}
