//! applyToken on the server: redeeming an authorization code or a refresh token for a new
//! pair of tokens, with replay detection and family revocation.

use std::time::SystemTime;

use crate::Scope;
use crate::flow::AuthServer;
use crate::flow::{
    AccessToken, ApplyTokenRequest, FlowError, Grant, GrantId, GrantType, RefreshToken, ResultCode,
    SecretHash, SecretKind, Store, TokenGrant,
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
    /// - A code or refresh token issued to another client fails with
    ///   `REFERENCE_CLIENT_ID_NOT_MATCH` and is left as it was.
    /// - Failures are `F` except storage or randomness failures, which are
    ///   `UNKNOWN_EXCEPTION` / `U`.
    ///
    /// Turn the outcome into the wire response with
    /// [`ApplyTokenResponse::from`](crate::flow::ApplyTokenResponse).
    ///
    /// ```
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(spec = "../spec/alipay-plus.json")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::{AuthCode, ScopeSet};
    /// use authcode_runtime::flow::{ApplyTokenRequest, AuthServer, ConsentDecision, ResultCode, UserInfo};
    ///
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.register_client("merchant", ScopeSet::all())?;
    /// server.add_user("2088001", UserInfo::default())?;
    /// let response = server.get_auth_code("merchant", "2088001", ["USER_ID"], |_: &_| ConsentDecision::ApproveAll);
    /// let code = response.auth_code().unwrap().clone();
    ///
    /// let tokens = server.apply_token("merchant", &ApplyTokenRequest::authorization_code(code.clone()))?;
    /// assert_eq!(tokens.customer_id, "2088001");
    ///
    /// let replay = server.apply_token("merchant", &ApplyTokenRequest::authorization_code(code));
    /// assert_eq!(replay.unwrap_err().code(), ResultCode::UsedCode);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_token(
        &self,
        client_id: &str,
        request: &ApplyTokenRequest,
    ) -> Result<TokenGrant<S>, FlowError> {
        match request.grant_type {
            GrantType::AuthorizationCode => {
                let code = request
                    .auth_code
                    .as_ref()
                    .filter(|code| !code.is_empty())
                    .ok_or_else(|| {
                        FlowError::new(
                            ResultCode::ParamIllegal,
                            "authCode is required when grantType is AUTHORIZATION_CODE",
                        )
                    })?;
                self.redeem_code(client_id, code.expose())
            }
            GrantType::RefreshToken => {
                let token = request
                    .refresh_token
                    .as_ref()
                    .filter(|token| !token.expose().is_empty())
                    .ok_or_else(|| {
                        FlowError::new(
                            ResultCode::ParamIllegal,
                            "refreshToken is required when grantType is REFRESH_TOKEN",
                        )
                    })?;
                self.rotate_refresh_token(client_id, token.expose())
            }
        }
    }

    fn redeem_code(&self, client_id: &str, code: &str) -> Result<TokenGrant<S>, FlowError> {
        let now = self.now();
        let hash = SecretHash::of(code);
        let invalid = || FlowError::code_only(ResultCode::InvalidCode);
        let record = self
            .store()
            .secret(SecretKind::AuthCode, &hash)?
            .ok_or_else(invalid)?;
        let grant = self.store().grant(record.grant)?.ok_or_else(invalid)?;
        check_client(&grant, client_id)?;
        if record.is_expired(now) {
            return Err(FlowError::code_only(ResultCode::ExpiredCode));
        }
        // The single point of truth for single use: an atomic test-and-set in the store.
        let before = self
            .store()
            .mark_used(SecretKind::AuthCode, &hash)?
            .ok_or_else(invalid)?;
        if before.used {
            self.store().revoke_grant(record.grant)?;
            return Err(FlowError::new(
                ResultCode::UsedCode,
                "the authorization code has been used; every token issued from it is revoked",
            ));
        }
        // A replay racing with this exchange may revoke the grant at any point from here on;
        // the tokens are issued all the same (this exchange came first) and are dead from
        // the moment of the revocation, exactly as if the replay had come a little later.
        self.issue_tokens(record.grant, grant, now)?
            .ok_or_else(invalid)
    }

    fn rotate_refresh_token(
        &self,
        client_id: &str,
        token: &str,
    ) -> Result<TokenGrant<S>, FlowError> {
        let now = self.now();
        let hash = SecretHash::of(token);
        let invalid = || FlowError::code_only(ResultCode::InvalidRefreshToken);
        let record = self
            .store()
            .secret(SecretKind::RefreshToken, &hash)?
            .ok_or_else(invalid)?;
        let grant = self.store().grant(record.grant)?.ok_or_else(invalid)?;
        check_client(&grant, client_id)?;
        if record.is_expired(now) {
            return Err(FlowError::code_only(ResultCode::ExpiredRefreshToken));
        }
        let before = self
            .store()
            .mark_used(SecretKind::RefreshToken, &hash)?
            .ok_or_else(invalid)?;
        if before.used {
            self.store().revoke_grant(record.grant)?;
            return Err(FlowError::new(
                ResultCode::UsedRefreshToken,
                "the refresh token has been used; its whole family of tokens is revoked",
            ));
        }
        if grant.revoked {
            return Err(FlowError::new(
                ResultCode::InvalidRefreshToken,
                "the refresh token has been revoked",
            ));
        }
        // As for codes, a revocation racing with this rotation leaves the new tokens dead.
        self.issue_tokens(record.grant, grant, now)?
            .ok_or_else(invalid)
    }

    /// A new access and refresh token for `grant`; `None` when the store no longer has the
    /// grant (it expired and was purged meanwhile).
    fn issue_tokens(
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
        if !self
            .store()
            .add_secrets(id, &[access_entry, refresh_entry], now)?
        {
            return Ok(None);
        }
        Ok(Some(TokenGrant {
            access_token: AccessToken::new(access),
            access_token_expiry_time: access_entry.2.expires_at,
            refresh_token: RefreshToken::new(refresh),
            refresh_token_expiry_time: refresh_entry.2.expires_at,
            customer_id: grant.user_id,
            scopes: grant.scopes,
        }))
    }
}

/// Codes and tokens are bound to the client they were issued to.
pub(crate) fn check_client<S: Scope>(grant: &Grant<S>, client_id: &str) -> Result<(), FlowError> {
    if grant.client_id == client_id {
        Ok(())
    } else {
        Err(FlowError::new(
            ResultCode::ReferenceClientIdNotMatch,
            format!("the credential was not issued to client {client_id:?}"),
        ))
    }
}
