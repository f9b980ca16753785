use heck::ToUpperCamelCase;

use crate::{Authorization, Location};

/// A validated spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The format version (always [`SPEC_VERSION`](crate::SPEC_VERSION) once validated).
    pub spec_version: u64,
    /// The wallet the spec describes, e.g. `Alipay+`.
    pub wallet: Option<String>,
    /// The JSAPI the scopes are passed to, e.g. `my.getAuthCode`.
    pub jsapi: Option<String>,
    /// The documentation pages the spec was written from (`http://` or `https://` URLs).
    pub sources: Vec<String>,
    /// The wallet's gateway profile, when the spec gives one.
    pub openapi: Option<OpenApiProfile>,
    /// The wallet's `userInfo` model: the spec's own, or the Alipay+ one.
    pub user_info: UserInfoModel,
    /// The scopes, in file order; never empty once validated.
    pub scopes: Vec<ScopeDef>,
}

/// How the wallet's gateway (the OpenAPI that exchanges auth codes and returns user info) is
/// called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenApiProfile {
    /// The version of the gateway's API paths.
    pub version: ApiVersion,
    /// The API that revokes an access token, when the wallet has one.
    pub revoke: Option<RevokeApi>,
    /// The value of `customerBelongsTo` in requests: which wallet the user belongs to.
    pub customer_belongs_to: Option<String>,
}

/// The version of a gateway's API paths (`/v1/...` or `/v2/...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    /// `"v1"`.
    V1,
    /// `"v2"`.
    V2,
}

impl ApiVersion {
    /// The spelling used in spec files.
    ///
    /// ```
    /// assert_eq!(authcode_spec::ApiVersion::V2.as_str(), "v2");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1",
            ApiVersion::V2 => "v2",
        }
    }
}

/// The API a gateway revokes access tokens with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RevokeApi {
    /// `"revoke"`.
    Revoke,
    /// `"cancelToken"`.
    CancelToken,
}

impl RevokeApi {
    /// The spelling used in spec files.
    ///
    /// ```
    /// assert_eq!(authcode_spec::RevokeApi::CancelToken.as_str(), "cancelToken");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            RevokeApi::Revoke => "revoke",
            RevokeApi::CancelToken => "cancelToken",
        }
    }
}

/// One scope of a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeDef {
    /// The exact, case-sensitive wire name.
    pub name: String,
    /// What the scope authorizes, shown to developers in docs and IDE hovers.
    pub description: String,
    /// Whether the wallet grants it silently or asks the user.
    pub authorization: Authorization,
    /// The deprecation note, for legacy scopes.
    pub deprecated: Option<String>,
    /// Other wire names accepted when parsing.
    pub aliases: Vec<String>,
    /// The variant identifier the spec asked for, as written, if it overrides the derived one.
    pub rust_name: Option<String>,
    /// The user-info paths the scope releases, each one of [`UserInfoModel::paths`]; a path
    /// to an object releases all of it.
    pub grants: Vec<String>,
    /// The variant identifier to generate, in NFC: `rust_name`, or the name in UpperCamelCase.
    pub variant: String,
    /// Where the scope's `name` value is in the file.
    pub location: Location,
    /// Where each alias is in the file, parallel to `aliases`.
    pub alias_locations: Vec<Location>,
}

/// A wallet's `userInfo` model: what its user-info API can return, field by field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserInfoModel {
    /// The top-level fields, in file order.
    pub fields: Vec<ModelField>,
    /// Whether this is the Alipay+ model a spec without `user_info` gets. Its locations are
    /// then in the model file shipped with this crate, not in the spec.
    pub is_default: bool,
}

/// One field of a [`UserInfoModel`] or of an object in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelField {
    /// The exact key in the wallet's JSON.
    pub wire_name: String,
    /// The Rust field name, in NFC; a keyword is written raw (`r#type`).
    pub rust_name: String,
    /// What the field holds, for the generated documentation.
    pub description: Option<String>,
    /// The field's type.
    pub ty: FieldType,
    /// Where the field's key is in the file.
    pub location: Location,
}

/// The type of a user-info field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// A JSON string.
    String,
    /// A JSON number without a fraction.
    Integer,
    /// Any JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A JSON object with known fields.
    Object(ObjectType),
    /// A JSON array of one type.
    Array(Box<FieldType>),
}

