//! Reading a spec file from disk.

use std::io::Read as _;
use std::path::Path;

use authcode_spec::{MAX_SPEC_BYTES, Spec, SpecError, SpecErrorKind};

use crate::Exit;
use crate::output::{complain, reason, shown};

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
