//! The wire responses of the flow's outcomes, for a server that answers over HTTP.

use authcode_wire::{ApplyTokenResponse, InquiryUserInfoResponse};

use crate::Scope;
use crate::flow::{FlowError, TokenGrant};

/// The applyToken response body for the outcome of
/// [`AuthServer::apply_token`](crate::flow::AuthServer::apply_token).
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::{FlowError, TokenGrant, apply_token_response};
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let response = apply_token_response(Err::<TokenGrant<AlipayPlusScope>, _>(FlowError::UsedCode));
/// assert_eq!(response.result.result_code.as_str(), "USED_CODE");
/// assert!(response.access_token.is_none());
/// ```
pub fn apply_token_response<S: Scope>(
    outcome: Result<TokenGrant<S>, FlowError>,
) -> ApplyTokenResponse {
    match outcome {
        Ok(grant) => ApplyTokenResponse::success(grant.tokens),
        Err(err) => ApplyTokenResponse::failure(err.to_result()),
    }
}

/// The inquiryUserInfo response body for the outcome of
/// [`AuthServer::inquiry_user_info`](crate::flow::AuthServer::inquiry_user_info).
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::UserInfo;
/// use authcode_runtime::flow::{AccessTokenProblem, FlowError, inquiry_user_info_response};
/// let response = inquiry_user_info_response::<UserInfo>(Err(FlowError::InvalidAccessToken(AccessTokenProblem::Expired)));
/// assert_eq!(response.result.result_message, "the access token has expired");
/// ```
pub fn inquiry_user_info_response<U>(outcome: Result<U, FlowError>) -> InquiryUserInfoResponse<U> {
    match outcome {
        Ok(user) => InquiryUserInfoResponse::success(user),
        Err(err) => InquiryUserInfoResponse::failure(err.to_result()),
    }
}
