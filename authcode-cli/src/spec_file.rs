//! Reading a spec file from disk.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use authcode_spec::{MAX_SPEC_BYTES, Spec, SpecError, SpecErrorKind};

use crate::Exit;
use crate::output::{complain, reason, shown};

/// Where a command's spec comes from: a file, or `--wallet NAME` for a wallet that ships with
/// authcode (the registry the derive and the emulator read too).
#[derive(clap::Args)]
pub(crate) struct Source {
    /// The spec file.
    #[arg(required_unless_present = "wallet")]
    spec: Option<PathBuf>,
    /// A shipped wallet instead of a file: alipay-plus, alipay-connect, alipayhk, besuperapp,
    /// claro, dana, gcash, m-pesa, rebell, superqi, touch-n-go, vodapay.
    #[arg(long, value_name = "NAME", conflicts_with = "spec", value_parser = shipped)]
    wallet: Option<&'static authcode_spec::wallets::ShippedWallet>,
}

fn shipped(name: &str) -> Result<&'static authcode_spec::wallets::ShippedWallet, String> {
    authcode_spec::wallets::find(name).map_err(|err| err.to_string())
}

impl Source {
    /// The spec as read, and how messages name it.
    pub(crate) fn read(&self) -> Result<(String, Read), Exit> {
        match (&self.wallet, &self.spec) {
            (Some(wallet), _) => Ok((
                wallet.path.to_owned(),
                Read {
                    text: wallet.text.to_owned(),
                    spec: authcode_spec::parse(wallet.text),
                },
            )),
            (None, Some(path)) => read(path).map(|read| (shown(path), read)),
            // clap requires one of the two.
            (None, None) => Err(complain("name a spec file or --wallet")),
        }
    }
}

/// A spec file as read: its text (for snippets) and what the reader made of it.
pub(crate) struct Read {
    /// The text, with bytes that are not UTF-8 replaced, for showing lines of it.
    pub(crate) text: String,
    /// The spec, or its problems in file order.
    pub(crate) spec: Result<Spec, Vec<SpecError>>,
}

/// Reads and validates the spec at `path`. A file that cannot be read is a complaint on stderr
/// (`Exit::Trouble`); a file that can is a spec or its problems.
pub(crate) fn read(path: &Path) -> Result<Read, Exit> {
    let bytes = read_bounded(path)
        .map_err(|err| complain(&format!("cannot read {}: {}", shown(path), reason(&err))))?;
    let spec = if bytes.len() > MAX_SPEC_BYTES {
        // Only the first bytes past the limit were read, so the reader, which would cut the
        // text mid-character, is not asked; the message is the reader's own.
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |meta| meta.len());
        Err(vec![SpecError {
            kind: SpecErrorKind::TooLarge,
            location: None,
            message: format!("the spec is {size} bytes; the limit is {MAX_SPEC_BYTES} bytes"),
        }])
    } else {
        authcode_spec::parse_bytes(&bytes)
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Read { text, spec })
}

/// The file's bytes, at most one past the reader's limit: a spec path that names a huge file,
/// or a device that never ends, must not fill the memory.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_SPEC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}
