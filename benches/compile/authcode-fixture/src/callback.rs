//! The `my.getAuthCode` callback read with the derived scopes. `scripts/bench-compile.sh` puts
//! this file beside each fixture it generates, whose `Scope` is the derived type.

use authcode_runtime::{AuthCodeResponse, ScopeSet};

use crate::Scope;

/// The scopes a `my.getAuthCode` callback says were granted; `None` if it is not one.
pub fn granted(callback: &str) -> Option<ScopeSet<Scope>> {
    let response = AuthCodeResponse::<Scope>::from_json(callback).ok()?;
    Some(response.granted())
}
