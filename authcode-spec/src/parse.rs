//! Pass 1: reads the JSON structure into the model, checking each value on its own (its type,
//! that required keys are there, that no unknown key is). Checks across scopes live in
//! `validate`.

use crate::error::quoted;
use crate::raw::{Kind, Node, Source};
use crate::{
    Authorization, Location, SCOPE_KEYS, SPEC_VERSION, ScopeDef, Spec, SpecError, TOP_LEVEL_KEYS,
    USER_INFO_FIELDS, check_identifier, closest, variant_name_for,
};

/// Reads `text` into a [`Spec`] holding every well-formed scope, and the problems found on the
/// way. An error that leaves nothing to read (bad JSON, a root that is not an object) comes back
/// alone.
pub(crate) fn read(text: &str) -> (Option<Spec>, Vec<SpecError>) {
    let mut reader = Reader {
        source: Source::new(text),
        errors: Vec::new(),
    };
    let spec = reader.spec();
    (spec, reader.errors)
}

struct Reader<'a> {
    source: Source<'a>,
    errors: Vec<SpecError>,
}

/// Looks up the value of one key among an object's entries.
fn value<'a>(entries: &[(String, Node<'a>)], key: &str) -> Option<Node<'a>> {
    entries
        .iter()
        .find(|(found, _)| found == key)
        .map(|(_, node)| *node)
}

impl<'a> Reader<'a> {
    fn error(&mut self, location: Location, message: String) {
        self.errors.push(SpecError::at(location, message));
    }

    fn spec(&mut self) -> Option<Spec> {
        let root = match self.source.root() {
            Ok(root) => root,
            Err(err) => {
                self.errors.push(err);
                return None;
            }
        };
        let entries = self.object(root, "the spec")?;
        self.check_keys(&entries, TOP_LEVEL_KEYS, "at the top level of the spec");

        let spec_version = self.spec_version(root.location, value(&entries, "spec_version"));
        let wallet = value(&entries, "wallet").and_then(|node| self.string(node, "`wallet`"));
        let jsapi = value(&entries, "jsapi").and_then(|node| self.string(node, "`jsapi`"));
        let scopes = match value(&entries, "scopes") {
            Some(node) => self.scopes(node),
            None => {
                self.error(
                    root.location,
                    "missing `scopes`: a spec must list its scopes".to_owned(),
                );
                Vec::new()
            }
        };
        Some(Spec {
            spec_version: spec_version.unwrap_or(SPEC_VERSION),
            wallet,
            jsapi,
            scopes,
        })
    }

    fn spec_version(&mut self, root: Location, node: Option<Node<'a>>) -> Option<u64> {
        let Some(node) = node else {
            self.error(
                root,
                format!("missing `spec_version` (this version of authcode reads {SPEC_VERSION})"),
            );
            return None;
        };
        if node.kind() != Kind::Number {
            self.error(
                node.location,
                format!(
                    "`spec_version` must be the number {SPEC_VERSION}, found {}",
                    node.kind()
                ),
            );
            return None;
        }
        match serde_json::from_str::<u64>(node.text) {
            Ok(SPEC_VERSION) => Some(SPEC_VERSION),
            _ => {
                self.error(
                    node.location,
                    format!(
                        "unsupported `spec_version` {}: this version of authcode reads {SPEC_VERSION}",
                        node.text
                    ),
                );
                None
            }
        }
    }

    fn scopes(&mut self, node: Node<'a>) -> Vec<ScopeDef> {
        let Some(elements) = self.array(node, "`scopes`") else {
            return Vec::new();
        };
        if elements.is_empty() {
            self.error(
                node.location,
                "`scopes` is empty: a spec must list at least one scope".to_owned(),
            );
        }
        elements
            .into_iter()
            .enumerate()
            .filter_map(|(index, element)| self.scope(index, element))
            .collect()
    }

    /// Reads one scope; `None` when it is too broken to take part in later checks (its problems
    /// are recorded either way).
    fn scope(&mut self, index: usize, node: Node<'a>) -> Option<ScopeDef> {
        let what = format!("scope #{}", index + 1);
        let entries = self.object(node, &what)?;
        let errors_before = self.errors.len();

        let name = match value(&entries, "name") {
            Some(name) => self.non_empty_string(name, &format!("`name` of {what}")),
            None => {
                self.error(node.location, format!("{what} is missing `name`"));
                None
            }
        };
        // From here on messages name the scope by its wire name, which is what users search for.
        let what = match &name {
            Some(name) => format!("scope {}", quoted(name)),
            None => what,
        };
        self.check_keys(&entries, SCOPE_KEYS, &format!("in {what}"));

        let description = self.required(&entries, node, "description", &what);
        let description =
            description.and_then(|d| self.non_empty_string(d, &format!("`description` of {what}")));
        let authorization = self
            .required(&entries, node, "authorization", &what)
            .and_then(|a| self.authorization(a, &what));
        let deprecated = value(&entries, "deprecated")
            .and_then(|d| self.non_empty_string(d, &format!("`deprecated` of {what}")));
        let (aliases, alias_locations) = match value(&entries, "aliases") {
            Some(list) => self.aliases(list, &what),
            None => (Vec::new(), Vec::new()),
        };
        let grants = match value(&entries, "grants") {
            Some(list) => self.grants(list, &what),
            None => Vec::new(),
        };
        let rust_name = value(&entries, "rust_name").and_then(|r| self.rust_name(r, &what));

        let name_node = value(&entries, "name");
        let variant = match (&rust_name, &name, name_node) {
            (Some(rust_name), _, _) => Some(rust_name.clone()),
            (None, Some(name), Some(name_node)) => match variant_name_for(name) {
                Ok(variant) => Some(variant),
                Err(problem) => {
                    self.error(
                        name_node.location,
                        format!(
                            "cannot make a Rust variant name from scope name {}: {problem}; \
                             give the scope a `rust_name`",
                            quoted(name)
                        ),
                    );
                    None
                }
            },
            _ => None,
        };

        if self.errors.len() != errors_before {
            return None;
        }
        Some(ScopeDef {
            name: name?,
            description: description?,
            authorization: authorization?,
            deprecated,
            aliases,
            rust_name,
            grants,
            variant: variant?,
            location: name_node?.location,
            alias_locations,
        })
    }

