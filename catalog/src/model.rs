//! The catalog's shape: what the YAML files hold ([`raw`]) and what validation turns them
//! into ([`Catalog`], [`Entry`], [`StatusEntry`]).
//!
//! The raw types keep every value's location (`serde_saphyr::Spanned`) so semantic problems
//! (a duplicate id, a status out of range) point at the exact line and column, not only
//! syntax errors.

use crate::Retry;
use crate::matcher::Rule;
use crate::template::Template;

/// Where a value was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The catalog file.
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub column: u64,
}

/// One validated error entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable snake_case id (`users_not_group_members`); part of the public API.
    pub id: String,
    /// The enum variant name made from the id (`UsersNotGroupMembers`).
    pub variant: String,
    /// HTTP statuses this error comes with (at least one, unless the entry is known by its
    /// numeric `error_code` alone).
    pub statuses: Vec<u16>,
    /// Values of the body's `error` field; empty when the docs show none (matches any code).
    pub codes: Vec<String>,
    /// The description template as written, then its known rewordings (same placeholders in
    /// the same order); empty matches any description for the codes.
    pub descriptions: Vec<String>,
    /// The parsed templates, one per description.
    pub templates: Vec<Template>,
    /// Values of the body's numeric `error_code` that identify this error.
    pub error_codes: Vec<i64>,
    /// Likely cause, in Chinese.
    pub zh: String,
    /// Likely cause, in English.
    pub en: String,
    /// What a caller should do.
    pub retry: Retry,
    /// Whether operations should be alerted.
    pub alert: bool,
    /// Literal descriptions from the docs; each classifies back to this entry.
    pub examples: Vec<String>,
    /// Causes that replace `zh`/`en` on particular endpoints, most specific chosen.
    pub causes: Vec<Cause>,
    /// The catalog file this entry is in, without directory or extension (`chatgroups`).
    pub area: String,
    /// Where the entry starts.
    pub origin: Origin,
}

impl Entry {
    /// The main description template (the first written), if any.
    pub fn description(&self) -> Option<&str> {
        self.descriptions.first().map(String::as_str)
    }

    /// The main parsed template, if any.
    pub fn template(&self) -> Option<&Template> {
        self.templates.first()
    }

    /// The placeholder names of the description, in order.
    pub fn placeholders(&self) -> Vec<&str> {
        self.template()
            .map(|t| t.placeholders().collect())
            .unwrap_or_default()
    }

    /// One example description: the first listed, or the exact description itself.
    pub fn first_example(&self) -> Option<&str> {
        self.examples.first().map(String::as_str).or_else(|| {
            self.template()
                .filter(|t| t.is_exact())
                .and(self.description())
        })
    }

    /// The descriptions as borrowed strings, for a matcher [`Rule`].
    pub fn description_strs(&self) -> Vec<&str> {
        self.descriptions.iter().map(String::as_str).collect()
    }
}

/// A cause that applies on some endpoints only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// Where it applies.
    pub scope: Scope,
    /// The cause there, in Chinese.
    pub zh: String,
    /// The cause there, in English.
    pub en: String,
}

/// Where a [`Cause`] applies (owned form of [`crate::request::CauseScope`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every endpoint of an area (`chatrooms`).
    Area(String),
    /// Requests matching a pattern (`DELETE /users/{username}`).
    Request(String),
}

impl Scope {
    /// The borrowed form the runtime matcher takes.
    pub fn as_scope(&self) -> crate::request::CauseScope<'_> {
        match self {
            Scope::Area(a) => crate::request::CauseScope::Area(a),
            Scope::Request(r) => crate::request::CauseScope::Request(r),
        }
    }
}

/// An API area: a name, what it is called, and the endpoints in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The name (`chatgroups`); also the name of its errors file.
    pub name: String,
    /// What it is called, in Chinese.
    pub zh: String,
    /// What it is called, in English.
    pub en: String,
    /// Path patterns of its endpoints (without `/{org}/{app}`); empty for areas that gather
    /// errors of any endpoint (`request`, `app`).
    pub paths: Vec<String>,
}

