//! applyToken on the server: redeeming an authorization code or a refresh token for a new
//! pair of tokens, with replay detection and family revocation.

use std::time::SystemTime;

use authcode_wire::{ApplyTokenRequest, GrantType, Tokens};

use crate::flow::events::audit;
use crate::flow::{
    AuthEvent, AuthServer, FlowError, Grant, GrantId, Revocation, SecretHash, SecretKind,
    SecretRecord, Store,
};
use crate::{Scope, ScopeSet};

/// What a successful applyToken hands the merchant: the tokens, and the scopes they carry
/// (not on the wire; the merchant learnt them from `authSuccessScopes`).
///
/// `Debug` shows the tokens as `<redacted>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenGrant<S: Scope> {
    /// The tokens, with every field a wallet may send filled in.
    pub tokens: Tokens,
    /// The scopes the tokens carry.
    pub scopes: ScopeSet<S>,
}

/// The errors of redeeming one kind of single-use secret.
struct Redemption {
    kind: SecretKind,
    invalid: FlowError,
    expired: FlowError,
    used: FlowError,
}

const CODE: Redemption = Redemption {
    kind: SecretKind::AuthCode,
    invalid: FlowError::InvalidCode,
    expired: FlowError::ExpiredCode,
    used: FlowError::UsedCode,
};

const REFRESH_TOKEN: Redemption = Redemption {
    kind: SecretKind::RefreshToken,
    invalid: FlowError::InvalidRefreshToken,
    expired: FlowError::ExpiredRefreshToken,
    used: FlowError::UsedRefreshToken,
};

impl<S: Scope, St: Store<S>> AuthServer<S, St> {
    /// applyToken: exchanges an authorization code or a refresh token presented by client
    /// `client_id` for an access token and a refresh token.
    ///
    /// - A code is single-use: of any number of concurrent exchanges exactly one succeeds.
    ///   A code presented again fails with `USED_CODE` and revokes every token issued from it
    ///   (RFC 6749 §4.1.2), so a leaked code cannot be turned into lasting access.
    /// - Refresh tokens rotate: each exchange returns a new one and uses up the old one. A
    ///   used refresh token presented again fails with `USED_REFRESH_TOKEN` and revokes its
    ///   whole family (every token descended from the same code).
    /// - A code or refresh token issued to another client fails as an unknown one would
    ///   (`INVALID_CODE`, `INVALID_REFRESH_TOKEN`) and is left as it was; a request whose
    ///   `referenceClientId` or `authClientId` names another client than the one the
    ///   credential was issued to fails with `REFERENCE_CLIENT_ID_NOT_MATCH`.
    /// - Failures are `F` except storage or randomness failures, which are
    ///   `UNKNOWN_EXCEPTION` / `U`.
    ///
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::{AuthCode, ScopeSet};
    /// use authcode_runtime::flow::{AuthServer, ConsentDecision};
    /// use authcode_runtime::wire::{ApplyTokenRequest, ResultCode};
    /// use authcode_runtime::UserInfo;
    ///
    /// # authcode_runtime::flow::block_on(async {
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.register_client("merchant", ScopeSet::all()).await?;
    /// server.add_user("2088001", UserInfo::default()).await?;
    /// let response = server.get_auth_code("merchant", "2088001", ["USER_ID"], |_: &_| ConsentDecision::ApproveAll).await;
    /// let code = response.auth_code().unwrap().clone();
    ///
    /// let tokens = server.apply_token("merchant", &ApplyTokenRequest::authorization_code(code.clone())).await?.tokens;
    /// assert_eq!(tokens.customer_id.as_deref(), Some("2088001"));
    ///
    /// let replay = server.apply_token("merchant", &ApplyTokenRequest::authorization_code(code)).await;
    /// assert_eq!(replay.unwrap_err().code(), ResultCode::UsedCode);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # }).unwrap();
    /// ```
    pub async fn apply_token(
        &self,
        client_id: &str,
        request: &ApplyTokenRequest,
    ) -> Result<TokenGrant<S>, FlowError> {
        let (redemption, secret) = match request.grant_type {
            GrantType::AuthorizationCode => (&CODE, request.auth_code.as_ref().map(|c| c.expose())),
            GrantType::RefreshToken => (
                &REFRESH_TOKEN,
                request.refresh_token.as_ref().map(|t| t.expose()),
            ),
        };
        let secret = secret.filter(|secret| !secret.is_empty()).ok_or_else(|| {
            FlowError::ParamIllegal(match request.grant_type {
                GrantType::AuthorizationCode => {
                    "authCode is required when grantType is AUTHORIZATION_CODE".to_owned()
                }
                GrantType::RefreshToken => {
                    "refreshToken is required when grantType is REFRESH_TOKEN".to_owned()
                }
            })
        })?;
        let outcome = self
            .redeem(redemption, client_id, request.named_client(), secret)
            .await;
        if let Err(err) = &outcome {
            audit::refused("applyToken", client_id, err.code().as_str());
        }
        outcome
    }

