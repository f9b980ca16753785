//! Many threads redeeming the same codes and refresh tokens at once: exactly one wins each.
//! The threads are the point here, so each runs the flow's futures with `flow::block_on`.

extern crate authcode_core as authcode_runtime;

mod flow_fixture;

use std::sync::Barrier;
use std::thread;

use authcode_runtime::wire::ResultCode;
use flow_fixture::{refresh_token_of, wallet_blocking as wallet};

const THREADS: usize = 8;
const CODES: usize = 300;

#[test]
fn exactly_one_of_many_simultaneous_exchanges_of_a_code_succeeds() {
    let wallet = wallet();
    let codes: Vec<_> = (0..CODES)
        .map(|_| wallet.code_blocking(&["USER_ID"]))
        .collect();
    let barrier = Barrier::new(THREADS);

    // Every thread tries every code, all threads on the same code at the same moment: a
    // barrier before each one lines them up.
    let outcomes: Vec<Vec<(usize, Result<_, ResultCode>)>> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                let (wallet, codes, barrier) = (&wallet, &codes, &barrier);
                scope.spawn(move || {
                    (0..CODES)
                        .map(|index| {
                            barrier.wait();
                            let outcome = wallet
                                .exchange_blocking(&codes[index])
                                .map_err(|e| e.code());
                            (index, outcome)
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let mut wins = vec![Vec::new(); CODES];
    for (index, outcome) in outcomes.into_iter().flatten() {
        match outcome {
            Ok(tokens) => wins[index].push(tokens),
            Err(code) => assert_eq!(code, ResultCode::UsedCode),
        }
    }
    for (index, winners) in wins.iter().enumerate() {
        assert_eq!(
            winners.len(),
            1,
            "code {index} was redeemed {} times",
            winners.len()
        );
    }
    // Each code was presented again after its redemption, so every winner's tokens were
    // revoked (RFC 6749 §4.1.2).
    for winners in &wins {
        assert_eq!(
            wallet.user_info_blocking(&winners[0]).unwrap_err().code(),
            ResultCode::InvalidAccessToken
        );
    }
}

#[test]
fn exactly_one_of_many_simultaneous_rotations_of_a_refresh_token_succeeds() {
    let wallet = wallet();
    let families: Vec<_> = (0..50)
        .map(|_| {
            wallet
                .exchange_blocking(&wallet.code_blocking(&["USER_ID"]))
                .unwrap()
        })
        .collect();
    let barrier = Barrier::new(THREADS);
    let winners: Vec<_> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                let (wallet, families, barrier) = (&wallet, &families, &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    families
                        .iter()
                        .filter_map(|tokens| match wallet.refresh_blocking(tokens) {
                            Ok(rotated) => Some(rotated),
                            Err(err) => {
                                assert!(
                                    matches!(
                                        err.code(),
                                        ResultCode::UsedRefreshToken
                                            | ResultCode::InvalidRefreshToken
                                    ),
                                    "{err}"
                                );
                                None
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(winners.len(), families.len());
    // Exactly one per family: every family's customer is the same, so compare by the
    // original refresh token each winner replaced.
    let distinct: std::collections::HashSet<_> = winners
        .iter()
        .map(|t| refresh_token_of(t).expose().to_owned())
        .collect();
    assert_eq!(distinct.len(), families.len());
    // The losers reused a rotated token, so each family, the winner's new tokens included,
    // was revoked.
    for rotated in &winners {
        assert_eq!(
            wallet.user_info_blocking(rotated).unwrap_err().code(),
            ResultCode::InvalidAccessToken
        );
    }
}

#[test]
fn authorizations_from_many_threads_all_get_distinct_working_codes() {
    let wallet = wallet();
    let codes: Vec<_> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    (0..100)
                        .map(|_| wallet.code_blocking(&["USER_ID"]))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let distinct: std::collections::HashSet<_> = codes.iter().map(|c| c.expose()).collect();
    assert_eq!(distinct.len(), THREADS * 100);
    for code in &codes {
        assert!(wallet.exchange_blocking(code).is_ok());
    }
}