impl FieldType {
    /// The spelling of the type in spec files (one of [`FIELD_TYPES`](crate::FIELD_TYPES)).
    ///
    /// ```
    /// use authcode_spec::FieldType;
    /// assert_eq!(FieldType::Array(Box::new(FieldType::String)).name(), "array");
    /// ```
    pub const fn name(&self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Object(_) => "object",
            FieldType::Array(_) => "array",
        }
    }

    /// The object whose fields paths below this type lead to: this type if it is an object,
    /// or the items of this array (of arrays...) if they are objects.
    ///
    /// ```
    /// use authcode_spec::{FieldType, ObjectType};
    /// let object = ObjectType { rust_type: None, fields: Vec::new() };
    /// let list = FieldType::Array(Box::new(FieldType::Object(object.clone())));
    /// assert_eq!(list.nested_object(), Some(&object));
    /// assert_eq!(FieldType::String.nested_object(), None);
    /// ```
    pub fn nested_object(&self) -> Option<&ObjectType> {
        match self {
            FieldType::Object(object) => Some(object),
            FieldType::Array(items) => items.nested_object(),
            _ => None,
        }
    }
}

/// The fields of an object type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectType {
    /// The name of the generated struct, when the spec gives one.
    pub rust_type: Option<String>,
    /// The object's fields, in file order.
    pub fields: Vec<ModelField>,
}

/// One path of a [`UserInfoModel`], as `grants` names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelPath {
    /// The wire names from the top of the model, joined with `.` (`loginIdInfos.hashLoginId`).
    pub path: String,
    /// The index (in [`UserInfoModel::paths`]) just past this path's last descendant, so
    /// `paths[i + 1..subtree_end]` are what granting this path also grants.
    pub subtree_end: usize,
    /// An identifier for the path: the UpperCamelCase forms of the fields' Rust names, joined
    /// (`loginIdInfos.hashLoginId` → `LoginIdInfosHashLoginId`).
    pub variant: String,
}

impl UserInfoModel {
    /// Every path of the model in preorder (an object's own path before its subfields; array
    /// items' fields as `array.field`), each with the index just past its last descendant.
    ///
    /// ```
    /// let paths = authcode_spec::UserInfoModel::alipay_plus().paths();
    /// let login = paths.iter().position(|p| p.path == "loginIdInfos").unwrap();
    /// let granted: Vec<_> = paths[login + 1..paths[login].subtree_end].iter().map(|p| &p.path[..]).collect();
    /// assert_eq!(granted, ["loginIdInfos.loginIdType", "loginIdInfos.loginId",
    ///                      "loginIdInfos.maskLoginId", "loginIdInfos.hashLoginId"]);
    /// assert_eq!(paths[login + 4].variant, "LoginIdInfosHashLoginId");
    /// ```
    pub fn paths(&self) -> Vec<ModelPath> {
        let mut paths = Vec::new();
        walk(&self.fields, "", "", &mut paths, &mut Vec::new());
        paths
    }
}

/// The paths of `fields` and their descendants in preorder, with the field each path ends at.
pub(crate) fn walk<'m>(
    fields: &'m [ModelField],
    prefix: &str,
    variant_prefix: &str,
    paths: &mut Vec<ModelPath>,
    owners: &mut Vec<&'m ModelField>,
) {
    for field in fields {
        let index = paths.len();
        let path = format!("{prefix}{}", field.wire_name);
        let rust_name = field
            .rust_name
            .strip_prefix("r#")
            .unwrap_or(&field.rust_name);
        let variant = format!("{variant_prefix}{}", rust_name.to_upper_camel_case());
        if let Some(object) = field.ty.nested_object() {
            let below = format!("{path}.");
            paths.push(ModelPath {
                path,
                subtree_end: index + 1,
                variant: variant.clone(),
            });
            owners.push(field);
            walk(&object.fields, &below, &variant, paths, owners);
            paths[index].subtree_end = paths.len();
        } else {
            paths.push(ModelPath {
                path,
                subtree_end: index + 1,
                variant,
            });
            owners.push(field);
        }
    }
}
