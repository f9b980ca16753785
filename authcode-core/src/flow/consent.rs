//! The consent hook: how the wallet asks the user about proactive scopes.

use crate::{Scope, ScopeSet};

/// What the wallet shows the user: which client asks, and for which proactive scopes. Silent
/// scopes never reach the hook, nor do scopes the client may not request.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use authcode_runtime::ScopeSet;
/// use authcode_runtime::flow::ConsentRequest;
///
/// let request = ConsentRequest {
///     client_id: "merchant".to_owned(),
///     user_id: "2088001".to_owned(),
///     scopes: ScopeSet::single(AlipayPlusScope::UserNickname),
/// };
/// assert!(request.scopes.iter().all(|scope| scope.is_proactive()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentRequest<S: Scope> {
    /// The client asking.
    pub client_id: String,
    /// The user being asked.
    pub user_id: String,
    /// The proactive scopes to consent to.
    pub scopes: ScopeSet<S>,
}

/// The user's answer.
///
/// A decision is itself a [`Consent`] hook that always gives that answer, for tests, demos and
/// fixed policies.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use authcode_runtime::ScopeSet;
/// use authcode_runtime::flow::{Consent, ConsentDecision, ConsentRequest};
///
/// let request = ConsentRequest {
///     client_id: "merchant".into(),
///     user_id: "2088001".into(),
///     scopes: [AlipayPlusScope::UserNickname, AlipayPlusScope::UserAvatar].into_iter().collect(),
/// };
/// let mut nickname_only = ConsentDecision::Approve(ScopeSet::single(AlipayPlusScope::UserNickname));
/// let approved = nickname_only.decide(&request).approved(request.scopes);
/// assert_eq!(approved, Some(ScopeSet::single(AlipayPlusScope::UserNickname)));
/// assert_eq!(ConsentDecision::Cancel.approved(request.scopes), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentDecision<S: Scope> {
    /// Approve every scope asked for.
    ApproveAll,
    /// Approve these scopes and decline the others asked for (scopes not asked for are
    /// ignored). The declined ones land in `authErrorScopes` with
    /// [`ScopeRefusal::Declined`](crate::flow::ScopeRefusal::Declined).
    Approve(ScopeSet<S>),
    /// Cancel the whole authorization: no code is issued, not even for silent scopes, and the
    /// response carries JSAPI error 11 (`USER_CANCEL`).
    Cancel,
}

impl<S: Scope> ConsentDecision<S> {
    /// The scopes approved out of `asked`; `None` for [`ConsentDecision::Cancel`].
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use authcode_runtime::ScopeSet;
    /// use authcode_runtime::flow::ConsentDecision;
    /// let asked = ScopeSet::single(AlipayPlusScope::UserName);
    /// assert_eq!(ConsentDecision::ApproveAll.approved(asked), Some(asked));
    /// // Approving a scope that was not asked for grants nothing.
    /// let other = ConsentDecision::Approve(ScopeSet::single(AlipayPlusScope::UserGender));
    /// assert_eq!(other.approved(asked), Some(ScopeSet::new()));
    /// ```
    pub fn approved(self, asked: ScopeSet<S>) -> Option<ScopeSet<S>> {
        match self {
            ConsentDecision::ApproveAll => Some(asked),
            ConsentDecision::Approve(scopes) => Some(scopes.intersection(asked)),
            ConsentDecision::Cancel => None,
        }
    }
}

/// The consent hook: asked once per authorization that includes proactive scopes, it decides
/// for the user (in a real wallet, by showing the consent prompt).
///
/// Implemented by closures `FnMut(&ConsentRequest<S>) -> ConsentDecision<S>` and by
/// [`ConsentDecision`] (a fixed answer).
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// # use authcode_runtime::AuthScopes;
/// # #[derive(AuthScopes)]
/// # #[auth_scopes(wallet = "alipay-plus")]
/// # pub struct AlipayPlus;
/// use authcode_runtime::ScopeSet;
/// use authcode_runtime::flow::{Consent, ConsentDecision, ConsentRequest};
///
/// /// Approves everything but the avatar, and remembers how often it was asked.
/// struct NoPictures { asked: usize }
///
/// impl Consent<AlipayPlusScope> for NoPictures {
///     fn decide(&mut self, request: &ConsentRequest<AlipayPlusScope>) -> ConsentDecision<AlipayPlusScope> {
///         self.asked += 1;
///         let mut scopes = request.scopes;
///         scopes.remove(AlipayPlusScope::UserAvatar);
///         ConsentDecision::Approve(scopes)
///     }
/// }
///
/// let mut hook = NoPictures { asked: 0 };
/// let request = ConsentRequest {
///     client_id: "m".into(),
///     user_id: "u".into(),
///     scopes: ScopeSet::proactive(),
/// };
/// let decision = hook.decide(&request);
/// assert_eq!(hook.asked, 1);
/// assert!(!decision.approved(request.scopes).unwrap().contains(AlipayPlusScope::UserAvatar));
/// ```
pub trait Consent<S: Scope> {
    /// The user's answer to `request`.
    fn decide(&mut self, request: &ConsentRequest<S>) -> ConsentDecision<S>;
}

impl<S: Scope, F: FnMut(&ConsentRequest<S>) -> ConsentDecision<S>> Consent<S> for F {
    fn decide(&mut self, request: &ConsentRequest<S>) -> ConsentDecision<S> {
        self(request)
    }
}

impl<S: Scope> Consent<S> for ConsentDecision<S> {
    fn decide(&mut self, _request: &ConsentRequest<S>) -> ConsentDecision<S> {
        *self
    }
}

/// Lends a hook that must outlive the call (to read its state afterwards):
/// `&mut hook as &mut dyn Consent<_>`. (A blanket impl for every `&mut C` would overlap with
/// the one for closures, since `&mut F` is itself a closure.)
impl<S: Scope> Consent<S> for &mut dyn Consent<S> {
    fn decide(&mut self, request: &ConsentRequest<S>) -> ConsentDecision<S> {
        (**self).decide(request)
    }
}
