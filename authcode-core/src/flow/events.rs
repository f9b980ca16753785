//! What the authorization server did, for the wallet's own use: each issue, redemption,
//! replay, refusal and revocation is an audit event in the `tracing` log (target
//! `authcode::audit`; client, user, grant and result code, never a secret), and a listener
//! ([`AuthEvents`]) hears of codes and tokens created and cancelled, with the secrets, to send
//! the merchant authNotify notifications.

use authcode_wire::{AccessToken, AuthCode, Tokens};

use crate::flow::GrantId;

/// An event a listener hears of.
#[derive(Debug)]
#[non_exhaustive]
pub enum AuthEvent<'a> {
    /// An authorization code was issued (authNotify `AUTHCODE_CREATED`).
    CodeIssued {
        /// The client the code is for.
        client_id: &'a str,
        /// The user who authorized it.
        user_id: &'a str,
        /// The grant it belongs to.
        grant: GrantId,
        /// The code.
        code: &'a AuthCode,
    },
    /// A code or refresh token was exchanged for tokens (`TOKEN_CREATED`).
    TokensIssued {
        /// The client the tokens are for.
        client_id: &'a str,
        /// The user.
        user_id: &'a str,
        /// The grant.
        grant: GrantId,
        /// The tokens.
        tokens: &'a Tokens,
    },
    /// A grant was revoked: its codes and tokens are dead (`TOKEN_CANCELED`).
    GrantRevoked {
        /// The client.
        client_id: &'a str,
        /// The user.
        user_id: &'a str,
        /// The grant.
        grant: GrantId,
        /// Why.
        reason: Revocation,
        /// The access token the merchant cancelled, when it cancelled one.
        access_token: Option<&'a AccessToken>,
    },
}

/// Why a grant was revoked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Revocation {
    /// A used code or refresh token was presented again (RFC 6749 §4.1.2).
    Replay,
    /// The merchant cancelled the grant's access token (revoke, cancelToken).
    CancelledByMerchant,
    /// The user withdrew the consent (unbound the mini program in the wallet).
    ConsentWithdrawn,
}

impl Revocation {
    /// The reason as the audit log and notifications write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Revocation::Replay => "REPLAY",
            Revocation::CancelledByMerchant => "CANCELLED_BY_MERCHANT",
            Revocation::ConsentWithdrawn => "CONSENT_WITHDRAWN",
        }
    }
}

/// A listener of the server's events (see [`AuthServer::with_events`](crate::flow::AuthServer::with_events)).
/// It is called in the request that caused the event, so it must not block: hand the event to
/// a queue.
///
/// Closures `Fn(&AuthEvent<'_>)` are listeners.
pub trait AuthEvents: Send + Sync + 'static {
    /// Hears of `event`.
    fn on_event(&self, event: &AuthEvent<'_>);
}

impl<F: Fn(&AuthEvent<'_>) + Send + Sync + 'static> AuthEvents for F {
    fn on_event(&self, event: &AuthEvent<'_>) {
        self(event)
    }
}

/// The audit log: one `tracing` event per step, at `info` for what succeeded and `warn` for
/// what was refused or revoked.
pub(crate) mod audit {
    use crate::flow::GrantId;

    pub(crate) const TARGET: &str = "authcode::audit";

    pub(crate) fn code_issued(client_id: &str, user_id: &str, grant: GrantId, scopes: usize) {
        tracing::info!(target: TARGET, event = "code_issued", client_id, user_id, %grant, scopes);
    }

    pub(crate) fn code_refused(client_id: &str, user_id: &str, reason: &str) {
        tracing::warn!(target: TARGET, event = "code_refused", client_id, user_id, reason);
    }

    pub(crate) fn tokens_issued(client_id: &str, user_id: &str, grant: GrantId, from: &str) {
        tracing::info!(target: TARGET, event = "tokens_issued", client_id, user_id, %grant, from);
    }

    pub(crate) fn refused(api: &str, client_id: &str, result: &str) {
        tracing::warn!(target: TARGET, event = "refused", api, client_id, result);
    }

    pub(crate) fn replay(client_id: &str, user_id: &str, grant: GrantId, what: &str) {
        tracing::warn!(target: TARGET, event = "replay", client_id, user_id, %grant, what);
    }

    pub(crate) fn revoked(client_id: &str, user_id: &str, grant: GrantId, reason: &str) {
        tracing::warn!(target: TARGET, event = "grant_revoked", client_id, user_id, %grant, reason);
    }

    pub(crate) fn user_info_released(
        client_id: &str,
        user_id: &str,
        grant: GrantId,
        fields: usize,
    ) {
        tracing::info!(target: TARGET, event = "user_info_released", client_id, user_id, %grant, fields);
    }

    pub(crate) fn consent(client_id: &str, user_id: &str, change: &str, scopes: usize) {
        tracing::info!(target: TARGET, event = "consent", client_id, user_id, change, scopes);
    }
}
