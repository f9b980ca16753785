// Every wallet spec shipped in `spec/wallets/` expands to warning-free, documented code.
#![deny(warnings, missing_docs)]
//! The shipped wallets.

use authcode_runtime::AuthScopes;

/// Alipay+ Connect.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/alipay-connect.json")]
pub struct AlipayConnect;

/// AlipayHK.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/alipayhk.json")]
pub struct AlipayHk;

/// BeSuperApp.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/besuperapp.json")]
pub struct BeSuperApp;

/// Claro Pay.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/claro.json")]
pub struct Claro;

/// DANA.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/dana.json")]
pub struct Dana;

/// GCash.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/gcash.json")]
pub struct Gcash;

/// M-PESA.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/m-pesa.json")]
pub struct MPesa;

/// Rebell.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/rebell.json")]
pub struct Rebell;

/// SuperQi.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/superqi.json")]
pub struct SuperQi;

/// Touch 'n Go eWallet.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/touch-n-go.json")]
pub struct TouchNGo;

/// VodaPay.
#[derive(AuthScopes)]
#[auth_scopes(spec = "specs/wallets/vodapay.json")]
pub struct VodaPay;

fn main() {
    use authcode_runtime::Scope;
    let counts = [
        AlipayConnectScope::ALL.len(),
        AlipayHkScope::ALL.len(),
        BeSuperAppScope::ALL.len(),
        ClaroScope::ALL.len(),
        DanaScope::ALL.len(),
        GcashScope::ALL.len(),
        MPesaScope::ALL.len(),
        RebellScope::ALL.len(),
        SuperQiScope::ALL.len(),
        TouchNGoScope::ALL.len(),
        VodaPayScope::ALL.len(),
    ];
    assert!(counts.iter().all(|&count| count > 0));
}
