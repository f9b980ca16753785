//! Where the OpenAPIs live: their paths under a wallet's gateway, by API version.

/// The version of a wallet's authorization OpenAPIs: the `/v1/...` or `/v2/...` paths.
///
/// Mini-program wallets such as Qi and BeSuperApp document v1 (with `referenceClientId` and
/// `extendInfo`); Alipay+, GCash, Alipay Connect and M-Pesa document v2 (with `authClientId`,
/// `appId` and `customerBelongsTo`).
///
/// ```
/// use authcode_wire::ApiVersion;
/// assert_eq!(ApiVersion::V2.apply_token_path(), "/v2/authorizations/applyToken");
/// assert_eq!(ApiVersion::V1.inquiry_user_info_path(), "/v1/users/inquiryUserInfo");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    /// `/v1/...`.
    #[default]
    V1,
    /// `/v2/...`.
    V2,
}

impl ApiVersion {
    /// Both versions.
    pub const ALL: [ApiVersion; 2] = [ApiVersion::V1, ApiVersion::V2];

    /// `v1` or `v2`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1",
            ApiVersion::V2 => "v2",
        }
    }

    /// The path of applyToken.
    pub const fn apply_token_path(self) -> &'static str {
        match self {
            ApiVersion::V1 => "/v1/authorizations/applyToken",
            ApiVersion::V2 => "/v2/authorizations/applyToken",
        }
    }

    /// The path of inquiryUserInfo.
    pub const fn inquiry_user_info_path(self) -> &'static str {
        match self {
            ApiVersion::V1 => "/v1/users/inquiryUserInfo",
            ApiVersion::V2 => "/v2/users/inquiryUserInfo",
        }
    }
}

/// The revocation API a wallet documents.
///
/// ```
/// use authcode_wire::RevokeApi;
/// assert_eq!(RevokeApi::Revoke.path(), "/v2/authorizations/revoke");
/// assert_eq!(RevokeApi::CancelToken.path(), "/v1/authorizations/cancelToken");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RevokeApi {
    /// `POST /v2/authorizations/revoke` (Alipay+, M-Pesa).
    Revoke,
    /// `POST /v1/authorizations/cancelToken` (Qi, Touch 'n Go, GCash).
    CancelToken,
}

impl RevokeApi {
    /// Both.
    pub const ALL: [RevokeApi; 2] = [RevokeApi::Revoke, RevokeApi::CancelToken];

    /// The API a gateway of `version` revokes with when nothing else is known: revoke for
    /// v2, cancelToken for v1 (the wallets that document v1 document cancelToken; GCash and
    /// Rebell document cancelToken beside v2, so their specs say so).
    ///
    /// ```
    /// use authcode_wire::{ApiVersion, RevokeApi};
    /// assert_eq!(RevokeApi::for_version(ApiVersion::V2), RevokeApi::Revoke);
    /// assert_eq!(RevokeApi::for_version(ApiVersion::V1), RevokeApi::CancelToken);
    /// ```
    pub const fn for_version(version: ApiVersion) -> RevokeApi {
        match version {
            ApiVersion::V1 => RevokeApi::CancelToken,
            ApiVersion::V2 => RevokeApi::Revoke,
        }
    }

    /// The API's name as the documentation and spec files spell it.
    ///
    /// ```
    /// assert_eq!(authcode_wire::RevokeApi::CancelToken.as_str(), "cancelToken");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            RevokeApi::Revoke => "revoke",
            RevokeApi::CancelToken => "cancelToken",
        }
    }

    /// The API's path.
    pub const fn path(self) -> &'static str {
        match self {
            RevokeApi::Revoke => "/v2/authorizations/revoke",
            RevokeApi::CancelToken => "/v1/authorizations/cancelToken",
        }
    }
}

/// The path of applyTokenAndInquiryUserInfo (v2 only).
pub const APPLY_TOKEN_AND_INQUIRY_USER_INFO_PATH: &str =
    "/v2/authorizations/applyTokenAndInquiryUserInfo";

/// A wallet's gateway as its scope spec describes it (the spec's `openapi`): the version of
/// its paths, the revocation API it documents, and the `customerBelongsTo` value that names
/// it. `#[derive(AuthScopes)]` writes it into `ScopeSpec::OPENAPI`.
///
/// ```
/// use authcode_wire::{ApiVersion, GatewaySpec, RevokeApi};
///
/// let gcash = GatewaySpec {
///     version: ApiVersion::V2,
///     revoke: Some(RevokeApi::CancelToken),
///     customer_belongs_to: Some("GCASH"),
/// };
/// assert_eq!(gcash.revoke_api(), RevokeApi::CancelToken);
/// // No revocation API in the spec: the one that goes with the version.
/// let vodapay = GatewaySpec { version: ApiVersion::V2, revoke: None, customer_belongs_to: None };
/// assert_eq!(vodapay.revoke_api(), RevokeApi::Revoke);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GatewaySpec {
    /// `version`: the `/v1/...` or `/v2/...` paths.
    pub version: ApiVersion,
    /// `revoke`: the revocation API the wallet documents, when its spec names one.
    pub revoke: Option<RevokeApi>,
    /// `customer_belongs_to`: the value of `customerBelongsTo` that names the wallet.
    pub customer_belongs_to: Option<&'static str>,
}

impl GatewaySpec {
    /// The revocation API to call: the spec's, or [`RevokeApi::for_version`].
    pub const fn revoke_api(&self) -> RevokeApi {
        match self.revoke {
            Some(api) => api,
            None => RevokeApi::for_version(self.version),
        }
    }
}
