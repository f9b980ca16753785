//! The checks of the flow's guarantees on top of the store: an [`AuthServer`] on the store
//! under test, driven as a merchant and a mini program would.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use authcode_core::flow::{
    AccessTokenProblem, AuthServer, ConsentDecision, FlowError, Lifetimes, Store, TokenGrant,
};
use authcode_core::wire::{ApplyTokenRequest, InquiryUserInfoRequest, RevokeRequest, Tokens};
use authcode_core::{AuthCode, ManualClock, ScopeSet, UserInfo};
use tokio::sync::Barrier;

use crate::interleave::Interleaved;
use crate::{AlipayPlusScope, ok, present};

const MERCHANT: &str = "2022000000000001";
const USER: &str = "2088001";
const RACERS: usize = 64;

/// The lifetimes of the checks: minutes, so that a store expiring entries by its own clock
/// keeps them all while a check runs.
const LIFETIMES: Lifetimes = Lifetimes {
    auth_code: Duration::from_secs(120),
    access_token: Duration::from_secs(300),
    refresh_token: Duration::from_secs(600),
};

/// A wallet on the store under test, its clock stopped at [`present`].
struct Wallet<St: Store<AlipayPlusScope>> {
    auth: Arc<AuthServer<AlipayPlusScope, St>>,
    clock: ManualClock,
}

impl<St: Store<AlipayPlusScope> + 'static> Wallet<St> {
    async fn on(store: St) -> Wallet<St> {
        let clock = ManualClock::new(present());
        let auth = AuthServer::with_store(store)
            .with_clock(clock.clone())
            .with_lifetimes(LIFETIMES);
        ok(
            "register_client",
            auth.register_client(MERCHANT, ScopeSet::all()),
        )
        .await;
        let ana = UserInfo {
            nick_name: Some("Ana".into()),
            ..UserInfo::default()
        };
        ok("add_user", auth.add_user(USER, ana)).await;
        Wallet {
            auth: Arc::new(auth),
            clock,
        }
    }

    /// A code for USER_ID and USER_NICKNAME, approved.
    async fn code(&self) -> AuthCode {
        let response = self
            .auth
            .get_auth_code(
                MERCHANT,
                USER,
                ["USER_ID", "USER_NICKNAME"],
                ConsentDecision::ApproveAll,
            )
            .await;
        match response.auth_code() {
            Some(code) => code.clone(),
            None => panic!("getAuthCode issued no code: {:?}", response.error_message()),
        }
    }

    async fn exchange(&self, code: &AuthCode) -> Result<TokenGrant<AlipayPlusScope>, FlowError> {
        let request = ApplyTokenRequest::authorization_code(code.clone());
        self.auth.apply_token(MERCHANT, &request).await
    }

    async fn tokens(&self, code: &AuthCode) -> Tokens {
        match self.exchange(code).await {
            Ok(grant) => grant.tokens,
            Err(err) => panic!("the first exchange of a fresh code failed: {err}"),
        }
    }

    async fn refresh(&self, tokens: &Tokens) -> Result<TokenGrant<AlipayPlusScope>, FlowError> {
        let token = tokens.refresh_token.clone().expect("a refresh token");
        self.auth
            .apply_token(MERCHANT, &ApplyTokenRequest::refresh(token))
            .await
    }

    async fn inquiry(&self, tokens: &Tokens) -> Result<UserInfo, FlowError> {
        let request = InquiryUserInfoRequest::new(tokens.access_token.clone());
        self.auth.inquiry_user_info(MERCHANT, &request).await
    }

    /// Fails the check unless `tokens` are dead: the access token revoked and the refresh
    /// token refused.
    async fn assert_dead(&self, tokens: &Tokens, why: &str) {
        assert_eq!(
            self.inquiry(tokens).await.err(),
            Some(FlowError::InvalidAccessToken(AccessTokenProblem::Revoked)),
            "{why}: the access token must be revoked"
        );
        assert_eq!(
            self.refresh(tokens).await.err(),
            Some(FlowError::InvalidRefreshToken),
            "{why}: the refresh token must be refused"
        );
    }
}

