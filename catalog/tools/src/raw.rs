//! The YAML files as written, with the location of every value (`serde_saphyr::Spanned`), so
//! a semantic problem (a duplicate id, a status out of range) points at its line and column.
//! Only the loader and the validator read these; the JSON Schemas editors use are derived
//! from them.

use core::fmt;
use core::marker::PhantomData;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, SeqAccess, Unexpected, Visitor};
use serde_saphyr::Spanned;

/// One entry of an `errors/*.yaml` file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    /// Stable snake_case id; becomes the variant name (`users_not_group_members` ->
    /// `UsersNotGroupMembers`). Part of the public API: never rename.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The HTTP status, or a list when the same error comes with several. May be left
    /// out only when `error_code` identifies the error.
    #[serde(default)]
    #[schemars(schema_with = "statuses_schema")]
    pub status: Option<Spanned<OneOrMany<i64>>>,
    /// The body's `error` value, or a list; leave out when the server sends none (the
    /// entry then matches any code).
    #[serde(default)]
    #[schemars(schema_with = "errors_schema")]
    pub error: Option<Spanned<OneOrMany<String>>>,
    /// Which status comes with which `error`, when not every one comes with every other:
    /// `[[400, token], [401, auth_bad_access_token]]` (a server of one era answered 400
    /// `token`, a later one 401 `auth_bad_access_token`). Each pair is a status of `status`
    /// with an `error` of `error`; leave out when each status comes with each `error`.
    #[serde(default)]
    #[schemars(schema_with = "pairs_schema")]
    pub pairs: Option<Spanned<Vec<(i64, String)>>>,
    /// The `error_description` exactly, or a template with `{snake_case}` placeholders;
    /// a list gives known rewordings (same placeholders, same order), main one first.
    /// Leave out to accept any description for the codes.
    #[serde(default)]
    #[schemars(schema_with = "descriptions_schema")]
    pub description: Option<Spanned<OneOrMany<String>>>,
    /// The body's numeric `error_code` (newer services such as streaming messages), or a
    /// list; a body carrying it classifies to this entry whatever its status.
    #[serde(default)]
    #[schemars(schema_with = "error_codes_schema")]
    pub error_code: Option<Spanned<OneOrMany<i64>>>,
    /// Cause in Chinese.
    #[schemars(with = "String")]
    pub zh: Spanned<String>,
    /// Cause in English.
    #[schemars(with = "String")]
    pub en: Spanned<String>,
    /// What a caller should do; defaults to the status table's advice.
    #[serde(default)]
    #[schemars(schema_with = "retry_schema")]
    pub retry: Option<Spanned<String>>,
    /// Whether operations should be alerted; defaults to the status table's flag.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub alert: Option<Spanned<bool>>,
    /// Descriptions from the docs or the server; each must classify to this entry.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub examples: Vec<Spanned<String>>,
    /// Causes that differ by endpoint: each names an `area` (from areas.yaml) or a
    /// `request` pattern, and replaces `zh`/`en` there.
    #[serde(default)]
    pub causes: Vec<RawCause>,
    /// Why `retry` or `alert` differ from the status row's advice: required exactly when they
    /// do (catalog/README.md, "Retry and alert rules").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub advice_reason: Option<Spanned<String>>,
}

/// One per-endpoint cause of an entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCause {
    /// An area from areas.yaml (`chatrooms`): the cause applies to all its endpoints.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub area: Option<Spanned<String>>,
    /// A request pattern, `METHOD /path` without /{org}/{app}, methods joined with `|`
    /// (`DELETE /users/{username}`): the cause applies to matching requests.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub request: Option<Spanned<String>>,
    /// The cause there, in Chinese.
    #[schemars(with = "String")]
    pub zh: Spanned<String>,
    /// The cause there, in English.
    #[schemars(with = "String")]
    pub en: Spanned<String>,
}

/// One row of `areas.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    /// The area name, a lowercase word (`chatgroups`); its errors file is `errors/<area>.yaml`.
    #[schemars(with = "String")]
    pub area: Spanned<String>,
    /// What the area is called, in Chinese.
    #[schemars(with = "String")]
    pub zh: Spanned<String>,
    /// What the area is called, in English.
    #[schemars(with = "String")]
    pub en: Spanned<String>,
    /// Path patterns of its endpoints without /{org}/{app} (`/chatgroups/**`); `{name}`
    /// is one segment, a final `**` any rest.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub paths: Vec<Spanned<String>>,
}

/// One row of `status.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    /// A number, a class such as `4xx`, or `other`.
    #[schemars(with = "StatusWord")]
    pub status: Spanned<StatusWord>,
    /// Meaning in Chinese.
    #[schemars(with = "String")]
    pub zh: Spanned<String>,
    /// Meaning in English.
    #[schemars(with = "String")]
    pub en: Spanned<String>,
    /// Retry word.
    #[schemars(schema_with = "retry_schema")]
    pub retry: Spanned<String>,
    /// Alert flag.
    #[schemars(with = "bool")]
    pub alert: Spanned<bool>,
}

