//! Every operation of the flow at once: threads issuing codes, redeeming them (replays and
//! wrong clients included), rotating refresh tokens (reused ones included), inquiring with
//! access tokens and purging, all on one in-memory `AuthServer`. Every outcome is written to a
//! ledger, and at the end the ledger and the server must agree on every invariant:
//!
//! The threads are the point, so each runs the flow's futures with `flow::block_on` (the
//! in-memory store's futures are ready at once).
//!
//! - each code is redeemed at most once, and a code presented by its client is redeemed
//!   exactly once (a racing replay never makes both attempts fail: no lost grant);
//! - each refresh token is rotated at most once;
//! - a family (the tokens descending from one code) is revoked exactly when its code or one of
//!   its refresh tokens was presented twice, and then none of its tokens works any more;
//! - every other family still works: its newest access token reads the profile, its newest
//!   refresh token rotates;
//! - tokens are never handed out twice, and the store holds exactly the grants, codes and
//!   tokens the ledger says were issued (nothing lost, nothing duplicated).
//!
//! `flow_concurrency.rs` lines threads up on one operation at a time; this test mixes them.

#[path = "../../authcode-core/tests/flow_fixture/mod.rs"]
mod flow_fixture;

use std::collections::{HashMap, HashSet};
use std::sync::{Barrier, Mutex, PoisonError};
use std::thread;

use authcode_runtime::flow::{ConsentDecision, block_on};
use authcode_runtime::wire::{
    AccessToken, ApplyTokenRequest, InquiryUserInfoRequest, RefreshToken, ResultCode,
};
use authcode_runtime::{AuthCode, ScopeSet, UserInfo};
use flow_fixture::{
    AlipayPlusScope, MERCHANT, OTHER_MERCHANT, Wallet, ana, refresh_token_of, wallet_blocking,
};
use serde_json::{Map, Value, json};

const THREADS: usize = 8;
const OPS_PER_THREAD: usize = 6_000;
/// Redemptions and rotations pick among the newest few codes and tokens, so that several
/// threads often hold the same one at the same moment.
const HOT: usize = 6;
const CLIENTS: [&str; 2] = [MERCHANT, OTHER_MERCHANT];
const USERS: [&str; 3] = ["2088001", "2088002", "2088003"];
const SCOPE_NAMES: [&str; 6] = [
    "USER_ID",
    "USER_NICKNAME",
    "USER_AVATAR",
    "USER_GENDER",
    "USER_NAME",
    "HASH_LOGIN_ID",
];

/// One code as issued: the family it starts.
struct Family {
    code: AuthCode,
    client: &'static str,
    user: &'static str,
    scopes: ScopeSet<AlipayPlusScope>,
    /// Presentations of the code by its own client, and how many succeeded.
    code_attempts: usize,
    code_wins: usize,
}

/// One token pair handed out (by a redemption or a rotation).
struct Pair {
    family: usize,
    access: AccessToken,
    refresh: RefreshToken,
    refresh_attempts: usize,
    refresh_wins: usize,
}

#[derive(Default)]
struct Ledger {
    families: Vec<Family>,
    pairs: Vec<Pair>,
    /// Successful inquiries: family and what came back.
    reads: Vec<(usize, UserInfo)>,
    /// Outcomes that break an invariant at once, kept to report them all.
    violations: Vec<String>,
    operations: HashMap<&'static str, usize>,
}

impl Ledger {
    fn count(&mut self, operation: &'static str) {
        *self.operations.entry(operation).or_default() += 1;
    }
}

/// A small deterministic generator per thread (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

fn lock(ledger: &Mutex<Ledger>) -> std::sync::MutexGuard<'_, Ledger> {
    ledger.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An index among the newest `HOT` of `len` items.
fn hot(rng: &mut Rng, len: usize) -> usize {
    len - 1 - rng.below(len.min(HOT))
}

fn issue(wallet: &Wallet, ledger: &Mutex<Ledger>, rng: &mut Rng) {
    let client = CLIENTS[rng.below(CLIENTS.len())];
    let user = USERS[rng.below(USERS.len())];
    let names: Vec<&str> = SCOPE_NAMES
        .iter()
        .copied()
        .filter(|_| rng.below(2) == 0)
        .chain(["USER_ID"])
        .collect();
    let response = block_on(wallet.server.get_auth_code(
        client,
        user,
        &names,
        ConsentDecision::ApproveAll,
    ));
    let mut ledger = lock(ledger);
    ledger.count("issue");
    match response.auth_code() {
        Some(code) => {
            let family = Family {
                code: code.clone(),
                client,
                user,
                scopes: response.granted(),
                code_attempts: 0,
                code_wins: 0,
            };
            ledger.families.push(family);
        }
        None => ledger
            .violations
            .push(format!("no code issued: {response:?}")),
    }
}

