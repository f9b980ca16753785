//! Property tests: random valid specs are read back exactly, the same whether minified or
//! pretty-printed, and random damage to a valid spec (or arbitrary bytes) never panics and
//! always yields a bounded list of messages located within the file.

use authcode_spec::{
    Authorization, FieldType, Location, MAX_PROBLEMS, ModelField, Spec, SpecError, UserInfoModel,
    parse, parse_bytes,
};
use proptest::prelude::*;
use proptest::sample::Index;
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
            check_located_within(&bytes, &errors)?;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Err(errors) = parse_bytes(&bytes) {
            check_located_within(&bytes, &errors)?;
        }
    }

    #[test]
    fn minified_and_pretty_forms_read_the_same(
        model in proptest::option::of(proptest::collection::vec(shape(), 1..6)),
        grants in proptest::collection::vec(proptest::collection::vec(any::<Index>(), 0..4), 1..8),
        sources in proptest::collection::vec("[a-z]{1,8}", 0..3),
        openapi in proptest::option::of((any::<bool>(), proptest::option::of(any::<bool>()))),
    ) {
        let mut counter = 0;
        let (user_info, paths) = match &model {
            Some(shapes) => {
                let mut paths = Vec::new();
                let fields = model_json(shapes, "", &mut counter, &mut paths);
                (Some(fields), paths)
            }
            None => {
                let paths = UserInfoModel::alipay_plus().paths().into_iter().map(|p| p.path).collect();
                (None, paths)
            }
        };
        let scopes: Vec<Vec<String>> = grants
            .iter()
            .map(|picks| {
                let mut granted: Vec<String> = picks.iter().map(|pick| paths[pick.index(paths.len())].clone()).collect();
                granted.dedup();
                let mut seen = std::collections::HashSet::new();
                granted.retain(|path| seen.insert(path.clone()));
                granted
            })
            .collect();
        let mut value = json!({
            "spec_version": 1,
            "scopes": scopes.iter().enumerate().map(|(i, granted)| json!({
                "name": format!("SCOPE_{i}"),
                "description": format!("Scope {i}."),
                "authorization": "proactive",
                "grants": granted,
            })).collect::<Vec<_>>(),
        });
        if !sources.is_empty() {
            value["sources"] = json!(sources.iter().map(|s| format!("https://{s}.example.com/doc")).collect::<Vec<_>>());
        }
        if let Some((v2, revoke)) = openapi {
            value["openapi"] = json!({ "version": if v2 { "v2" } else { "v1" } });
            if let Some(cancel) = revoke {
                value["openapi"]["revoke"] = json!(if cancel { "cancelToken" } else { "revoke" });
            }
        }
        if let Some(user_info) = user_info {
            value["user_info"] = user_info;
        }
        let minified = serde_json::to_string(&value).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let read = |text: &str| parse(text).map_err(|errors| TestCaseError::fail(format!("{errors:#?}\n{text}")));
        let (minified, pretty) = (read(&minified)?, read(&pretty)?);
        prop_assert_eq!(without_locations(minified.clone()), without_locations(pretty));
        // The reader's paths are the generator's, and the grants are read back as written.
        let read_paths: Vec<String> = minified.user_info.paths().into_iter().map(|p| p.path).collect();
        prop_assert_eq!(read_paths, paths);
        let read_grants: Vec<Vec<String>> = minified.scopes.iter().map(|s| s.grants.clone()).collect();
        prop_assert_eq!(read_grants, scopes);
    }
}

/// Every problem is located on a line of the file, at most one column past its end, and there
/// are at most [`MAX_PROBLEMS`] of them and the one that counts the rest.
fn check_located_within(bytes: &[u8], errors: &[SpecError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty());
    prop_assert!(errors.len() <= MAX_PROBLEMS + 1);
    // Replacement characters only stand in for bytes after the first bad one, which is where
    // the one problem of a file that is not UTF-8 is located.
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    for err in errors {
        prop_assert!(!err.message.is_empty());
        let Some(location) = err.location else {
            return Err(TestCaseError::fail(format!("{err} has no location")));
        };
        prop_assert!(
            location.line >= 1 && location.line <= lines.len(),
            "{}",
            err
        );
        let line = lines[location.line - 1];
        prop_assert!(
            location.column >= 1 && location.column <= line.chars().count() + 1,
            "{}",
            err
        );
    }
    Ok(())
}

/// The shape of a user-info field: a scalar (by index into the scalar types), an object, or
/// an array.
#[derive(Clone, Debug)]
enum Shape {
    Scalar(usize),
    Object(Vec<Shape>),
    Array(Box<Shape>),
}

fn shape() -> impl Strategy<Value = Shape> {
    (0usize..4)
        .prop_map(Shape::Scalar)
        .prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 1..4).prop_map(Shape::Object),
                inner.prop_map(|items| Shape::Array(Box::new(items))),
            ]
        })
}

/// The `user_info` (or `fields`) JSON of `shapes`, with the paths it has in preorder. Wire
/// names are numbered, so Rust names and path variants never collide.
fn model_json(
    shapes: &[Shape],
    prefix: &str,
    counter: &mut usize,
    paths: &mut Vec<String>,
) -> Value {
    let mut fields = serde_json::Map::new();
    for shape in shapes {
        *counter += 1;
        // Zero-padded, so that serde_json's sorted maps keep the order of the generator.
        let wire = format!("field{counter:04}Name");
        let path = format!("{prefix}{wire}");
        paths.push(path.clone());
        let ty = field_type_json(shape, &path, counter, paths, false);
        fields.insert(wire, ty);
    }
    Value::Object(fields)
}

/// The field type of `shape`; the `items` of an array have no description.
fn field_type_json(
    shape: &Shape,
    path: &str,
    counter: &mut usize,
    paths: &mut Vec<String>,
    items: bool,
) -> Value {
    match shape {
        Shape::Scalar(kind) => {
            let ty = ["string", "integer", "number", "boolean"][*kind];
            if items {
                json!({ "type": ty })
            } else {
                json!({ "type": ty, "description": format!("Field {counter}.") })
            }
        }
        Shape::Object(fields) => {
            json!({ "type": "object", "fields": model_json(fields, &format!("{path}."), counter, paths) })
        }
        Shape::Array(inner) => {
            json!({ "type": "array", "items": field_type_json(inner, path, counter, paths, true) })
        }
    }
}

const NOWHERE: Location = Location { line: 0, column: 0 };

/// `spec` with every location zeroed, to compare what two texts say apart from where.
fn without_locations(mut spec: Spec) -> Spec {
    fn fields(list: &mut [ModelField]) {
        for field in list {
            field.location = NOWHERE;
            let mut ty = &mut field.ty;
            while let FieldType::Array(items) = ty {
                ty = items;
            }
            if let FieldType::Object(object) = ty {
                fields(&mut object.fields);
            }
        }
    }
    for scope in &mut spec.scopes {
        scope.location = NOWHERE;
        scope
            .alias_locations
            .iter_mut()
            .for_each(|at| *at = NOWHERE);
    }
    if !spec.user_info.is_default {
        fields(&mut spec.user_info.fields);
    }
    spec
}
