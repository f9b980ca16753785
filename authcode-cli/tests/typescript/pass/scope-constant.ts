// The `…Scope` union (aliases included) and the constant of the same name, whose members
// carry the scopes' documentation.
import { AlipayPlusScope } from "./alipay-plus";
import { TouchNGoScope, getAuthCode as getTouchNGoAuthCode } from "./wallets/touch-n-go";

type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The union has exactly the wire names of the spec.
const wireNames: Equals<
  AlipayPlusScope,
  | "USER_ID"
  | "USER_NICKNAME"
  | "USER_NAME"
  | "USER_LOGIN_ID"
  | "PLAINTEXT_USER_LOGIN_ID"
  | "HASH_LOGIN_ID"
  | "USER_AVATAR"
  | "USER_GENDER"
  | "USER_BIRTHDAY"
  | "USER_NATIONALITY"
  | "USER_CONTACTINFO"
  | "USER_ADDRESS"
  | "SEND_MESSAGE"
  | "auth_base"
  | "auth_user"
> = true;

// The members are the wire names, as literal types.
const userId: "USER_ID" = AlipayPlusScope.UserId;
const legacy: "auth_base" = AlipayPlusScope.AuthBase; // @deprecated: editors strike it through
const members: Equals<(typeof AlipayPlusScope)[keyof typeof AlipayPlusScope], AlipayPlusScope> =
  true;

// @ts-expect-error the constant is read-only.
AlipayPlusScope.UserId = "USER_NAME";

// Aliases are wire names too, and members of their own.
const alias: TouchNGoScope = "USER_INFO";
const aliasMember: "BASE_USER_INFO" = TouchNGoScope.BaseUserInfo;
getTouchNGoAuthCode({ scopes: [TouchNGoScope.UserInfo, "auth_base"] });

console.log(wireNames, userId, legacy, members, alias, aliasMember);