fn redeem(wallet: &Wallet, ledger: &Mutex<Ledger>, rng: &mut Rng) {
    let (index, code, client) = {
        let ledger = lock(ledger);
        if ledger.families.is_empty() {
            return;
        }
        let index = hot(rng, ledger.families.len());
        let family = &ledger.families[index];
        (index, family.code.clone(), family.client)
    };
    // One in five presentations comes from the other client: refused as an unknown code, and
    // not a use.
    let wrong_client = rng.below(5) == 0;
    let presenter = if wrong_client {
        CLIENTS.iter().copied().find(|c| *c != client).unwrap()
    } else {
        client
    };
    let outcome = block_on(
        wallet
            .server
            .apply_token(presenter, &ApplyTokenRequest::authorization_code(code)),
    );
    let mut ledger = lock(ledger);
    ledger.count("redeem");
    match (wrong_client, outcome) {
        (true, Err(err)) if err.code() == ResultCode::InvalidCode => {}
        (true, other) => ledger
            .violations
            .push(format!("a wrong client's redemption gave {other:?}")),
        (false, Ok(tokens)) => {
            ledger.families[index].code_attempts += 1;
            ledger.families[index].code_wins += 1;
            if tokens.scopes != ledger.families[index].scopes
                || tokens.tokens.customer_id.as_deref() != Some(ledger.families[index].user)
            {
                ledger
                    .violations
                    .push(format!("code {index} redeemed for another grant"));
            }
            ledger.pairs.push(Pair {
                family: index,
                refresh: refresh_token_of(&tokens).clone(),
                access: tokens.tokens.access_token,
                refresh_attempts: 0,
                refresh_wins: 0,
            });
        }
        (false, Err(err)) => {
            ledger.families[index].code_attempts += 1;
            if err.code() != ResultCode::UsedCode {
                ledger
                    .violations
                    .push(format!("redeeming code {index} failed with {err}"));
            }
        }
    }
}

fn rotate(wallet: &Wallet, ledger: &Mutex<Ledger>, rng: &mut Rng) {
    let (index, token, client) = {
        let ledger = lock(ledger);
        if ledger.pairs.is_empty() {
            return;
        }
        let index = hot(rng, ledger.pairs.len());
        let pair = &ledger.pairs[index];
        (
            index,
            pair.refresh.clone(),
            ledger.families[pair.family].client,
        )
    };
    let outcome = block_on(
        wallet
            .server
            .apply_token(client, &ApplyTokenRequest::refresh(token)),
    );
    let mut ledger = lock(ledger);
    ledger.count("rotate");
    ledger.pairs[index].refresh_attempts += 1;
    let family = ledger.pairs[index].family;
    match outcome {
        Ok(tokens) => {
            ledger.pairs[index].refresh_wins += 1;
            ledger.pairs.push(Pair {
                family,
                refresh: refresh_token_of(&tokens).clone(),
                access: tokens.tokens.access_token,
                refresh_attempts: 0,
                refresh_wins: 0,
            });
        }
        // Used: a replay. Invalid: the family was revoked meanwhile.
        Err(err)
            if matches!(
                err.code(),
                ResultCode::UsedRefreshToken | ResultCode::InvalidRefreshToken
            ) => {}
        Err(err) => ledger
            .violations
            .push(format!("rotating token {index} failed with {err}")),
    }
}

fn inquire(wallet: &Wallet, ledger: &Mutex<Ledger>, rng: &mut Rng) {
    let (family, token, client) = {
        let ledger = lock(ledger);
        if ledger.pairs.is_empty() {
            return;
        }
        let pair = &ledger.pairs[rng.below(ledger.pairs.len())];
        (
            pair.family,
            pair.access.clone(),
            ledger.families[pair.family].client,
        )
    };
    let outcome = block_on(
        wallet
            .server
            .inquiry_user_info(client, &InquiryUserInfoRequest::new(token)),
    );
    let mut ledger = lock(ledger);
    ledger.count("inquire");
    match outcome {
        Ok(user) => ledger.reads.push((family, user)),
        Err(err) if err.code() == ResultCode::InvalidAccessToken => {}
        Err(err) => ledger.violations.push(format!("inquiry failed with {err}")),
    }
}

