//! The generators of authcode: from a wallet's spec (read by `authcode-spec`), the Rust the
//! derive expands to, and the artifacts of the `authcode` command.
//!
//! - [`rust`]: the expansion of `#[derive(AuthScopes)]` (the `authcode-macros` crate is a thin
//!   wrapper around [`rust::derive`]).
//! - [`typescript`]: the module that types `my.getAuthCode` in the mini program.
//! - [`markdown`]: the scope table, for docs.
//! - [`diagnostics`]: spec problems as the derive and the command print them.
//!
//! It is a library so that a build script, an editor plug-in or a CI step can call it too.
#![forbid(unsafe_code)]

pub mod diagnostics;
pub mod escape;
pub mod markdown;
pub mod rust;
pub mod typescript;
