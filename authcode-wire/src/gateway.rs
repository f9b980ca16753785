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
