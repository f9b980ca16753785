//! The wallets whose specs ship with authcode, by name: the one list the derive
//! (`#[auth_scopes(wallet = "gcash")]`), the `authcode` command and the emulator
//! (`authcode-wallet --wallet gcash`) all read.
//!
//! ```
//! let gcash = authcode_spec::wallets::find("gcash").unwrap();
//! assert_eq!(gcash.path, "spec/wallets/gcash.json");
//! let spec = gcash.spec();
//! assert!(!spec.scopes.is_empty());
//!
//! let err = authcode_spec::wallets::find("gcahs").unwrap_err();
//! assert!(err.to_string().contains("did you mean `gcash`?"));
//! ```

use std::fmt;

use crate::Spec;

/// A wallet whose spec ships with authcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShippedWallet {
    /// Its name where wallets are named: the spec's file name without `.json`.
    pub name: &'static str,
    /// Where the spec lives in the authcode repository (and in this package).
    pub path: &'static str,
    /// The spec's text.
    pub text: &'static str,
}

impl ShippedWallet {
    /// The parsed spec. Every shipped spec is valid (a test parses them all), so this does not
    /// fail; a broken one panics with its problems.
    pub fn spec(&self) -> Spec {
        match crate::parse(self.text) {
            Ok(spec) => spec,
            Err(errors) => panic!("shipped spec {} is invalid: {errors:?}", self.path),
        }
    }
}

macro_rules! shipped {
    ($name:literal, $file:literal) => {
        ShippedWallet {
            name: $name,
            path: concat!("spec/", $file),
            text: include_str!(concat!("../spec/", $file)),
        }
    };
}

/// Every shipped wallet, by name.
pub const SHIPPED: &[ShippedWallet] = &[
    shipped!("alipay-plus", "alipay-plus.json"),
    shipped!("alipay-connect", "wallets/alipay-connect.json"),
    shipped!("alipayhk", "wallets/alipayhk.json"),
    shipped!("besuperapp", "wallets/besuperapp.json"),
    shipped!("claro", "wallets/claro.json"),
    shipped!("dana", "wallets/dana.json"),
    shipped!("gcash", "wallets/gcash.json"),
    shipped!("m-pesa", "wallets/m-pesa.json"),
    shipped!("rebell", "wallets/rebell.json"),
    shipped!("superqi", "wallets/superqi.json"),
    shipped!("touch-n-go", "wallets/touch-n-go.json"),
    shipped!("vodapay", "wallets/vodapay.json"),
];

/// The names of the shipped wallets, in [`SHIPPED`]'s order.
pub fn names() -> impl ExactSizeIterator<Item = &'static str> + Clone {
    SHIPPED.iter().map(|wallet| wallet.name)
}

/// The shipped wallet called `name`, or an error that lists the known names with a
/// did-you-mean.
pub fn find(name: &str) -> Result<&'static ShippedWallet, UnknownWallet> {
    SHIPPED
        .iter()
        .find(|wallet| wallet.name == name)
        .ok_or_else(|| UnknownWallet {
            name: name.to_owned(),
        })
}

/// A wallet name that is not shipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownWallet {
    /// The name as given.
    pub name: String,
}

impl fmt::Display for UnknownWallet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Quoted and cut: the name may come from anywhere, and must not drive a terminal.
        let shown: String = self.name.chars().take(64).collect();
        write!(f, "unknown wallet {shown:?}")?;
        if let Some(near) = crate::closest(&self.name, names()) {
            write!(f, "; did you mean `{near}`?")?;
        }
        f.write_str(" The shipped wallets are: ")?;
        for (index, name) in names().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        f.write_str(" (or name a spec file of your own)")
    }
}

impl std::error::Error for UnknownWallet {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_spec_is_valid_and_named_by_its_file() {
        for wallet in SHIPPED {
            if let Err(errors) = crate::parse(wallet.text) {
                panic!("{}: {errors:?}", wallet.path);
            }
            let stem = wallet
                .path
                .rsplit('/')
                .next()
                .and_then(|file| file.strip_suffix(".json"));
            assert_eq!(stem, Some(wallet.name));
        }
    }

    #[test]
    fn every_spec_file_under_spec_is_shipped() {
        let mut on_disk = Vec::new();
        for dir in ["spec", "spec/wallets"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(&dir).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                if let Some(stem) = name.strip_suffix(".json") {
                    // Not wallets: the spec format's schema and the example of a wallet of one's own.
                    if !name.ends_with(".schema.json") && stem != "example-wallet" {
                        on_disk.push(stem.to_owned());
                    }
                }
            }
        }
        on_disk.sort();
        let mut shipped: Vec<_> = names().map(str::to_owned).collect();
        shipped.sort();
        assert_eq!(on_disk, shipped);
    }

    #[test]
    fn an_unknown_name_suggests_the_nearest_and_lists_all() {
        let message = find("gcahs").unwrap_err().to_string();
        assert!(
            message.starts_with("unknown wallet \"gcahs\"; did you mean `gcash`?"),
            "{message}"
        );
        for name in names() {
            assert!(message.contains(name), "{message}");
        }
        let message = find("nothing-like-it").unwrap_err().to_string();
        assert!(!message.contains("did you mean"), "{message}");
    }
}
