//! [`AuthCodeResponse`]: what the success and fail callbacks of `my.getAuthCode` receive.
//!
//! The type and its accessors are here; `field.rs` and `wire_scope.rs` hold how fields and
//! scope names are remembered, `outcome.rs` the classification, and `de.rs` / `ser.rs` the JSON
//! form.

mod de;
mod fast;
mod field;
mod outcome;
mod ser;
mod wire_scope;

use std::fmt;
use std::sync::OnceLock;

pub use outcome::AuthOutcome;

use crate::{AuthCode, JsapiErrorCode, Scope, ScopeErrorValue, ScopeSet};
use field::Field;
use wire_scope::WireScope;

/// The object the `my.getAuthCode` callbacks receive: `authCode`, `authSuccessScopes`,
/// `authErrorScopes`, and the `error` / `errorMessage` some wallets add. Every field may be
/// absent.
///
/// It deserializes from the callback's JSON and serializes back to the same JSON: absent fields
/// stay absent, `null` stays `null`, lists keep their order, and fields or scope names the spec
/// does not know are kept and written back unchanged. An unknown scope name never makes parsing
/// fail (wallets add scopes); the typed accessors skip it and the `unknown_*` accessors report
/// it. Wrong types and other malformed input are errors, never panics.
///
/// `Debug` never shows the authCode (nor the values of unknown fields), so responses can be
/// logged.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthOutcome, AuthCodeResponse, AuthScopes, ScopeSet};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// pub struct AlipayPlus;
///
/// let json = r#"{"authCode":"1591797390204","authSuccessScopes":["USER_ID","USER_NICKNAME","USER_AVATAR"]}"#;
/// let response = AuthCodeResponse::<AlipayPlusScope>::from_json(json)?;
///
/// assert_eq!(response.outcome(), AuthOutcome::Granted);
/// assert_eq!(response.auth_code().map(|code| code.expose()), Some("1591797390204"));
/// use AlipayPlusScope::*;
/// assert_eq!(response.granted(), ScopeSet::from([UserId, UserNickname, UserAvatar]));
/// assert!(!format!("{response:?}").contains("1591797390204"));
/// assert_eq!(serde_json::to_string(&response)?, json);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// A server that plays the wallet's part builds responses with the builder methods:
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthCode, AuthCodeResponse, AuthScopes, ScopeErrorValue};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let mut response = AuthCodeResponse::<AlipayPlusScope>::new();
/// response
///     .set_auth_code(AuthCode::new("1591797390204"))
///     .grant(AlipayPlusScope::UserId)
///     .deny(AlipayPlusScope::UserNickname, ScopeErrorValue::from("40006"));
/// assert_eq!(
///     serde_json::to_value(&response)?,
///     serde_json::json!({
///         "authCode": "1591797390204",
///         "authSuccessScopes": ["USER_ID"],
///         "authErrorScopes": { "USER_NICKNAME": "40006" },
///     })
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AuthCodeResponse<S: Scope> {
    auth_code: Field<AuthCode>,
    /// In wire order, repeats included, so that the list serializes back as it came.
    success_scopes: Field<Vec<WireScope<S>>>,
    /// In wire order; a name appears at most once (the deserializer rejects repeated keys).
    error_scopes: Field<Vec<(WireScope<S>, ScopeErrorValue)>>,
    error: Field<JsapiErrorCode>,
    error_message: Field<String>,
    /// Top-level fields this type does not know, in wire order. Boxed, and made only when one
    /// turns up: that keeps the response under 128 bytes, which the compiler moves with a few
    /// register copies instead of a `memcpy` call (parsing moves it several times).
    extra_fields: Option<Box<serde_json::Map<String, serde_json::Value>>>,
}

