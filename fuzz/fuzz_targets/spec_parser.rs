//! The spec reader on arbitrary bytes: it must return Ok or located errors, never panic, and
//! accept only specs whose scopes satisfy the invariants the code generator relies on (see
//! `authcode_fuzz::checks::spec_parser`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| authcode_fuzz::checks::spec_parser(bytes));
