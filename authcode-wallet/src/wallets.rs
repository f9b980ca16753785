//! The wallets the emulator can be: one derive per wallet that ships with authcode, by the
//! names of `authcode_spec::wallets` (a test checks that the two lists are the same).

use authcode_runtime::AuthScopes;

/// Declares each compiled-in wallet and `with_wallet!`, which runs an expression generic over
/// the wallet named at run time.
macro_rules! compiled_wallets {
    ($($name:literal => $doc:literal $ty:ident,)*) => {
        $(
            #[doc = $doc]
            #[derive(AuthScopes)]
            #[auth_scopes(wallet = $name)]
            pub struct $ty;
        )*

        /// The names of the compiled-in wallets.
        #[cfg(test)]
        pub const NAMES: &[&str] = &[$($name),*];

        /// Runs `$body` with `$w` bound to the wallet type called `$wallet`, or evaluates to
        /// `Err` with the registry's message (a did-you-mean and the known names).
        macro_rules! with_wallet {
            ($wallet:expr, $w:ident => $body:expr) => {
                match $wallet {
                    $($name => {
                        type $w = $crate::wallets::$ty;
                        Ok($body)
                    })*
                    other => Err(authcode_spec::wallets::find(other)
                        .err()
                        .map_or_else(|| format!("wallet {other:?} is not compiled in"), |err| err.to_string())),
                }
            };
        }
        pub(crate) use with_wallet;
    };
}

compiled_wallets! {
    "alipay-plus" => "Alipay+." AlipayPlus,
    "alipay-connect" => "Alipay Connect." AlipayConnect,
    "alipayhk" => "AlipayHK." AlipayHk,
    "besuperapp" => "BeSuperApp." BeSuperApp,
    "claro" => "Claro." Claro,
    "dana" => "DANA." Dana,
    "gcash" => "GCash." GCash,
    "m-pesa" => "M-Pesa (DRC)." MPesa,
    "rebell" => "Rebell." Rebell,
    "superqi" => "SuperQi (Qi)." SuperQi,
    "touch-n-go" => "Touch 'n Go eWallet." TouchNGo,
    "vodapay" => "VodaPay." VodaPay,
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_shipped_wallet_is_compiled_in_and_no_other() {
        let shipped: Vec<&str> = authcode_spec::wallets::names().collect();
        assert_eq!(super::NAMES, shipped.as_slice());
    }
}
