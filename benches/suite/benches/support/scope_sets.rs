//! The two scope sets the set benchmarks work on, shared by the timed `scope_set` bench and the
//! allocation-counting `memory` bench so that both measure the same sets.

use authcode_runtime::AuthScopes;

/// The Alipay+ wallet (`spec/alipay-plus.json`). Only its generated scope type is used here.
#[allow(dead_code)]
#[derive(AuthScopes)]
#[auth_scopes(wallet = "alipay-plus")]
pub struct AlipayPlus;

/// The scope type the benches use.
pub type S = AlipayPlusScope;

/// A request's scopes: the documentation's sample request plus a few (8 of 15).
pub const REQUESTED: [S; 8] = [
    S::UserId,
    S::UserNickname,
    S::UserAvatar,
    S::UserName,
    S::UserGender,
    S::UserBirthday,
    S::UserAddress,
    S::SendMessage,
];

/// Another set overlapping the first (7 scopes, 3 shared).
pub const OTHER: [S; 7] = [
    S::UserId,
    S::UserAvatar,
    S::UserLoginId,
    S::HashLoginId,
    S::UserNationality,
    S::UserContactinfo,
    S::UserAddress,
];
