//! getAuthCode on the wallet: deciding which requested scopes are granted (silently, after
//! consent, or not at all) and issuing the authorization code.

use std::collections::HashSet;

use crate::flow::secret;
use crate::flow::{
    AuthServer, Consent, ConsentRequest, FlowError, Grant, GrantId, ResultCode, ScopeRefusal,
    SecretKind, Store,
};
use crate::{AuthCode, AuthCodeResponse, JsapiErrorCode, Scope, ScopeSet};

/// A getAuthCode call that ends with a JSAPI-level error instead of a decision on scopes.
struct JsapiFailure {
    code: JsapiErrorCode,
    message: String,
}

impl JsapiFailure {
    /// A mistake of the caller: an unregistered client or user, or no scopes.
    fn caller(message: String) -> JsapiFailure {
        JsapiFailure {
            code: JsapiErrorCode::UnknownError,
            message,
        }
    }
}

impl From<FlowError> for JsapiFailure {
    /// Storage and randomness failures are the wallet's system errors.
    fn from(err: FlowError) -> JsapiFailure {
        JsapiFailure {
            code: JsapiErrorCode::SystemError,
            message: err.message().to_owned(),
        }
    }
}

impl<S: Scope, St: Store<S>> AuthServer<S, St> {
    /// Runs `my.getAuthCode` for the mini program of client `client_id`, used by `user_id`,
    /// asking for `scopes` (wire names, as the mini program passes them).
    ///
    /// - Silent scopes are granted without asking `consent`.
    /// - Proactive scopes go to `consent` in one request; it may approve all, approve some
    ///   (the others are refused with [`ScopeRefusal::Declined`]), or cancel (no code at all,
    ///   JSAPI error 11 `USER_CANCEL`). It is not called when no proactive scope remains.
    /// - Scopes the client is not registered for, and names that are not scopes of `S`, are
    ///   refused with [`ScopeRefusal::NotPermitted`]; unknown names are reported under the
    ///   name given, never dropped.
    /// - When at least one scope is granted, a single-use authorization code bound to the
    ///   client, the user and the granted scopes is issued, valid for
    ///   [`Lifetimes::auth_code`](crate::flow::Lifetimes::auth_code).
    ///
    /// An unregistered client or user, or an empty list of scopes, gives JSAPI error 3
    /// (unknown error) and a storage or randomness failure error 1005 (system error), each
    /// with an `errorMessage` saying what went wrong.
    ///
    /// ```
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(spec = "../spec/alipay-plus.json")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::{AuthOutcome, ScopeErrorValue, ScopeSet};
    /// use authcode_runtime::flow::{AuthServer, ConsentDecision, ConsentRequest, UserInfo};
    ///
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.register_client("merchant", ScopeSet::all() - ScopeSet::single(AlipayPlusScope::UserAddress))?;
    /// server.add_user("2088001", UserInfo::default())?;
    ///
    /// let mut asked = Vec::new();
    /// let response = server.get_auth_code(
    ///     "merchant",
    ///     "2088001",
    ///     ["USER_ID", "USER_NICKNAME", "USER_ADDRESS", "USER_SHOE_SIZE"],
    ///     |request: &ConsentRequest<AlipayPlusScope>| {
    ///         asked.push(request.scopes);
    ///         ConsentDecision::ApproveAll
    ///     },
    /// );
    /// // Only the proactive, permitted scope needed consent.
    /// assert_eq!(asked, [ScopeSet::single(AlipayPlusScope::UserNickname)]);
    /// assert_eq!(response.outcome(), AuthOutcome::PartiallyGranted);
    /// assert_eq!(format!("{:?}", response.granted()), "{USER_ID, USER_NICKNAME}");
    /// let not_permitted = ScopeErrorValue::from("40006");
    /// assert_eq!(response.denial(AlipayPlusScope::UserAddress), Some(&not_permitted));
    /// assert_eq!(
    ///     response.unknown_denied().collect::<Vec<_>>(),
    ///     [("USER_SHOE_SIZE", &not_permitted)]
    /// );
    /// # Ok::<(), authcode_runtime::flow::StoreError>(())
    /// ```
    pub fn get_auth_code<I>(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: I,
        mut consent: impl Consent<S>,
    ) -> AuthCodeResponse<S>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.get_auth_code_with(client_id, user_id, scopes, &mut consent)
    }

    /// [`get_auth_code`](AuthServer::get_auth_code) with a borrowed consent hook, so that a
    /// [`MiniProgram`](crate::flow::MiniProgram) can keep its own across calls.
    pub(crate) fn get_auth_code_with<I>(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: I,
        consent: &mut impl Consent<S>,
    ) -> AuthCodeResponse<S>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut response = AuthCodeResponse::new();
        if let Err(failure) = self.authorize(client_id, user_id, scopes, consent, &mut response) {
            response = AuthCodeResponse::new();
            response.set_error(failure.code, Some(failure.message));
        }
        response
    }

    fn authorize<I>(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: I,
        consent: &mut impl Consent<S>,
        response: &mut AuthCodeResponse<S>,
    ) -> Result<(), JsapiFailure>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut requested = ScopeSet::new();
        let mut unknown = Vec::new();
        // A set beside the ordered list: searching the list made thousands of distinct names
        // (a 64 KiB emulator request) quadratic.
        let mut reported = HashSet::new();
        for name in scopes {
            let name = name.as_ref();
            match S::from_wire_name(name) {
                Some(scope) => {
                    requested.insert(scope);
                }
                None if reported.insert(name.to_owned()) => {
                    unknown.push(name.to_owned());
                }
                None => {}
            }
        }
        if requested.is_empty() && unknown.is_empty() {
            return Err(JsapiFailure::caller(
                "scopes is required: name at least one scope".to_owned(),
            ));
        }
        let client = self
            .store()
            .client(client_id)
            .map_err(FlowError::from)?
            .ok_or_else(|| JsapiFailure::caller(format!("unknown client {client_id:?}")))?;
        if self
            .store()
            .user(user_id)
            .map_err(FlowError::from)?
            .is_none()
        {
            return Err(JsapiFailure::caller(format!("unknown user {user_id:?}")));
        }

        let permitted = requested.intersection(client.permitted);
        let silent = permitted.intersection(ScopeSet::silent());
        let proactive = permitted.difference(silent);
        let approved = if proactive.is_empty() {
            ScopeSet::new()
        } else {
            let request = ConsentRequest {
                client_id: client_id.to_owned(),
                user_id: user_id.to_owned(),
                scopes: proactive,
            };
            match consent.decide(&request).approved(proactive) {
                Some(approved) => approved,
                None => {
                    response.set_error(
                        JsapiErrorCode::UserCancelled,
                        Some("USER_CANCEL".to_owned()),
                    );
                    return Ok(());
                }
            }
        };
        let granted = silent.union(approved);

        if !granted.is_empty() {
            let code = self.issue_code(client_id, user_id, granted)?;
            response.set_auth_code(code);
            for scope in granted.iter() {
                response.grant(scope);
            }
        }
        // Refusals in spec order, then unknown names in request order.
        for scope in requested.iter() {
            if !client.permitted.contains(scope) {
                response.deny(scope, ScopeRefusal::NotPermitted.error_value());
            } else if proactive.contains(scope) && !approved.contains(scope) {
                response.deny(scope, ScopeRefusal::Declined.error_value());
            }
        }
        // Distinct (deduplicated above), not scopes, and in neither list yet.
        response.deny_new_names(unknown, &ScopeRefusal::NotPermitted.error_value());
        Ok(())
    }

    /// Records a new grant of `scopes` and issues its authorization code.
    fn issue_code(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: ScopeSet<S>,
    ) -> Result<AuthCode, FlowError> {
        let now = self.now();
        let id = GrantId::from_u128(secret::random_u128()?);
        let (code, entry) =
            self.new_secret(SecretKind::AuthCode, id, self.lifetimes().auth_code, now)?;
        let grant = Grant {
            client_id: client_id.to_owned(),
            user_id: user_id.to_owned(),
            scopes,
            expires_at: entry.2.expires_at,
            revoked: false,
        };
        self.store().insert_grant(id, grant, now)?;
        if !self.store().add_secrets(id, &[entry], now)? {
            // Nothing else knows the new grant's ID, so this is the store misbehaving.
            return Err(FlowError::new(
                ResultCode::UnknownException,
                "the store lost a grant it had just stored",
            ));
        }
        Ok(AuthCode::new(code))
    }
}
