//! Pass 1: reads the JSON tree into the model, checking each value on its own (its type, that
//! required keys are there, that no unknown key is, that grants are paths of the model), with
//! the accessors of `reader`. Checks across scopes live in `validate`.

use std::fmt;

use crate::error::{quoted, shown};
use crate::ident::reserved_item;
use crate::json::{Data, Value};
use crate::problems::Problems;
use crate::reader::{Keyed, Place, Reader, Seen};
use crate::user_info::{self, ModelIndex};
use crate::{
    ApiVersion, Authorization, Location, OPENAPI_KEYS, OpenApiProfile, RevokeApi, SCOPE_KEYS,
    SPEC_VERSION, ScopeDef, Spec, SpecErrorKind, TOP_LEVEL_KEYS, check_identifier,
    variant_name_for,
};

/// Reads the tree of a spec into a [`Spec`] holding every well-formed scope. `None` when the
/// root is not an object, which leaves nothing to read.
pub(crate) fn read(root: &Value<'_>, problems: &mut Problems) -> Option<Spec> {
    Reader::new(problems).spec(root)
}

impl Reader<'_> {
    fn spec(&mut self, root: &Value<'_>) -> Option<Spec> {
        let members = self.object(root, "the spec")?;
        let keys = self.keyed(members, TOP_LEVEL_KEYS, Place::TopLevel);
        let at = Place::TopLevel;

        let spec_version = self.spec_version(root.location, keys.value("spec_version"));
        let wallet = keys
            .value("wallet")
            .and_then(|value| self.string(value, at.key("wallet")))
            .map(str::to_owned);
        let jsapi = keys
            .value("jsapi")
            .and_then(|value| self.string(value, at.key("jsapi")))
            .map(str::to_owned);
        let sources = keys
            .value("sources")
            .map(|value| self.sources(value))
            .unwrap_or_default();
        let openapi = keys.value("openapi").and_then(|value| self.openapi(value));

        // The model is read before the scopes, wherever it is in the file: grants are checked
        // against it. A model with problems checks no grants; they would be misleading.
        let own_model;
        let (user_info, index) = match keys.value("user_info") {
            Some(value) => {
                own_model = user_info::read_model(self, value);
                match &own_model {
                    Some((model, index)) => (model.clone(), Some(index)),
                    None => (user_info::alipay_plus().model.clone(), None),
                }
            }
            None => {
                let default = user_info::alipay_plus();
                (default.model.clone(), Some(&default.index))
            }
        };

        let scopes = match keys.value("scopes") {
            Some(value) => self.scopes(value, index),
            None => {
                self.report(root.location, SpecErrorKind::MissingKey, || {
                    "missing `scopes`: a spec must list its scopes".to_owned()
                });
                Vec::new()
            }
        };
        Some(Spec {
            spec_version: spec_version.unwrap_or(SPEC_VERSION),
            wallet,
            jsapi,
            sources,
            openapi,
            user_info,
            scopes,
        })
    }

    fn spec_version(&mut self, root: Location, value: Option<&Value<'_>>) -> Option<u64> {
        let Some(value) = value else {
            self.report(root, SpecErrorKind::MissingKey, || {
                format!("missing `spec_version` (this version of authcode reads {SPEC_VERSION})")
            });
            return None;
        };
        let Data::Number(text) = value.data else {
            let found = value.kind();
            self.report(value.location, SpecErrorKind::WrongType, || {
                format!("`spec_version` must be the number {SPEC_VERSION}, found {found}")
            });
            return None;
        };
        // The integer 1 exactly: `1.0` and `1e0` are other spellings of a number, and a
        // format version is not a quantity.
        if text == "1" {
            return Some(SPEC_VERSION);
        }
        self.report(value.location, SpecErrorKind::UnsupportedVersion, || {
            format!(
                "unsupported `spec_version` {}: this version of authcode reads {SPEC_VERSION}",
                shown(text)
            )
        });
        None
    }

    fn sources(&mut self, value: &Value<'_>) -> Vec<String> {
        let Some(elements) = self.array(value, "`sources`") else {
            return Vec::new();
        };
        let mut sources = Vec::with_capacity(elements.len());
        for element in elements {
            let Some(source) = self.non_empty(element, "a source in `sources`") else {
                continue;
            };
            let rest = source
                .strip_prefix("https://")
                .or_else(|| source.strip_prefix("http://"));
            if rest.is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace)) {
                sources.push(source.to_owned());
            } else {
                self.report(element.location, SpecErrorKind::InvalidValue, || {
                    format!(
                        "source {} in `sources` is not a web address: write the page's full \
                         `https://` or `http://` URL, without spaces",
                        quoted(source)
                    )
                });
            }
        }
        sources
    }

    fn openapi(&mut self, value: &Value<'_>) -> Option<OpenApiProfile> {
        let members = self.object(value, "`openapi`")?;
        let at = Place::OpenApi;
        let keys = self.keyed(members, OPENAPI_KEYS, at);
        let before = self.problems.count();
        let version = match keys.value("version") {
            Some(version) => self.choice(
                version,
                at.key("version"),
                &[("v1", ApiVersion::V1), ("v2", ApiVersion::V2)],
                SpecErrorKind::InvalidValue,
            ),
            None => {
                self.report(value.location, SpecErrorKind::MissingKey, || {
                    "`openapi` is missing `version` (\"v1\" or \"v2\")".to_owned()
                });
                None
            }
        };
        let revoke = keys.value("revoke").and_then(|revoke| {
            self.choice(
                revoke,
                at.key("revoke"),
                &[
                    ("revoke", RevokeApi::Revoke),
                    ("cancelToken", RevokeApi::CancelToken),
                ],
                SpecErrorKind::InvalidValue,
            )
        });
        let customer_belongs_to = keys
            .value("customer_belongs_to")
            .and_then(|value| self.non_empty(value, at.key("customer_belongs_to")))
            .map(str::to_owned);
        if self.problems.count() != before {
            return None;
        }
        Some(OpenApiProfile {
            version: version?,
            revoke,
            customer_belongs_to,
        })
    }

    fn scopes(&mut self, value: &Value<'_>, model: Option<&ModelIndex>) -> Vec<ScopeDef> {
        let Some(elements) = self.array(value, "`scopes`") else {
            return Vec::new();
        };
        if elements.is_empty() {
            self.report(value.location, SpecErrorKind::InvalidValue, || {
                "`scopes` is empty: a spec must list at least one scope".to_owned()
            });
        }
        let mut scopes = Vec::with_capacity(elements.len());
        for (index, element) in elements.iter().enumerate() {
            if let Some(scope) = self.scope(index, element, model) {
                scopes.push(scope);
            }
        }
        scopes
    }

    /// Reads one scope; `None` when it is too broken to take part in later checks (its problems
    /// are reported either way).
    fn scope(
        &mut self,
        index: usize,
        value: &Value<'_>,
        model: Option<&ModelIndex>,
    ) -> Option<ScopeDef> {
        let numbered = Place::Scope { index, name: None };
        let members = self.object(value, numbered)?;
        let before = self.problems.count();

        let name_value = members
            .iter()
            .find(|member| member.key == "name")
            .map(|member| &member.value);
        let name = match name_value {
            Some(name) => self.non_empty(name, numbered.key("name")),
            None => {
                self.report(value.location, SpecErrorKind::MissingKey, || {
                    format!("{numbered} is missing `name`")
                });
                None
            }
        };
        // From here on messages name the scope by its wire name, which is what users search for.
        let at = Place::Scope { index, name };
        let keys = self.keyed(members, SCOPE_KEYS, at);

        let description = self
            .required(&keys, value, "description", at)
            .and_then(|d| self.non_empty(d, at.key("description")));
        let authorization = self
            .required(&keys, value, "authorization", at)
            .and_then(|a| {
                self.choice(
                    a,
                    at.key("authorization"),
                    &[
                        ("silent", Authorization::Silent),
                        ("proactive", Authorization::Proactive),
                    ],
                    SpecErrorKind::InvalidValue,
                )
            });
        let deprecated = keys
            .value("deprecated")
            .and_then(|d| self.non_empty(d, at.key("deprecated")));
        let (aliases, alias_locations) = match keys.value("aliases") {
            Some(list) => self.aliases(list, at),
            None => (Vec::new(), Vec::new()),
        };
        let grants = match keys.value("grants") {
            Some(list) => self.grants(list, at, model),
            None => Vec::new(),
        };
        let rust_name_value = keys.value("rust_name");
        let rust_name = rust_name_value.and_then(|r| self.string(r, at.key("rust_name")));

        let variant = match (rust_name, rust_name_value, name, name_value) {
            (Some(rust_name), Some(value), _, _) => self.rust_name(rust_name, value, at),
            (None, None, Some(name), Some(value)) => self.derived_variant(name, value),
            _ => None,
        };

        if self.problems.count() != before {
            return None;
        }
        Some(ScopeDef {
            name: name?.to_owned(),
            description: description?.to_owned(),
            authorization: authorization?,
            deprecated: deprecated.map(str::to_owned),
            aliases,
            rust_name: rust_name.map(str::to_owned),
            grants,
            variant: variant?,
            location: name_value?.location,
            alias_locations,
        })
    }

    fn required<'v, 'a>(
        &mut self,
        keys: &Keyed<'v, 'a>,
        object: &Value<'_>,
        key: &'static str,
        at: Place<'_>,
    ) -> Option<&'v Value<'a>> {
        let found = keys.value(key);
        if found.is_none() {
            self.report(object.location, SpecErrorKind::MissingKey, || {
                format!("{at} is missing `{key}`")
            });
        }
        found
    }

    /// The variant a `rust_name` asks for, in NFC; problems are reported at the `rust_name`.
    fn rust_name(&mut self, rust_name: &str, value: &Value<'_>, at: Place<'_>) -> Option<String> {
        let variant = match check_identifier(rust_name) {
            Ok(variant) => variant,
            Err(problem) => {
                self.report(value.location, SpecErrorKind::InvalidIdentifier, || {
                    format!(
                        "invalid `rust_name` {} for {at}: {problem}",
                        quoted(rust_name)
                    )
                });
                return None;
            }
        };
        if let Some(item) = reserved_item(&variant) {
            self.report(value.location, SpecErrorKind::ReservedName, || {
                format!(
                    "`rust_name` {} of {at} is reserved: the variant would clash with {item} of \
                     the scope enum; choose another",
                    quoted(rust_name)
                )
            });
            return None;
        }
        Some(variant)
    }

    /// The variant made from a scope's name; problems are reported at the name.
    fn derived_variant(&mut self, name: &str, value: &Value<'_>) -> Option<String> {
        let variant = match variant_name_for(name) {
            Ok(variant) => variant,
            Err(problem) => {
                self.report(value.location, SpecErrorKind::InvalidIdentifier, || {
                    format!(
                        "cannot make a Rust variant name from scope name {}: {problem}; \
                         give the scope a `rust_name`",
                        quoted(name)
                    )
                });
                return None;
            }
        };
        if let Some(item) = reserved_item(&variant) {
            self.report(value.location, SpecErrorKind::ReservedName, || {
                format!(
                    "scope {} would become the variant `{variant}`, which is reserved: it would \
                     clash with {item} of the scope enum; give the scope a `rust_name`",
                    quoted(name)
                )
            });
            return None;
        }
        Some(variant)
    }

    fn aliases(&mut self, value: &Value<'_>, at: Place<'_>) -> (Vec<String>, Vec<Location>) {
        let mut aliases = Vec::new();
        let mut locations = Vec::new();
        let Some(elements) = self.array(value, at.key("aliases")) else {
            return (aliases, locations);
        };
        for element in elements {
            if let Some(alias) = self.non_empty(element, AnAlias(at)) {
                aliases.push(alias.to_owned());
                locations.push(element.location);
            }
        }
        (aliases, locations)
    }

    fn grants(
        &mut self,
        value: &Value<'_>,
        at: Place<'_>,
        model: Option<&ModelIndex>,
    ) -> Vec<String> {
        let mut grants = Vec::new();
        let Some(elements) = self.array(value, at.key("grants")) else {
            return grants;
        };
        let mut seen = Seen::new();
        for element in elements {
            let Some(path) = self.string(element, AGrant(at)) else {
                continue;
            };
            if let Some(model) = model
                && !model.contains(path)
            {
                let budget = &self.suggestions;
                self.problems
                    .report(element.location, SpecErrorKind::UnknownGrant, || {
                        format!(
                            "unknown user-info field {} in `grants` of {at}{}",
                            quoted(path),
                            model.hint(path, budget)
                        )
                    });
            } else if !seen.insert(path) {
                self.report(element.location, SpecErrorKind::DuplicateGrant, || {
                    format!("{} is listed twice in `grants` of {at}", quoted(path))
                });
            } else {
                grants.push(path.to_owned());
            }
        }
        grants
    }
}

struct AnAlias<'s>(Place<'s>);

impl fmt::Display for AnAlias<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an alias of {}", self.0)
    }
}

struct AGrant<'s>(Place<'s>);

impl fmt::Display for AGrant<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a grant of {}", self.0)
    }
}
