/// <reference types="@mini-types/my" />
// Beside `@mini-types/my`, which declares the global `my`: the generated module declares no
// global, so the two compile together, and the module's `my` keeps `@mini-types/my`'s types
// for every other JSAPI.
import { my as alipayPlus, type AlipayPlusMy } from "./alipay-plus";

// The global, as `@mini-types/my` types it.
my.showToast({ content: "Hello" });
my.getAuthCode({ scopes: ["auth_base"] });

// The module's `my`: `getAuthCode` typed for Alipay+ (its failure has `authErrorScopes`,
// which `@mini-types/my`'s has not) ...
alipayPlus.getAuthCode({
  scopes: ["USER_ID", "USER_NICKNAME"],
  fail: (res) => console.log(res.authErrorScopes),
});
// @ts-expect-error ... and only for the scopes of Alipay+.
alipayPlus.getAuthCode({ scopes: ["auth_zhima"] });

// ... and the other JSAPIs as `@mini-types/my` types them.
alipayPlus.alert({ title: "Signed in", content: "Welcome" });
// @ts-expect-error `content` is a string in `@mini-types/my`.
alipayPlus.alert({ content: 42 });

// The module's type of `my` is the global's, but for `getAuthCode`.
const showToast: AlipayPlusMy["showToast"] = my.showToast;
console.log(showToast);
