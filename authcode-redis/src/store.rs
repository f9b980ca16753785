//! The [`Store`] operations, each one or a few single-slot round trips (see the crate
//! documentation for the order of multi-step operations).

use std::collections::HashMap;
use std::future::Future;
use std::time::SystemTime;

use authcode_core::flow::{
    Client, Grant, GrantId, SecretHash, SecretKind, SecretRecord, Store, StoreError, kept_until,
};
use authcode_core::{Scope, ScopeSet, UserInfoOf};
use redis::{RedisError, Script};

use crate::RedisStore;
use crate::codec::{
    Instant, corrupt, decode_grant_id, decode_record, decode_scopes, encode_record, encode_scopes,
    scope_names,
};
use crate::connection::Connection;
use crate::scripts::{
    ADD_CONSENT, EXTEND_GRANT, INDEX_GRANT, INSERT_GRANT, MARK_USED, REVOKE_GRANT,
};

/// A Redis failure as the flow sees it: data of the wrong shape is corrupt, anything else
/// (refused or dropped connections, timeouts, a cluster resharding, a read-only replica) is
/// transient.
pub(crate) fn from_redis(err: RedisError) -> StoreError {
    let wrong_shape = err.code() == Some("WRONGTYPE")
        || matches!(
            err.kind(),
            redis::ErrorKind::Parse | redis::ErrorKind::UnexpectedReturnType
        );
    if wrong_shape {
        StoreError::Corrupt(format!("Redis: {err}"))
    } else {
        StoreError::Unavailable(format!("Redis: {err}"))
    }
}

impl<S: Scope> RedisStore<S> {
    /// Runs `step` within the store's timeout.
    pub(crate) async fn bounded<T>(
        &self,
        what: &str,
        step: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        match tokio::time::timeout(self.timeout, step).await {
            Ok(outcome) => outcome,
            Err(_) => Err(StoreError::Unavailable(format!(
                "Redis did not answer {what} within {:?}",
                self.timeout
            ))),
        }
    }

    fn connection(&self) -> Connection {
        self.connection.clone()
    }

    async fn query<T: redis::FromRedisValue>(&self, cmd: &redis::Cmd) -> Result<T, StoreError> {
        cmd.query_async(&mut self.connection())
            .await
            .map_err(from_redis)
    }

    async fn run<T: redis::FromRedisValue>(
        &self,
        script: &Script,
        key: &str,
        args: &[&str],
    ) -> Result<T, StoreError> {
        let mut invocation = script.key(key);
        for arg in args {
            invocation.arg(*arg);
        }
        invocation
            .invoke_async(&mut self.connection())
            .await
            .map_err(from_redis)
    }

    /// Raises the index entry of grant `id` of (`client_id`, `user_id`) to `expires`.
    async fn index_grant(
        &self,
        client_id: &str,
        user_id: &str,
        id: GrantId,
        expires: Instant,
        now: SystemTime,
    ) -> Result<(), StoreError> {
        let key = self.keys.grants_of(client_id, user_id);
        let (score, now) = (
            expires.ceil_millis().to_string(),
            Instant::of(now).floor_millis().to_string(),
        );
        self.run::<i64>(&INDEX_GRANT, &key, &[&id.to_string(), &score, &now])
            .await
            .map(drop)
    }

    async fn read_grant(&self, id: GrantId) -> Result<Option<Grant<S>>, StoreError> {
        let fields: HashMap<String, String> = self
            .query(redis::cmd("HGETALL").arg(self.keys.grant(id)))
            .await?;
        if fields.is_empty() {
            return Ok(None);
        }
        let field = |name: &str| {
            fields
                .get(name)
                .map(String::as_str)
                .ok_or_else(|| corrupt(format!("grant {id} has no field {name:?}")))
        };
        let what = format!("grant {id}");
        Ok(Some(Grant {
            client_id: field("c")?.to_owned(),
            user_id: field("u")?.to_owned(),
            scopes: decode_scopes(field("s")?, &what)?,
            expires_at: Instant::read(field("es")?, field("en")?, &what)?.time(),
            revoked: match field("r")? {
                "0" => false,
                "1" => true,
                other => return Err(corrupt(format!("{what}: revoked is {other:?}"))),
            },
        }))
    }

    /// The exact expiry of grant `id`, if it is still stored.
    async fn grant_expiry(&self, id: GrantId) -> Result<Option<SystemTime>, StoreError> {
        let fields: Vec<Option<String>> = self
            .query(
                redis::cmd("HMGET")
                    .arg(self.keys.grant(id))
                    .arg("es")
                    .arg("en"),
            )
            .await?;
        match fields.as_slice() {
            [Some(secs), Some(nanos)] => Ok(Some(
                Instant::read(secs, nanos, &format!("grant {id}"))?.time(),
            )),
            _ => Ok(None),
        }
    }
}

