// `getSilentAuthCode` takes only the scopes granted without a consent prompt, and `isSilent`
// tells them apart at run time.
import {
  getAuthCode,
  getSilentAuthCode,
  isSilent,
  type AlipayPlusScope,
  type AlipayPlusSilentScope,
} from "./alipay-plus";
import { getSilentAuthCode as getAlipayHkSilentAuthCode } from "./wallets/alipayhk";

getSilentAuthCode({
  scopes: ["USER_ID", "auth_base"],
  success: (res) => console.log(res.authCode),
});

getSilentAuthCode({
  // @ts-expect-error USER_NICKNAME is proactive: the user would be asked.
  scopes: ["USER_NICKNAME"],
});

// A wallet with no silent scope: only an empty list compiles.
getAlipayHkSilentAuthCode({ scopes: [] });
// @ts-expect-error AlipayHK asks for every scope.
getAlipayHkSilentAuthCode({ scopes: ["USER_NAME"] });

function ask(scopes: readonly AlipayPlusScope[]): void {
  const silent: AlipayPlusSilentScope[] = scopes.filter(isSilent);
  if (silent.length === scopes.length) {
    getSilentAuthCode({ scopes: silent });
  } else {
    getAuthCode({ scopes });
  }
}
ask(["USER_ID", "USER_AVATAR"]);

const scope: AlipayPlusScope = "auth_base";
if (isSilent(scope)) {
  const silent: AlipayPlusSilentScope = scope;
  console.log(silent);
}
