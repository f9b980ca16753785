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
