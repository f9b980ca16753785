//! The checks of the trait's own guarantees, called on the store directly.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use authcode_core::flow::{Client, Grant, GrantId, SecretHash, SecretKind, SecretRecord, Store};
use authcode_core::{ScopeSet, UserInfo};
use tokio::sync::Barrier;

use crate::{AlipayPlusScope, ok, present};

type Scopes = ScopeSet<AlipayPlusScope>;

/// How many tasks race on one secret.
const RACERS: usize = 64;

fn grant(client: &str, user: &str, expires_at: SystemTime) -> Grant<AlipayPlusScope> {
    Grant {
        client_id: client.to_owned(),
        user_id: user.to_owned(),
        scopes: Scopes::from([AlipayPlusScope::UserId, AlipayPlusScope::UserNickname]),
        expires_at,
        revoked: false,
    }
}

/// A grant ID no other check uses, so that stores sharing a server cannot mix checks up.
fn grant_id(n: u128) -> GrantId {
    GrantId::from_u128(0x5eed_0000_0000_0000_0000_0000_0000_0000 | n)
}

/// A stored grant with one secret of `kind`, valid for `lifetime` from `now`.
async fn grant_with_secret<St: Store<AlipayPlusScope>>(
    store: &St,
    id: GrantId,
    kind: SecretKind,
    secret: &str,
    now: SystemTime,
    lifetime: Duration,
) -> (SecretHash, SecretRecord) {
    let hash = SecretHash::of(secret);
    let record = SecretRecord::new(id, now + lifetime);
    ok(
        "insert_grant",
        store.insert_grant(id, grant("merchant", "2088001", now + lifetime), now),
    )
    .await;
    let added = ok(
        "add_secrets",
        store.add_secrets(id, &[(kind, hash, record)], now),
    )
    .await;
    assert!(
        added,
        "add_secrets refused the secret of a grant just stored"
    );
    (hash, record)
}

/// Clients are stored, read back as they were, and replaced by a client of the same ID; an
/// unknown ID is `None`.
pub async fn clients_round_trip<St: Store<AlipayPlusScope> + 'static>(store: St) {
    assert_eq!(ok("client", store.client("merchant")).await, None);
    let client = Client {
        id: "merchant".to_owned(),
        permitted: ScopeSet::silent(),
    };
    ok("put_client", store.put_client(client.clone())).await;
    assert_eq!(
        ok("client", store.client("merchant")).await,
        Some(client),
        "a client reads back as stored"
    );
    let replaced = Client {
        id: "merchant".to_owned(),
        permitted: ScopeSet::all(),
    };
    ok("put_client", store.put_client(replaced.clone())).await;
    assert_eq!(
        ok("client", store.client("merchant")).await,
        Some(replaced),
        "put_client replaces a client of the same ID"
    );
    // IDs are opaque: characters a key or a query might treat specially are kept apart.
    let odd = Client {
        id: "{merchant}:*%".to_owned(),
        permitted: ScopeSet::empty(),
    };
    ok("put_client", store.put_client(odd.clone())).await;
    assert_eq!(ok("client", store.client("{merchant}:*%")).await, Some(odd));
    assert_eq!(
        ok("client", store.client("merchant"))
            .await
            .map(|c| c.permitted),
        Some(ScopeSet::all()),
        "another client's registration changed this one"
    );
    assert_eq!(ok("client", store.client("merchant-2")).await, None);
}

/// User profiles are stored, read back as they were (unknown fields too), and replaced.
pub async fn users_round_trip<St: Store<AlipayPlusScope> + 'static>(store: St) {
    assert_eq!(ok("user", store.user("2088001")).await, None);
    let mut ana = UserInfo {
        user_id: Some("2088001".into()),
        nick_name: Some("Ana".into()),
        avatar: Some("https://example.com/ana.png".into()),
        ..UserInfo::default()
    };
    ana.extra
        .insert("favouriteColour".into(), "teal — ünïcode".into());
    ok("put_user", store.put_user("2088001", ana.clone())).await;
    assert_eq!(
        ok("user", store.user("2088001")).await,
        Some(ana.clone()),
        "a profile reads back as stored"
    );
    let renamed = UserInfo {
        nick_name: Some("Ana B.".into()),
        ..ana
    };
    ok("put_user", store.put_user("2088001", renamed.clone())).await;
    assert_eq!(ok("user", store.user("2088001")).await, Some(renamed));
    assert_eq!(ok("user", store.user("2088002")).await, None);
}

