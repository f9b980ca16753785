//! getAuthCode on the wallet: deciding which requested scopes are granted (silently, after
//! consent, or not at all) and issuing the authorization code.

use crate::auth_request::WireNames;
use crate::flow::code_budget::Exceeded;
use crate::flow::events::audit;
use crate::flow::secret;
use crate::flow::{
    AuthEvent, AuthServer, Consent, ConsentRequest, FlowError, Grant, GrantId, ScopeRefusal,
    SecretKind, Store, StoreError,
};
use crate::{AuthCode, AuthCodeResponse, JsapiErrorCode, Scope, ScopeSet};

/// How often an authorization asks again when the consent it relied on is withdrawn while its
/// code is issued.
const MAX_CONSENT_ATTEMPTS: u32 = 3;

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
            message: err.to_string(),
        }
    }
}

impl From<StoreError> for JsapiFailure {
    fn from(err: StoreError) -> JsapiFailure {
        JsapiFailure::from(FlowError::from(err))
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
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::{AuthOutcome, ScopeErrorValue, ScopeSet};
    /// use authcode_runtime::flow::{AuthServer, ConsentDecision, ConsentRequest};
    /// use authcode_runtime::UserInfo;
    ///
    /// # authcode_runtime::flow::block_on(async {
    /// let server = AuthServer::<AlipayPlusScope>::new();
    /// server.register_client("merchant", ScopeSet::all() - ScopeSet::single(AlipayPlusScope::UserAddress)).await?;
    /// server.add_user("2088001", UserInfo::default()).await?;
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
    /// ).await;
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
    /// # }).unwrap();
    /// ```
    pub async fn get_auth_code<I>(
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
            .await
    }

    /// [`get_auth_code`](AuthServer::get_auth_code) with a borrowed consent hook, so that a
    /// [`MiniProgram`](crate::flow::MiniProgram) can keep its own across calls.
    pub(crate) async fn get_auth_code_with<I>(
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
        let names: Vec<I::Item> = scopes.into_iter().collect();
        let names = names.iter().map(AsRef::as_ref);
        let outcome = self
            .authorize(client_id, user_id, names, consent, &mut response)
            .await;
        if let Err(failure) = outcome {
            audit::code_refused(client_id, user_id, &failure.code.code().to_string());
            response = AuthCodeResponse::new();
            response.set_error(failure.code, Some(failure.message));
        }
        response
    }

    async fn authorize<'n>(
        &self,
        client_id: &str,
        user_id: &str,
        names: impl IntoIterator<Item = &'n str>,
        consent: &mut impl Consent<S>,
        response: &mut AuthCodeResponse<S>,
    ) -> Result<(), JsapiFailure> {
        let (requested, unknown) = WireNames::sort::<S>(names);
        if requested.is_empty() && unknown.is_empty() {
            return Err(JsapiFailure::caller(
                "scopes is required: name at least one scope".to_owned(),
            ));
        }
        let client = self.store().client(client_id).await?.ok_or_else(|| {
            JsapiFailure::caller(format!(
                "unknown client {:?}",
                authcode_wire::shown(client_id)
            ))
        })?;
        if self.store().user(user_id).await?.is_none() {
            return Err(JsapiFailure::caller(format!(
                "unknown user {:?}",
                authcode_wire::shown(user_id)
            )));
        }

        let permitted = requested.intersection(client.permitted);
        let silent = permitted.intersection(ScopeSet::silent());
        let proactive = permitted.difference(silent);
        // A withdrawal of the consent can race this authorization; `issue_code` then revokes
        // the grant it made, and the user is asked again, as if the withdrawal had come first.
        let mut attempt = 1;
        let approved = loop {
            let Some(approved) = self
                .consented(client_id, user_id, proactive, consent, response)
                .await?
            else {
                // The user cancelled.
                return Ok(());
            };
            let granted = silent.union(approved);
            if granted.is_empty() {
                break approved;
            }
            match self
                .issue_code(client_id, user_id, granted, approved)
                .await?
            {
                Some(code) => {
                    response.set_auth_code(code);
                    for scope in granted.iter() {
                        response.grant(scope);
                    }
                    break approved;
                }
                None if attempt < MAX_CONSENT_ATTEMPTS => attempt += 1,
                None => {
                    return Err(JsapiFailure {
                        code: JsapiErrorCode::SystemError,
                        message: "the user's consent was withdrawn while the code was issued, \
                                  again and again; try again"
                            .to_owned(),
                    });
                }
            }
        };
        // Refusals in spec order, then unknown names in request order.
        for scope in requested.iter() {
            if !client.permitted.contains(scope) {
                response.deny(scope, ScopeRefusal::NotPermitted.error_value());
            } else if proactive.contains(scope) && !approved.contains(scope) {
                response.deny(scope, ScopeRefusal::Declined.error_value());
            }
        }
        // Distinct (deduplicated above), not scopes, and in neither list yet.
        response.deny_new_names(
            unknown.into_iter().map(str::to_owned).collect(),
            &ScopeRefusal::NotPermitted.error_value(),
        );
        Ok(())
    }

