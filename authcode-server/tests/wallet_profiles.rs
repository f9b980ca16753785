//! A wallet with its own user-info model, end to end over HTTP: the emulator stores SuperQi's
//! profile (`userNameInArabic`, `userName.secondName`, ...) as the generated type, and
//! inquiryUserInfo releases exactly what the grant's scopes name, as the merchant client reads
//! it back into the same type.

use std::sync::Arc;

use authcode_client::{MerchantClient, RetryPolicy};
use authcode_runtime::flow::{AuthServer, ConsentDecision};
use authcode_runtime::{AuthScopes, Released, ScopeSet};
use authcode_server::WalletServer;
use authcode_signing::SigningKey;
use serde_json::json;
use tokio::net::TcpListener;

/// Qi's SuperQi wallet, from the spec that ships with authcode.
#[derive(AuthScopes)]
#[auth_scopes(wallet = "superqi")]
pub struct SuperQi;

const MERCHANT: &str = "3500020000000001";
const USER: &str = "216610000000446291765";

fn profile() -> SuperQiUserInfo {
    serde_json::from_value(json!({
        "userName": {"fullName": "Ali Hasan Karim", "firstName": "Ali", "secondName": "Hasan",
                     "thirdName": "Karim", "lastName": "Al-Iraqi"},
        "userNameInArabic": {"fullName": "علي حسن كريم", "firstName": "علي"},
        "loginIdInfos": [{"loginIdType": "MOBILE_PHONE", "loginId": "9647701234567",
                          "maskLoginId": "964770****567", "hashLoginId": "5d41402a"}],
        "avatar": "https://example.com/ali.png",
        "gender": "MALE",
        "birthDate": "1990-01-31",
        "contactInfos": [{"contactType": "MOBILE_PHONE", "contactNo": "9647701234567"}],
        "walletTier": "GOLD"
    }))
    .unwrap()
}

async fn wallet_and_client() -> (Arc<AuthServer<SuperQiScope>>, MerchantClient) {
    let merchant_key = SigningKey::generate().unwrap();
    let wallet_key = SigningKey::generate().unwrap();
    let auth = Arc::new(AuthServer::<SuperQiScope>::new());
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, profile()).await.unwrap();
    let public = wallet_key.verifying_key();
    let server = WalletServer::new(Arc::clone(&auth), wallet_key)
        .with_client_key(MERCHANT, merchant_key.verifying_key());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server.serve(listener, std::future::pending()));
    let client = MerchantClient::builder(format!("http://{addr}"), MERCHANT, merchant_key, public)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    (auth, client)
}

/// The userInfo the merchant reads for a grant of `scopes`.
async fn released(scopes: &[&str]) -> (SuperQiUserInfo, ScopeSet<SuperQiScope>) {
    let (auth, client) = wallet_and_client().await;
    let response = auth
        .get_auth_code(MERCHANT, USER, scopes, ConsentDecision::ApproveAll)
        .await;
    let granted = response.granted();
    let tokens = client
        .apply_token(response.auth_code().unwrap())
        .await
        .unwrap();
    let user: SuperQiUserInfo = client
        .inquiry_user_info(&tokens.access_token)
        .await
        .unwrap();
    (user, granted)
}

#[tokio::test]
async fn user_name_releases_both_names_and_nothing_else() {
    let (user, granted) = released(&["USER_NAME"]).await;
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        json!({
            "userName": {"fullName": "Ali Hasan Karim", "firstName": "Ali", "secondName": "Hasan",
                         "thirdName": "Karim", "lastName": "Al-Iraqi"},
            "userNameInArabic": {"fullName": "علي حسن كريم", "firstName": "علي"}
        })
    );
    let arabic = user.user_name_in_arabic.as_ref().unwrap();
    assert_eq!(arabic.full_name.as_deref(), Some("علي حسن كريم"));
    assert_eq!(
        user.user_name.as_ref().unwrap().second_name.as_deref(),
        Some("Hasan")
    );
    // What no granted scope releases is told apart from a value the wallet lacks.
    let user = Released::of_scopes(user, granted);
    assert!(
        user.get(SuperQiUserInfoField::Avatar, |u| u.avatar.as_deref())
            .is_err()
    );
    assert_eq!(
        user.get(SuperQiUserInfoField::UserNameInArabicLastName, |u| {
            u.user_name_in_arabic.as_ref()?.last_name.as_deref()
        }),
        Ok(None)
    );
}

#[tokio::test]
async fn silent_login_ids_release_their_own_form_only() {
    let (user, _) = released(&["auth_base", "HASH_LOGIN_ID"]).await;
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        json!({"userId": USER, "loginIdInfos": [{"hashLoginId": "5d41402a"}]})
    );
}

#[tokio::test]
async fn an_unknown_top_level_field_is_never_released() {
    // `walletTier` is not in SuperQi's model: kept in the stored profile, released by no scope.
    assert_eq!(profile().extra["walletTier"], "GOLD");
    let every_scope: Vec<&str> = <SuperQiScope as authcode_runtime::Scope>::ALL
        .iter()
        .map(|scope| scope.as_str())
        .collect();
    let (user, _) = released(&every_scope).await;
    assert!(user.extra.is_empty(), "{:?}", user.extra);
    assert_eq!(user.gender.as_deref(), Some("MALE"));
    assert_eq!(user.user_id.as_deref(), Some(USER));
}