impl<S: Scope> AuthCodeResponse<S> {
    /// Reads a callback object from its JSON text: the same result as
    /// `serde_json::from_str::<AuthCodeResponse<S>>`, errors included, but faster on the
    /// objects wallets send (strings without escapes, no extra fields), which a direct reader
    /// handles without serde's general machinery; anything else goes through serde.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// type Response = AuthCodeResponse<AlipayPlusScope>;
    /// let json = r#"{"authErrorScopes":{"USER_NICKNAME":"40006"}}"#;
    /// assert_eq!(Response::from_json(json)?, serde_json::from_str::<Response>(json)?);
    /// let err = Response::from_json(r#"{"authCode":7}"#).unwrap_err();
    /// assert!(err.to_string().starts_with("invalid type: integer `7`, expected an authCode string"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        match fast::read(json) {
            Some(response) => Ok(response),
            None => serde_json::from_str(json),
        }
    }

    /// A response with every field absent, serialized as `{}`; add to it with the builder
    /// methods.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response = AuthCodeResponse::<AlipayPlusScope>::new();
    /// assert_eq!(serde_json::to_string(&response)?, "{}");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new() -> Self {
        AuthCodeResponse {
            auth_code: Field::ABSENT,
            success_scopes: Field::ABSENT,
            error_scopes: Field::ABSENT,
            error: Field::ABSENT,
            error_message: Field::ABSENT,
            extra_fields: None,
        }
    }

    /// Sets `authCode`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCode, AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let mut response = AuthCodeResponse::<AlipayPlusScope>::new();
    /// response.set_auth_code(AuthCode::new("abc"));
    /// assert_eq!(response.auth_code().unwrap().expose(), "abc");
    /// ```
    pub fn set_auth_code(&mut self, code: AuthCode) -> &mut Self {
        self.auth_code.set(Some(code));
        self
    }

    /// Adds `scope` to `authSuccessScopes` (once), and takes it out of `authErrorScopes`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeErrorValue};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let mut response = AuthCodeResponse::<AlipayPlusScope>::new();
    /// response
    ///     .deny(AlipayPlusScope::UserName, ScopeErrorValue::from("40006"))
    ///     .grant(AlipayPlusScope::UserName)
    ///     .grant(AlipayPlusScope::UserName);
    /// assert_eq!(serde_json::to_string(&response)?, r#"{"authSuccessScopes":["USER_NAME"]}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn grant(&mut self, scope: S) -> &mut Self {
        self.grant_wire(WireScope::Known(scope))
    }

    /// Adds a scope name the spec may not know to `authSuccessScopes` (once), and takes it out
    /// of `authErrorScopes`. A name that is a scope of `S` counts as that scope.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let mut response = AuthCodeResponse::<AlipayPlusScope>::new();
    /// response.grant_unknown("USER_KYC_STATUS".to_owned()).grant_unknown("USER_ID".to_owned());
    /// assert_eq!(response.unknown_granted().collect::<Vec<_>>(), ["USER_KYC_STATUS"]);
    /// assert!(response.granted().contains(AlipayPlusScope::UserId));
    /// ```
    pub fn grant_unknown(&mut self, name: String) -> &mut Self {
        self.grant_wire(WireScope::classify(name))
    }

    /// Adds `scope` with its error to `authErrorScopes` (replacing an earlier error of it), and
    /// takes it out of `authSuccessScopes`.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeErrorValue};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let mut response = AuthCodeResponse::<AlipayPlusScope>::new();
    /// response.deny(AlipayPlusScope::UserNickname, ScopeErrorValue::from("40006"));
    /// assert_eq!(serde_json::to_string(&response)?, r#"{"authErrorScopes":{"USER_NICKNAME":"40006"}}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn deny(&mut self, scope: S, error: ScopeErrorValue) -> &mut Self {
        self.deny_wire(WireScope::Known(scope), error)
    }

    /// Adds a scope name the spec may not know, with its error, to `authErrorScopes`
    /// (replacing an earlier error of it), and takes it out of `authSuccessScopes`. A name that
    /// is a scope of `S` counts as that scope.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeErrorValue};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let mut response = AuthCodeResponse::<AlipayPlusScope>::new();
    /// response.deny_unknown("USER_KYC_STATUS".to_owned(), ScopeErrorValue::from(10001));
    /// assert_eq!(serde_json::to_string(&response)?, r#"{"authErrorScopes":{"USER_KYC_STATUS":10001}}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn deny_unknown(&mut self, name: String, error: ScopeErrorValue) -> &mut Self {
        self.deny_wire(WireScope::classify(name), error)
    }

    /// Sets the JSAPI-level `error`, and `errorMessage` when given (else removes it).
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthOutcome, AuthScopes, JsapiErrorCode};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let mut response = AuthCodeResponse::<AlipayPlusScope>::new();
    /// response.set_error(JsapiErrorCode::UserCancelled, Some("USER_CANCEL".to_owned()));
    /// assert_eq!(response.outcome(), AuthOutcome::Failed(JsapiErrorCode::UserCancelled));
    /// assert_eq!(serde_json::to_string(&response)?, r#"{"error":11,"errorMessage":"USER_CANCEL"}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn set_error(&mut self, code: JsapiErrorCode, message: Option<String>) -> &mut Self {
        self.error.set(Some(code));
        self.error_message.set(message);
        self
    }

    /// The authorization code, when the wallet sent one.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> = serde_json::from_str(r#"{"authCode":"abc"}"#)?;
    /// assert_eq!(response.auth_code().map(|code| code.expose()), Some("abc"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn auth_code(&self) -> Option<&AuthCode> {
        self.auth_code.get()
    }

    /// The granted scopes the spec knows.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"authCode":"abc","authSuccessScopes":["USER_ID","NEW_SCOPE"]}"#)?;
    /// assert_eq!(response.granted(), ScopeSet::single(AlipayPlusScope::UserId));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn granted(&self) -> ScopeSet<S> {
        self.success_list()
            .iter()
            .filter_map(WireScope::scope)
            .collect()
    }

    /// The denied scopes the spec knows, with their errors, in wire order.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeErrorValue};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"authErrorScopes":{"USER_NICKNAME":"40006","NEW_SCOPE":1}}"#)?;
    /// let denied: Vec<_> = response.denied().collect();
    /// assert_eq!(denied, [(AlipayPlusScope::UserNickname, &ScopeErrorValue::from("40006"))]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn denied(&self) -> impl Iterator<Item = (S, &ScopeErrorValue)> {
        self.error_list()
            .iter()
            .filter_map(|(name, error)| name.scope().map(|scope| (scope, error)))
    }

    /// The denied scopes the spec knows, as a set.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeSet};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"authErrorScopes":{"USER_NICKNAME":"40006"}}"#)?;
    /// assert_eq!(response.denied_scopes(), ScopeSet::single(AlipayPlusScope::UserNickname));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn denied_scopes(&self) -> ScopeSet<S> {
        self.denied().map(|(scope, _)| scope).collect()
    }

    /// The error the wallet gave for `scope`, when it denied it.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"authErrorScopes":{"USER_NICKNAME":10001}}"#)?;
    /// let error = response.denial(AlipayPlusScope::UserNickname).unwrap();
    /// assert_eq!(error.as_code(), Some(10001));
    /// assert!(response.denial(AlipayPlusScope::UserId).is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn denial(&self, scope: S) -> Option<&ScopeErrorValue> {
        self.denied()
            .find(|(denied, _)| *denied == scope)
            .map(|(_, error)| error)
    }

    /// The granted names the spec does not know, in wire order.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"authCode":"abc","authSuccessScopes":["USER_ID","NEW_SCOPE"]}"#)?;
    /// assert_eq!(response.unknown_granted().collect::<Vec<_>>(), ["NEW_SCOPE"]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn unknown_granted(&self) -> impl Iterator<Item = &str> {
        self.success_list()
            .iter()
            .filter(|name| name.scope().is_none())
            .map(WireScope::name)
    }

    /// The denied names the spec does not know, with their errors, in wire order.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes, ScopeErrorValue};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"authErrorScopes":{"USER_NICKNAME":"40006","NEW_SCOPE":1}}"#)?;
    /// let unknown: Vec<_> = response.unknown_denied().collect();
    /// assert_eq!(unknown, [("NEW_SCOPE", &ScopeErrorValue::from(1))]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn unknown_denied(&self) -> impl Iterator<Item = (&str, &ScopeErrorValue)> {
        self.error_list()
            .iter()
            .filter(|(name, _)| name.scope().is_none())
            .map(|(name, error)| (name.name(), error))
    }

    /// `true` when either list names a scope the spec does not know: the wallet may support
    /// scopes the spec is missing.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"authSuccessScopes":["NEW_SCOPE"]}"#)?;
    /// assert!(response.has_unknown_scopes());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn has_unknown_scopes(&self) -> bool {
        self.unknown_granted().next().is_some() || self.unknown_denied().next().is_some()
    }

    /// The JSAPI-level `error`, when the wallet sent one.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes, JsapiErrorCode};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> = serde_json::from_str(r#"{"error":1005}"#)?;
    /// assert_eq!(response.error(), Some(JsapiErrorCode::SystemError));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn error(&self) -> Option<JsapiErrorCode> {
        self.error.get().copied()
    }

    /// The `errorMessage`, when the wallet sent one.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"error":11,"errorMessage":"USER_CANCEL"}"#)?;
    /// assert_eq!(response.error_message(), Some("USER_CANCEL"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn error_message(&self) -> Option<&str> {
        self.error_message.get().map(String::as_str)
    }

    /// Top-level fields this type does not know, as they arrived; they are serialized back.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// let response: AuthCodeResponse<AlipayPlusScope> =
    ///     serde_json::from_str(r#"{"authCode":"abc","resultStatus":"9000"}"#)?;
    /// assert_eq!(response.extra_fields()["resultStatus"], "9000");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn extra_fields(&self) -> &serde_json::Map<String, serde_json::Value> {
        static NONE: OnceLock<serde_json::Map<String, serde_json::Value>> = OnceLock::new();
        self.extra_fields
            .as_deref()
            .unwrap_or_else(|| NONE.get_or_init(serde_json::Map::new))
    }

    fn success_list(&self) -> &[WireScope<S>] {
        self.success_scopes.get().map_or(&[], Vec::as_slice)
    }

    fn error_list(&self) -> &[(WireScope<S>, ScopeErrorValue)] {
        self.error_scopes.get().map_or(&[], Vec::as_slice)
    }

    fn grant_wire(&mut self, name: WireScope<S>) -> &mut Self {
        if let Some(errors) = self.error_scopes.get_mut() {
            let before = errors.len();
            errors.retain(|(denied, _)| !denied.same_as(&name));
            // Moving the last denied scope over leaves no `authErrorScopes: {}` behind.
            if errors.is_empty() && before > 0 {
                self.error_scopes.set(None);
            }
        }
        let granted = self.success_scopes.get_or_default();
        if !granted.iter().any(|known| known.same_as(&name)) {
            granted.push(name);
        }
        self
    }

    /// Adds `names` to `authErrorScopes`, each with `error`, in order. The caller guarantees
    /// what [`deny_unknown`](Self::deny_unknown) would otherwise check name by name: the names
    /// are distinct and in neither list yet. Checking each against the list made a request
    /// naming thousands of unknown scopes quadratic (seconds for one 64 KiB emulator call).
    #[cfg(feature = "flow")]
    pub(crate) fn deny_new_names(&mut self, names: Vec<String>, error: &ScopeErrorValue) {
        if names.is_empty() {
            return;
        }
        self.error_scopes.get_or_default().extend(
            names
                .into_iter()
                .map(|name| (WireScope::classify(name), error.clone())),
        );
    }

    fn deny_wire(&mut self, name: WireScope<S>, error: ScopeErrorValue) -> &mut Self {
        if let Some(granted) = self.success_scopes.get_mut() {
            let before = granted.len();
            granted.retain(|known| !known.same_as(&name));
            if granted.is_empty() && before > 0 {
                self.success_scopes.set(None);
            }
        }
        let errors = self.error_scopes.get_or_default();
        match errors.iter_mut().find(|(denied, _)| denied.same_as(&name)) {
            Some((_, earlier)) => *earlier = error,
            None => errors.push((name, error)),
        }
        self
    }
}