/// A grant reads back as stored, and so does each secret, under its kind only: a code's hash
/// is not an access token. Expiry times keep their nanoseconds.
pub async fn grant_and_secrets_round_trip<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let now = present();
    let id = grant_id(1);
    assert_eq!(ok("grant", store.grant(id)).await, None);
    let stored = grant("merchant", "2088001", now + Duration::from_secs(600));
    ok("insert_grant", store.insert_grant(id, stored.clone(), now)).await;
    assert_eq!(
        ok("grant", store.grant(id)).await,
        Some(stored.clone()),
        "a grant reads back as stored"
    );
    assert_eq!(ok("grant", store.grant(grant_id(2))).await, None);

    let secrets = [
        (
            SecretKind::AuthCode,
            SecretHash::of("code"),
            SecretRecord::new(id, now + Duration::from_secs(60)),
        ),
        (
            SecretKind::AccessToken,
            SecretHash::of("access"),
            SecretRecord::new(id, now + Duration::from_secs(300) + Duration::from_nanos(1)),
        ),
        (
            SecretKind::RefreshToken,
            SecretHash::of("refresh"),
            SecretRecord::new(id, now + Duration::from_secs(600) - Duration::from_nanos(1)),
        ),
    ];
    assert!(ok("add_secrets", store.add_secrets(id, &secrets, now)).await);
    for (kind, hash, record) in secrets {
        assert_eq!(
            ok("secret", store.secret(kind, &hash)).await,
            Some(record),
            "the {} reads back as stored, to the nanosecond",
            kind.as_str()
        );
        for other in SecretKind::ALL.into_iter().filter(|&other| other != kind) {
            assert_eq!(
                ok("secret", store.secret(other, &hash)).await,
                None,
                "the hash of a {} was found as a {}",
                kind.as_str(),
                other.as_str()
            );
        }
    }
    assert_eq!(
        ok(
            "secret",
            store.secret(SecretKind::AuthCode, &SecretHash::of("other"))
        )
        .await,
        None
    );
    // The secrets end before the grant does: its expiry is unchanged.
    assert_eq!(ok("grant", store.grant(id)).await, Some(stored));
}

/// `add_secrets` for a grant that does not exist stores nothing and returns `false`.
pub async fn add_secrets_refuses_unknown_grant<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let now = present();
    let id = grant_id(3);
    let hash = SecretHash::of("orphan");
    let record = SecretRecord::new(id, now + Duration::from_secs(60));
    let added = ok(
        "add_secrets",
        store.add_secrets(id, &[(SecretKind::AccessToken, hash, record)], now),
    )
    .await;
    assert!(!added, "add_secrets accepted a secret of an unknown grant");
    assert_eq!(
        ok("secret", store.secret(SecretKind::AccessToken, &hash)).await,
        None,
        "add_secrets refused the secret but stored it"
    );
    assert_eq!(
        ok("grant", store.grant(id)).await,
        None,
        "add_secrets made up a grant"
    );
}

/// `add_secrets` extends the grant's expiry to its longest-lived secret, and a secret ending
/// earlier never shortens it.
pub async fn add_secrets_extends_grant_expiry<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let now = present();
    let id = grant_id(4);
    let (_, code) = grant_with_secret(
        &store,
        id,
        SecretKind::AuthCode,
        "code",
        now,
        Duration::from_secs(60),
    )
    .await;
    let later = now + Duration::from_secs(3600) + Duration::from_nanos(7);
    let secrets = [
        (
            SecretKind::AccessToken,
            SecretHash::of("access"),
            SecretRecord::new(id, now + Duration::from_secs(600)),
        ),
        (
            SecretKind::RefreshToken,
            SecretHash::of("refresh"),
            SecretRecord::new(id, later),
        ),
    ];
    assert!(ok("add_secrets", store.add_secrets(id, &secrets, now)).await);
    let extended = ok("grant", store.grant(id))
        .await
        .expect("the grant is still there");
    assert_eq!(
        extended.expires_at, later,
        "the grant must outlive its longest-lived secret (code until {:?})",
        code.expires_at
    );
    let shorter = (
        SecretKind::AccessToken,
        SecretHash::of("access-2"),
        SecretRecord::new(id, now + Duration::from_secs(120)),
    );
    assert!(ok("add_secrets", store.add_secrets(id, &[shorter], now)).await);
    assert_eq!(
        ok("grant", store.grant(id)).await.map(|g| g.expires_at),
        Some(later),
        "a shorter-lived secret shortened the grant"
    );
}