    /// The proactive scopes among `proactive` the user consents to: those consented to before
    /// for this client are granted without asking again; only the others go to the prompt,
    /// and what the user approves is remembered. `None` when the user cancels (the response
    /// then says so).
    async fn consented(
        &self,
        client_id: &str,
        user_id: &str,
        proactive: ScopeSet<S>,
        consent: &mut impl Consent<S>,
        response: &mut AuthCodeResponse<S>,
    ) -> Result<Option<ScopeSet<S>>, JsapiFailure> {
        let remembered = if proactive.is_empty() {
            ScopeSet::new()
        } else {
            self.store().consent(client_id, user_id).await? & proactive
        };
        let to_ask = proactive.difference(remembered);
        if to_ask.is_empty() {
            return Ok(Some(remembered));
        }
        let request = ConsentRequest {
            client_id: client_id.to_owned(),
            user_id: user_id.to_owned(),
            scopes: to_ask,
        };
        let Some(approved) = consent.decide(&request).approved(to_ask) else {
            audit::code_refused(client_id, user_id, "USER_CANCEL");
            response.set_error(
                JsapiErrorCode::UserCancelled,
                Some("USER_CANCEL".to_owned()),
            );
            return Ok(None);
        };
        if !approved.is_empty() {
            self.store()
                .add_consent(client_id, user_id, approved)
                .await?;
            audit::consent(client_id, user_id, "granted", approved.len());
        }
        Ok(Some(approved.union(remembered)))
    }

    /// Records a new grant of `scopes` and issues its authorization code. `consented` are the
    /// scopes granted on the strength of the user's consent: when the consent no longer holds
    /// them once the grant is stored (a withdrawal raced this call, and may have listed the
    /// user's grants before this one existed), the grant is revoked and `None` returned, so
    /// that no code outlives the withdrawal.
    async fn issue_code(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: ScopeSet<S>,
        consented: ScopeSet<S>,
    ) -> Result<Option<AuthCode>, JsapiFailure> {
        let now = self.now();
        let id = GrantId::from_u128(secret::random_u128().map_err(|_| FlowError::Randomness)?);
        let (code, entry) =
            self.new_secret(SecretKind::AuthCode, id, self.lifetimes().auth_code, now)?;
        let expires_at = entry.2.expires_at;
        self.code_budget()
            .take(id, client_id, user_id, now, expires_at)
            .map_err(|exceeded| JsapiFailure {
                code: JsapiErrorCode::SystemError,
                message: match exceeded {
                    Exceeded::PerClient(limit) => format!(
                        "client {} has {limit} live authorization codes, the most this wallet \
                         issues; codes expire {} s after they are issued",
                        authcode_wire::shown(client_id),
                        self.lifetimes().auth_code.as_secs()
                    ),
                    Exceeded::PerUser(limit) => format!(
                        "user {} has {limit} authorization codes not yet exchanged, the most \
                         this wallet issues; codes expire {} s after they are issued",
                        authcode_wire::shown(user_id),
                        self.lifetimes().auth_code.as_secs()
                    ),
                    Exceeded::Total(limit) => format!(
                        "the wallet holds {limit} live authorization codes, the most it issues; \
                         codes expire {} s after they are issued",
                        self.lifetimes().auth_code.as_secs()
                    ),
                },
            })?;
        let grant = Grant {
            client_id: client_id.to_owned(),
            user_id: user_id.to_owned(),
            scopes,
            expires_at,
            revoked: false,
        };
        let stored = async {
            self.store().insert_grant(id, grant, now).await?;
            self.store().add_secrets(id, &[entry], now).await
        }
        .await;
        if let Ok(true) = stored {
            match self
                .withdrawn_meanwhile(id, client_id, user_id, consented)
                .await
            {
                Ok(false) => {}
                Ok(true) => {
                    self.code_budget().give_back(id);
                    return Ok(None);
                }
                Err(err) => {
                    self.code_budget().give_back(id);
                    return Err(err.into());
                }
            }
        }
        match stored {
            Ok(true) => {
                let code = AuthCode::new(code);
                audit::code_issued(client_id, user_id, id, scopes.len());
                self.emit(&AuthEvent::CodeIssued {
                    client_id,
                    user_id,
                    grant: id,
                    code: &code,
                });
                Ok(Some(code))
            }
            Ok(false) => {
                self.code_budget().give_back(id);
                // Nothing else knows the new grant's ID, so this is the store misbehaving.
                Err(FlowError::from(StoreError::Corrupt(
                    "the store lost a grant it had just stored".to_owned(),
                ))
                .into())
            }
            Err(err) => {
                self.code_budget().give_back(id);
                Err(err.into())
            }
        }
    }

    /// `true` when the consent no longer holds `consented` now that grant `id` is stored; the
    /// grant is then revoked. A withdrawal removes the consent before it lists the grants to
    /// revoke, so when the consent still holds the scopes here, this grant was stored before
    /// the withdrawal listed anything, and the withdrawal revokes it.
    async fn withdrawn_meanwhile(
        &self,
        id: GrantId,
        client_id: &str,
        user_id: &str,
        consented: ScopeSet<S>,
    ) -> Result<bool, StoreError> {
        if consented.is_empty() {
            return Ok(false);
        }
        let on_record = self.store().consent(client_id, user_id).await?;
        if consented.is_subset(on_record) {
            return Ok(false);
        }
        self.store().revoke_grant(id).await?;
        audit::code_refused(client_id, user_id, "CONSENT_WITHDRAWN");
        Ok(true)
    }
}
