//! No `Debug`, `Display` or log output of any public type ever contains an authCode, an access
//! token or a refresh token.
//!
//! Both tests run the whole flow, keep every secret it hands out (and every made-up credential
//! they present), format every public value met on the way with `{:?}`, `{:#?}` and `{}` where
//! implemented (responses, requests, grants, records, errors, servers, clients), capture every
//! `tracing` event at TRACE level, and then look for each secret in all of that: as text, and
//! as the decimal bytes `{:?}` prints for a byte buffer.

#[path = "../../authcode-core/tests/flow_fixture/mod.rs"]
mod flow_fixture;

use std::fmt::{Debug, Display};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use authcode_client::{MerchantClient, RetryPolicy};
use authcode_runtime::flow::{
    AuthServer, Consent, ConsentDecision, ConsentRequest, FlowError, GetAuthCode, SecretHash,
    SecretKind, Store, TokenGrant, apply_token_response, inquiry_user_info_response,
};
use authcode_runtime::wire::{
    AccessToken, ApiVersion, ApplyTokenRequest, ApplyTokenResponse, InquiryUserInfoRequest,
    RefreshToken, Tokens,
};
use authcode_runtime::{AuthCode, AuthCodeResponse, ScopeSet, UserInfo};
use authcode_server::{EMULATOR_GET_AUTH_CODE_PATH, WalletServer};
use authcode_signing::{JSON_CONTENT_TYPE, SigningKey};
use flow_fixture::{
    AlipayPlusScope, MERCHANT, OTHER_MERCHANT, USER, ana, refresh_token_of, wallet,
};

/// Everything printed, and every secret that must not be in it.
#[derive(Default)]
struct Watch {
    printed: Vec<(String, String)>,
    secrets: Vec<String>,
}

impl Watch {
    fn debug(&mut self, what: &str, value: &impl Debug) {
        self.printed.push((what.to_owned(), format!("{value:?}")));
        self.printed
            .push((format!("{what} (pretty)"), format!("{value:#?}")));
    }

    fn both(&mut self, what: &str, value: &(impl Debug + Display)) {
        self.debug(what, value);
        self.printed
            .push((format!("{what} (Display)"), value.to_string()));
    }

    fn secret(&mut self, secret: &str) {
        assert!(
            secret.len() >= 16,
            "a made-up secret must be long enough to be unique"
        );
        self.secrets.push(secret.to_owned());
    }

    /// Fails with every place a secret showed up.
    fn check(&self, logs: &str) {
        let mut leaks = Vec::new();
        let logs = ("logs".to_owned(), logs.to_owned());
        for secret in &self.secrets {
            // `{:?}` of a `Vec<u8>` or `&[u8]` holding the secret.
            let bytes = format!("{:?}", secret.as_bytes());
            let bytes = bytes.trim_start_matches('[').trim_end_matches(']');
            let places = self.printed.iter().chain([&logs]);
            for (what, text) in places {
                if text.contains(secret.as_str()) || text.contains(bytes) {
                    leaks.push(format!("{what}: {text}"));
                }
            }
        }
        assert!(leaks.is_empty(), "secrets printed:\n{}", leaks.join("\n"));
    }
}

/// The refresh token the emulator always hands out with an access token.
fn refresh_of(tokens: &Tokens) -> &RefreshToken {
    tokens.refresh_token.as_ref().expect("a refresh token")
}

/// Every `tracing` event of the test binary, as the fmt subscriber writes it.
fn logs() -> &'static Mutex<Vec<u8>> {
    static LOGS: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(|| Capture)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        Mutex::new(Vec::new())
    })
}