/// `revoke_grant` marks the grant revoked for every later read, is `false` for an unknown
/// grant, and a revoked grant still takes secrets (a racing exchange issues its tokens, dead
/// from the start).
pub async fn revoke_grant_is_seen_by_later_checks<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let now = present();
    let id = grant_id(5);
    grant_with_secret(
        &store,
        id,
        SecretKind::AuthCode,
        "code",
        now,
        Duration::from_secs(60),
    )
    .await;
    assert!(!ok("grant", store.grant(id)).await.unwrap().revoked);
    assert!(
        ok("revoke_grant", store.revoke_grant(id)).await,
        "revoke_grant did not find a stored grant"
    );
    let revoked = ok("grant", store.grant(id))
        .await
        .expect("kept when revoked");
    assert!(revoked.revoked, "a revoked grant reads back unrevoked");
    assert_eq!(revoked.client_id, "merchant");
    assert!(
        ok("revoke_grant", store.revoke_grant(id)).await,
        "revoking twice must find the grant again"
    );
    assert!(!ok("revoke_grant", store.revoke_grant(grant_id(6))).await);
    assert_eq!(ok("grant", store.grant(grant_id(6))).await, None);

    let token = (
        SecretKind::AccessToken,
        SecretHash::of("late-token"),
        SecretRecord::new(id, now + Duration::from_secs(300)),
    );
    assert!(
        ok("add_secrets", store.add_secrets(id, &[token], now)).await,
        "add_secrets must accept a revoked grant"
    );
    assert!(
        ok("grant", store.grant(id)).await.unwrap().revoked,
        "adding secrets lifted the revocation"
    );
}

/// `mark_used` returns the record as it was and marks it: the first call sees `used ==
/// false`, every later one `true`; the used record stays readable (so a replay is
/// recognised); an unknown secret is `None`.
pub async fn mark_used_is_test_and_set<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let now = present();
    let id = grant_id(7);
    let (hash, record) = grant_with_secret(
        &store,
        id,
        SecretKind::AuthCode,
        "code",
        now,
        Duration::from_secs(60),
    )
    .await;
    let first = ok("mark_used", store.mark_used(SecretKind::AuthCode, &hash)).await;
    assert_eq!(
        first,
        Some(record),
        "the first mark_used sees the record as stored"
    );
    let used = SecretRecord {
        used: true,
        ..record
    };
    for _ in 0..2 {
        assert_eq!(
            ok("mark_used", store.mark_used(SecretKind::AuthCode, &hash)).await,
            Some(used),
            "a later mark_used must see the record used"
        );
    }
    assert_eq!(
        ok("secret", store.secret(SecretKind::AuthCode, &hash)).await,
        Some(used),
        "the used record must be kept until it expires"
    );
    assert_eq!(
        ok(
            "mark_used",
            store.mark_used(SecretKind::AuthCode, &SecretHash::of("unknown"))
        )
        .await,
        None
    );
    assert_eq!(
        ok(
            "mark_used",
            store.mark_used(SecretKind::RefreshToken, &hash)
        )
        .await,
        None,
        "mark_used found a code as a refresh token"
    );
    assert_eq!(
        ok("secret", store.secret(SecretKind::RefreshToken, &hash)).await,
        None,
        "mark_used of an unknown secret stored a record"
    );
}

