//! The catalog's shape: what the YAML files hold ([`crate::raw`]) and what validation turns them
//! into ([`Catalog`], [`Entry`], [`StatusEntry`]).
//!
//! The raw types keep every value's location (`serde_saphyr::Spanned`) so semantic problems
//! (a duplicate id, a status out of range) point at the exact line and column, not only
//! syntax errors.

use easemob_errors_core::Retry;
use easemob_errors_core::matcher::Rule;
use easemob_errors_core::scope::Cause;
pub use easemob_errors_core::spec::StatusKey;
use easemob_errors_core::template::Template;

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
    /// Values of the body's `error` field; empty when the docs show none (matches any).
    pub errors: Vec<String>,
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
    /// Why `retry`/`alert` differ from the status row's, when they do.
    pub advice_reason: Option<String>,
    /// Literal descriptions from the docs; each classifies back to this entry.
    pub examples: Vec<String>,
    /// Causes that replace `zh`/`en` on particular endpoints, most specific chosen.
    pub causes: Vec<Cause<String>>,
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
                errors: &s.errors,
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
                errors: e.errors.iter().map(String::as_str).collect(),
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
    /// The entry's `error` values.
    pub errors: Vec<&'a str>,
    /// The entry's descriptions.
    pub descriptions: Vec<&'a str>,
}
