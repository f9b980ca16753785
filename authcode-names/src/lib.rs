//! Scope-name lookup shared by the code `#[derive(AuthScopes)]` generates and the runtime that
//! code calls into.
//!
//! - [`table`]: a perfect hash table from names to positions. The derive builds it inside the
//!   compiler and the program looks names up in it, so the hash function lives here, once.
//! - [`closest`]: the "did you mean" suggestion for a name that is not known, and
//!   [`NameIndex`], which bounds its cost on specs of any size.
//! - [`Authorization`]: whether a scope is granted silently or after consent, as the spec
//!   reader parses it and the runtime reports it.
//!
//! The crate has no dependency on the spec reader, so a program using authcode links only
//! this small piece of it.
#![forbid(unsafe_code)]

mod authorization;
mod index;
mod suggest;
pub mod table;

pub use authorization::Authorization;
pub use index::{FULL_SCAN, MAX_SUGGESTED_INPUT, NameIndex, WINDOW, folded_order};
pub use suggest::closest;
