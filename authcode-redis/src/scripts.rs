//! The server-side steps: each script runs atomically on the one node that holds its keys,
//! and every script's keys share a hash tag, so each is one single-slot step on a cluster
//! too. Scripts never read the server's clock; times come from the caller.

use std::sync::LazyLock;

use redis::Script;

/// `KEYS[1]` a grant; `ARGV` client, user, scopes, expiry seconds, expiry nanoseconds, TTL
/// deadline (ms). Replaces the grant whole, with its TTL in the same step, so that no grant
/// is ever stored without one.
pub(crate) static INSERT_GRANT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'c', ARGV[1], 'u', ARGV[2], 's', ARGV[3],
           'es', ARGV[4], 'en', ARGV[5], 'r', '0')
redis.call('PEXPIREAT', KEYS[1], ARGV[6])
return 1
",
    )
});

/// `KEYS[1]` the sorted set of a (user, client)'s grants; `ARGV` grant ID, its TTL deadline
/// (ms, the score), the current millisecond. Drops members that have expired, raises (never
/// lowers) the grant's score, and keeps the set until its last member expires.
pub(crate) static INDEX_GRANT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], last[2]) end
return 1
",
    )
});

/// `KEYS[1]` a grant; `ARGV` expiry seconds, expiry nanoseconds, TTL deadline (ms) of the
/// longest-lived secret about to be added. Nil when the grant does not exist; otherwise the
/// grant's expiry is raised to cover the secret (never lowered) and `{client, user,
/// extended}` returned, `extended` 1 when the expiry moved.
pub(crate) static EXTEND_GRANT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local g = redis.call('HMGET', KEYS[1], 'c', 'u', 'es', 'en')
if not g[1] then return false end
local s, n = tonumber(ARGV[1]), tonumber(ARGV[2])
local gs, gn = tonumber(g[3]), tonumber(g[4])
local extended = 0
if s > gs or (s == gs and n > gn) then
  redis.call('HSET', KEYS[1], 'es', ARGV[1], 'en', ARGV[2])
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
  extended = 1
end
return {g[1], g[2], extended}
",
    )
});

/// `KEYS[1]` a grant. Sets its revoked flag (`HSET` keeps the TTL); 0 when there is no such
/// grant, so that revoking never creates one.
pub(crate) static REVOKE_GRANT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'r', '1')
return 1
",
    )
});

/// `KEYS[1]` a secret's record. The test-and-set of single use: returns the record as it
/// was (nil when there is none) and marks it used, keeping the record and its TTL so that a
/// replay is recognised until the secret expires. Never a `GETDEL`: that would lose the
/// evidence.
pub(crate) static MARK_USED: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local v = redis.call('GET', KEYS[1])
if not v then return false end
if string.sub(v, 1, 1) == '0' then redis.call('SETRANGE', KEYS[1], 0, '1') end
return v
",
    )
});

/// `KEYS[1]` a user's consents; `ARGV[1]` the client, `ARGV[2..]` the wire names consented
/// to. Merges them into what the user consented to before, in one step, so two consents given
/// at once both count.
pub(crate) static ADD_CONSENT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local seen, names = {}, {}
local function add(name)
  if not seen[name] then seen[name] = true; names[#names + 1] = name end
end
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then for _, name in ipairs(cjson.decode(current)) do add(name) end end
for i = 2, #ARGV do add(ARGV[i]) end
table.sort(names)
local json = '[]'
if #names > 0 then json = cjson.encode(names) end
redis.call('HSET', KEYS[1], ARGV[1], json)
return 1
",
    )
});