    /// Redeems a code or a refresh token: one algorithm for both, as both are single-use
    /// secrets whose replay revokes their grant.
    async fn redeem(
        &self,
        redemption: &Redemption,
        client_id: &str,
        named_client: Option<&str>,
        secret: &str,
    ) -> Result<TokenGrant<S>, FlowError> {
        let now = self.now();
        let hash = SecretHash::of(secret);
        let invalid = || redemption.invalid.clone();
        let record = self
            .store()
            .secret(redemption.kind, &hash)
            .await?
            // Past its retention an entry is unknown, held by the store or not.
            .filter(|record| !record.is_forgotten(now))
            .ok_or_else(invalid)?;
        let grant = self
            .store()
            .grant(record.grant)
            .await?
            .ok_or_else(invalid)?;
        check_client(&grant, client_id, named_client, invalid)?;
        if record.is_expired(now) {
            return Err(redemption.expired.clone());
        }
        // The single point of truth for single use: an atomic test-and-set in the store.
        let before = self
            .store()
            .mark_used(redemption.kind, &hash)
            .await?
            .ok_or_else(invalid)?;
        // A code redeemed (or replayed) is no longer live: its place in the budget is free.
        if redemption.kind == SecretKind::AuthCode {
            self.code_budget().give_back(record.grant);
        }
        if before.used {
            self.store().revoke_grant(record.grant).await?;
            audit::replay(
                client_id,
                &grant.user_id,
                record.grant,
                redemption.kind.as_str(),
            );
            self.emit(&AuthEvent::GrantRevoked {
                client_id,
                user_id: &grant.user_id,
                grant: record.grant,
                reason: Revocation::Replay,
                access_token: None,
            });
            return Err(redemption.used.clone());
        }
        if grant.revoked {
            return Err(invalid());
        }
        // A replay racing with this exchange may revoke the grant at any point from here on;
        // the tokens are issued all the same (this exchange came first) and are dead from
        // the moment of the revocation, exactly as if the replay had come a little later.
        let issued = self
            .issue_tokens(record.grant, grant, now)
            .await?
            .ok_or_else(invalid)?;
        let user_id = issued.tokens.customer_id.as_deref().unwrap_or_default();
        audit::tokens_issued(client_id, user_id, record.grant, redemption.kind.as_str());
        self.emit(&AuthEvent::TokensIssued {
            client_id,
            user_id,
            grant: record.grant,
            tokens: &issued.tokens,
        });
        Ok(issued)
    }

    /// A new access and refresh token for `grant`; `None` when the store no longer has the
    /// grant (it expired and was purged meanwhile).
    async fn issue_tokens(
        &self,
        id: GrantId,
        grant: Grant<S>,
        now: SystemTime,
    ) -> Result<Option<TokenGrant<S>>, FlowError> {
        let lifetimes = self.lifetimes();
        let (access, access_entry) =
            self.new_secret(SecretKind::AccessToken, id, lifetimes.access_token, now)?;
        let (refresh, refresh_entry) =
            self.new_secret(SecretKind::RefreshToken, id, lifetimes.refresh_token, now)?;
        let expiry = |entry: &(SecretKind, SecretHash, SecretRecord)| entry.2.expires_at;
        let (access_expiry, refresh_expiry) = (expiry(&access_entry), expiry(&refresh_entry));
        if !self
            .store()
            .add_secrets(id, &[access_entry, refresh_entry], now)
            .await?
        {
            return Ok(None);
        }
        Ok(Some(TokenGrant {
            tokens: Tokens {
                access_token: authcode_wire::AccessToken::new(access),
                access_token_expiry_time: access_expiry,
                refresh_token: Some(authcode_wire::RefreshToken::new(refresh)),
                refresh_token_expiry_time: Some(refresh_expiry),
                customer_id: Some(grant.user_id),
            },
            scopes: grant.scopes,
        }))
    }
}

/// Codes and tokens are bound to the client they were issued to. Another client presenting
/// one learns nothing (`invalid`, as for an unknown one); the right client naming another in
/// the request is told they do not match.
pub(crate) fn check_client<S: Scope>(
    grant: &Grant<S>,
    client_id: &str,
    named_client: Option<&str>,
    invalid: impl FnOnce() -> FlowError,
) -> Result<(), FlowError> {
    if grant.client_id != client_id {
        return Err(invalid());
    }
    match named_client {
        Some(named) if named != grant.client_id => Err(FlowError::ReferenceClientIdNotMatch),
        _ => Ok(()),
    }
}
