//! The spec reader on arbitrary bytes: it must return Ok or located errors, never panic, and
//! accept only specs whose scopes satisfy the invariants the code generator relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match authcode_spec::parse_bytes(bytes) {
        Ok(spec) => {
            assert!(!spec.scopes.is_empty());
            let mut wire_names = std::collections::HashSet::new();
            let mut variants = std::collections::HashSet::new();
            for scope in &spec.scopes {
                assert!(authcode_spec::check_identifier(&scope.variant).is_ok());
                assert!(variants.insert(scope.variant.as_str()));
                for wire in std::iter::once(&scope.name).chain(&scope.aliases) {
                    assert!(wire_names.insert(wire.as_str()));
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            assert!(errors.iter().all(|err| !err.message.is_empty()));
        }
    }
});