/// [`RACERS`] tasks call `mark_used` on one secret of `kind` at once: exactly one sees it
/// unused.
async fn race<St: Store<AlipayPlusScope> + 'static>(store: St, kind: SecretKind) {
    let store = Arc::new(store);
    let now = present();
    let id = grant_id(8);
    let (hash, _) =
        grant_with_secret(&*store, id, kind, "raced", now, Duration::from_secs(600)).await;
    let start = Arc::new(Barrier::new(RACERS));
    let racers: Vec<_> = (0..RACERS)
        .map(|_| {
            let (store, start) = (Arc::clone(&store), Arc::clone(&start));
            tokio::spawn(async move {
                start.wait().await;
                store.mark_used(kind, &hash).await
            })
        })
        .collect();
    let mut unused = 0;
    for racer in racers {
        let before = racer
            .await
            .expect("a racing task panicked")
            .unwrap_or_else(|err| panic!("mark_used failed on a healthy store: {err}"))
            .expect("mark_used lost the record during the race");
        unused += usize::from(!before.used);
    }
    assert_eq!(
        unused,
        1,
        "of {RACERS} concurrent mark_used calls on one {}, exactly one must see it unused",
        kind.as_str()
    );
    assert!(
        ok("secret", store.secret(kind, &hash)).await.unwrap().used,
        "the raced record is not marked used"
    );
}

/// 64 tasks race `mark_used` on one authorization code: exactly one wins.
pub async fn mark_used_race_on_code<St: Store<AlipayPlusScope> + 'static>(store: St) {
    race(store, SecretKind::AuthCode).await;
}

/// 64 tasks race `mark_used` on one refresh token: exactly one wins.
pub async fn mark_used_race_on_refresh_token<St: Store<AlipayPlusScope> + 'static>(store: St) {
    race(store, SecretKind::RefreshToken).await;
}

/// Consents accumulate per (client, user), are listed per user, and are removed whole.
pub async fn consents_add_list_remove<St: Store<AlipayPlusScope> + 'static>(store: St) {
    use AlipayPlusScope::{UserAvatar, UserGender, UserNickname};
    let (ana, bo) = ("2088001", "2088002");
    assert_eq!(
        ok("consent", store.consent("merchant", ana)).await,
        Scopes::new()
    );
    assert_eq!(ok("consents", store.consents(ana)).await, []);
    ok(
        "add_consent",
        store.add_consent("merchant", ana, Scopes::single(UserNickname)),
    )
    .await;
    ok(
        "add_consent",
        store.add_consent("merchant", ana, Scopes::single(UserAvatar)),
    )
    .await;
    ok(
        "add_consent",
        store.add_consent("other", ana, Scopes::single(UserGender)),
    )
    .await;
    ok(
        "add_consent",
        store.add_consent("merchant", bo, Scopes::single(UserGender)),
    )
    .await;
    assert_eq!(
        ok("consent", store.consent("merchant", ana)).await,
        Scopes::from([UserNickname, UserAvatar]),
        "consents to one client accumulate"
    );
    let mut listed = ok("consents", store.consents(ana)).await;
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        listed,
        [
            (
                "merchant".to_owned(),
                Scopes::from([UserNickname, UserAvatar])
            ),
            ("other".to_owned(), Scopes::single(UserGender)),
        ],
        "consents lists every client of the user, and no other user's"
    );
    assert!(ok("remove_consent", store.remove_consent("merchant", ana)).await);
    assert!(
        !ok("remove_consent", store.remove_consent("merchant", ana)).await,
        "removing a consent twice must find none the second time"
    );
    assert_eq!(
        ok("consent", store.consent("merchant", ana)).await,
        Scopes::new()
    );
    assert_eq!(
        ok("consents", store.consents(ana)).await,
        [("other".to_owned(), Scopes::single(UserGender))]
    );
    assert_eq!(
        ok("consent", store.consent("merchant", bo)).await,
        Scopes::single(UserGender),
        "removing one user's consent touched another's"
    );
    assert!(!ok("remove_consent", store.remove_consent("nobody", ana)).await);
}

