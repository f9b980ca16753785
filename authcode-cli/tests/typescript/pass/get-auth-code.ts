// `getAuthCode` and `my.getAuthCode`: scopes by wire name or by member, the callbacks typed.
import {
  AlipayPlusScope,
  getAuthCode,
  my,
  type AlipayPlusAuthCodeFailure,
  type AlipayPlusAuthCodeSuccess,
  type AlipayPlusGetAuthCodeOptions,
} from "./alipay-plus";

const scopes = [AlipayPlusScope.UserId, AlipayPlusScope.UserNickname] as const;

getAuthCode({
  scopes,
  success: (res) => {
    const code: string = res.authCode;
    const granted: readonly string[] = res.authSuccessScopes;
    // Only some scopes may have been granted: the refused ones, when any, say why.
    const why: string | undefined = res.authErrorScopes?.USER_NICKNAME;
    console.log(code, granted, why);
  },
  fail: (res) => {
    const error: number | undefined = res.error;
    const message: string | undefined = res.errorMessage;
    // A wallet may name a scope the spec does not list.
    const other: string | undefined = res.authErrorScopes?.["SOME_NEW_SCOPE"];
    console.log(error, message, other);
  },
  complete: (res) => {
    if ("authCode" in res) {
      console.log(res.authCode);
    }
  },
});

// The options can be built ahead of the call, from a readonly list.
const options: AlipayPlusGetAuthCodeOptions = {
  scopes: ["USER_ID", "USER_ADDRESS", "auth_base"],
};
my.getAuthCode(options);

// Named callbacks take the exported types.
function onSuccess(res: AlipayPlusAuthCodeSuccess): void {
  console.log(res.authCode);
}
function onFail(res: AlipayPlusAuthCodeFailure): void {
  console.log(res.authErrorScopes);
}
my.getAuthCode({ scopes: ["USER_NAME"], success: onSuccess, fail: onFail });

// Without `@mini-types/my` in the project, the other JSAPIs are passed through untyped.
my.showToast({ content: "Signed in" });
