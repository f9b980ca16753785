//! The keys a running server signs and verifies with, behind a handle that changes them while
//! it serves: a key rollover on either side happens without a restart, as at a real wallet.

use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use authcode_signing::{SigningKey, VerifyingKey};

use crate::verify::ClientKeys;

/// The keys of a [`WalletServer`](crate::WalletServer), shared with the routes it serves:
/// the wallet's signing key (and its version, which responses and notifications name in
/// `keyVersion`) and the merchants' public keys by client and version.
///
/// Cloning gives another handle on the same keys. A change applies to every request that
/// arrives after it; a request being verified or a response being signed uses the keys it
/// started with.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use std::sync::Arc;
/// use authcode_signing::SigningKey;
/// use authcode_runtime::flow::AuthServer;
/// use authcode_server::WalletServer;
///
/// let (old, new) = (SigningKey::generate()?, SigningKey::generate()?);
/// let server = WalletServer::new(Arc::new(AuthServer::<AlipayPlusScope>::new()), SigningKey::generate()?)
///     .with_client_key("2022000000000001", old.verifying_key());
/// let keys = server.key_ring();
///
/// // The merchant's rollover: both versions are accepted, then only the new one.
/// keys.set_client_key("2022000000000001", 2, new.verifying_key());
/// assert_eq!(keys.client_key_versions("2022000000000001"), [1, 2]);
/// assert!(keys.remove_client_key("2022000000000001", 1));
/// assert_eq!(keys.client_key_versions("2022000000000001"), [2]);
///
/// // The wallet's own rotation: responses are signed with version 2 from now on.
/// let wallet_v2 = SigningKey::generate()?;
/// let public = wallet_v2.verifying_key();
/// keys.set_wallet_key(2, wallet_v2);
/// assert_eq!((server.wallet_key_version(), server.wallet_public_key()), (2, public));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct KeyRing {
    inner: Arc<RwLock<Keys>>,
}

struct Keys {
    wallet: Arc<SigningKey>,
    wallet_version: u32,
    clients: ClientKeys,
}

impl KeyRing {
    pub(crate) fn new(wallet_key: SigningKey) -> KeyRing {
        KeyRing {
            inner: Arc::new(RwLock::new(Keys {
                wallet: Arc::new(wallet_key),
                wallet_version: 1,
                clients: ClientKeys::default(),
            })),
        }
    }

    /// A poisoned lock still holds whole key maps (every write replaces entries), so its
    /// contents are used rather than failing every request.
    fn read(&self) -> RwLockReadGuard<'_, Keys> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self, change: impl FnOnce(&mut Keys)) {
        change(&mut self.inner.write().unwrap_or_else(PoisonError::into_inner));
    }

    /// Signs responses and notifications with `key` as key version `version` from now on.
    /// Merchants verify by the version each response names, so they add the new public key
    /// before the wallet switches.
    pub fn set_wallet_key(&self, version: u32, key: SigningKey) {
        self.write(|keys| {
            keys.wallet = Arc::new(key);
            keys.wallet_version = version;
        });
    }

    /// Accepts requests from `client_id` signed with the private half of `key` as key
    /// version `version` (replacing a key of that version). A request names the version it
    /// used in its `Signature` header; one that names none is checked with the latest.
    pub fn set_client_key(&self, client_id: impl Into<String>, version: u32, key: VerifyingKey) {
        let client_id = client_id.into();
        self.write(|keys| keys.clients.insert(client_id, version, key));
    }

    /// No longer accepts key version `version` of `client_id` (the end of a rollover): a
    /// request naming it is answered `KEY_NOT_FOUND`. Returns whether there was such a key.
    pub fn remove_client_key(&self, client_id: &str, version: u32) -> bool {
        let mut removed = false;
        self.write(|keys| removed = keys.clients.remove(client_id, version));
        removed
    }

    /// The key versions held for `client_id`, lowest first.
    pub fn client_key_versions(&self, client_id: &str) -> Vec<u32> {
        self.read().clients.versions_of(client_id)
    }

    /// The client IDs whose keys are held, sorted.
    pub fn client_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .read()
            .clients
            .client_ids()
            .map(str::to_owned)
            .collect();
        ids.sort();
        ids
    }

    /// The public half of the wallet's current key.
    pub fn wallet_public_key(&self) -> VerifyingKey {
        self.read().wallet.verifying_key()
    }

    /// The version of the wallet's current key.
    pub fn wallet_key_version(&self) -> u32 {
        self.read().wallet_version
    }

    /// The wallet's current key and its version, to sign one message with.
    pub(crate) fn wallet_signer(&self) -> (Arc<SigningKey>, u32) {
        let keys = self.read();
        (Arc::clone(&keys.wallet), keys.wallet_version)
    }

    /// Runs `check` with the merchants' keys as they are now.
    pub(crate) fn with_client_keys<T>(&self, check: impl FnOnce(&ClientKeys) -> T) -> T {
        check(&self.read().clients)
    }

    pub(crate) fn client_count(&self) -> usize {
        self.read().clients.len()
    }
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys = self.read();
        f.debug_struct("KeyRing")
            .field("wallet_key_version", &keys.wallet_version)
            .field("clients", &keys.clients.len())
            .finish_non_exhaustive()
    }
}
