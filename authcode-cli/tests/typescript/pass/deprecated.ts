// Legacy scopes are `@deprecated` on the constant's members, with the spec's note: editors
// strike these uses through (`deprecations.expected` pins what they show).
import { AlipayPlusScope, getAuthCode } from "./alipay-plus";
import { TouchNGoScope } from "./wallets/touch-n-go";

getAuthCode({ scopes: [AlipayPlusScope.AuthBase, AlipayPlusScope.UserId] });
getAuthCode({ scopes: [AlipayPlusScope.AuthUser] });

// The spec marks no Touch 'n Go scope deprecated, aliases included.
console.log(TouchNGoScope.AuthUser, TouchNGoScope.UserInfo);
