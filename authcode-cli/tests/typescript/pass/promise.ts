// `authCode`: `my.getAuthCode` as a promise.
import { authCode, type AlipayPlusAuthCodeFailure } from "./alipay-plus";

async function signIn(): Promise<string> {
  const res = await authCode(["USER_ID", "USER_NICKNAME"]);
  const granted: readonly string[] = res.authSuccessScopes;
  console.log(granted);
  return res.authCode;
}

signIn().catch((failure: AlipayPlusAuthCodeFailure) => {
  console.log(failure.authErrorScopes, failure.error, failure.errorMessage);
});

// @ts-expect-error a scope the wallet does not have.
void authCode(["USER_EMAIL"]);