/// `grants_of` lists the grants of one user to one client that have not expired at `now`,
/// revoked or not, counting the expiry `add_secrets` extended.
pub async fn grants_of_lists_live_grants<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let now = present();
    let minutes = |n: u64| now + Duration::from_secs(60 * n);
    let (short, long, extended, other_client, other_user) = (
        grant_id(10),
        grant_id(11),
        grant_id(12),
        grant_id(13),
        grant_id(14),
    );
    for (id, client, user, expires_at) in [
        (short, "merchant", "2088001", minutes(1)),
        (long, "merchant", "2088001", minutes(2)),
        (extended, "merchant", "2088001", minutes(1)),
        (other_client, "other", "2088001", minutes(2)),
        (other_user, "merchant", "2088002", minutes(2)),
    ] {
        ok(
            "insert_grant",
            store.insert_grant(id, grant(client, user, expires_at), now),
        )
        .await;
    }
    let token = (
        SecretKind::RefreshToken,
        SecretHash::of("refresh"),
        SecretRecord::new(extended, minutes(10)),
    );
    assert!(ok("add_secrets", store.add_secrets(extended, &[token], now)).await);
    assert!(ok("revoke_grant", store.revoke_grant(long)).await);

    let listed = |at: SystemTime| {
        let store = &store;
        async move {
            ok("grants_of", store.grants_of("merchant", "2088001", at))
                .await
                .into_iter()
                .collect::<BTreeSet<_>>()
        }
    };
    assert_eq!(
        listed(now).await,
        BTreeSet::from([short, long, extended]),
        "grants_of lists the live grants of the pair, revoked ones too, and no other pair's"
    );
    assert_eq!(
        listed(minutes(5)).await,
        BTreeSet::from([extended]),
        "grants_of must count the expiry add_secrets extended"
    );
    assert_eq!(
        listed(minutes(1) - Duration::from_nanos(1)).await,
        BTreeSet::from([short, long, extended]),
        "a grant a nanosecond before its expiry is live"
    );
    assert_eq!(
        listed(minutes(1)).await,
        BTreeSet::from([long, extended]),
        "a grant at its expiry has expired"
    );
    assert_eq!(listed(minutes(10)).await, BTreeSet::new());
    assert_eq!(
        ok("grants_of", store.grants_of("nobody", "2088001", now)).await,
        []
    );
}

/// `purge_expired` at the present removes nothing that is still live.
pub async fn purge_keeps_live_entries<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let now = present();
    let id = grant_id(15);
    let (hash, record) = grant_with_secret(
        &store,
        id,
        SecretKind::AccessToken,
        "access",
        now,
        Duration::from_secs(300),
    )
    .await;
    ok("purge_expired", store.purge_expired(now)).await;
    ok(
        "purge_expired",
        store.purge_expired(now + Duration::from_secs(300) - Duration::from_nanos(1)),
    )
    .await;
    assert_eq!(
        ok("secret", store.secret(SecretKind::AccessToken, &hash)).await,
        Some(record),
        "purge_expired removed a live secret"
    );
    assert!(
        ok("grant", store.grant(id)).await.is_some(),
        "purge_expired removed a live grant"
    );
}

/// Every operation on a record that does not exist answers as the trait says, and changes
/// nothing: no grant, no secret, `false` for revoking and adding, no consent, no grants.
pub async fn unknown_records_answer_alike<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let now = present();
    let id = grant_id(0x0dd);
    let hash = SecretHash::of("never issued");
    assert!(ok("client", store.client("nobody")).await.is_none());
    assert!(ok("user", store.user("nobody")).await.is_none());
    assert!(ok("grant", store.grant(id)).await.is_none());
    assert!(
        !ok("revoke_grant", store.revoke_grant(id)).await,
        "revoke_grant of an unknown grant must answer false"
    );
    assert!(
        ok("grant", store.grant(id)).await.is_none(),
        "revoking an unknown grant must not create it"
    );
    let record = SecretRecord::new(id, now + Duration::from_secs(60));
    assert!(
        !ok(
            "add_secrets",
            store.add_secrets(id, &[(SecretKind::AuthCode, hash, record)], now)
        )
        .await,
        "add_secrets for an unknown grant must answer false"
    );
    for kind in [
        SecretKind::AuthCode,
        SecretKind::AccessToken,
        SecretKind::RefreshToken,
    ] {
        assert!(ok("secret", store.secret(kind, &hash)).await.is_none());
        assert!(
            ok("mark_used", store.mark_used(kind, &hash))
                .await
                .is_none(),
            "mark_used of an unknown secret must answer None"
        );
        assert!(
            ok("secret", store.secret(kind, &hash)).await.is_none(),
            "mark_used must not create a record"
        );
    }
    assert!(
        ok("consent", store.consent("nobody", "nobody"))
            .await
            .is_empty()
    );
    assert!(ok("consents", store.consents("nobody")).await.is_empty());
    assert!(!ok("remove_consent", store.remove_consent("nobody", "nobody")).await);
    assert!(
        ok("grants_of", store.grants_of("nobody", "nobody", now))
            .await
            .is_empty()
    );
}