/// A code presented again is `USED_CODE`, and revokes what the first exchange issued.
pub async fn replayed_code_revokes_grant<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let wallet = Wallet::on(store).await;
    let code = wallet.code().await;
    let tokens = wallet.tokens(&code).await;
    let user = wallet
        .inquiry(&tokens)
        .await
        .expect("a fresh access token works");
    assert_eq!(user.nick_name.as_deref(), Some("Ana"));
    assert_eq!(
        wallet.exchange(&code).await.err(),
        Some(FlowError::UsedCode)
    );
    wallet
        .assert_dead(&tokens, "after a replay of the code")
        .await;
    assert_eq!(
        wallet.exchange(&code).await.err(),
        Some(FlowError::UsedCode),
        "a used code stays used"
    );
}

/// 64 exchanges of one code at once: exactly one succeeds, the others are `USED_CODE`, and
/// the winner's tokens are dead, whichever order the store saw the revocation and the
/// winner's tokens in.
pub async fn concurrent_exchanges_of_one_code<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let wallet = Arc::new(Wallet::on(store).await);
    let code = wallet.code().await;
    let start = Arc::new(Barrier::new(RACERS));
    let exchanges: Vec<_> = (0..RACERS)
        .map(|_| {
            let (wallet, start, code) = (Arc::clone(&wallet), Arc::clone(&start), code.clone());
            tokio::spawn(async move {
                start.wait().await;
                wallet.exchange(&code).await
            })
        })
        .collect();
    let mut winners = Vec::new();
    for exchange in exchanges {
        match exchange.await.expect("an exchange panicked") {
            Ok(grant) => winners.push(grant.tokens),
            Err(FlowError::UsedCode) => {}
            Err(err) => panic!("a concurrent exchange failed otherwise than USED_CODE: {err}"),
        }
    }
    assert_eq!(
        winners.len(),
        1,
        "of {RACERS} concurrent exchanges of one code, exactly one must succeed"
    );
    wallet
        .assert_dead(&winners[0], "after concurrent replays of the code")
        .await;
}

/// A refresh token rotates; the old one presented again is `USED_REFRESH_TOKEN` and revokes
/// the whole family, the tokens of the rotation included.
pub async fn reused_refresh_token_revokes_family<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let wallet = Wallet::on(store).await;
    let first = wallet.tokens(&wallet.code().await).await;
    let second = wallet
        .refresh(&first)
        .await
        .expect("the first refresh succeeds")
        .tokens;
    assert_ne!(second.access_token, first.access_token);
    wallet
        .inquiry(&second)
        .await
        .expect("the rotated access token works");
    assert_eq!(
        wallet.refresh(&first).await.err(),
        Some(FlowError::UsedRefreshToken)
    );
    wallet
        .assert_dead(&second, "after a reuse of the old refresh token")
        .await;
    assert_eq!(
        wallet.inquiry(&first).await.err(),
        Some(FlowError::InvalidAccessToken(AccessTokenProblem::Revoked))
    );
}

/// A revocation landing between the winning exchange's test-and-set and its tokens (as a
/// racing replay does) leaves the new tokens dead.
pub async fn revocation_during_exchange_leaves_tokens_dead<St: Store<AlipayPlusScope> + 'static>(
    store: St,
) {
    let wallet = Wallet::on(Interleaved::new(store)).await;
    let code = wallet.code().await;
    wallet
        .auth
        .store()
        .revoke_before_issue
        .store(true, std::sync::atomic::Ordering::SeqCst);
    // The exchange came first, so it is answered; its tokens are dead from the revocation on.
    let tokens = wallet.tokens(&code).await;
    wallet
        .assert_dead(&tokens, "after a revocation during the exchange")
        .await;
}

/// Expiry is exact: a code, an access token or a refresh token presented a nanosecond before
/// its `expires_at` is live; at `expires_at` it has expired.
pub async fn expiry_at_the_boundary<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let wallet = Wallet::on(store).await;
    let issued = present();
    let (early, late) = (wallet.code().await, wallet.code().await);
    let code_expiry = issued + LIFETIMES.auth_code;
    let nanosecond = Duration::from_nanos(1);

    wallet.clock.set(code_expiry);
    assert_eq!(
        wallet.exchange(&late).await.err(),
        Some(FlowError::ExpiredCode),
        "a code presented at its expiry must have expired"
    );
    wallet.clock.set(code_expiry - nanosecond);
    let tokens = wallet
        .exchange(&early)
        .await
        .expect("a code a nanosecond before its expiry is live")
        .tokens;
    assert_eq!(
        tokens.access_token_expiry_time,
        code_expiry - nanosecond + LIFETIMES.access_token
    );

    let access_expiry = tokens.access_token_expiry_time;
    wallet.clock.set(access_expiry);
    assert_eq!(
        wallet.inquiry(&tokens).await.err(),
        Some(FlowError::InvalidAccessToken(AccessTokenProblem::Expired)),
        "an access token presented at its expiry must have expired"
    );
    wallet.clock.set(access_expiry - nanosecond);
    wallet
        .inquiry(&tokens)
        .await
        .expect("an access token a nanosecond before its expiry is live");

    let refresh_expiry: SystemTime = tokens.refresh_token_expiry_time.expect("refresh expiry");
    wallet.clock.set(refresh_expiry);
    assert_eq!(
        wallet.refresh(&tokens).await.err(),
        Some(FlowError::ExpiredRefreshToken),
        "a refresh token presented at its expiry must have expired"
    );
    wallet.clock.set(refresh_expiry - nanosecond);
    wallet
        .refresh(&tokens)
        .await
        .expect("a refresh token a nanosecond before its expiry is live (and an expired attempt did not use it up)");
}

