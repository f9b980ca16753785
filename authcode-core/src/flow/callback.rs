//! The callback-style entry point, mirroring the JSAPI's calling convention:
//! `my.getAuthCode({ scopes, success, fail, complete })`.

use std::fmt;

use crate::flow::{AuthServer, Consent, Store};
use crate::{AuthCodeResponse, Scope};

type Callback<'a, S> = Box<dyn FnOnce(&AuthCodeResponse<S>) + 'a>;

/// The argument of `my.getAuthCode`: the scopes, and the `success`, `fail` and `complete`
/// callbacks (each optional).
///
/// `success` runs when an authorization code was issued, `fail` otherwise (scopes refused,
/// cancelled, or an error), and `complete` always, last.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use authcode_runtime::flow::GetAuthCode;
///
/// let call = GetAuthCode::<AlipayPlusScope>::new(["USER_ID", "USER_NICKNAME", "USER_AVATAR"])
///     .success(|res| println!("authCode received: {}", res.auth_code().is_some()))
///     .fail(|res| println!("{:?}", res.denied().collect::<Vec<_>>()));
/// assert_eq!(call.scopes(), ["USER_ID", "USER_NICKNAME", "USER_AVATAR"]);
/// ```
pub struct GetAuthCode<'a, S: Scope> {
    scopes: Vec<String>,
    success: Option<Callback<'a, S>>,
    fail: Option<Callback<'a, S>>,
    complete: Option<Callback<'a, S>>,
}

impl<'a, S: Scope> GetAuthCode<'a, S> {
    /// A call asking for `scopes` (wire names), with no callbacks yet.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::flow::GetAuthCode;
    /// let call = GetAuthCode::<AlipayPlusScope>::new(vec![String::from("USER_ID")]);
    /// assert_eq!(call.scopes(), ["USER_ID"]);
    /// ```
    pub fn new<I>(scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        GetAuthCode {
            scopes: scopes.into_iter().map(Into::into).collect(),
            success: None,
            fail: None,
            complete: None,
        }
    }

    /// `success`: called with the response when an authorization code was issued.
    pub fn success(mut self, callback: impl FnOnce(&AuthCodeResponse<S>) + 'a) -> Self {
        self.success = Some(Box::new(callback));
        self
    }

    /// `fail`: called with the response when no authorization code was issued.
    pub fn fail(mut self, callback: impl FnOnce(&AuthCodeResponse<S>) + 'a) -> Self {
        self.fail = Some(Box::new(callback));
        self
    }

    /// `complete`: called with the response after `success` or `fail`, whatever happened.
    pub fn complete(mut self, callback: impl FnOnce(&AuthCodeResponse<S>) + 'a) -> Self {
        self.complete = Some(Box::new(callback));
        self
    }

    /// The scopes asked for.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }
}

impl<S: Scope> fmt::Debug for GetAuthCode<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetAuthCode")
            .field("scopes", &self.scopes)
            .field("success", &self.success.is_some())
            .field("fail", &self.fail.is_some())
            .field("complete", &self.complete.is_some())
            .finish()
    }
}

/// A mini program running in the wallet: a client, the user using it, and the consent prompt
/// the wallet shows that user. Its [`get_auth_code`](MiniProgram::get_auth_code) is
/// `my.getAuthCode`.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use std::cell::RefCell;
/// use authcode_runtime::ScopeSet;
/// use authcode_runtime::flow::{AuthServer, ConsentDecision, GetAuthCode};
/// use authcode_runtime::UserInfo;
///
/// # authcode_runtime::flow::block_on(async {
/// let wallet = AuthServer::<AlipayPlusScope>::new();
/// wallet.register_client("merchant", ScopeSet::all()).await?;
/// wallet.add_user("2088001", UserInfo::default()).await?;
/// let mut my = wallet.mini_program("merchant", "2088001", ConsentDecision::ApproveAll);
///
/// let events = RefCell::new(Vec::new());
/// my.get_auth_code(
///     GetAuthCode::new(["USER_ID", "USER_NICKNAME", "USER_AVATAR"])
///         .success(|res| events.borrow_mut().push(format!("success {:?}", res.granted())))
///         .fail(|_| events.borrow_mut().push("fail".to_owned()))
///         .complete(|_| events.borrow_mut().push("complete".to_owned())),
/// ).await;
/// assert_eq!(
///     events.into_inner(),
///     ["success {USER_ID, USER_NICKNAME, USER_AVATAR}", "complete"]
/// );
/// # Ok::<(), authcode_runtime::flow::StoreError>(())
/// # }).unwrap();
/// ```
pub struct MiniProgram<'s, S: Scope, St: Store<S>, C: Consent<S>> {
    server: &'s AuthServer<S, St>,
    client_id: String,
    user_id: String,
    consent: C,
}

