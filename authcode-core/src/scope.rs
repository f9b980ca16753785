use std::fmt::{Debug, Display};
use std::hash::Hash;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{ScopeBits, UnknownScope, UserInfoModel};

pub use authcode_names::Authorization;

/// A wallet's authorization scope: implemented by the enum that `#[derive(AuthScopes)]`
/// generates from a spec file. Code generic over wallets is written against this trait.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{Scope, AuthScopes};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// struct AlipayPlus;
///
/// fn consent_needed<S: Scope>() -> Vec<&'static str> {
///     S::ALL.iter().filter(|s| s.is_proactive()).map(|s| s.as_str()).collect()
/// }
/// assert_eq!(consent_needed::<AlipayPlusScope>().len(), 13);
/// ```
pub trait Scope:
    Copy
    + Eq
    + Ord
    + Hash
    + Debug
    + Display
    + FromStr<Err = UnknownScope>
    + Serialize
    + DeserializeOwned
    + Send
    + Sync
    + 'static
{
    /// The bit storage of a [`ScopeSet`](crate::ScopeSet) of this scope type: one bit per scope.
    type Bits: ScopeBits;

    /// The wallet's `userInfo` model, which [`grants`](Scope::grants) names paths of.
    type UserInfo: UserInfoModel;

    /// Every scope, in spec order.
    const ALL: &'static [Self];

    /// Every wire name and alias, arranged for bounded "did you mean" searches (generated).
    #[doc(hidden)]
    const NAME_INDEX: authcode_names::NameIndex<'static>;

    /// This scope's position in [`Scope::ALL`].
    fn index(self) -> usize;

    /// The wire name, exactly as the wallet spells it.
    fn as_str(self) -> &'static str;

    /// The scope with this wire name or alias (case-sensitive), if any.
    fn from_wire_name(name: &str) -> Option<Self>;

    /// Whether the scope is granted silently or needs consent.
    fn authorization(self) -> Authorization;

    /// `true` when the wallet grants the scope without a consent prompt.
    fn is_silent(self) -> bool {
        self.authorization().is_silent()
    }

    /// `true` when the user must consent to the scope.
    fn is_proactive(self) -> bool {
        self.authorization().is_proactive()
    }

    /// `true` for legacy scopes the spec marks deprecated.
    fn is_deprecated(self) -> bool {
        self.deprecation_note().is_some()
    }

    /// The spec's deprecation note, for deprecated scopes.
    fn deprecation_note(self) -> Option<&'static str>;

    /// The spec's description of what the scope authorizes.
    fn description(self) -> &'static str;

    /// Other wire names accepted for this scope when parsing.
    fn aliases(self) -> &'static [&'static str];

    /// The user-info fields this scope releases to `inquiryUserInfo`.
    fn grants(self) -> &'static [<Self::UserInfo as UserInfoModel>::Field];
}

/// Ties the type that carries `#[derive(AuthScopes)]` to its generated scope enum and to the
/// spec's metadata.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::{AuthScopes, ScopeSpec};
///
/// #[derive(AuthScopes)]
/// #[auth_scopes(wallet = "alipay-plus")]
/// struct AlipayPlus;
///
/// assert_eq!(AlipayPlus::WALLET, Some("Alipay+"));
/// assert_eq!(AlipayPlus::JSAPI, Some("my.getAuthCode"));
/// assert_eq!(<AlipayPlus as ScopeSpec>::Scope::ALL.len(), 15);
/// # use authcode_runtime::Scope;
/// ```
pub trait ScopeSpec {
    /// The generated scope enum.
    type Scope: Scope<UserInfo = Self::UserInfo>;
    /// The wallet's `userInfo` model: the struct generated from the spec's `user_info`, or
    /// the Alipay+ [`UserInfo`](crate::UserInfo).
    type UserInfo: UserInfoModel;
    /// The spec's `wallet`, e.g. `Alipay+`.
    const WALLET: Option<&'static str>;
    /// The spec's `jsapi`, e.g. `my.getAuthCode`.
    const JSAPI: Option<&'static str>;
    /// The spec's `openapi`: how the wallet's gateway is called (path version, revocation
    /// API, `customerBelongsTo`), when the spec says. `authcode_client::GatewayProfile::of_spec`
    /// turns it into the client's profile.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// use authcode_runtime::{AuthScopes, ScopeSpec};
    /// use authcode_runtime::wire::{ApiVersion, RevokeApi};
    ///
    /// #[derive(AuthScopes)]
    /// #[auth_scopes(wallet = "gcash")]
    /// struct GCash;
    ///
    /// let gateway = GCash::OPENAPI.unwrap();
    /// assert_eq!(gateway.version, ApiVersion::V2);
    /// assert_eq!(gateway.revoke, Some(RevokeApi::CancelToken));
    /// assert_eq!(gateway.customer_belongs_to, Some("GCASH"));
    /// ```
    const OPENAPI: Option<authcode_wire::GatewaySpec> = None;
}
