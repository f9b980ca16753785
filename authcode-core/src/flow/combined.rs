//! applyTokenAndInquiryUserInfo on the server: an exchange and an inquiry in one call, or an
//! inquiry with a live access token.

use authcode_wire::{ApplyTokenAndInquiryUserInfoRequest, ApplyTokenRequest, GrantType, Tokens};

use crate::flow::events::audit;
use crate::flow::{AuthServer, FlowError, Store};
use crate::{Scope, UserInfoOf};

impl<S: Scope, St: Store<S>> AuthServer<S, St> {
    /// applyTokenAndInquiryUserInfo: with `grantType` (and `authCode` or `refreshToken`),
    /// exchanges the credential as [`apply_token`](Self::apply_token) does and returns the new
    /// tokens with the user's info; with `accessToken` alone, returns the info as
    /// [`inquiry_user_info`](Self::inquiry_user_info) does, and no tokens.
    pub async fn apply_token_and_inquiry_user_info(
        &self,
        client_id: &str,
        request: &ApplyTokenAndInquiryUserInfoRequest,
    ) -> Result<(Option<Tokens>, UserInfoOf<S>), FlowError> {
        // A refused exchange is already in the audit log, as applyToken's; every other
        // refusal is logged here.
        self.combined(client_id, request)
            .await
            .map_err(|Refusal { err, logged }| {
                if !logged {
                    audit::refused(
                        "applyTokenAndInquiryUserInfo",
                        client_id,
                        err.code().as_str(),
                    );
                }
                err
            })
    }

    async fn combined(
        &self,
        client_id: &str,
        request: &ApplyTokenAndInquiryUserInfoRequest,
    ) -> Result<(Option<Tokens>, UserInfoOf<S>), Refusal> {
        let named = request.auth_client_id.as_deref();
        match (request.grant_type, &request.access_token) {
            (Some(grant_type), _) => {
                let missing = |field: &str| {
                    FlowError::ParamIllegal(format!(
                        "{field} is required when grantType is {}",
                        match grant_type {
                            GrantType::AuthorizationCode => "AUTHORIZATION_CODE",
                            GrantType::RefreshToken => "REFRESH_TOKEN",
                        }
                    ))
                };
                let mut exchange = match grant_type {
                    GrantType::AuthorizationCode => ApplyTokenRequest::authorization_code(
                        request
                            .auth_code
                            .clone()
                            .ok_or_else(|| missing("authCode"))?,
                    ),
                    GrantType::RefreshToken => ApplyTokenRequest::refresh(
                        request
                            .refresh_token
                            .clone()
                            .ok_or_else(|| missing("refreshToken"))?,
                    ),
                };
                exchange.auth_client_id = request.auth_client_id.clone();
                let issued = self
                    .apply_token(client_id, &exchange)
                    .await
                    .map_err(|err| Refusal { err, logged: true })?;
                let (id, grant) = self
                    .live_grant(client_id, &issued.tokens.access_token, named)
                    .await?;
                let user = self.released_profile(id, &grant).await?;
                Ok((Some(issued.tokens), user))
            }
            (None, Some(token)) => {
                let (id, grant) = self.live_grant(client_id, token, named).await?;
                let user = self.released_profile(id, &grant).await?;
                Ok((None, user))
            }
            (None, None) => Err(FlowError::ParamIllegal(
                "give grantType with authCode or refreshToken, or accessToken".to_owned(),
            )
            .into()),
        }
    }
}

/// A refusal of the combined call, and whether the audit log already has it.
struct Refusal {
    err: FlowError,
    logged: bool,
}

impl From<FlowError> for Refusal {
    fn from(err: FlowError) -> Refusal {
        Refusal { err, logged: false }
    }
}