impl<S: Scope> Store<S> for RedisStore<S> {
    async fn put_client(&self, client: Client<S>) -> Result<(), StoreError> {
        self.bounded("put_client", async {
            let key = self.keys.client(&client.id);
            self.query::<()>(
                redis::cmd("SET")
                    .arg(key)
                    .arg(encode_scopes(client.permitted)),
            )
            .await
        })
        .await
    }

    async fn client(&self, id: &str) -> Result<Option<Client<S>>, StoreError> {
        self.bounded("client", async {
            let permitted: Option<String> = self
                .query(redis::cmd("GET").arg(self.keys.client(id)))
                .await?;
            permitted
                .map(|text| {
                    Ok(Client {
                        id: id.to_owned(),
                        permitted: decode_scopes(&text, "a client")?,
                    })
                })
                .transpose()
        })
        .await
    }

    async fn put_user(&self, user_id: &str, profile: UserInfoOf<S>) -> Result<(), StoreError> {
        self.bounded("put_user", async {
            let json = serde_json::to_string(&profile)
                .map_err(|err| corrupt(format!("a profile cannot be written as JSON: {err}")))?;
            self.query::<()>(redis::cmd("SET").arg(self.keys.profile(user_id)).arg(json))
                .await
        })
        .await
    }

    async fn user(&self, user_id: &str) -> Result<Option<UserInfoOf<S>>, StoreError> {
        self.bounded("user", async {
            let json: Option<String> = self
                .query(redis::cmd("GET").arg(self.keys.profile(user_id)))
                .await?;
            json.map(|json| {
                serde_json::from_str(&json).map_err(|err| {
                    corrupt(format!("a profile does not fit the userInfo model: {err}"))
                })
            })
            .transpose()
        })
        .await
    }

    async fn insert_grant(
        &self,
        id: GrantId,
        grant: Grant<S>,
        now: SystemTime,
    ) -> Result<(), StoreError> {
        self.bounded("insert_grant", async {
            let expires = Instant::of(grant.expires_at);
            let kept = Instant::of(kept_until(grant.expires_at));
            // The grant first, then its index entry: a grant left unindexed by a failure
            // between the two has no code (this call failed), so nothing reaches it.
            self.run::<i64>(
                &INSERT_GRANT,
                &self.keys.grant(id),
                &[
                    &grant.client_id,
                    &grant.user_id,
                    &encode_scopes(grant.scopes),
                    &expires.secs.to_string(),
                    &expires.nanos.to_string(),
                    &kept.ceil_millis().to_string(),
                ],
            )
            .await?;
            self.index_grant(&grant.client_id, &grant.user_id, id, expires, now)
                .await
        })
        .await
    }

    async fn grant(&self, id: GrantId) -> Result<Option<Grant<S>>, StoreError> {
        self.bounded("grant", self.read_grant(id)).await
    }

    async fn revoke_grant(&self, id: GrantId) -> Result<bool, StoreError> {
        self.bounded("revoke_grant", async {
            let found: i64 = self.run(&REVOKE_GRANT, &self.keys.grant(id), &[]).await?;
            Ok(found == 1)
        })
        .await
    }

    async fn add_secrets(
        &self,
        grant: GrantId,
        secrets: &[(SecretKind, SecretHash, SecretRecord)],
        now: SystemTime,
    ) -> Result<bool, StoreError> {
        self.bounded("add_secrets", async {
            let latest_time = secrets.iter().map(|(_, _, record)| record.expires_at).max();
            let latest = latest_time.map_or(Instant { secs: 0, nanos: 0 }, Instant::of);
            let kept = latest_time.map_or(Instant { secs: 0, nanos: 0 }, |time| {
                Instant::of(kept_until(time))
            });
            // 1. The grant must exist; it is made to outlive the secrets before any is
            //    written, so that no secret ever outlives its grant.
            let parties: Option<(String, String, i64)> = self
                .run(
                    &EXTEND_GRANT,
                    &self.keys.grant(grant),
                    &[
                        &latest.secs.to_string(),
                        &latest.nanos.to_string(),
                        &kept.ceil_millis().to_string(),
                    ],
                )
                .await?;
            let Some((client_id, user_id, extended)) = parties else {
                return Ok(false);
            };
            // 2. The index entry follows the grant's new expiry, so that withdrawing the
            //    consent finds the grant as long as any of its secrets lives.
            if extended == 1 {
                self.index_grant(&client_id, &user_id, grant, latest, now)
                    .await?;
            }
            // 3. The secrets, each with its TTL in the same command; sent at once, so one
            //    round trip on a node (the connection pipelines them), one per node on a
            //    cluster.
            let writes = secrets.iter().map(|(kind, hash, record)| {
                let mut connection = self.connection();
                let key = self.keys.secret(*kind, hash);
                let record = SecretRecord { grant, ..*record };
                async move {
                    redis::cmd("SET")
                        .arg(key)
                        .arg(encode_record(&record))
                        .arg("PXAT")
                        .arg(Instant::of(kept_until(record.expires_at)).ceil_millis())
                        .query_async::<()>(&mut connection)
                        .await
                        .map_err(from_redis)
                }
            });
            futures_util::future::try_join_all(writes).await?;
            Ok(true)
        })
        .await
    }