impl<S: Scope, St: Store<S>> AuthServer<S, St> {
    /// The mini program of client `client_id`, used by `user_id`, whose consent prompts
    /// `consent` answers.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::flow::{AuthServer, ConsentDecision};
    /// let wallet = AuthServer::<AlipayPlusScope>::new();
    /// let my = wallet.mini_program("merchant", "2088001", ConsentDecision::Cancel);
    /// assert_eq!(my.client_id(), "merchant");
    /// ```
    pub fn mini_program<C: Consent<S>>(
        &self,
        client_id: impl Into<String>,
        user_id: impl Into<String>,
        consent: C,
    ) -> MiniProgram<'_, S, St, C> {
        MiniProgram {
            server: self,
            client_id: client_id.into(),
            user_id: user_id.into(),
            consent,
        }
    }
}

impl<S: Scope, St: Store<S>, C: Consent<S>> MiniProgram<'_, S, St, C> {
    /// `my.getAuthCode(call)`: runs [`AuthServer::get_auth_code`], then calls `success` (an
    /// authorization code was issued) or `fail` (none was), then `complete`. Returns the
    /// response as well.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use std::cell::Cell;
    /// use authcode_runtime::{JsapiErrorCode, ScopeSet};
    /// use authcode_runtime::flow::{AuthServer, ConsentDecision, GetAuthCode};
    /// use authcode_runtime::UserInfo;
    ///
    /// # authcode_runtime::flow::block_on(async {
    /// let wallet = AuthServer::<AlipayPlusScope>::new();
    /// wallet.register_client("merchant", ScopeSet::all()).await?;
    /// wallet.add_user("2088001", UserInfo::default()).await?;
    /// let mut my = wallet.mini_program("merchant", "2088001", ConsentDecision::Cancel);
    ///
    /// let failed = Cell::new(false);
    /// let response = my.get_auth_code(
    ///     GetAuthCode::new(["USER_NICKNAME"])
    ///         .success(|_| unreachable!("the user cancelled"))
    ///         .fail(|res| failed.set(res.error() == Some(JsapiErrorCode::UserCancelled))),
    /// ).await;
    /// assert!(failed.get());
    /// assert!(response.auth_code().is_none());
    /// # Ok::<(), authcode_runtime::flow::StoreError>(())
    /// # }).unwrap();
    /// ```
    pub async fn get_auth_code(&mut self, call: GetAuthCode<'_, S>) -> AuthCodeResponse<S> {
        let response = self
            .server
            .get_auth_code_with(
                &self.client_id,
                &self.user_id,
                &call.scopes,
                &mut self.consent,
            )
            .await;
        let issued = response.auth_code().is_some_and(|code| !code.is_empty());
        let outcome = if issued { call.success } else { call.fail };
        if let Some(callback) = outcome {
            callback(&response);
        }
        if let Some(complete) = call.complete {
            complete(&response);
        }
        response
    }

    /// The client ID of the mini program.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The user using the mini program.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }
}

impl<S: Scope, St: Store<S>, C: Consent<S>> fmt::Debug for MiniProgram<'_, S, St, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MiniProgram")
            .field("client_id", &self.client_id)
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}
