//! The wallets the emulator can be: one derive per spec that ships with authcode.

// The generated scope enums are named by the wallets' specs, not by us: every scope of
// BeSuperApp starts with USER_, so every variant with `User`.
#![allow(clippy::enum_variant_names)]

use authcode_runtime::AuthScopes;

/// Alipay+.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/alipay-plus.json")]
pub struct AlipayPlus;

/// Alipay Connect.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/alipay-connect.json")]
pub struct AlipayConnect;

/// AlipayHK.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/alipayhk.json")]
pub struct AlipayHk;

/// BeSuperApp.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/besuperapp.json")]
pub struct BeSuperApp;

/// Claro.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/claro.json")]
pub struct Claro;

/// DANA.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/dana.json")]
pub struct Dana;

/// GCash.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/gcash.json")]
pub struct GCash;

/// M-Pesa (DRC).
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/m-pesa.json")]
pub struct MPesa;

/// Rebell.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/rebell.json")]
pub struct Rebell;

/// SuperQi.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/superqi.json")]
pub struct SuperQi;

/// Touch 'n Go eWallet.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/touch-n-go.json")]
pub struct TouchNGo;

/// VodaPay.
#[derive(AuthScopes)]
#[auth_scopes(spec = "spec/wallets/vodapay.json")]
pub struct VodaPay;
