//! inquiryUserInfo on the server: the user's profile, cut down to what the access token's
//! scopes grant.

use authcode_wire::InquiryUserInfoRequest;

use crate::flow::events::audit;
use crate::flow::exchange::check_client;
use crate::flow::{
    AccessTokenProblem, AuthServer, FlowError, Grant, GrantId, SecretHash, SecretKind, Store,
};
use crate::{AccessToken, Scope, UserInfoModel, UserInfoOf, released_fields};

impl<S: Scope, St: Store<S>> AuthServer<S, St> {
    /// inquiryUserInfo: the profile of the user who granted `request`'s access token, with
    /// only the fields its scopes release (each scope's `grants` in the spec).
    ///
    /// An unknown, expired or revoked access token fails with `INVALID_ACCESS_TOKEN`, and so
    /// does a token of another client (it is not confirmed to be live).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::ScopeSet;
    /// use authcode_runtime::UserInfo;
    /// use authcode_runtime::flow::{AuthServer, ConsentDecision};
    /// use authcode_runtime::wire::{ApplyTokenRequest, InquiryUserInfoRequest};
    ///
    /// # authcode_runtime::flow::block_on(async {
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.register_client("merchant", ScopeSet::all()).await?;
    /// server.add_user("2088001", UserInfo {
    ///     nick_name: Some("Ana".into()),
    ///     gender: Some("FEMALE".into()),
    ///     ..Default::default()
    /// }).await?;
    /// let response = server.get_auth_code(
    ///     "merchant", "2088001", ["USER_ID", "USER_NICKNAME"], |_: &_| ConsentDecision::ApproveAll,
    /// ).await;
    /// let request = ApplyTokenRequest::authorization_code(response.auth_code().unwrap().clone());
    /// let tokens = server.apply_token("merchant", &request).await?.tokens;
    ///
    /// let user = server.inquiry_user_info("merchant", &InquiryUserInfoRequest::new(tokens.access_token)).await?;
    /// assert_eq!(user.user_id.as_deref(), Some("2088001"));
    /// assert_eq!(user.nick_name.as_deref(), Some("Ana"));
    /// assert_eq!(user.gender, None); // USER_GENDER was not granted
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # }).unwrap();
    /// ```
    pub async fn inquiry_user_info(
        &self,
        client_id: &str,
        request: &InquiryUserInfoRequest,
    ) -> Result<UserInfoOf<S>, FlowError> {
        let outcome = async {
            let (id, grant) = self
                .live_grant(
                    client_id,
                    &request.access_token,
                    request.auth_client_id.as_deref(),
                )
                .await?;
            self.released_profile(id, &grant).await
        }
        .await;
        if let Err(err) = &outcome {
            audit::refused("inquiryUserInfo", client_id, err.code().as_str());
        }
        outcome
    }

    /// The profile of `grant`'s user, cut down to what its scopes release.
    pub(crate) async fn released_profile(
        &self,
        id: GrantId,
        grant: &Grant<S>,
    ) -> Result<UserInfoOf<S>, FlowError> {
        let profile = self
            .store()
            .user(&grant.user_id)
            .await?
            .ok_or(FlowError::InvalidAccessToken(AccessTokenProblem::UserGone))?;
        let fields = released_fields(grant.scopes);
        audit::user_info_released(&grant.client_id, &grant.user_id, id, fields.iter().count());
        Ok(profile.released(&fields))
    }

    /// The grant of a live access token presented by `client_id`. A token of another client
    /// is answered as an unknown one; a request naming another client than the token's is
    /// `REFERENCE_CLIENT_ID_NOT_MATCH`.
    pub(crate) async fn live_grant(
        &self,
        client_id: &str,
        token: &AccessToken,
        named_client: Option<&str>,
    ) -> Result<(GrantId, Grant<S>), FlowError> {
        let (id, grant, record) = self.token_grant(client_id, token, named_client).await?;
        if record.is_expired(self.now()) {
            return Err(FlowError::InvalidAccessToken(AccessTokenProblem::Expired));
        }
        if grant.revoked {
            return Err(FlowError::InvalidAccessToken(AccessTokenProblem::Revoked));
        }
        Ok((id, grant))
    }

    /// The grant an access token of `client_id` belongs to, expired or revoked or not.
    pub(crate) async fn token_grant(
        &self,
        client_id: &str,
        token: &AccessToken,
        named_client: Option<&str>,
    ) -> Result<(GrantId, Grant<S>, crate::flow::SecretRecord), FlowError> {
        if token.is_empty() {
            return Err(FlowError::ParamIllegal(
                "accessToken is required".to_owned(),
            ));
        }
        let unknown = || FlowError::InvalidAccessToken(AccessTokenProblem::Unknown);
        let record = self
            .store()
            .secret(SecretKind::AccessToken, &SecretHash::of(token.expose()))
            .await?
            // Past its retention an entry is unknown, held by the store or not.
            .filter(|record| !record.is_forgotten(self.now()))
            .ok_or_else(unknown)?;
        let grant = self
            .store()
            .grant(record.grant)
            .await?
            .ok_or_else(unknown)?;
        check_client(&grant, client_id, named_client, unknown)?;
        Ok((record.grant, grant, record))
    }
}
