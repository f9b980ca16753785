//! How long codes and tokens stay valid.

use std::time::Duration;

/// The lifetimes of what the server issues.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use std::time::Duration;
/// use authcode_runtime::flow::Lifetimes;
///
/// let defaults = Lifetimes::default();
/// assert_eq!(defaults.auth_code, Duration::from_secs(10 * 60));
/// let short = Lifetimes { auth_code: Duration::from_secs(60), ..defaults };
/// assert_eq!(short.access_token, defaults.access_token);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetimes {
    /// Authorization codes: 10 minutes by default, the maximum RFC 6749 §4.1.2 recommends.
    pub auth_code: Duration,
    /// Access tokens: 1 hour by default.
    pub access_token: Duration,
    /// Refresh tokens: 30 days by default. Each rotation issues a new one with a full lifetime.
    pub refresh_token: Duration,
}

impl Lifetimes {
    /// The longest lifetime honoured: longer ones are cut to it, so that expiry times stay
    /// representable (and writable as ISO 8601) whatever the configuration.
    ///
    /// ```
    /// # extern crate authcode_core as authcode_runtime;
    /// # use authcode_runtime::AuthScopes;
    /// # #[derive(AuthScopes)]
    /// # #[auth_scopes(wallet = "alipay-plus")]
    /// # pub struct AlipayPlus;
    /// use std::time::Duration;
    /// use authcode_runtime::flow::{AuthServer, Lifetimes};
    /// let forever = Lifetimes { refresh_token: Duration::MAX, ..Lifetimes::default() };
    /// let server = AuthServer::<AlipayPlusScope>::new().with_lifetimes(forever);
    /// assert_eq!(server.lifetimes().refresh_token, Lifetimes::MAX);
    /// ```
    pub const MAX: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);
}

impl Default for Lifetimes {
    fn default() -> Self {
        Lifetimes {
            auth_code: Duration::from_secs(10 * 60),
            access_token: Duration::from_secs(60 * 60),
            refresh_token: Duration::from_secs(30 * 24 * 60 * 60),
        }
    }
}
