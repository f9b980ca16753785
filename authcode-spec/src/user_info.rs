//! The user-info model: reading `user_info` (or the Alipay+ model shipped with this crate),
//! and the paths that `grants` name.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::error::{quoted, shown, ticked};
use crate::json::{Data, Member, Value};
use crate::model::walk;
use crate::problems::Problems;
use crate::reader::{Keyed, Place, Reader};
use crate::{
    FIELD_KEYS, FIELD_TYPES, FieldType, IdentProblem, Location, MAX_MODEL_DEPTH, MAX_MODEL_FIELDS,
    ModelField, ObjectType, SpecErrorKind, UserInfoModel, check_field_identifier, check_identifier,
    closest, field_name_for,
};

/// The Alipay+ `userInfo` model, in the format of `user_info`.
const ALIPAY_PLUS_USER_INFO: &str = include_str!("alipay_plus_user_info.json");

/// The Alipay+ model and its index, read once.
pub(crate) struct DefaultModel {
    pub model: UserInfoModel,
    pub index: ModelIndex,
}

pub(crate) fn alipay_plus() -> &'static DefaultModel {
    static DEFAULT: OnceLock<DefaultModel> = OnceLock::new();
    DEFAULT.get_or_init(|| {
        // A unit test reads the file and checks it has no problems, so neither fallback below
        // is taken; they keep the reader panic-free should the file ever break.
        let read = crate::json::parse(ALIPAY_PLUS_USER_INFO)
            .ok()
            .and_then(|root| {
                let mut problems = Problems::new();
                let read = read_model(&mut Reader::new(&mut problems), &root);
                read.filter(|_| problems.count() == 0)
            });
        let mut model = read.map_or_else(
            || UserInfoModel {
                fields: Vec::new(),
                is_default: true,
            },
            |(model, _)| model,
        );
        model.is_default = true;
        let index = ModelIndex::new(&model);
        DefaultModel { model, index }
    })
}

impl UserInfoModel {
    /// The Alipay+ `userInfo` model, which specs without `user_info` get.
    ///
    /// ```
    /// let model = authcode_spec::UserInfoModel::alipay_plus();
    /// assert!(model.is_default);
    /// assert_eq!(model.fields[0].wire_name, "userId");
    /// ```
    pub fn alipay_plus() -> UserInfoModel {
        alipay_plus().model.clone()
    }
}

/// The paths of a model, for checking and suggesting grants.
pub(crate) struct ModelIndex {
    paths: Vec<String>,
    /// A path to a subfield, to show how paths are written.
    example: Option<String>,
    known: HashSet<String>,
    top: Vec<String>,
    is_default: bool,
}

