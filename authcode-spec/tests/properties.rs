//! Property tests: random valid specs are read back exactly, and random damage to a valid spec
//! never panics and always yields located messages.

use authcode_spec::{Authorization, parse, parse_bytes};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A scope as the generator describes it, to compare with what the reader returns.
#[derive(Clone, Debug)]
struct GeneratedScope {
    index: usize,
    name: String,
    description: String,
    silent: bool,
    deprecated: Option<String>,
    aliases: Vec<String>,
}

fn scopes() -> impl Strategy<Value = Vec<GeneratedScope>> {
    let scope = (
        "[A-Za-z][A-Za-z0-9_]{0,20}",
        "\\PC{1,40}",
        any::<bool>(),
        proptest::option::of("\\PC{1,30}"),
        proptest::collection::vec("[a-z]{1,8}", 0..3),
    );
    proptest::collection::vec(scope, 1..40).prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(
                |(i, (name, description, silent, deprecated, aliases))| GeneratedScope {
                    index: i,
                    // The index keeps names and aliases unique: a name's last `_` part starts with
                    // `n`, an alias's is all digits, so no name can equal an alias either.
                    name: format!("{name}_n{i}"),
                    description: if description.trim().is_empty() {
                        "x".to_owned()
                    } else {
                        description
                    },
                    silent,
                    deprecated: deprecated.filter(|note| !note.trim().is_empty()),
                    aliases: aliases
                        .into_iter()
                        .enumerate()
                        .map(|(j, alias)| format!("{alias}_a{i}_{j}"))
                        .collect(),
                },
            )
            .collect()
    })
}

fn to_json(scopes: &[GeneratedScope]) -> Value {
    let scopes: Vec<Value> = scopes
        .iter()
        .map(|scope| {
            let mut object = json!({
                "name": scope.name,
                // Random names can meet in UpperCamelCase; explicit identifiers keep the
                // generated specs valid (identifier derivation has tests of its own).
                "rust_name": format!("Scope{}", scope.index),
                "description": scope.description,
                "authorization": if scope.silent { "silent" } else { "proactive" },
            });
            if let Some(note) = &scope.deprecated {
                object["deprecated"] = json!(note);
            }
            if !scope.aliases.is_empty() {
                object["aliases"] = json!(scope.aliases);
            }
            object
        })
        .collect();
    json!({ "spec_version": 1, "wallet": "Generated", "scopes": scopes })
}

proptest! {
    #[test]
    fn valid_specs_are_read_back_exactly(scopes in scopes(), pretty in any::<bool>()) {
        let value = to_json(&scopes);
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        let spec = parse(&text).map_err(|errors| TestCaseError::fail(format!("{errors:?}")))?;
        prop_assert_eq!(spec.scopes.len(), scopes.len());
        for (read, generated) in spec.scopes.iter().zip(&scopes) {
            prop_assert_eq!(&read.name, &generated.name);
            prop_assert_eq!(&read.description, &generated.description);
            prop_assert_eq!(read.authorization == Authorization::Silent, generated.silent);
            prop_assert_eq!(&read.deprecated, &generated.deprecated);
            prop_assert_eq!(&read.aliases, &generated.aliases);
            prop_assert_eq!(&read.variant, &format!("Scope{}", generated.index));
            // The reported location points at the scope's name in the text.
            let line = text.lines().nth(read.location.line - 1).unwrap();
            let column: String = line.chars().skip(read.location.column - 1).collect();
            prop_assert!(column.starts_with(&serde_json::to_string(&generated.name).unwrap()));
        }
    }

    #[test]
    fn damaged_specs_never_panic(
        scopes in scopes(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes = serde_json::to_vec_pretty(&to_json(&scopes)).unwrap();
        for (at, byte, kind) in edits {
            if bytes.is_empty() {
                break;
            }
            let at = at.index(bytes.len());
            match kind {
                0 => bytes[at] = byte,
                1 => { bytes.remove(at); }
                _ => bytes.insert(at, byte),
            }
        }
        if let Err(errors) = parse_bytes(&bytes) {
            prop_assert!(!errors.is_empty());
            for err in errors {
                prop_assert!(err.location.is_some());
                prop_assert!(!err.message.is_empty());
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_bytes(&bytes);
    }
}
