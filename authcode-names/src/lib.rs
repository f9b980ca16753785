//! Scope-name lookup shared by the code `#[derive(AuthScopes)]` generates and the runtime that
//! code calls into.
//!
//! - [`table`]: a perfect hash table from names to positions. The derive builds it inside the
//!   compiler and the program looks names up in it, so the hash function lives here, once.
//! - [`closest`]: the "did you mean" suggestion for a name that is not known.
//!
//! The crate has no dependency on the spec reader, so a program using authcode links only
//! this small piece of it.
#![forbid(unsafe_code)]

mod suggest;
pub mod table;

pub use suggest::closest;