    async fn secret(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        self.bounded("secret", async {
            let text: Option<String> = self
                .query(redis::cmd("GET").arg(self.keys.secret(kind, hash)))
                .await?;
            text.as_deref().map(decode_record).transpose()
        })
        .await
    }

    async fn mark_used(
        &self,
        kind: SecretKind,
        hash: &SecretHash,
    ) -> Result<Option<SecretRecord>, StoreError> {
        self.bounded("mark_used", async {
            let before: Option<String> = self
                .run(&MARK_USED, &self.keys.secret(kind, hash), &[])
                .await?;
            before.as_deref().map(decode_record).transpose()
        })
        .await
    }

    async fn grants_of(
        &self,
        client_id: &str,
        user_id: &str,
        now: SystemTime,
    ) -> Result<Vec<GrantId>, StoreError> {
        self.bounded("grants_of", async {
            let now_ms = Instant::of(now).floor_millis();
            // A score is the millisecond at or after the grant's expiry: every grant still
            // live at `now` scores above `now`'s millisecond.
            let members: Vec<(String, f64)> = self
                .query(
                    redis::cmd("ZRANGEBYSCORE")
                        .arg(self.keys.grants_of(client_id, user_id))
                        .arg(format!("({now_ms}"))
                        .arg("+inf")
                        .arg("WITHSCORES"),
                )
                .await?;
            let mut live = Vec::with_capacity(members.len());
            for (member, score) in members {
                let id = decode_grant_id(&member)
                    .ok_or_else(|| corrupt("a grant index holds a malformed ID".to_owned()))?;
                // Within `now`'s own millisecond the score cannot tell: the grant says.
                if score <= (now_ms + 1) as f64 {
                    match self.grant_expiry(id).await? {
                        Some(expires_at) if expires_at > now => {}
                        _ => continue,
                    }
                }
                live.push(id);
            }
            Ok(live)
        })
        .await
    }

    async fn add_consent(
        &self,
        client_id: &str,
        user_id: &str,
        scopes: ScopeSet<S>,
    ) -> Result<(), StoreError> {
        self.bounded("add_consent", async {
            let mut args = vec![client_id];
            args.extend(scope_names(scopes));
            self.run::<i64>(&ADD_CONSENT, &self.keys.consents(user_id), &args)
                .await
                .map(drop)
        })
        .await
    }

    async fn consent(&self, client_id: &str, user_id: &str) -> Result<ScopeSet<S>, StoreError> {
        self.bounded("consent", async {
            let scopes: Option<String> = self
                .query(
                    redis::cmd("HGET")
                        .arg(self.keys.consents(user_id))
                        .arg(client_id),
                )
                .await?;
            scopes.map_or(Ok(ScopeSet::new()), |text| {
                decode_scopes(&text, "a consent")
            })
        })
        .await
    }

    async fn consents(&self, user_id: &str) -> Result<Vec<(String, ScopeSet<S>)>, StoreError> {
        self.bounded("consents", async {
            let all: HashMap<String, String> = self
                .query(redis::cmd("HGETALL").arg(self.keys.consents(user_id)))
                .await?;
            all.into_iter()
                .map(|(client, text)| Ok((client, decode_scopes(&text, "a consent")?)))
                .collect()
        })
        .await
    }

    async fn remove_consent(&self, client_id: &str, user_id: &str) -> Result<bool, StoreError> {
        self.bounded("remove_consent", async {
            let removed: i64 = self
                .query(
                    redis::cmd("HDEL")
                        .arg(self.keys.consents(user_id))
                        .arg(client_id),
                )
                .await?;
            Ok(removed == 1)
        })
        .await
    }

    /// Redis expires every record by its TTL: there is nothing to purge.
    async fn purge_expired(&self, _now: SystemTime) -> Result<usize, StoreError> {
        Ok(0)
    }
}
