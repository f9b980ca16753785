//! The `my.getAuthCode` callback read by hand: serde's derive, serde_json, and the scope names
//! parsed with strum's `FromStr` (unknown names skipped, as the typed accessors of
//! `AuthCodeResponse` skip them). `scripts/bench-compile.sh` puts this file beside each
//! fixture it generates, whose `Scope` is the hand-written enum.

use std::collections::HashMap;

use crate::Scope;

/// The object the `my.getAuthCode` callbacks receive.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthCodeResponse {
    /// `authCode`, absent when nothing was granted.
    pub auth_code: Option<String>,
    /// `authSuccessScopes`: the granted scopes' wire names.
    #[serde(default)]
    pub auth_success_scopes: Vec<String>,
    /// `authErrorScopes`: the refused scopes' wire names and why.
    #[serde(default)]
    pub auth_error_scopes: HashMap<String, String>,
}

/// The scopes a `my.getAuthCode` callback says were granted; `None` if it is not one.
pub fn granted(callback: &str) -> Option<Vec<Scope>> {
    let response: AuthCodeResponse = serde_json::from_str(callback).ok()?;
    let names = response.auth_success_scopes.iter();
    Some(names.filter_map(|name| name.parse().ok()).collect())
}