    fn required(
        &mut self,
        entries: &[(String, Node<'a>)],
        object: Node<'a>,
        key: &str,
        what: &str,
    ) -> Option<Node<'a>> {
        let found = value(entries, key);
        if found.is_none() {
            self.error(object.location, format!("{what} is missing `{key}`"));
        }
        found
    }

    fn authorization(&mut self, node: Node<'a>, what: &str) -> Option<Authorization> {
        let text = self.string(node, &format!("`authorization` of {what}"))?;
        match text.as_str() {
            "silent" => Some(Authorization::Silent),
            "proactive" => Some(Authorization::Proactive),
            other => {
                let hint = match closest(other, ["silent", "proactive"]) {
                    Some(near) => format!("; did you mean \"{near}\"?"),
                    None => String::new(),
                };
                self.error(
                    node.location,
                    format!(
                        "`authorization` of {what} is \"{other}\"; expected \"silent\" or \"proactive\"{hint}"
                    ),
                );
                None
            }
        }
    }

    fn aliases(&mut self, node: Node<'a>, what: &str) -> (Vec<String>, Vec<Location>) {
        let mut aliases = Vec::new();
        let mut locations = Vec::new();
        for element in self
            .array(node, &format!("`aliases` of {what}"))
            .unwrap_or_default()
        {
            if let Some(alias) = self.non_empty_string(element, &format!("an alias of {what}")) {
                aliases.push(alias);
                locations.push(element.location);
            }
        }
        (aliases, locations)
    }

    fn grants(&mut self, node: Node<'a>, what: &str) -> Vec<String> {
        let mut grants: Vec<String> = Vec::new();
        for element in self
            .array(node, &format!("`grants` of {what}"))
            .unwrap_or_default()
        {
            let Some(field) = self.string(element, &format!("a grant of {what}")) else {
                continue;
            };
            if !USER_INFO_FIELDS.contains(&field.as_str()) {
                let hint = match closest(&field, USER_INFO_FIELDS.iter().copied()) {
                    Some(near) => format!("; did you mean \"{near}\"?"),
                    None => format!("; known fields: {}", USER_INFO_FIELDS.join(", ")),
                };
                self.error(
                    element.location,
                    format!("unknown user-info field \"{field}\" in `grants` of {what}{hint}"),
                );
            } else if grants.contains(&field) {
                self.error(
                    element.location,
                    format!("\"{field}\" is listed twice in `grants` of {what}"),
                );
            } else {
                grants.push(field);
            }
        }
        grants
    }

    fn rust_name(&mut self, node: Node<'a>, what: &str) -> Option<String> {
        let rust_name = self.string(node, &format!("`rust_name` of {what}"))?;
        match check_identifier(&rust_name) {
            Ok(()) => Some(rust_name),
            Err(problem) => {
                self.error(
                    node.location,
                    format!("invalid `rust_name` \"{rust_name}\" for {what}: {problem}"),
                );
                None
            }
        }
    }

    /// Reports unknown and repeated keys.
    fn check_keys(&mut self, entries: &[(String, Node<'a>)], allowed: &[&str], place: &str) {
        for (index, (key, node)) in entries.iter().enumerate() {
            if entries[..index].iter().any(|(earlier, _)| earlier == key) {
                self.error(node.location, format!("duplicate key `{key}` {place}"));
            } else if !allowed.contains(&key.as_str()) {
                let hint = match closest(key, allowed.iter().copied()) {
                    Some(near) => format!("; did you mean `{near}`?"),
                    None => format!("; expected one of {}", backticked(allowed)),
                };
                self.error(node.location, format!("unknown key `{key}` {place}{hint}"));
            }
        }
    }

    fn object(&mut self, node: Node<'a>, what: &str) -> Option<Vec<(String, Node<'a>)>> {
        self.expect_kind(node, Kind::Object, what)?;
        self.recorded(self.source.entries(node))
    }

    fn array(&mut self, node: Node<'a>, what: &str) -> Option<Vec<Node<'a>>> {
        self.expect_kind(node, Kind::Array, what)?;
        self.recorded(self.source.elements(node))
    }

    fn string(&mut self, node: Node<'a>, what: &str) -> Option<String> {
        self.expect_kind(node, Kind::String, what)?;
        self.recorded(self.source.string(node))
    }

    fn non_empty_string(&mut self, node: Node<'a>, what: &str) -> Option<String> {
        let text = self.string(node, what)?;
        if text.trim().is_empty() {
            self.error(node.location, format!("{what} must not be empty"));
            return None;
        }
        Some(text)
    }

    fn expect_kind(&mut self, node: Node<'a>, expected: Kind, what: &str) -> Option<()> {
        let found = node.kind();
        if found == expected {
            Some(())
        } else {
            self.error(
                node.location,
                format!("{what} must be {expected}, found {found}"),
            );
            None
        }
    }

    fn recorded<T>(&mut self, result: Result<T, SpecError>) -> Option<T> {
        result.map_err(|err| self.errors.push(err)).ok()
    }
}

fn backticked(keys: &[&str]) -> String {
    keys.iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
