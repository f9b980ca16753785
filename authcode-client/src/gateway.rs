//! A wallet's gateway: which version of the OpenAPIs it serves, and the fields its requests
//! carry besides the credential.

use authcode_wire::{ApiVersion, ApplyTokenRequest, InquiryUserInfoRequest};
use serde_json::{Map, Value};

/// How to call one wallet's gateway: the path version, and the fields that name the mini
/// program and the wallet in each request. The base URL (with any path prefix) is the
/// builder's.
///
/// - v1 (Qi, BeSuperApp, Touch 'n Go): `referenceClientId` names the mini program the code
///   was issued to, and `extendInfo` carries `{"customerBelongsTo": ...}`.
/// - v2 (Alipay+, GCash, Alipay Connect, M-Pesa): `authClientId`, `appId` and
///   `customerBelongsTo` at the top level.
///
/// ```
/// use authcode_client::GatewayProfile;
/// use authcode_wire::{ApiVersion, ApplyTokenRequest, AuthCode};
///
/// let gcash = GatewayProfile::v2().client("2021000000000001").customer_belongs_to("GCASH");
/// let request = gcash.apply_token_request(ApplyTokenRequest::authorization_code(AuthCode::new("c")));
/// assert_eq!(
///     serde_json::to_value(&request)?,
///     serde_json::json!({"grantType": "AUTHORIZATION_CODE", "authCode": "c",
///                        "authClientId": "2021000000000001", "customerBelongsTo": "GCASH"})
/// );
///
/// let qi = GatewayProfile::v1().client("3500020000000001").customer_belongs_to("QI");
/// let request = qi.apply_token_request(ApplyTokenRequest::authorization_code(AuthCode::new("c")));
/// assert_eq!(
///     serde_json::to_value(&request)?,
///     serde_json::json!({"grantType": "AUTHORIZATION_CODE", "authCode": "c",
///                        "referenceClientId": "3500020000000001",
///                        "extendInfo": "{\"customerBelongsTo\":\"QI\"}"})
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GatewayProfile {
    /// The path version.
    pub version: ApiVersion,
    /// The mini program (v1 `referenceClientId`) or client (v2 `authClientId`) the codes are
    /// issued to, when the wallet asks for it.
    pub client: Option<String>,
    /// The mini program's app ID (v2 `appId`).
    pub app_id: Option<String>,
    /// The wallet the user belongs to (v2 `customerBelongsTo`; v1 in `extendInfo`).
    pub customer_belongs_to: Option<String>,
}

impl GatewayProfile {
    /// The `/v1` OpenAPIs, no extra fields.
    pub fn v1() -> GatewayProfile {
        GatewayProfile::default()
    }

    /// The `/v2` OpenAPIs, no extra fields.
    pub fn v2() -> GatewayProfile {
        GatewayProfile {
            version: ApiVersion::V2,
            ..GatewayProfile::default()
        }
    }

    /// This profile, naming `client` as the one the codes are issued to.
    pub fn client(mut self, client: impl Into<String>) -> Self {
        self.client = Some(client.into());
        self
    }

    /// This profile, with the mini program's app ID.
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = Some(app_id.into());
        self
    }

    /// This profile, naming the wallet the user belongs to.
    pub fn customer_belongs_to(mut self, wallet: impl Into<String>) -> Self {
        self.customer_belongs_to = Some(wallet.into());
        self
    }

    /// `request` with this profile's fields.
    pub fn apply_token_request(&self, mut request: ApplyTokenRequest) -> ApplyTokenRequest {
        match self.version {
            ApiVersion::V1 => {
                request.reference_client_id = self.client.clone();
                request.extend_info = self.v1_extend_info();
            }
            ApiVersion::V2 => {
                request.auth_client_id = self.client.clone();
                request.app_id = self.app_id.clone();
                request.customer_belongs_to = self.customer_belongs_to.clone();
            }
        }
        request
    }

    /// `request` with this profile's fields.
    pub fn inquiry_user_info_request(
        &self,
        mut request: InquiryUserInfoRequest,
    ) -> InquiryUserInfoRequest {
        match self.version {
            ApiVersion::V1 => request.extend_info = self.v1_extend_info(),
            ApiVersion::V2 => {
                request.auth_client_id = self.client.clone();
                request.app_id = self.app_id.clone();
                request.customer_belongs_to = self.customer_belongs_to.clone();
            }
        }
        request
    }

    /// v1's `extendInfo`: a JSON text holding `customerBelongsTo`, as the v1 mini-program
    /// pages show it.
    fn v1_extend_info(&self) -> Option<Value> {
        let wallet = self.customer_belongs_to.as_ref()?;
        let mut info = Map::new();
        info.insert("customerBelongsTo".to_owned(), Value::from(wallet.as_str()));
        Some(Value::String(Value::Object(info).to_string()))
    }
}