impl ModelIndex {
    fn new(model: &UserInfoModel) -> ModelIndex {
        let paths: Vec<String> = model.paths().into_iter().map(|path| path.path).collect();
        ModelIndex {
            known: paths.iter().cloned().collect(),
            example: paths.iter().find(|path| path.contains('.')).cloned(),
            paths,
            top: model.fields.iter().map(|f| f.wire_name.clone()).collect(),
            is_default: model.is_default,
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.known.contains(path)
    }

    /// What to add to "unknown user-info field ...": a suggestion, or the fields there are.
    /// Suggesting spends `budget` (see [`SUGGESTION_BUDGET`](crate::parse::SUGGESTION_BUDGET)).
    pub fn hint(&self, path: &str, budget: &Cell<usize>) -> String {
        // A candidate over twice as long as the path cannot be near it (see `closest`), so
        // only the others are compared, and their cost is known before comparing.
        let chars = path.chars().count();
        let candidates: Vec<&str> = self
            .paths
            .iter()
            .map(String::as_str)
            .filter(|candidate| {
                candidate.len() <= 8 * chars && candidate.chars().count() <= 2 * chars
            })
            .collect();
        let cost: usize = candidates
            .iter()
            .map(|candidate| chars.saturating_mul(candidate.len()))
            .fold(0, usize::saturating_add);
        if cost <= budget.get() {
            budget.set(budget.get() - cost);
            if let Some(near) = closest(path, candidates) {
                return format!("; did you mean \"{near}\"?");
            }
        }
        let model = if self.is_default {
            "the Alipay+ userInfo fields"
        } else {
            "the fields of `user_info`"
        };
        let subfields = match &self.example {
            Some(example) => format!(" (subfields as {})", ticked(example)),
            None => String::new(),
        };
        if self.top.len() <= 12 {
            let names: Vec<_> = self.top.iter().map(|name| shown(name)).collect();
            format!("; {model} are {}{subfields}", names.join(", "))
        } else {
            format!("; it is none of {model}{subfields}")
        }
    }
}

/// Reads a `user_info` value. `None` when it has problems (all reported).
pub(crate) fn read_model(
    reader: &mut Reader<'_>,
    value: &Value<'_>,
) -> Option<(UserInfoModel, ModelIndex)> {
    let before = reader.problems.count();
    let members = reader.object(value, "`user_info`")?;
    if members.is_empty() {
        reader.report(value.location, SpecErrorKind::InvalidValue, || {
            "`user_info` is empty: list the wallet's user-info fields, or leave `user_info` out \
             for the Alipay+ model"
                .to_owned()
        });
        return None;
    }
    let mut models = ModelReader {
        reader,
        fields: 0,
        rust_types: HashMap::new(),
    };
    let fields = models.fields(members, None, 0);
    if models.reader.problems.count() != before {
        return None;
    }
    let model = UserInfoModel {
        fields,
        is_default: false,
    };
    check_paths(models.reader, &model);
    if models.reader.problems.count() != before {
        return None;
    }
    let index = ModelIndex::new(&model);
    Some((model, index))
}

struct ModelReader<'r, 'p> {
    reader: &'r mut Reader<'p>,
    /// Fields read so far, for [`MAX_MODEL_FIELDS`].
    fields: usize,
    /// Each `rust_type` given, with the path of its field and where it is.
    rust_types: HashMap<String, (String, Location)>,
}

impl ModelReader<'_, '_> {
    /// Reads the fields of `user_info` (`parent` `None`) or of the object at path `parent`;
    /// `depth` is how many objects and arrays enclose them.
    fn fields(
        &mut self,
        members: &[Member<'_>],
        parent: Option<&str>,
        depth: usize,
    ) -> Vec<ModelField> {
        let container = match parent {
            None => Place::UserInfo,
            Some(path) => Place::Field(path),
        };
        let mut fields = Vec::with_capacity(members.len());
        let mut keys = HashSet::with_capacity(members.len());
        let mut rust_names: HashMap<String, (&str, Location)> = HashMap::new();
        for member in members {
            if self.fields >= MAX_MODEL_FIELDS {
                if self.fields == MAX_MODEL_FIELDS {
                    self.reader
                        .report(member.key_location, SpecErrorKind::TooLarge, || {
                            format!(
                                "`user_info` has more than {MAX_MODEL_FIELDS} fields; the limit \
                                 is {MAX_MODEL_FIELDS}"
                            )
                        });
                }
                // Counted past the limit, so that it is reported once, at the first field over.
                self.fields += 1;
                break;
            }
            self.fields += 1;
            let wire = &*member.key;
            if !keys.insert(wire) {
                self.reader
                    .report(member.key_location, SpecErrorKind::DuplicateKey, || {
                        format!("duplicate field {} in {container}", ticked(wire))
                    });
                continue;
            }
            if wire.is_empty() || wire.contains('.') {
                self.reader
                    .report(member.key_location, SpecErrorKind::InvalidValue, || {
                        if wire.is_empty() {
                            format!("a field name in {container} must not be empty")
                        } else {
                            format!(
                                "field name {} in {container} contains `.`, which `grants` \
                                 uses to separate the fields of a path",
                                quoted(wire)
                            )
                        }
                    });
                continue;
            }
            let path = match parent {
                None => wire.to_owned(),
                Some(parent) => format!("{parent}.{wire}"),
            };
            let Some(field) = self.field(member, &path, depth) else {
                continue;
            };
            if let Some((first, first_at)) = rust_names.get(field.rust_name.as_str()) {
                let (first, line) = (*first, first_at.line);
                self.reader
                    .report(field.location, SpecErrorKind::FieldCollision, || {
                        format!(
                            "fields {} (line {line}) and {} of {container} both become the Rust \
                             field `{}`; give one of them a `rust_name`",
                            quoted(first),
                            quoted(wire),
                            shown(&field.rust_name)
                        )
                    });
                continue;
            }
            rust_names.insert(field.rust_name.clone(), (wire, field.location));
            fields.push(field);
        }
        fields
    }

    fn field(&mut self, member: &Member<'_>, path: &str, depth: usize) -> Option<ModelField> {
        let at = Place::Field(path);
        let before = self.reader.problems.count();
        let members = self.field_type_object(&member.value, at)?;
        let keys = self.reader.keyed(members, FIELD_KEYS, at);
        let ty = self.field_type(&member.value, &keys, at, path, depth);
        let description = keys
            .value("description")
            .and_then(|value| self.reader.non_empty(value, at.key("description")))
            .map(str::to_owned);
        let rust_name = match keys.value("rust_name") {
            Some(value) => self.explicit_field_name(value, at),
            None => self.derived_field_name(&member.key, member.key_location),
        };
        if self.reader.problems.count() != before {
            return None;
        }
        Some(ModelField {
            wire_name: member.key.to_string(),
            rust_name: rust_name?,
            description,
            ty: ty?,
            location: member.key_location,
        })
    }

    /// The members of a field type, which must be an object.
    fn field_type_object<'v, 'a>(
        &mut self,
        value: &'v Value<'a>,
        at: Place<'_>,
    ) -> Option<&'v [Member<'a>]> {
        if let Data::Object(members) = &value.data {
            return Some(members);
        }
        let found = value.kind();
        self.reader
            .report(value.location, SpecErrorKind::WrongType, || {
                format!(
                    "{at} must be a field type, an object such as `{{ \"type\": \"string\" }}`; \
                     found {found}"
                )
            });
        None
    }

