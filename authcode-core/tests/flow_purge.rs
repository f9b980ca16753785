//! Expired codes and tokens are purged as the in-memory store is written to, so memory stays
//! bounded under sustained load.

extern crate authcode_core as authcode_runtime;

mod flow_fixture;

use std::time::Duration;

use authcode_runtime::flow::{ConsentDecision, EXPIRED_RETENTION, Lifetimes};
use authcode_runtime::wire::ResultCode;
use flow_fixture::{MERCHANT, USER, wallet};

#[tokio::test]
async fn memory_stays_bounded_while_100k_codes_are_issued() {
    let wallet = wallet().await;
    // One code per second, each valid for ten minutes: about 600 live codes (and their
    // grants) at any time, and 600 more within the retention.
    let mut peak = 0;
    for _ in 0..100_000 {
        let response = wallet
            .server
            .get_auth_code(MERCHANT, USER, ["USER_ID"], ConsentDecision::ApproveAll)
            .await;
        assert!(response.auth_code().is_some());
        wallet.clock.advance(Duration::from_secs(1));
        peak = peak.max(wallet.server.store().len());
    }
    // Per table: at most twice the entries to keep (ten minutes of codes, and ten of the
    // retention after), plus 1,024 entries of slack.
    let kept = 600 + EXPIRED_RETENTION.as_secs() as usize;
    let bound = 2 * (2 * kept + 1024);
    assert!(peak <= bound, "peak {peak} entries > {bound}");
    // Without purging, there would be 200,000 entries (a grant and a code per request).
    assert!(peak < 200_000 / 20);
}

#[tokio::test]
async fn live_codes_survive_purging_and_expired_ones_do_not() {
    let wallet = wallet().await.without_code_limits();
    let old = wallet.code(&["USER_ID"]).await;
    // Past its expiry and the retention after it, the old code may go.
    wallet
        .clock
        .advance(Lifetimes::default().auth_code + EXPIRED_RETENTION);
    let mut fresh = Vec::new();
    for _ in 0..5_000 {
        fresh.push(wallet.code(&["USER_ID"]).await);
    }
    assert_eq!(
        wallet.server.purge_expired().await.unwrap(),
        0,
        "sweeps ran as codes were written"
    );
    assert_eq!(wallet.server.store().len(), 2 * fresh.len());
    for code in &fresh {
        assert!(wallet.exchange(code).await.is_ok());
    }
    assert_eq!(
        wallet.exchange(&old).await.unwrap_err().code(),
        ResultCode::InvalidCode
    );
}

#[tokio::test]
async fn an_explicit_purge_releases_everything_expired() {
    let wallet = wallet().await;
    let mut tokens = Vec::new();
    for _ in 0..100 {
        tokens.push(
            wallet
                .exchange(&wallet.code(&["USER_ID"]).await)
                .await
                .unwrap(),
        );
    }
    // 100 grants, 100 used codes, 100 access and 100 refresh tokens.
    assert_eq!(wallet.server.store().len(), 400);
    // Expired entries are kept for the retention (an expired code is told from an unknown
    // one), then purged.
    wallet.clock.advance(Lifetimes::default().auth_code);
    assert_eq!(wallet.server.purge_expired().await.unwrap(), 0);
    wallet.clock.advance(EXPIRED_RETENTION);
    assert_eq!(wallet.server.purge_expired().await.unwrap(), 100);
    wallet.clock.advance(Lifetimes::default().access_token);
    assert_eq!(wallet.server.purge_expired().await.unwrap(), 100);
    // Refresh tokens keep their grants alive, and keep working.
    assert!(wallet.refresh(&tokens[0]).await.is_ok());
    wallet
        .clock
        .advance(Lifetimes::default().refresh_token + EXPIRED_RETENTION);
    wallet.server.purge_expired().await.unwrap();
    assert!(wallet.server.store().is_empty());
}