/// The same as [`AuthCodeResponse::new`].
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// assert_eq!(AuthCodeResponse::<AlipayPlusScope>::default(), AuthCodeResponse::new());
/// ```
impl<S: Scope> Default for AuthCodeResponse<S> {
    fn default() -> Self {
        Self::new()
    }
}

/// Shows every field but the secret ones: the authCode as `AuthCode(<redacted>)`, and unknown
/// top-level fields by name only (a wallet may add tokens there).
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::{AuthCodeResponse, AuthScopes};
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// let response: AuthCodeResponse<AlipayPlusScope> = serde_json::from_str(
///     r#"{"authCode":"1591797390204","authSuccessScopes":["USER_ID"],"accessToken":"s3cret"}"#,
/// )?;
/// let shown = format!("{response:?}");
/// assert!(shown.contains("AuthCode(<redacted>)") && shown.contains("USER_ID"));
/// assert!(!shown.contains("1591797390204") && !shown.contains("s3cret"));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<S: Scope> fmt::Debug for AuthCodeResponse<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let success: Option<Vec<&str>> = self
            .success_scopes
            .get()
            .map(|list| list.iter().map(WireScope::name).collect());
        let errors: Option<Vec<(&str, &ScopeErrorValue)>> = self.error_scopes.get().map(|list| {
            list.iter()
                .map(|(name, error)| (name.name(), error))
                .collect()
        });
        let extra: Vec<&String> = self.extra_fields().keys().collect();
        f.debug_struct("AuthCodeResponse")
            .field("auth_code", &self.auth_code.get())
            .field("auth_success_scopes", &success)
            .field("auth_error_scopes", &errors)
            .field("error", &self.error.get())
            .field("error_message", &self.error_message.get())
            .field("extra_fields", &extra)
            .finish()
    }
}
