use crate::{AuthCodeResponse, JsapiErrorCode, Scope};

/// What a `my.getAuthCode` response amounts to, to `match` on: see
/// [`AuthCodeResponse::outcome`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthCodeResponse, AuthOutcome, AuthScopes, JsapiErrorCode};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// fn explain(json: &str) -> String {
///     let response: AuthCodeResponse<AlipayPlusScope> = match serde_json::from_str(json) {
///         Ok(response) => response,
///         Err(err) => return format!("malformed: {err}"),
///     };
///     match response.outcome() {
///         AuthOutcome::Granted => format!("granted {:?}", response.granted()),
///         AuthOutcome::PartiallyGranted => format!("without {:?}", response.denied_scopes()),
///         AuthOutcome::Denied => "denied".to_owned(),
///         AuthOutcome::Failed(code) if code.is_user_cancellation() => "cancelled".to_owned(),
///         AuthOutcome::Failed(code) => format!("failed: {code}"),
///         AuthOutcome::NoAuthCode => "no authCode".to_owned(),
///     }
/// }
///
/// assert_eq!(explain(r#"{"authCode":"1","authSuccessScopes":["USER_ID"]}"#), "granted {USER_ID}");
/// assert_eq!(
///     explain(r#"{"authCode":"1","authSuccessScopes":["USER_ID"],"authErrorScopes":{"USER_NAME":"40006"}}"#),
///     "without {USER_NAME}"
/// );
/// assert_eq!(explain(r#"{"authErrorScopes":{"USER_NICKNAME":"40006"}}"#), "denied");
/// assert_eq!(explain(r#"{"error":11,"errorMessage":"USER_CANCEL"}"#), "cancelled");
/// assert_eq!(explain(r#"{"error":1005}"#), "failed: 1005 (system error)");
/// assert_eq!(explain("{}"), "no authCode");
/// assert!(explain("[]").starts_with("malformed: invalid type: sequence"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthOutcome {
    /// An authCode came and no scope was denied.
    Granted,
    /// An authCode came, but some scopes were denied (see
    /// [`AuthCodeResponse::denied`]): the code carries only the granted ones.
    PartiallyGranted,
    /// No authCode came and scopes were denied: typically the user refused consent.
    Denied,
    /// The wallet reported a JSAPI-level `error`.
    Failed(JsapiErrorCode),
    /// Neither an authCode (or only an empty one), nor denied scopes, nor an error: the
    /// response says nothing usable.
    NoAuthCode,
}

impl<S: Scope> AuthCodeResponse<S> {
    /// Classifies the response. A JSAPI `error` wins over everything else; otherwise what counts
    /// is whether a non-empty authCode came and whether `authErrorScopes` names any scope
    /// (known to the spec or not).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthOutcome, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> = serde_json::from_str(
    ///     r#"{"authCode":"1","authSuccessScopes":["USER_ID"],"authErrorScopes":{"NEW_SCOPE":"40006"}}"#,
    /// )?;
    /// assert_eq!(response.outcome(), AuthOutcome::PartiallyGranted);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn outcome(&self) -> AuthOutcome {
        if let Some(code) = self.error() {
            return AuthOutcome::Failed(code);
        }
        let has_code = self.auth_code().is_some_and(|code| !code.is_empty());
        let any_denied = !self.error_list().is_empty();
        match (has_code, any_denied) {
            (true, false) => AuthOutcome::Granted,
            (true, true) => AuthOutcome::PartiallyGranted,
            (false, true) => AuthOutcome::Denied,
            (false, false) => AuthOutcome::NoAuthCode,
        }
    }
}
