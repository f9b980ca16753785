//! `AuthRequest::from_json` / `parse_wire_names` on arbitrary bytes: see
//! `authcode_fuzz::checks::request_parser` for what must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| authcode_fuzz::checks::request_parser(bytes));