    fn explicit_field_name(&mut self, value: &Value<'_>, at: Place<'_>) -> Option<String> {
        let name = self.reader.string(value, at.key("rust_name"))?;
        match check_field_identifier(name) {
            Ok(ident) if ident == "extra" => {
                self.reader
                    .report(value.location, SpecErrorKind::ReservedName, || {
                        format!(
                            "`rust_name` \"extra\" of {at} is reserved: the generated struct keeps \
                             unknown fields in `extra`; choose another"
                        )
                    });
                None
            }
            Ok(ident) => Some(ident),
            Err(problem) => {
                self.reader
                    .report(value.location, SpecErrorKind::InvalidIdentifier, || {
                        format!("invalid `rust_name` {} for {at}: {problem}", quoted(name))
                    });
                None
            }
        }
    }

    fn derived_field_name(&mut self, wire: &str, location: Location) -> Option<String> {
        match field_name_for(wire) {
            Ok(ident) if ident == "extra" => {
                self.reader
                    .report(location, SpecErrorKind::ReservedName, || {
                        format!(
                            "field {} would become the Rust field `extra`, which the generated \
                         struct uses for unknown fields; give the field a `rust_name`",
                            quoted(wire)
                        )
                    });
                None
            }
            Ok(ident) => Some(ident),
            Err(problem) => {
                self.reader
                    .report(location, SpecErrorKind::InvalidIdentifier, || {
                        format!(
                            "cannot make a Rust field name from field {}: {problem}; give the \
                             field a `rust_name`",
                            quoted(wire)
                        )
                    });
                None
            }
        }
    }