/// Which statuses a status-table row explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusKey {
    /// Exactly this status.
    Exact(u16),
    /// Every status of a class without its own row: `4` for `4xx`.
    Class(u8),
    /// Every status with neither its own row nor a class row (`other`).
    Other,
}

impl StatusKey {
    /// The key as written in `status.yaml`.
    pub fn label(&self) -> String {
        match self {
            StatusKey::Exact(s) => s.to_string(),
            StatusKey::Class(c) => format!("{c}xx"),
            StatusKey::Other => "other".into(),
        }
    }
}

/// One row of the HTTP status table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEntry {
    /// Which statuses this row explains.
    pub key: StatusKey,
    /// Meaning and likely cause, in Chinese.
    pub zh: String,
    /// Meaning and likely cause, in English.
    pub en: String,
    /// What a caller should do; also the default for error entries with this status.
    pub retry: Retry,
    /// Whether operations should be alerted; also the default for error entries.
    pub alert: bool,
}

/// The row of `statuses` that explains `status`: its own, its class's, or `other`.
pub(crate) fn status_row(statuses: &[StatusEntry], status: u16) -> Option<&StatusEntry> {
    let find = |key: StatusKey| statuses.iter().find(|s| s.key == key);
    find(StatusKey::Exact(status))
        .or_else(|| {
            u8::try_from(status / 100)
                .ok()
                .and_then(|c| find(StatusKey::Class(c)))
        })
        .or_else(|| find(StatusKey::Other))
}

/// The validated catalog: the status table, the areas and the error entries, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// The status table, sorted by key.
    pub statuses: Vec<StatusEntry>,
    /// The API areas, as listed in `areas.yaml`.
    pub areas: Vec<Area>,
    /// The error entries, in the order of the files (sorted by name) and within each file.
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// The status-table row that explains `status`: its own, its class's, or `other`.
    pub fn status_row(&self, status: u16) -> Option<&StatusEntry> {
        status_row(&self.statuses, status)
    }

    /// The entries as matcher rules, in the same order (rule index = entry index).
    ///
    /// The rules borrow from `strings`, which [`Catalog::rule_strings`] provides.
    pub fn rules<'a>(&'a self, strings: &'a [RuleStrings<'a>]) -> Vec<Rule<'a>> {
        self.entries
            .iter()
            .zip(strings)
            .map(|(e, s)| Rule {
                statuses: &e.statuses,
                codes: &s.codes,
                descriptions: &s.descriptions,
                error_codes: &e.error_codes,
            })
            .collect()
    }

    /// Borrowed code and description lists for [`Catalog::rules`].
    pub fn rule_strings(&self) -> Vec<RuleStrings<'_>> {
        self.entries
            .iter()
            .map(|e| RuleStrings {
                codes: e.codes.iter().map(String::as_str).collect(),
                descriptions: e.description_strs(),
            })
            .collect()
    }

    /// The area with this name.
    pub fn area(&self, name: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.name == name)
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

/// The borrowed lists one matcher [`Rule`] points into.
#[derive(Debug, Clone)]
pub struct RuleStrings<'a> {
    /// The entry's codes.
    pub codes: Vec<&'a str>,
    /// The entry's descriptions.
    pub descriptions: Vec<&'a str>,
}

/// The variant that holds errors the catalog does not know; no entry may take its name.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The YAML files as written, with locations. Only the loader and validator use these.
#[cfg(feature = "build")]
pub mod raw {
    use core::fmt;
    use serde::Deserialize;
    use serde::de::{self, Deserializer, SeqAccess, Visitor};
    use serde_saphyr::Spanned;

