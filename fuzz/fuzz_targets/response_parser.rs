//! `AuthCodeResponse` from arbitrary bytes as a `my.getAuthCode` callback's JSON: see
//! `authcode_fuzz::checks::response_parser` for what must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| authcode_fuzz::checks::response_parser(bytes));
