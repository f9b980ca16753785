//! The `Signature` and `Request-Time` header parsers on arbitrary bytes: see
//! `authcode_fuzz::checks::signature_header` for what must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| authcode_fuzz::checks::signature_header(bytes));
