//! The emulator's applyToken, inquiryUserInfo and getAuthCode request bodies through the
//! server's router: see `authcode_fuzz::http_bodies` for what must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| authcode_fuzz::http_bodies::http_bodies(bytes));