    /// Reads a field type (of a field, or the items of the array at `path`). `depth` is how
    /// many objects and arrays enclose it.
    fn field_type(
        &mut self,
        value: &Value<'_>,
        keys: &Keyed<'_, '_>,
        at: Place<'_>,
        path: &str,
        depth: usize,
    ) -> Option<FieldType> {
        let Some(type_value) = keys.value("type") else {
            self.reader
                .report(value.location, SpecErrorKind::MissingKey, || {
                    format!("{at} is missing `type` (one of {})", FIELD_TYPES.join(", "))
                });
            return None;
        };
        let options: Vec<(&'static str, &'static str)> =
            FIELD_TYPES.iter().map(|name| (*name, *name)).collect();
        let name = self.reader.choice(
            type_value,
            at.key("type"),
            &options,
            SpecErrorKind::UnknownFieldType,
        )?;
        let fields = keys.get("fields");
        let items = keys.get("items");
        let rust_type = keys.get("rust_type");
        for (member, key, belongs_to) in [
            (fields, "fields", "object"),
            (items, "items", "array"),
            (rust_type, "rust_type", "object"),
        ] {
            if let Some(member) = member
                && name != belongs_to
            {
                self.reader
                    .report(member.key_location, SpecErrorKind::UnknownKey, || {
                        format!(
                            "`{key}` is only for type \"{belongs_to}\"; {at} is of type \"{name}\""
                        )
                    });
            }
        }
        let nested = matches!(name, "object" | "array");
        if nested && depth + 1 > MAX_MODEL_DEPTH {
            self.reader
                .report(value.location, SpecErrorKind::TooDeep, || {
                    format!(
                        "{at} nests objects and arrays {} deep; the limit is {MAX_MODEL_DEPTH}",
                        depth + 1
                    )
                });
            return None;
        }
        Some(match name {
            "string" => FieldType::String,
            "integer" => FieldType::Integer,
            "number" => FieldType::Number,
            "boolean" => FieldType::Boolean,
            "object" => {
                let Some(fields) = fields else {
                    self.reader
                        .report(value.location, SpecErrorKind::MissingKey, || {
                            format!("{at} is an object but has no `fields`")
                        });
                    return None;
                };
                let rust_type =
                    rust_type.and_then(|member| self.rust_type(&member.value, at, path));
                let members = self.reader.object(&fields.value, at.key("fields"))?;
                if members.is_empty() {
                    self.reader
                        .report(fields.value.location, SpecErrorKind::InvalidValue, || {
                            format!("`fields` of {at} is empty: an object lists at least one field")
                        });
                    return None;
                }
                let fields = self.fields(members, Some(path), depth + 1);
                FieldType::Object(ObjectType { rust_type, fields })
            }
            _ => {
                let Some(items) = items else {
                    self.reader
                        .report(value.location, SpecErrorKind::MissingKey, || {
                            format!("{at} is an array but has no `items`")
                        });
                    return None;
                };
                FieldType::Array(Box::new(self.items(&items.value, path, depth + 1)?))
            }
        })
    }

    /// The items of the array field at `path`.
    fn items(&mut self, value: &Value<'_>, path: &str, depth: usize) -> Option<FieldType> {
        let at = Place::Items(path);
        let members = self.field_type_object(value, at)?;
        let keys = self.reader.keyed(members, FIELD_KEYS, at);
        if let Some(member) = keys.get("description") {
            self.reader
                .report(member.key_location, SpecErrorKind::UnknownKey, || {
                    format!(
                        "`description` does not apply to {at}; describe the field {} itself",
                        ticked(path)
                    )
                });
        }
        if let Some(member) = keys.get("rust_name") {
            self.reader
                .report(member.key_location, SpecErrorKind::UnknownKey, || {
                    format!(
                        "`rust_name` does not apply to {at}: they are not a field (give the \
                         field {} its `rust_name`)",
                        ticked(path)
                    )
                });
        }
        self.field_type(value, &keys, at, path, depth)
    }

