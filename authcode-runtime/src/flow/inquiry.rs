//! inquiryUserInfo on the server: the user's profile, cut down to what the access token's
//! scopes grant.

use crate::flow::exchange::check_client;
use crate::flow::{
    AuthServer, FlowError, InquiryUserInfoRequest, ResultCode, SecretHash, SecretKind, Store,
    UserInfo,
};
use crate::{Scope, UserInfoField};

impl<S: Scope, St: Store<S>> AuthServer<S, St> {
    /// inquiryUserInfo: the profile of the user who granted `request`'s access token, with
    /// only the fields its scopes release (each scope's `grants` in the spec).
    ///
    /// An unknown, expired or revoked access token fails with `INVALID_ACCESS_TOKEN`; a token
    /// issued to another client with `REFERENCE_CLIENT_ID_NOT_MATCH`. Turn the outcome into
    /// the wire response with
    /// [`InquiryUserInfoResponse::from`](crate::flow::InquiryUserInfoResponse).
    ///
    /// ```
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(spec = "../spec/alipay-plus.json")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::ScopeSet;
    /// use authcode_runtime::flow::{
    ///     ApplyTokenRequest, AuthServer, ConsentDecision, InquiryUserInfoRequest, UserInfo,
    /// };
    ///
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.register_client("merchant", ScopeSet::all())?;
    /// server.add_user("2088001", UserInfo {
    ///     nick_name: Some("Ana".into()),
    ///     gender: Some("FEMALE".into()),
    ///     ..Default::default()
    /// })?;
    /// let response = server.get_auth_code(
    ///     "merchant", "2088001", ["USER_ID", "USER_NICKNAME"], |_: &_| ConsentDecision::ApproveAll,
    /// );
    /// let request = ApplyTokenRequest::authorization_code(response.auth_code().unwrap().clone());
    /// let tokens = server.apply_token("merchant", &request)?;
    ///
    /// let user = server.inquiry_user_info("merchant", &InquiryUserInfoRequest::new(tokens.access_token))?;
    /// assert_eq!(user.user_id.as_deref(), Some("2088001"));
    /// assert_eq!(user.nick_name.as_deref(), Some("Ana"));
    /// assert_eq!(user.gender, None); // USER_GENDER was not granted
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inquiry_user_info(
        &self,
        client_id: &str,
        request: &InquiryUserInfoRequest,
    ) -> Result<UserInfo, FlowError> {
        let token = request.access_token.expose();
        if token.is_empty() {
            return Err(FlowError::new(
                ResultCode::ParamIllegal,
                "accessToken is required",
            ));
        }
        let invalid = |why: &str| FlowError::new(ResultCode::InvalidAccessToken, why);
        let record = self
            .store()
            .secret(SecretKind::AccessToken, &SecretHash::of(token))?
            .ok_or_else(|| invalid("the access token is invalid"))?;
        let grant = self
            .store()
            .grant(record.grant)?
            .ok_or_else(|| invalid("the access token is invalid"))?;
        check_client(&grant, client_id)?;
        if record.is_expired(self.now()) {
            return Err(invalid("the access token has expired"));
        }
        if grant.revoked {
            return Err(invalid("the access token has been revoked"));
        }
        let profile = self
            .store()
            .user(&grant.user_id)?
            .ok_or_else(|| invalid("the user of the access token no longer exists"))?;
        let mut fields: Vec<UserInfoField> = grant
            .scopes
            .iter()
            .flat_map(|scope| scope.grants().iter().copied())
            .collect();
        fields.sort_unstable();
        fields.dedup();
        Ok(profile.released(&fields))
    }
}