struct Capture;

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        logs()
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured_logs() -> String {
    String::from_utf8_lossy(&logs().lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
}

/// A consent hook that keeps what it was asked, to print it.
struct Recording(Arc<Mutex<Vec<ConsentRequest<AlipayPlusScope>>>>);

impl Consent<AlipayPlusScope> for Recording {
    fn decide(
        &mut self,
        request: &ConsentRequest<AlipayPlusScope>,
    ) -> ConsentDecision<AlipayPlusScope> {
        self.0.lock().unwrap().push(request.clone());
        ConsentDecision::ApproveAll
    }
}

#[tokio::test]
async fn the_in_process_flow_never_prints_a_secret() {
    logs();
    let mut watch = Watch::default();
    let wallet = wallet().await;
    let server = &wallet.server;

    // getAuthCode: a grant through the consent hook, a partial grant, a cancel, a refusal.
    let asked = Arc::new(Mutex::new(Vec::new()));
    let names = ["USER_ID", "USER_NICKNAME", "USER_AVATAR", "NOT_A_SCOPE"];
    let granted = server
        .get_auth_code(MERCHANT, USER, names, Recording(Arc::clone(&asked)))
        .await;
    for request in asked.lock().unwrap().iter() {
        watch.debug("ConsentRequest", request);
    }
    let partial = server
        .get_auth_code(
            MERCHANT,
            USER,
            names,
            ConsentDecision::Approve(ScopeSet::single(AlipayPlusScope::UserAvatar)),
        )
        .await;
    let cancelled = server
        .get_auth_code(MERCHANT, USER, names, ConsentDecision::Cancel)
        .await;
    for (what, response) in [
        ("granted", &granted),
        ("partial", &partial),
        ("cancelled", &cancelled),
    ] {
        watch.debug(&format!("AuthCodeResponse {what}"), response);
        watch.debug("AuthOutcome", &response.outcome());
    }
    let code = granted.auth_code().expect("a code").clone();
    watch.secret(code.expose());
    watch.secret(partial.auth_code().expect("a code").expose());
    watch.both("AuthCode", &code);

    // The callback form.
    let mut mini = server.mini_program(MERCHANT, USER, ConsentDecision::ApproveAll);
    watch.debug("MiniProgram", &mini);
    let call = GetAuthCode::new(["USER_ID"]);
    watch.debug("GetAuthCode", &call);
    let via_callbacks = mini
        .get_auth_code(call.success(|_| {}).complete(|_| {}))
        .await;
    watch.secret(via_callbacks.auth_code().expect("a code").expose());
    watch.debug("AuthCodeResponse via callbacks", &via_callbacks);

    // The stored records of the code.
    let record = server
        .store()
        .secret(SecretKind::AuthCode, &SecretHash::of(code.expose()))
        .await
        .unwrap()
        .expect("stored");
    watch.debug("SecretRecord", &record);
    watch.debug("SecretHash", &SecretHash::of(code.expose()));
    watch.debug(
        "Grant",
        &server
            .store()
            .grant(record.grant)
            .await
            .unwrap()
            .expect("stored"),
    );
    watch.both("GrantId", &record.grant);

    // applyToken, refresh, inquiryUserInfo.
    let exchange = ApplyTokenRequest::authorization_code(code.clone());
    watch.debug("ApplyTokenRequest", &exchange);
    let wrong_client = server
        .apply_token(OTHER_MERCHANT, &exchange)
        .await
        .unwrap_err();
    watch.both("FlowError wrong client", &wrong_client);
    let tokens = server
        .apply_token(MERCHANT, &exchange)
        .await
        .expect("redeemed");
    watch.secret(tokens.tokens.access_token.expose());
    watch.secret(refresh_token_of(&tokens).expose());
    watch.debug("TokenGrant", &tokens);
    watch.debug("Tokens", &tokens.tokens);
    watch.both("AccessToken", &tokens.tokens.access_token);
    watch.both("RefreshToken", refresh_token_of(&tokens));
    watch.debug(
        "ApplyTokenResponse",
        &apply_token_response(Ok::<_, FlowError>(tokens.clone())),
    );

    let inquiry = InquiryUserInfoRequest::new(tokens.tokens.access_token.clone());
    watch.debug("InquiryUserInfoRequest", &inquiry);
    let user = server.inquiry_user_info(MERCHANT, &inquiry).await;
    watch.debug("UserInfo", &user);
    watch.debug("InquiryUserInfoResponse", &inquiry_user_info_response(user));

    let refresh = ApplyTokenRequest::refresh(refresh_token_of(&tokens).clone());
    watch.debug("ApplyTokenRequest refresh", &refresh);
    let rotated = server
        .apply_token(MERCHANT, &refresh)
        .await
        .expect("rotated");
    watch.secret(rotated.tokens.access_token.expose());
    watch.secret(refresh_token_of(&rotated).expose());
    watch.debug("TokenGrant rotated", &rotated);

    // Failures, where the secret is the caller's input: replays, reuse, revoked and made-up
    // credentials. Their messages must not echo what was presented.
    let failures = [
        server.apply_token(MERCHANT, &refresh).await.map(|_| ()),
        server.apply_token(MERCHANT, &exchange).await.map(|_| ()),
        server
            .inquiry_user_info(
                MERCHANT,
                &InquiryUserInfoRequest::new(rotated.tokens.access_token.clone()),
            )
            .await
            .map(|_| ()),
        server
            .apply_token(
                MERCHANT,
                &ApplyTokenRequest::authorization_code(AuthCode::new("made-up-code-8d1f3b")),
            )
            .await
            .map(|_| ()),
        server
            .apply_token(
                MERCHANT,
                &ApplyTokenRequest::refresh(RefreshToken::new("made-up-refresh-2c7e9a")),
            )
            .await
            .map(|_| ()),
        server
            .inquiry_user_info(
                MERCHANT,
                &InquiryUserInfoRequest::new(AccessToken::new("made-up-access-5b0d4e")),
            )
            .await
            .map(|_| ()),
    ];
    watch.secret("made-up-code-8d1f3b");
    watch.secret("made-up-refresh-2c7e9a");
    watch.secret("made-up-access-5b0d4e");
    for failure in &failures {
        let err = failure.as_ref().expect_err("every one of these fails");
        watch.both("FlowError", err);
        watch.debug("ApiResult", &err.to_result());
        watch.debug(
            "ApplyTokenResponse failed",
            &apply_token_response(Err::<TokenGrant<AlipayPlusScope>, _>(err.clone())),
        );
    }

    // A response as the mini program receives it, with a token-like unknown field.
    let json = format!(
        r#"{{"authCode":"{}","authSuccessScopes":["USER_ID"],"accessToken":"{}","x":{{"refresh":"{}"}}}}"#,
        code.expose(),
        tokens.tokens.access_token.expose(),
        refresh_token_of(&tokens).expose()
    );
    let parsed: AuthCodeResponse<AlipayPlusScope> = serde_json::from_str(&json).unwrap();
    watch.debug("AuthCodeResponse parsed", &parsed);

    watch.debug("AuthServer", server);
    watch.debug("MemoryStore", server.store());
    watch.check(&captured_logs());
    // Not vacuous: the secrets are real and the values printed mention them in redacted form.
    assert!(watch.secrets.len() >= 10);
    assert!(
        watch
            .printed
            .iter()
            .any(|(_, text)| text.contains("<redacted>"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_http_layer_never_prints_or_logs_a_secret() {
    logs();
    let mut watch = Watch::default();
    let merchant_key = SigningKey::generate().unwrap();
    let auth = Arc::new(AuthServer::<AlipayPlusScope>::new());
    auth.register_client(MERCHANT, ScopeSet::all())
        .await
        .unwrap();
    auth.add_user(USER, ana()).await.unwrap();
    let wallet = WalletServer::new(Arc::clone(&auth), SigningKey::generate().unwrap())
        .with_client_key(MERCHANT, merchant_key.verifying_key())
        .with_emulator_endpoints();
    let wallet_public = wallet.wallet_public_key();
    watch.debug("WalletServer", &wallet);
    watch.debug("SigningKey", &merchant_key);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(wallet.serve(listener, async {
        stopped.await.ok();
    }));

    // my.getAuthCode through the emulator endpoint.
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let emulate = |consent: serde_json::Value| {
        let http = http.clone();
        let url = format!("{base}{EMULATOR_GET_AUTH_CODE_PATH}");
        async move {
            let body = serde_json::json!({
                "clientId": MERCHANT, "userId": USER,
                "scopes": ["USER_ID", "USER_NICKNAME"], "consent": consent,
            });
            let answer = http
                .post(url)
                .header("content-type", JSON_CONTENT_TYPE)
                .body(body.to_string())
                .send()
                .await
                .unwrap();
            let bytes = answer.bytes().await.unwrap();
            serde_json::from_slice::<AuthCodeResponse<AlipayPlusScope>>(&bytes).unwrap()
        }
    };
    let response = emulate(serde_json::json!("approve")).await;
    let code = response.auth_code().expect("a code").clone();
    watch.secret(code.expose());
    watch.debug("AuthCodeResponse", &response);
    watch.debug(
        "AuthCodeResponse cancelled",
        &emulate(serde_json::json!("cancel")).await,
    );

    let client = MerchantClient::builder(&base, MERCHANT, merchant_key, wallet_public)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    watch.debug("MerchantClient", &client);

    let tokens = client.apply_token(&code).await.expect("redeemed");
    watch.secret(tokens.access_token.expose());
    watch.secret(refresh_of(&tokens).expose());
    watch.debug("Tokens", &tokens);
    let user = client
        .inquiry_user_info::<UserInfo>(&tokens.access_token)
        .await;
    watch.debug("UserInfo", &user);
    let rotated = client
        .refresh_token(refresh_of(&tokens))
        .await
        .expect("rotated");
    watch.secret(rotated.access_token.expose());
    watch.secret(refresh_of(&rotated).expose());
    watch.debug("Tokens rotated", &rotated);

    // The raw call: a verified response whose body carries fresh tokens.
    let code2 = emulate(serde_json::json!("approve"))
        .await
        .auth_code()
        .expect("a code")
        .clone();
    watch.secret(code2.expose());
    let body = serde_json::to_vec(&ApplyTokenRequest::authorization_code(code2)).unwrap();
    let raw = client
        .call(ApiVersion::V1.apply_token_path(), body)
        .await
        .expect("answered");
    let raw_tokens: ApplyTokenResponse = serde_json::from_slice(&raw.body).unwrap();
    watch.secret(raw_tokens.access_token.as_ref().expect("a token").expose());
    watch.secret(raw_tokens.refresh_token.as_ref().expect("a token").expose());
    watch.debug("VerifiedResponse", &raw);

    // Failures: a replayed code, a reused refresh token, a revoked and a made-up token.
    let replay = client.apply_token(&code).await.unwrap_err();
    watch.both("ClientError replay", &replay);
    let reuse = client.refresh_token(refresh_of(&tokens)).await.unwrap_err();
    watch.both("ClientError reuse", &reuse);
    let revoked = client
        .inquiry_user_info::<UserInfo>(&rotated.access_token)
        .await
        .unwrap_err();
    watch.both("ClientError revoked", &revoked);
    watch.secret("made-up-access-token-7f3e1c");
    let made_up = client
        .inquiry_user_info::<UserInfo>(&AccessToken::new("made-up-access-token-7f3e1c"))
        .await
        .unwrap_err();
    watch.both("ClientError made up", &made_up);

    stop.send(()).ok();
    running.await.unwrap().unwrap();

    let logs = captured_logs();
    // Not vacuous: the server logged every request it answered.
    assert!(
        logs.contains("openapi request"),
        "no request was logged: {logs}"
    );
    assert!(
        logs.contains("emulator getAuthCode"),
        "no emulator call was logged: {logs}"
    );
    watch.check(&logs);
}
