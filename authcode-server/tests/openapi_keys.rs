//! Key rotation end to end, on a running emulator: the merchant's rollover (both versions
//! valid, then the old one refused with KEY_NOT_FOUND) and the wallet's (responses signed
//! with the new version while the client holds both; a client holding only the old key
//! refuses them).

mod openapi_support;

use authcode_client::{ClientError, GatewayProfile, MerchantClient, OutcomeCause, RetryPolicy};
use authcode_runtime::UserInfo;
use authcode_signing::{
    CLIENT_ID, JSON_CONTENT_TYPE, Message, REQUEST_TIME, SIGNATURE, SignatureError, SigningKey,
};
use authcode_wire::{ApiVersion, ResultCode};
use openapi_support::{MERCHANT, Wallet, key, merchant_key, result_code, start, wallet_key};
use serde_json::Value;

/// A client of `MERCHANT` signing with `merchant` as `version`, trusting the wallet keys given.
fn client(
    wallet: &Wallet,
    merchant: SigningKey,
    version: u32,
    wallet_keys: &[(u32, SigningKey)],
) -> MerchantClient {
    let (first, rest) = wallet_keys.split_first().unwrap();
    let mut builder = MerchantClient::builder(
        &wallet.base_url,
        MERCHANT,
        merchant,
        first.1.verifying_key(),
    )
    .merchant_key_version(version)
    .retry(RetryPolicy::none());
    if first.0 != 1 {
        // The builder's key is version 1; replace it by the version given.
        builder = builder.wallet_key(first.0, first.1.verifying_key());
    }
    for (version, key) in rest {
        builder = builder.wallet_key(*version, key.verifying_key());
    }
    builder.gateway(GatewayProfile::v1()).build().unwrap()
}

/// An inquiry signed by `key` with the `Signature` header's `keyVersion` part as given
/// (`None` leaves it out): the answer's result code.
async fn inquiry_signed(wallet: &Wallet, key: &SigningKey, key_version: Option<u32>) -> String {
    let path = ApiVersion::V1.inquiry_user_info_path();
    let body = br#"{"accessToken":"unknown"}"#;
    let time = authcode_wire::time::format(std::time::SystemTime::now()).unwrap();
    let message = Message {
        method: "POST",
        path,
        client_id: MERCHANT,
        time: &time,
        body,
    };
    let mut header = message.sign(key, key_version.unwrap_or(0)).unwrap();
    header.key_version = key_version;
    let response = wallet
        .http
        .post(format!("{}{path}", wallet.base_url))
        .header("content-type", JSON_CONTENT_TYPE)
        .header(CLIENT_ID, MERCHANT)
        .header(REQUEST_TIME, &time)
        .header(SIGNATURE, header.to_string())
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let answer: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    result_code(&answer).to_owned()
}

#[tokio::test]
async fn a_merchant_key_rollover_accepts_both_then_refuses_the_old_one() {
    let wallet = start(|server| server).await;
    let (old, new) = (
        client(&wallet, merchant_key(), 1, &[(1, wallet_key())]),
        client(&wallet, key(2), 2, &[(1, wallet_key())]),
    );
    // Before the rollover the new version is unknown.
    let code = wallet.code(&["USER_ID"]).await;
    let err = new.apply_token(&code).await.unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::KeyNotFound), "{err}");

    // During it, both are accepted.
    wallet
        .keys
        .set_client_key(MERCHANT, 2, key(2).verifying_key());
    let tokens = old.apply_token(&code).await.unwrap();
    let _: UserInfo = new.inquiry_user_info(&tokens.access_token).await.unwrap();
    let _: UserInfo = old.inquiry_user_info(&tokens.access_token).await.unwrap();
    // The version picks the key: the new key under the old version's name is a mismatch.
    assert_eq!(
        inquiry_signed(&wallet, &key(2), Some(1)).await,
        "INVALID_SIGNATURE"
    );
    // Naming no version means the latest, which is now the new key.
    assert_eq!(
        inquiry_signed(&wallet, &key(2), None).await,
        "INVALID_ACCESS_TOKEN"
    );
    assert_eq!(
        inquiry_signed(&wallet, &merchant_key(), None).await,
        "INVALID_SIGNATURE"
    );

    // After it, the old version is refused as unknown, and nothing it asks is done.
    assert!(wallet.keys.remove_client_key(MERCHANT, 1));
    let err = old
        .inquiry_user_info::<UserInfo>(&tokens.access_token)
        .await
        .unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::KeyNotFound), "{err}");
    let err = old.revoke(&tokens.access_token).await.unwrap_err();
    assert_eq!(err.result_code(), Some(ResultCode::KeyNotFound), "{err}");
    let _: UserInfo = new.inquiry_user_info(&tokens.access_token).await.unwrap();
    assert_eq!(wallet.keys.client_key_versions(MERCHANT), [2]);
}

#[tokio::test]
async fn the_wallet_rotates_its_response_key_while_the_client_holds_both() {
    let wallet = start(|server| server).await;
    let both = client(
        &wallet,
        merchant_key(),
        1,
        &[(1, wallet_key()), (2, key(3))],
    );
    let only_old = client(&wallet, merchant_key(), 1, &[(1, wallet_key())]);
    let only_new = client(&wallet, merchant_key(), 1, &[(2, key(3))]);

    let tokens = both
        .apply_token(&wallet.code(&["USER_ID"]).await)
        .await
        .unwrap();
    let _: UserInfo = only_old
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    // A response under version 1 is refused by a client that holds only version 2.
    let err = only_new
        .inquiry_user_info::<UserInfo>(&tokens.access_token)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::ResponseSignature(SignatureError::Mismatch)
        ),
        "{err:?}"
    );

    wallet.keys.set_wallet_key(2, key(3));
    let _: UserInfo = both.inquiry_user_info(&tokens.access_token).await.unwrap();
    let _: UserInfo = only_new
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    let err = only_old
        .inquiry_user_info::<UserInfo>(&tokens.access_token)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::ResponseSignature(SignatureError::Mismatch)
        ),
        "{err:?}"
    );
    // `only_new` holds version 2 alone and picks its key by the version a response names, so
    // its success above shows the responses name version 2.
    assert_eq!(wallet.keys.wallet_key_version(), 2);

    // applyToken answered under a version the client does not hold yet: the code is spent
    // all the same, so the error is an unknown outcome, not a plain signature failure.
    let code = wallet.code(&["USER_ID"]).await;
    let err = only_old.apply_token(&code).await.unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::OutcomeUnknown {
                api: "applyToken",
                cause: OutcomeCause::ResponseSignature(_),
            }
        ),
        "{err:?}"
    );
    let replay = both.apply_token(&code).await.unwrap_err();
    assert_eq!(
        replay.result_code(),
        Some(ResultCode::UsedCode),
        "{replay:?}"
    );
}