/// A key that takes one value or a list of them (`status: 400` or `status: [400, 403]`).
/// Values are checked later, so the message can say what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOrMany<T>(pub Vec<T>);

/// A value a one-or-many key holds, and how to say what is expected of the key.
pub trait Item {
    /// What the key expects, for the message about a value of the wrong type.
    const EXPECTING: &'static str;
}

impl Item for i64 {
    const EXPECTING: &'static str = "a number such as 400, or a list such as [400, 403]";
}

impl Item for String {
    const EXPECTING: &'static str = "a string, or a list of strings";
}

impl<'de, T: Deserialize<'de> + Item> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<T: Item> V<T> {
            /// One value of the wrong type is reported with what the key expects.
            fn one<'de, E: de::Error, X: IntoDeserializer<'de, E>>(
                &self,
                v: X,
                unexpected: Unexpected<'_>,
            ) -> Result<OneOrMany<T>, E>
            where
                T: Deserialize<'de>,
            {
                T::deserialize(v.into_deserializer())
                    .map(|t| OneOrMany(vec![t]))
                    .map_err(|_: E| E::invalid_type(unexpected, self))
            }
        }
        impl<'de, T: Deserialize<'de> + Item> Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                self.one(v, Unexpected::Signed(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                self.one(v, Unexpected::Unsigned(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                self.one(v, Unexpected::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<T>()? {
                    out.push(v);
                }
                Ok(OneOrMany(out))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// `status:` of a status row: a number, or a word (`4xx`, `other`) checked later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusWord {
    /// A number.
    Number(i64),
    /// A word.
    Word(String),
}

impl<'de> Deserialize<'de> for StatusWord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = StatusWord;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an HTTP status number, a class such as 4xx, or `other`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StatusWord, E> {
                Ok(StatusWord::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StatusWord, E> {
                Ok(StatusWord::Number(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StatusWord, E> {
                Ok(StatusWord::Word(v.to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for StatusWord {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StatusKey".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        object(serde_json::json!({
            "description": "An HTTP status (100-599), a class `1xx`..`5xx`, or `other`.",
            "oneOf": [
                {"type": "integer", "minimum": 100, "maximum": 599},
                {"type": "string", "pattern": "^([1-5]xx|other)$"},
            ],
        }))
    }
}

fn object(value: serde_json::Value) -> Schema {
    match value {
        serde_json::Value::Object(map) => Schema::from(map),
        _ => Schema::default(),
    }
}

/// The schema of a key that takes one `item` or a non-empty list of distinct ones.
fn one_or_many(description: &str, item: serde_json::Value) -> Schema {
    object(serde_json::json!({
        "description": description,
        "oneOf": [item.clone(), {"type": "array", "items": item, "minItems": 1, "uniqueItems": true}],
    }))
}

fn statuses_schema(_: &mut SchemaGenerator) -> Schema {
    one_or_many(
        "An HTTP status (100-599) or a list of them.",
        serde_json::json!({"type": "integer", "minimum": 100, "maximum": 599}),
    )
}

fn errors_schema(_: &mut SchemaGenerator) -> Schema {
    one_or_many(
        "The body's `error` value as the server sends it, or a list of them.",
        serde_json::json!({"type": "string", "minLength": 1}),
    )
}

fn pairs_schema(_: &mut SchemaGenerator) -> Schema {
    object(serde_json::json!({
        "description": "Which status comes with which `error`, when not every one comes with every other: a list of [status, error].",
        "type": "array",
        "minItems": 2,
        "uniqueItems": true,
        "items": {
            "type": "array",
            "prefixItems": [
                {"type": "integer", "minimum": 100, "maximum": 599},
                {"type": "string", "minLength": 1}
            ],
            "minItems": 2,
            "maxItems": 2
        }
    }))
}

fn descriptions_schema(_: &mut SchemaGenerator) -> Schema {
    one_or_many(
        "The description or template, or a list: the main one, then known rewordings with the same placeholders.",
        serde_json::json!({"type": "string", "minLength": 1}),
    )
}

fn error_codes_schema(_: &mut SchemaGenerator) -> Schema {
    one_or_many(
        "The body's numeric `error_code`, or a list of them.",
        serde_json::json!({"type": "integer"}),
    )
}

/// The retry vocabulary (the loader reads the word as a string and checks it, so the
/// message can list the words).
fn retry_schema(_: &mut SchemaGenerator) -> Schema {
    let words: Vec<&str> = easemob_errors_core::grammar::retry_words().collect();
    object(serde_json::json!({
        "description": "What a caller should do: never (fix the request), transient (retry after a pause), throttled (slow down, retry later), refresh_token (new token, retry once), split_request (send smaller requests).",
        "enum": words,
    }))
}
