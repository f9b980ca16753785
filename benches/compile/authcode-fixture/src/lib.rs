//! The Alipay+ scopes through the derive: one line of Rust and the spec file, and the
//! `my.getAuthCode` callback read with them (`callback.rs`). Compare with `../strum-fixture`,
//! the same written by hand.

use authcode_runtime::AuthScopes;

mod callback;

pub use callback::granted;

/// The Alipay+ wallet; the derive generates `AlipayPlusScope` beside it.
#[derive(AuthScopes)]
#[auth_scopes(spec = "../../../spec/alipay-plus.json")]
pub struct AlipayPlus;

/// The scope type `callback.rs` reads.
type Scope = AlipayPlusScope;
