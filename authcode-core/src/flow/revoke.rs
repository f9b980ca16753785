//! Ending authorizations: the merchant cancels a token (revoke, cancelToken), or the user
//! withdraws a consent in the wallet (unbinds the mini program). Either way every code and
//! token of the grants concerned is dead at once, in every instance sharing the store.

use authcode_wire::RevokeRequest;

use crate::flow::events::audit;
use crate::flow::{AuthEvent, AuthServer, FlowError, GrantId, Revocation, Store, StoreError};
use crate::{Scope, ScopeSet};

impl<S: Scope, St: Store<S>> AuthServer<S, St> {
    /// revoke / cancelToken: the merchant `client_id` cancels the grant of
    /// `request.access_token`; its access and refresh tokens are refused from now on.
    ///
    /// The access token is the call's idempotency field: a token already cancelled (or
    /// expired) gets the same success again, so a merchant that lost the answer can safely
    /// send it again. An unknown token, or another client's, is `INVALID_ACCESS_TOKEN`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::{ScopeSet, UserInfo};
    /// use authcode_runtime::flow::{AuthServer, ConsentDecision, FlowError};
    /// use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest, RevokeRequest};
    /// # authcode_runtime::flow::block_on(async {
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.register_client("merchant", ScopeSet::all()).await?;
    /// server.add_user("2088001", UserInfo::default()).await?;
    /// let response = server.get_auth_code("merchant", "2088001", ["USER_ID"], ConsentDecision::ApproveAll).await;
    /// let request = ApplyTokenRequest::authorization_code(response.auth_code().unwrap().clone());
    /// let tokens = server.apply_token("merchant", &request).await?.tokens;
    ///
    /// let revoke = RevokeRequest::new(tokens.access_token.clone());
    /// server.revoke("merchant", &revoke).await?;
    /// server.revoke("merchant", &revoke).await?; // the same answer again
    /// let inquiry = InquiryUserInfoRequest::new(tokens.access_token);
    /// assert!(matches!(server.inquiry_user_info("merchant", &inquiry).await, Err(FlowError::InvalidAccessToken(_))));
    /// # Ok::<(), FlowError>(())
    /// # }).unwrap();
    /// ```
    pub async fn revoke(&self, client_id: &str, request: &RevokeRequest) -> Result<(), FlowError> {
        let outcome = async {
            let (id, grant, _) = self
                .token_grant(
                    client_id,
                    &request.access_token,
                    request.auth_client_id.as_deref(),
                )
                .await?;
            if !grant.revoked {
                self.store().revoke_grant(id).await?;
                self.code_budget().give_back(id);
                audit::revoked(
                    client_id,
                    &grant.user_id,
                    id,
                    Revocation::CancelledByMerchant.as_str(),
                );
                self.emit(&AuthEvent::GrantRevoked {
                    client_id,
                    user_id: &grant.user_id,
                    grant: id,
                    reason: Revocation::CancelledByMerchant,
                    access_token: Some(&request.access_token),
                });
            }
            Ok::<(), FlowError>(())
        }
        .await;
        if let Err(err) = &outcome {
            audit::refused("revoke", client_id, err.code().as_str());
        }
        outcome
    }

    /// The clients `user_id` consented to, with the proactive scopes of each consent: what the
    /// wallet shows the user under "authorized mini programs".
    pub async fn consents(&self, user_id: &str) -> Result<Vec<(String, ScopeSet<S>)>, StoreError> {
        let mut consents = self.store().consents(user_id).await?;
        consents.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(consents)
    }

    /// The user unbinds the mini program of `client_id`: the consent is forgotten (the next
    /// request asks again), and every grant of this user to this client is revoked, its
    /// tokens dead at once. Returns the grants revoked; repeating the call revokes nothing
    /// more.
    pub async fn revoke_consent(
        &self,
        client_id: &str,
        user_id: &str,
    ) -> Result<Vec<GrantId>, StoreError> {
        if self.store().remove_consent(client_id, user_id).await? {
            audit::consent(client_id, user_id, "withdrawn", 0);
        }
        let mut revoked = Vec::new();
        for id in self
            .store()
            .grants_of(client_id, user_id, self.now())
            .await?
        {
            let Some(grant) = self.store().grant(id).await? else {
                continue;
            };
            if grant.revoked || !self.store().revoke_grant(id).await? {
                continue;
            }
            self.code_budget().give_back(id);
            audit::revoked(
                client_id,
                user_id,
                id,
                Revocation::ConsentWithdrawn.as_str(),
            );
            self.emit(&AuthEvent::GrantRevoked {
                client_id,
                user_id,
                grant: id,
                reason: Revocation::ConsentWithdrawn,
                access_token: None,
            });
            revoked.push(id);
        }
        Ok(revoked)
    }
}
