//! Many merchant clients racing over HTTP to redeem the same codes: for each code exactly one
//! exchange wins, every other one gets USED_CODE, and the replays revoke the winner's tokens.

mod http_support;

use std::sync::Arc;

use authcode_client::ClientError;
use authcode_runtime::UserInfo;
use authcode_runtime::wire::ResultCode;
use http_support::Emulator;
use tokio::sync::Barrier;

const CLIENTS: usize = 10;
const CODES: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn exactly_one_of_many_concurrent_exchanges_of_a_code_wins() {
    let emulator = Emulator::start().await;
    let mut codes = Vec::new();
    for _ in 0..CODES {
        codes.push(emulator.code().await);
    }
    let codes = Arc::new(codes);

    // Each racer has its own client (its own connections) and tries every code; a barrier
    // lines them up so that the requests for one code arrive together.
    let barrier = Arc::new(Barrier::new(CLIENTS));
    let mut racers = Vec::new();
    for _ in 0..CLIENTS {
        let client = emulator.client();
        let codes = Arc::clone(&codes);
        let barrier = Arc::clone(&barrier);
        racers.push(tokio::spawn(async move {
            let mut outcomes = Vec::new();
            for code in codes.iter() {
                barrier.wait().await;
                outcomes.push(client.apply_token(code).await);
            }
            outcomes
        }));
    }
    let mut per_code: Vec<Vec<_>> = (0..CODES).map(|_| Vec::new()).collect();
    for racer in racers {
        for (index, outcome) in racer.await.unwrap().into_iter().enumerate() {
            per_code[index].push(outcome);
        }
    }

    let checker = emulator.client();
    for (index, outcomes) in per_code.into_iter().enumerate() {
        assert_eq!(outcomes.len(), CLIENTS);
        let (wins, losses): (Vec<_>, Vec<_>) = outcomes.into_iter().partition(Result::is_ok);
        assert_eq!(wins.len(), 1, "code {index}: {} winners", wins.len());
        for loss in losses {
            match loss {
                Err(ClientError::Api(failure)) => {
                    assert_eq!(failure.code(), Some(ResultCode::UsedCode), "code {index}");
                }
                other => panic!("code {index}: {other:?}"),
            }
        }
        // The replays revoked what the winner got (RFC 6749 §4.1.2).
        let tokens = wins.into_iter().next().unwrap().unwrap();
        let revoked = checker
            .inquiry_user_info::<UserInfo>(&tokens.access_token)
            .await;
        assert_eq!(
            revoked.unwrap_err().result_code(),
            Some(ResultCode::InvalidAccessToken),
            "code {index}"
        );
    }
}
