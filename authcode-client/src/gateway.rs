//! A wallet's gateway: which version of the OpenAPIs it serves, and the fields its requests
//! carry besides the credential.

use authcode_core::ScopeSpec;
use authcode_wire::{
    ApiVersion, ApplyTokenAndInquiryUserInfoRequest, ApplyTokenRequest, GatewaySpec,
    InquiryUserInfoRequest, RevokeApi, RevokeRequest,
};
use serde_json::{Map, Value};

/// How to call one wallet's gateway: the path version, the revocation API, and the fields
/// that name the mini program and the wallet in each request. The base URL (with any path
/// prefix) is the builder's.
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
    /// The revocation API: revoke or cancelToken; `None` for the one that goes with the
    /// version ([`RevokeApi::for_version`]: v2 revoke, v1 cancelToken).
    pub revoke: Option<RevokeApi>,
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

    /// The profile of the wallet whose spec carries the `#[derive(AuthScopes)]` on `W`, from
    /// the spec's `openapi` (version, revocation API, `customerBelongsTo`); `None` when the
    /// spec has none. Add the client and app ID the wallet assigned.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_client::GatewayProfile;
    /// use authcode_runtime::AuthScopes;
    /// use authcode_wire::{ApiVersion, RevokeApi};
    ///
    /// #[derive(AuthScopes)]
    /// #[auth_scopes(wallet = "touch-n-go")]
    /// struct TouchNGo;
    ///
    /// let profile = GatewayProfile::of_spec::<TouchNGo>().unwrap().client("2021000000000001");
    /// assert_eq!(profile.version, ApiVersion::V1);
    /// assert_eq!(profile.revoke_api(), RevokeApi::CancelToken);
    /// assert_eq!(profile.customer_belongs_to.as_deref(), Some("TNG"));
    /// ```
    pub fn of_spec<W: ScopeSpec>() -> Option<GatewayProfile> {
        W::OPENAPI.map(GatewayProfile::from)
    }

    /// This profile, revoking with `api`.
    pub fn revoke(mut self, api: RevokeApi) -> Self {
        self.revoke = Some(api);
        self
    }

    /// The revocation API this profile calls.
    ///
    /// ```
    /// use authcode_client::GatewayProfile;
    /// use authcode_wire::RevokeApi;
    /// assert_eq!(GatewayProfile::v2().revoke_api(), RevokeApi::Revoke);
    /// assert_eq!(GatewayProfile::v1().revoke_api(), RevokeApi::CancelToken);
    /// assert_eq!(GatewayProfile::v2().revoke(RevokeApi::CancelToken).revoke_api(), RevokeApi::CancelToken);
    /// ```
    pub fn revoke_api(&self) -> RevokeApi {
        self.revoke
            .unwrap_or_else(|| RevokeApi::for_version(self.version))
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

    /// `request` with this profile's fields: `authClientId` and `appId` for revoke (v2);
    /// cancelToken's page lists no field besides `accessToken` and `extendInfo`, so it gets
    /// none.
    pub fn revoke_request(&self, mut request: RevokeRequest) -> RevokeRequest {
        if self.revoke_api() == RevokeApi::Revoke {
            request.auth_client_id = self.client.clone();
            request.app_id = self.app_id.clone();
        }
        request
    }

    /// `request` with this profile's fields. applyTokenAndInquiryUserInfo is a v2 API (Alipay
    /// Connect), so it takes the v2 fields whatever the profile's version.
    pub fn apply_token_and_inquiry_user_info_request(
        &self,
        mut request: ApplyTokenAndInquiryUserInfoRequest,
    ) -> ApplyTokenAndInquiryUserInfoRequest {
        request.auth_client_id = self.client.clone();
        request.app_id = self.app_id.clone();
        request.customer_belongs_to = self.customer_belongs_to.clone();
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

impl From<GatewaySpec> for GatewayProfile {
    /// The spec's version, revocation API and `customerBelongsTo`; no client or app ID (those
    /// are the merchant's, not the wallet's).
    fn from(spec: GatewaySpec) -> GatewayProfile {
        GatewayProfile {
            version: spec.version,
            client: None,
            app_id: None,
            customer_belongs_to: spec.customer_belongs_to.map(str::to_owned),
            revoke: spec.revoke,
        }
    }
}
