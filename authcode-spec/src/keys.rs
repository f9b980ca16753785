//! The vocabulary of the spec format. `spec/authcode-spec.schema.json` must list exactly these;
//! a test in the workspace checks that the two agree.

/// Keys allowed at the top level of a spec.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "$schema",
    "spec_version",
    "wallet",
    "jsapi",
    "sources",
    "openapi",
    "user_info",
    "scopes",
];

/// Keys allowed in each entry of `scopes`.
pub const SCOPE_KEYS: &[&str] = &[
    "name",
    "description",
    "authorization",
    "deprecated",
    "aliases",
    "rust_name",
    "grants",
];

/// Keys allowed in `openapi`, the wallet's gateway profile.
pub const OPENAPI_KEYS: &[&str] = &["version", "revoke", "customer_belongs_to"];

/// Keys allowed in a field type of `user_info`.
pub const FIELD_KEYS: &[&str] = &[
    "type",
    "description",
    "fields",
    "items",
    "rust_name",
    "rust_type",
];

/// The keys of [`FIELD_KEYS`] allowed in an array's `items`: the items are not a field, so they
/// have no `description` or `rust_name` of their own.
pub const ITEM_KEYS: &[&str] = &["type", "fields", "items", "rust_type"];

/// The values of a field type's `type`.
pub const FIELD_TYPES: &[&str] = &["string", "integer", "number", "boolean", "object", "array"];