    /// One entry of an `errors/*.yaml` file.
    #[derive(Debug, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub struct RawEntry {
        /// Stable snake_case id; becomes the variant name (`users_not_group_members` ->
        /// `UsersNotGroupMembers`). Part of the public API: never rename.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub id: Spanned<String>,
        /// The HTTP status, or a list when the same error comes with several. May be left
        /// out only when `error_code` identifies the error.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<Statuses>"))]
        pub status: Option<Spanned<Statuses>>,
        /// The body's `error` value, or a list; leave out when the server sends none (the
        /// entry then matches any code).
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<Codes>"))]
        pub error: Option<Spanned<Codes>>,
        /// The `error_description` exactly, or a template with `{snake_case}` placeholders;
        /// a list gives known rewordings (same placeholders, same order), main one first.
        /// Leave out to accept any description for the codes.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<Descriptions>"))]
        pub description: Option<Spanned<Codes>>,
        /// The body's numeric `error_code` (newer services such as streaming messages), or a
        /// list; a body carrying it classifies to this entry whatever its status.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<ErrorCodes>"))]
        pub error_code: Option<Spanned<Statuses>>,
        /// Cause in Chinese.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub zh: Spanned<String>,
        /// Cause in English.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub en: Spanned<String>,
        /// What a caller should do; defaults to the status table's advice.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<RetryWord>"))]
        pub retry: Option<Spanned<String>>,
        /// Whether operations should be alerted; defaults to the status table's flag.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
        pub alert: Option<Spanned<bool>>,
        /// Descriptions from the docs or the server; each must classify to this entry.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
        pub examples: Vec<Spanned<String>>,
        /// Causes that differ by endpoint: each names an `area` (from areas.yaml) or a
        /// `request` pattern, and replaces `zh`/`en` there.
        #[serde(default)]
        pub causes: Vec<RawCause>,
    }

    /// One per-endpoint cause of an entry.
    #[derive(Debug, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub struct RawCause {
        /// An area from areas.yaml (`chatrooms`): the cause applies to all its endpoints.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
        pub area: Option<Spanned<String>>,
        /// A request pattern, `METHOD /path` without /{org}/{app}, methods joined with `|`
        /// (`DELETE /users/{username}`): the cause applies to matching requests.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
        pub request: Option<Spanned<String>>,
        /// The cause there, in Chinese.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub zh: Spanned<String>,
        /// The cause there, in English.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub en: Spanned<String>,
    }

    /// One row of `areas.yaml`.
    #[derive(Debug, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub struct RawArea {
        /// The area name, a lowercase word (`chatgroups`); its errors file is `errors/<area>.yaml`.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub area: Spanned<String>,
        /// What the area is called, in Chinese.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub zh: Spanned<String>,
        /// What the area is called, in English.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub en: Spanned<String>,
        /// Path patterns of its endpoints without /{org}/{app} (`/chatgroups/**`); `{name}`
        /// is one segment, a final `**` any rest.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
        pub paths: Vec<Spanned<String>>,
    }

    /// One row of `status.yaml`.
    #[derive(Debug, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub struct RawStatus {
        /// A number, a class such as `4xx`, or `other`.
        #[cfg_attr(feature = "schema", schemars(with = "StatusWord"))]
        pub status: Spanned<StatusWord>,
        /// Meaning in Chinese.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub zh: Spanned<String>,
        /// Meaning in English.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        pub en: Spanned<String>,
        /// Retry word.
        #[cfg_attr(feature = "schema", schemars(with = "RetryWord"))]
        pub retry: Spanned<String>,
        /// Alert flag.
        #[cfg_attr(feature = "schema", schemars(with = "bool"))]
        pub alert: Spanned<bool>,
    }

    /// `status:` or `error_code:` of an error entry: a number or a list of numbers (range
    /// checked later, so the message can say what to change).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Statuses(pub Vec<i64>);

    /// `error:` or `description:` of an entry: a string or a list of strings.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Codes(pub Vec<String>);

    /// The retry vocabulary, for the schema (the loader reads the word as a string and checks
    /// it, so the message can list the words).
    #[cfg(feature = "schema")]
    pub struct RetryWord;

    #[cfg(feature = "schema")]
    impl schemars::JsonSchema for RetryWord {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Retry".into()
        }
        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            let words: Vec<&str> = crate::Retry::ALL.iter().map(|r| r.as_str()).collect();
            object(serde_json::json!({
                "description": "What a caller should do: never (fix the request), transient (retry after a pause), throttled (slow down, retry later), refresh_token (new token, retry once), split_request (send smaller requests).",
                "enum": words,
            }))
        }
    }

    #[cfg(feature = "schema")]
    fn object(value: serde_json::Value) -> schemars::Schema {
        match value {
            serde_json::Value::Object(map) => schemars::Schema::from(map),
            _ => schemars::Schema::default(),
        }
    }

    /// The schema of a key that takes one `item` or a non-empty list of distinct ones.
    #[cfg(feature = "schema")]
    fn one_or_many(description: &str, item: serde_json::Value) -> schemars::Schema {
        object(serde_json::json!({
            "description": description,
            "oneOf": [item.clone(), {"type": "array", "items": item, "minItems": 1, "uniqueItems": true}],
        }))
    }

    /// Implements `JsonSchema` for a key that takes one value or a list of them.
    macro_rules! one_or_many_schema {
        ($ty:ty, $name:literal, $description:literal, $item:tt) => {
            #[cfg(feature = "schema")]
            impl schemars::JsonSchema for $ty {
                fn schema_name() -> std::borrow::Cow<'static, str> {
                    $name.into()
                }
                fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                    one_or_many($description, serde_json::json!($item))
                }
            }
        };
    }

    one_or_many_schema!(Statuses, "Statuses", "An HTTP status (100-599) or a list of them.",
        {"type": "integer", "minimum": 100, "maximum": 599});
    one_or_many_schema!(Codes, "Codes",
        "The body's `error` value as the server sends it, or a list of them.",
        {"type": "string", "minLength": 1});
    one_or_many_schema!(Descriptions, "Descriptions",
        "The description or template, or a list: the main one, then known rewordings with the same placeholders.",
        {"type": "string", "minLength": 1});
    one_or_many_schema!(ErrorCodes, "ErrorCodes", "The body's numeric `error_code`, or a list of them.",
        {"type": "integer"});

    /// Schema of `description:`.
    #[cfg(feature = "schema")]
    pub struct Descriptions;

    /// Schema of `error_code:`.
    #[cfg(feature = "schema")]
    pub struct ErrorCodes;

    #[cfg(feature = "schema")]
    impl schemars::JsonSchema for StatusWord {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "StatusKey".into()
        }
        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            object(serde_json::json!({
                "description": "An HTTP status (100-599), a class `1xx`..`5xx`, or `other`.",
                "oneOf": [
                    {"type": "integer", "minimum": 100, "maximum": 599},
                    {"type": "string", "pattern": "^([1-5]xx|other)$"},
                ],
            }))
        }
    }

    /// `status:` of a status row.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum StatusWord {
        /// A number.
        Number(i64),
        /// A word (`4xx`, `other`), checked later.
        Word(String),
    }

    impl<'de> Deserialize<'de> for Statuses {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Statuses;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a number such as 400, or a list such as [400, 403]")
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<Statuses, E> {
                    Ok(Statuses(vec![v]))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Statuses, E> {
                    Ok(Statuses(vec![i64::try_from(v).unwrap_or(i64::MAX)]))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Statuses, A::Error> {
                    let mut out = Vec::new();
                    while let Some(v) = seq.next_element::<i64>()? {
                        out.push(v);
                    }
                    Ok(Statuses(out))
                }
            }
            d.deserialize_any(V)
        }
    }

    impl<'de> Deserialize<'de> for Codes {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Codes;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a string, or a list of strings")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Codes, E> {
                    Ok(Codes(vec![v.to_owned()]))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Codes, A::Error> {
                    let mut out = Vec::new();
                    while let Some(v) = seq.next_element::<String>()? {
                        out.push(v);
                    }
                    Ok(Codes(out))
                }
            }
            d.deserialize_any(V)
        }
    }

    impl<'de> Deserialize<'de> for StatusWord {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
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
}