/// revoke (cancelToken) kills the grant's tokens, and sending it again succeeds again.
pub async fn revoke_is_idempotent<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let wallet = Wallet::on(store).await;
    let tokens = wallet.tokens(&wallet.code().await).await;
    let request = RevokeRequest::new(tokens.access_token.clone());
    for attempt in ["first", "second"] {
        if let Err(err) = wallet.auth.revoke(MERCHANT, &request).await {
            panic!("the {attempt} revoke failed: {err}");
        }
    }
    wallet.assert_dead(&tokens, "after revoke").await;
    let other = wallet.tokens(&wallet.code().await).await;
    wallet
        .inquiry(&other)
        .await
        .expect("revoking one grant left another grant of the pair alone");
}

/// A user withdrawing their consent revokes every live grant of theirs to the client, the
/// consent is forgotten, and withdrawing again revokes nothing more.
pub async fn withdrawn_consent_revokes_grants<St: Store<AlipayPlusScope> + 'static>(store: St) {
    let wallet = Wallet::on(store).await;
    let first = wallet.tokens(&wallet.code().await).await;
    let second = wallet.tokens(&wallet.code().await).await;
    let unexchanged = wallet.code().await;
    let consents = ok("consents", wallet.auth.consents(USER)).await;
    assert_eq!(
        consents,
        [(
            MERCHANT.to_owned(),
            ScopeSet::single(AlipayPlusScope::UserNickname)
        )],
        "the approved proactive scope is remembered"
    );
    let revoked = ok("revoke_consent", wallet.auth.revoke_consent(MERCHANT, USER)).await;
    assert_eq!(
        revoked.len(),
        3,
        "revoke_consent revokes every live grant of the pair (two exchanged, one not)"
    );
    wallet
        .assert_dead(&first, "after the consent was withdrawn")
        .await;
    wallet
        .assert_dead(&second, "after the consent was withdrawn")
        .await;
    assert_eq!(
        wallet.exchange(&unexchanged).await.err(),
        Some(FlowError::InvalidCode),
        "a code of a withdrawn consent must be refused"
    );
    assert_eq!(ok("consents", wallet.auth.consents(USER)).await, []);
    assert_eq!(
        ok("revoke_consent", wallet.auth.revoke_consent(MERCHANT, USER)).await,
        [],
        "withdrawing again revokes nothing more"
    );
}

/// A withdrawal of the consent (an unbind) racing a getAuthCode that relies on it is
/// linearizable: the withdrawal runs entirely between the authorization's reading of the
/// consent and its storing of the new grant, and yet no code of the withdrawn consent
/// survives. Either the new code's grant is revoked, or the user was asked again after the
/// withdrawal and the consent is on record anew.
pub async fn withdrawal_racing_issuance_is_linearizable<St: Store<AlipayPlusScope> + 'static>(
    store: St,
) {
    let wallet = Wallet::on(Interleaved::new(store)).await;
    // The user consented once: USER_NICKNAME is remembered.
    let before = wallet.code().await;
    wallet
        .auth
        .store()
        .withdraw_before_grant
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let raced = wallet.code().await;
    assert!(
        !wallet
            .auth
            .store()
            .withdraw_before_grant
            .load(std::sync::atomic::Ordering::SeqCst),
        "the withdrawal ran inside the authorization"
    );
    assert_eq!(
        wallet.exchange(&before).await.err(),
        Some(FlowError::InvalidCode),
        "the code issued before the withdrawal is revoked"
    );
    let consents = ok("consents", wallet.auth.consents(USER)).await;
    match wallet.exchange(&raced).await {
        Ok(_) => assert_eq!(
            consents,
            [(
                MERCHANT.to_owned(),
                ScopeSet::single(AlipayPlusScope::UserNickname)
            )],
            "a code issued after the withdrawal needs the user's consent again"
        ),
        Err(err) => assert_eq!(err, FlowError::InvalidCode, "{consents:?}"),
    }
}