/// What each scope the workload requests releases of [`ana`]'s profile, written out. The
/// scopes release disjoint top-level fields, so what a combination releases is the union of
/// these objects (checked as it is built); `userId` is the family's user, filled in then.
const RELEASES: [(&str, &str); 6] = [
    ("USER_ID", r#"{"userId": null}"#),
    ("USER_NICKNAME", r#"{"nickName": "Ana"}"#),
    (
        "USER_AVATAR",
        r#"{"avatar": "https://example.com/ana.png"}"#,
    ),
    ("USER_GENDER", r#"{"gender": "FEMALE"}"#),
    (
        "USER_NAME",
        r#"{"userName": {"fullName": "Ana Cruz", "firstName": "Ana", "lastName": "Cruz"}}"#,
    ),
    (
        "HASH_LOGIN_ID",
        r#"{"loginIdInfos": [{"loginIdType": "MOBILE_PHONE", "hashLoginId": "9f86d081884c7d65"}]}"#,
    ),
];

/// The profile a token of `family` must read, as JSON: the literal releases of its scopes.
fn expected_profile(family: &Family) -> Value {
    let mut profile = Map::new();
    for scope in family.scopes.iter() {
        let (_, release) = RELEASES
            .iter()
            .find(|(name, _)| *name == scope.as_str())
            .unwrap_or_else(|| panic!("no release written out for {scope}"));
        let Value::Object(fields) = serde_json::from_str(release).expect("a JSON object") else {
            panic!("{release} is not an object")
        };
        for (key, value) in fields {
            assert!(
                profile.insert(key.clone(), value).is_none(),
                "two scopes release {key}"
            );
        }
    }
    if let Some(user_id) = profile.get_mut("userId") {
        *user_id = json!(family.user);
    }
    Value::Object(profile)
}

/// `user` as the JSON inquiryUserInfo answers with.
fn json_of(user: &UserInfo) -> Value {
    serde_json::to_value(user).expect("a profile serializes")
}

#[test]
fn every_invariant_holds_after_a_mixed_concurrent_workload() {
    // Many codes of few users stay unexchanged here: the workload is about invariants, and the
    // bounds on live codes have tests of their own.
    let wallet = wallet_blocking().without_code_limits();
    for user in USERS {
        block_on(wallet.server.add_user(user, ana())).unwrap();
    }
    let ledger = Mutex::new(Ledger::default());
    let barrier = Barrier::new(THREADS);

    thread::scope(|scope| {
        for thread_index in 0..THREADS {
            let (wallet, ledger, barrier) = (&wallet, &ledger, &barrier);
            scope.spawn(move || {
                let mut rng =
                    Rng(0x9e37_79b9_7f4a_7c15 ^ ((thread_index as u64 + 1) * 0x1000_0001));
                barrier.wait();
                for _ in 0..OPS_PER_THREAD {
                    match rng.below(20) {
                        0..=4 => issue(wallet, ledger, &mut rng),
                        5..=9 => redeem(wallet, ledger, &mut rng),
                        10..=13 => rotate(wallet, ledger, &mut rng),
                        14..=18 => inquire(wallet, ledger, &mut rng),
                        // Nothing has expired (the clock stands still): a purge must drop
                        // nothing, while everything else runs.
                        _ => {
                            let purged = block_on(wallet.server.purge_expired()).unwrap();
                            let mut ledger = lock(ledger);
                            ledger.count("purge");
                            if purged != 0 {
                                ledger
                                    .violations
                                    .push(format!("purged {purged} live entries"));
                            }
                        }
                    }
                }
            });
        }
    });

    let ledger = ledger.into_inner().unwrap();
    assert!(
        ledger.violations.is_empty(),
        "{} violations, first ones: {:#?}",
        ledger.violations.len(),
        &ledger.violations[..ledger.violations.len().min(10)]
    );
    for (operation, minimum) in [
        ("issue", 1_000),
        ("redeem", 1_000),
        ("rotate", 1_000),
        ("inquire", 1_000),
    ] {
        let done = ledger.operations.get(operation).copied().unwrap_or(0);
        assert!(done >= minimum, "only {done} {operation} operations ran");
    }

    // Codes: at most one win each, and exactly one when presented at all.
    let mut replayed_codes = 0;
    for (index, family) in ledger.families.iter().enumerate() {
        assert!(
            family.code_wins <= 1,
            "code {index} redeemed {} times",
            family.code_wins
        );
        if family.code_attempts > 0 {
            assert_eq!(
                family.code_wins, 1,
                "code {index}: presented, never redeemed"
            );
        }
        replayed_codes += usize::from(family.code_attempts > 1);
    }
    assert!(
        replayed_codes > 100,
        "only {replayed_codes} codes were replayed"
    );

    // Refresh tokens: at most one rotation each.
    let mut reused_tokens = 0;
    for (index, pair) in ledger.pairs.iter().enumerate() {
        assert!(
            pair.refresh_wins <= 1,
            "token {index} rotated {} times",
            pair.refresh_wins
        );
        reused_tokens += usize::from(pair.refresh_attempts > 1);
    }
    assert!(
        reused_tokens > 100,
        "only {reused_tokens} refresh tokens were reused"
    );

    // No token handed out twice.
    let accesses: HashSet<&str> = ledger.pairs.iter().map(|p| p.access.expose()).collect();
    let refreshes: HashSet<&str> = ledger.pairs.iter().map(|p| p.refresh.expose()).collect();
    assert_eq!(accesses.len(), ledger.pairs.len());
    assert_eq!(refreshes.len(), ledger.pairs.len());

    // Every read gave the family's user, cut to the family's scopes.
    for (family, user) in &ledger.reads {
        assert_eq!(json_of(user), expected_profile(&ledger.families[*family]));
    }

    // The store holds exactly what was issued: a grant and a code per family, an access and a
    // refresh token per pair. Nothing expired, so nothing may be missing or extra.
    let expected_entries = 2 * ledger.families.len() + 2 * ledger.pairs.len();
    assert_eq!(wallet.server.store().len(), expected_entries);

    // A family is revoked exactly when its code or one of its refresh tokens was presented
    // twice.
    let mut revoked = vec![false; ledger.families.len()];
    for (index, family) in ledger.families.iter().enumerate() {
        revoked[index] |= family.code_attempts > 1;
    }
    for pair in &ledger.pairs {
        revoked[pair.family] |= pair.refresh_attempts > 1;
    }
    let newest: HashMap<usize, &Pair> = ledger.pairs.iter().map(|p| (p.family, p)).collect();
    let (mut dead, mut alive) = (0, 0);
    for pair in &ledger.pairs {
        let family = &ledger.families[pair.family];
        let read = block_on(wallet.server.inquiry_user_info(
            family.client,
            &InquiryUserInfoRequest::new(pair.access.clone()),
        ));
        if revoked[pair.family] {
            // No token of a replayed code (or reused refresh token) still works.
            assert_eq!(read.unwrap_err().code(), ResultCode::InvalidAccessToken);
            dead += 1;
        } else {
            assert_eq!(
                json_of(&read.unwrap()),
                expected_profile(family),
                "a live family lost its grant"
            );
            alive += 1;
        }
    }
    for (&index, pair) in &newest {
        let family = &ledger.families[index];
        let rotated = block_on(wallet.server.apply_token(
            family.client,
            &ApplyTokenRequest::refresh(pair.refresh.clone()),
        ));
        match (revoked[index], pair.refresh_attempts, rotated) {
            (true, _, Err(err)) => assert!(
                matches!(
                    err.code(),
                    ResultCode::InvalidRefreshToken | ResultCode::UsedRefreshToken
                ),
                "{err}"
            ),
            (false, 0, Ok(tokens)) => assert_eq!(tokens.scopes, family.scopes),
            (revoked, attempts, outcome) => panic!(
                "family {index} (revoked: {revoked}, newest token presented {attempts} times): {outcome:?}"
            ),
        }
    }
    assert!(
        dead > 100 && alive > 100,
        "{dead} dead and {alive} live token pairs"
    );
    println!(
        "{} families, {} token pairs, {} reads; {replayed_codes} replayed codes, {reused_tokens} \
         reused refresh tokens; operations: {:?}",
        ledger.families.len(),
        ledger.pairs.len(),
        ledger.reads.len(),
        ledger.operations
    );
}