    fn rust_type(&mut self, value: &Value<'_>, at: Place<'_>, path: &str) -> Option<String> {
        let name = self.reader.string(value, at.key("rust_type"))?;
        let ident = match check_identifier(name) {
            Ok(ident) => ident,
            Err(problem) => {
                self.reader
                    .report(value.location, SpecErrorKind::InvalidIdentifier, || {
                        format!("invalid `rust_type` {} for {at}: {problem}", quoted(name))
                    });
                return None;
            }
        };
        if let Some((first, first_at)) = self.rust_types.get(&ident) {
            let line = first_at.line;
            self.reader
                .report(value.location, SpecErrorKind::TypeCollision, || {
                    format!(
                        "`rust_type` {} of {at} is already the type of field {} (line {line}); \
                         each object needs a type of its own",
                        quoted(name),
                        ticked(first)
                    )
                });
            return None;
        }
        self.rust_types
            .insert(ident.clone(), (path.to_owned(), value.location));
        Some(ident)
    }
}

/// The path variants must be identifiers, and unique.
fn check_paths(reader: &mut Reader<'_>, model: &UserInfoModel) {
    let mut paths = Vec::new();
    let mut owners = Vec::new();
    walk(&model.fields, "", "", &mut paths, &mut owners);
    let mut variants: HashMap<&str, usize> = HashMap::with_capacity(paths.len());
    for (index, (path, owner)) in paths.iter().zip(&owners).enumerate() {
        match check_identifier(&path.variant) {
            Ok(_) => {}
            // A Rust field name never turns into an empty or digit-led identifier except
            // through underscores (`__`, `_1st`), and never into another keyword than `Self`.
            Err(problem) => {
                reader.report(owner.location, SpecErrorKind::InvalidIdentifier, || {
                    let problem = match problem {
                        IdentProblem::Empty => "it has no letters or digits".to_owned(),
                        other => other.to_string(),
                    };
                    format!(
                        "cannot make a variant name for the user-info path {} from `{}`: \
                         {problem}; give the field a `rust_name`",
                        ticked(&path.path),
                        shown(&path.variant)
                    )
                });
                continue;
            }
        }
        if let Some(&first) = variants.get(path.variant.as_str()) {
            let line = owners[first].location.line;
            reader.report(owner.location, SpecErrorKind::FieldCollision, || {
                format!(
                    "user-info paths {} (line {line}) and {} both become the variant `{}`; give \
                     one of the fields a `rust_name`",
                    ticked(&paths[first].path),
                    ticked(&path.path),
                    shown(&path.variant)
                )
            });
        } else {
            variants.insert(&path.variant, index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alipay_plus_model_reads_without_problems() {
        let root = crate::json::parse(ALIPAY_PLUS_USER_INFO).unwrap();
        let mut problems = Problems::new();
        let read = read_model(&mut Reader::new(&mut problems), &root);
        assert_eq!(problems.into_errors(), []);
        assert!(read.is_some());
    }

    #[test]
    fn the_alipay_plus_model_has_the_documented_fields() {
        let model = &alipay_plus().model;
        assert!(model.is_default);
        let top: Vec<_> = model.fields.iter().map(|f| f.wire_name.as_str()).collect();
        assert_eq!(
            top,
            [
                "userId",
                "nickName",
                "userName",
                "avatar",
                "gender",
                "birthDate",
                "nationality",
                "loginIdInfos",
                "contactInfos",
                "addresses"
            ]
        );
        let rust_types: Vec<_> = model
            .fields
            .iter()
            .filter_map(|f| f.ty.nested_object()?.rust_type.as_deref())
            .collect();
        assert_eq!(
            rust_types,
            ["UserName", "LoginIdInfo", "ContactInfo", "Address"]
        );
        assert!(model.fields.iter().all(|f| f.description.is_some()));
        // Every name a scope could grant before paths were introduced is still a path.
        let paths: Vec<_> = model.paths().into_iter().map(|p| p.path).collect();
        for old in [
            "userId",
            "nickName",
            "userName",
            "avatar",
            "gender",
            "birthDate",
            "nationality",
            "loginIdInfos.loginId",
            "loginIdInfos.maskLoginId",
            "loginIdInfos.hashLoginId",
            "contactInfos",
            "addresses",
        ] {
            assert!(paths.iter().any(|p| p == old), "{old}");
        }
    }

    #[test]
    fn paths_are_in_preorder_with_their_subtrees() {
        let paths = alipay_plus().model.paths();
        for (index, path) in paths.iter().enumerate() {
            assert!(path.subtree_end > index && path.subtree_end <= paths.len());
            for below in &paths[index + 1..path.subtree_end] {
                assert!(below.path.starts_with(&format!("{}.", path.path)));
            }
            if let Some(next) = paths.get(path.subtree_end) {
                assert!(!next.path.starts_with(&format!("{}.", path.path)));
            }
        }
        let user_name = paths
            .iter()
            .find(|p| p.path == "userName.fullName")
            .unwrap();
        assert_eq!(user_name.variant, "UserNameFullName");
    }
}