/// Expired and unknown credentials get the same answers on every store, whether the store
/// still holds an expired record or has forgotten it: within
/// [`EXPIRED_RETENTION`](authcode_core::flow::EXPIRED_RETENTION) of its expiry a code or
/// token is expired (`EXPIRED_CODE`, an expired access token revoked again gets its success),
/// and from then on it is unknown, as one never issued.
pub async fn expired_and_unknown_credentials_answer_alike<St: Store<AlipayPlusScope> + 'static>(
    store: St,
) {
    use authcode_core::flow::EXPIRED_RETENTION;
    use authcode_core::{AccessToken, RefreshToken};

    let wallet = Wallet::on(store).await;
    let revoke = |token: &AccessToken| {
        let request = RevokeRequest::new(token.clone());
        let auth = Arc::clone(&wallet.auth);
        async move { auth.revoke(MERCHANT, &request).await }
    };
    // Never issued: unknown everywhere.
    let unknown = Tokens {
        access_token: AccessToken::new("never-issued-access"),
        refresh_token: Some(RefreshToken::new("never-issued-refresh")),
        ..wallet.tokens(&wallet.code().await).await
    };
    assert_eq!(
        wallet.exchange(&AuthCode::new("never-issued")).await.err(),
        Some(FlowError::InvalidCode)
    );
    assert_eq!(
        wallet.inquiry(&unknown).await.err(),
        Some(FlowError::InvalidAccessToken(AccessTokenProblem::Unknown))
    );
    assert_eq!(
        revoke(&unknown.access_token).await.err(),
        Some(FlowError::InvalidAccessToken(AccessTokenProblem::Unknown))
    );
    assert_eq!(
        wallet.refresh(&unknown).await.err(),
        Some(FlowError::InvalidRefreshToken)
    );

    // Each credential at its expiry (within the retention: expired), then at its expiry plus
    // the retention (unknown, held by the store or not).
    let code = wallet.code().await;
    let code_expiry = present() + LIFETIMES.auth_code;
    let tokens = wallet.tokens(&wallet.code().await).await;
    let access_expiry = tokens.access_token_expiry_time;
    let refresh_expiry = tokens.refresh_token_expiry_time.expect("refresh expiry");

    wallet.clock.set(code_expiry);
    assert_eq!(
        wallet.exchange(&code).await.err(),
        Some(FlowError::ExpiredCode)
    );
    wallet.clock.set(code_expiry + EXPIRED_RETENTION);
    assert_eq!(
        wallet.exchange(&code).await.err(),
        Some(FlowError::InvalidCode)
    );

    wallet.clock.set(access_expiry);
    assert_eq!(
        wallet.inquiry(&tokens).await.err(),
        Some(FlowError::InvalidAccessToken(AccessTokenProblem::Expired))
    );
    if let Err(err) = revoke(&tokens.access_token).await {
        panic!("revoking an expired access token within its retention must succeed: {err}");
    }
    wallet.clock.set(access_expiry + EXPIRED_RETENTION);
    assert_eq!(
        wallet.inquiry(&tokens).await.err(),
        Some(FlowError::InvalidAccessToken(AccessTokenProblem::Unknown))
    );
    assert_eq!(
        revoke(&tokens.access_token).await.err(),
        Some(FlowError::InvalidAccessToken(AccessTokenProblem::Unknown))
    );

    // The revocation above killed the refresh token too; a fresh pair for the refresh checks.
    let tokens = wallet.tokens(&wallet.code().await).await;
    let refresh_expiry = tokens.refresh_token_expiry_time.unwrap_or(refresh_expiry);
    wallet.clock.set(refresh_expiry);
    assert_eq!(
        wallet.refresh(&tokens).await.err(),
        Some(FlowError::ExpiredRefreshToken)
    );
    wallet.clock.set(refresh_expiry + EXPIRED_RETENTION);
    assert_eq!(
        wallet.refresh(&tokens).await.err(),
        Some(FlowError::InvalidRefreshToken)
    );
}
