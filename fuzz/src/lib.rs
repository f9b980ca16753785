//! Shared code of the fuzz targets: the invariants each target asserts, as plain functions of
//! the input bytes (also run by the workspace tests over the committed seeds and regressions).
#![forbid(unsafe_code)]

pub mod checks;
pub mod http_bodies;
