// The module of a spec written to trip the escaping: `@deprecated` in the middle of the
// wallet's name and of a description is text, so only the one legacy scope (QUX) is struck
// through (`deprecations.expected`), never `getAuthCode` or the other scopes.
import { HostileScope, getAuthCode, hostileScopes, isScope } from "./specs/hostile";

getAuthCode({ scopes: [HostileScope.FooBar] });
getAuthCode({ scopes: [HostileScope.Qux] });
console.log(hostileScopes.length, isScope("FOO_BAR"));
