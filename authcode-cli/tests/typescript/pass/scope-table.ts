// The scope table and `isScope`.
import {
  alipayPlusScopes,
  isScope,
  type AlipayPlusScope,
  type AlipayPlusScopeInfo,
} from "./alipay-plus";
import { touchNGoScopes } from "./wallets/touch-n-go";

for (const info of alipayPlusScopes) {
  const name: AlipayPlusScope = info.name;
  const aliases: readonly AlipayPlusScope[] = info.aliases;
  const how: "silent" | "proactive" = info.authorization;
  const note: string | null = info.deprecated;
  const grants: readonly string[] = info.grants;
  console.log(name, aliases, how, note, grants, info.description);
}

const legacy: AlipayPlusScope[] = alipayPlusScopes
  .filter((info) => info.deprecated !== null)
  .map((info) => info.name);
console.log(legacy);

// The table is read-only.
const first: AlipayPlusScopeInfo | undefined = alipayPlusScopes[0];
if (first !== undefined) {
  // @ts-expect-error a scope's entry cannot be changed.
  first.authorization = "silent";
}

// Aliases are listed with their scope.
const aliasesOfAuthUser = touchNGoScopes.find((info) => info.name === "auth_user")?.aliases;
console.log(aliasesOfAuthUser);

// `isScope` narrows a string from elsewhere, such as a granted scope.
function known(scope: string): AlipayPlusScope | null {
  return isScope(scope) ? scope : null;
}
console.log(known("USER_ID"));
