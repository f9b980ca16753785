//! The tokens a successful applyToken returns, with every field present.

use std::time::SystemTime;

use crate::client::ClientError;
use crate::flow::{AccessToken, ApplyTokenResponse, RefreshToken};

/// What a successful applyToken hands the merchant: the wire fields of
/// [`ApplyTokenResponse`], checked to be all present.
///
/// `Debug` shows the tokens as `<redacted>`.
///
/// ```
/// use authcode_runtime::client::Tokens;
/// use authcode_runtime::flow::ApplyTokenResponse;
///
/// let response: ApplyTokenResponse = serde_json::from_str(r#"{
///     "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
///     "accessToken": "at-1", "accessTokenExpiryTime": "2026-01-31T09:30:00Z",
///     "refreshToken": "rt-1", "refreshTokenExpiryTime": "2026-03-02T08:30:00Z",
///     "customerId": "2088001"
/// }"#)?;
/// let tokens = Tokens::try_from(response)?;
/// assert_eq!(tokens.customer_id, "2088001");
/// assert!(!format!("{tokens:?}").contains("at-1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    /// `accessToken`: for inquiryUserInfo.
    pub access_token: AccessToken,
    /// `accessTokenExpiryTime`.
    pub access_token_expiry_time: SystemTime,
    /// `refreshToken`: for the next applyToken with grantType `REFRESH_TOKEN`.
    pub refresh_token: RefreshToken,
    /// `refreshTokenExpiryTime`.
    pub refresh_token_expiry_time: SystemTime,
    /// `customerId`: the user who authorized the merchant.
    pub customer_id: String,
}

impl TryFrom<ApplyTokenResponse> for Tokens {
    type Error = ClientError;

    /// The tokens of a success response; a field missing is a protocol error.
    fn try_from(response: ApplyTokenResponse) -> Result<Tokens, ClientError> {
        let missing =
            |field: &str| ClientError::Protocol(format!("applyToken succeeded without {field}"));
        Ok(Tokens {
            access_token: response
                .access_token
                .ok_or_else(|| missing("accessToken"))?,
            access_token_expiry_time: response
                .access_token_expiry_time
                .ok_or_else(|| missing("accessTokenExpiryTime"))?,
            refresh_token: response
                .refresh_token
                .ok_or_else(|| missing("refreshToken"))?,
            refresh_token_expiry_time: response
                .refresh_token_expiry_time
                .ok_or_else(|| missing("refreshTokenExpiryTime"))?,
            customer_id: response.customer_id.ok_or_else(|| missing("customerId"))?,
        })
    }
}
