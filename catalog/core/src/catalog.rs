//! The catalog as typed data: what `cargo xtask regen` validates the YAML into and writes as a
//! Rust file (`easemob-errors/build/catalog.rs`), what the build step generates the enum from,
//! and what `easemob_errors::catalog` and `ErrorKind::entry` show.
//!
//! Every value is already what it means (a [`Retry`], a [`Scope`], a [`StatusKey`]), so nothing
//! is parsed back from strings and nothing falls back to a default: a value this crate does not
//! know does not compile. Only the description templates stay text, because they are the
//! attribute grammar the derive reads.
//!
//! Each struct is declared through `typed!`, which (with the `literal` feature the maintainer
//! tools turn on) also writes it back as a Rust expression: a field added here reaches the
//! artifact with no other change.

pub use crate::Retry;
use crate::matcher::Rule;
pub use crate::scope::{Cause, Scope};
use crate::template::Template;

/// Declares a struct of the typed catalog and, with the `literal` feature, its writer.
macro_rules! typed {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        #[cfg(feature = "literal")]
        impl crate::literal::Literal for $name {
            const INLINE: bool = false;
            fn write(&self, w: &mut crate::literal::Writer) {
                w.open(stringify!($name));
                $( w.field(stringify!($field), &self.$field); )*
                w.close();
            }
        }
    };
}

typed! {
    /// The whole catalog.
    #[derive(Debug, Clone, Copy)]
    pub struct Catalog {
        /// The status table, sorted by key.
        pub statuses: &'static [StatusRow],
        /// The API areas, as `areas.yaml` lists them.
        pub areas: &'static [Area],
        /// The error entries, in file order (files sorted by name).
        pub entries: &'static [Entry],
    }
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
    /// The key as `status.yaml` writes it (`404`, `4xx`, `other`).
    pub fn label(&self) -> String {
        match self {
            StatusKey::Exact(s) => s.to_string(),
            StatusKey::Class(c) => format!("{c}xx"),
            StatusKey::Other => "other".into(),
        }
    }
}

typed! {
    /// One row of the HTTP status table.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct StatusRow {
        /// Which statuses it explains.
        pub key: StatusKey,
        /// Meaning and likely cause, in Chinese.
        pub zh: &'static str,
        /// Meaning and likely cause, in English.
        pub en: &'static str,
        /// What a caller should do; also the default for entries with this status.
        pub retry: Retry,
        /// Whether operations should hear of it when it persists; also the entries' default.
        pub alert: bool,
    }
}

typed! {
    /// An API area and its endpoints.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Area {
        /// The name (`chatgroups`); also the name of its errors file.
        pub name: &'static str,
        /// What it is called, in Chinese.
        pub zh: &'static str,
        /// What it is called, in English.
        pub en: &'static str,
        /// Path patterns of its endpoints, without `/{org}/{app}`; empty for areas that gather
        /// errors of any endpoint (`request`, `app`).
        pub paths: &'static [&'static str],
    }
}

typed! {
    /// Where a claim of the catalog comes from: one row of a coverage table
    /// (`catalog/coverage/*.tsv`) that classifies to the entry.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Evidence {
        /// The table's file under `catalog/coverage/` (`documented.tsv`, `usergrid.tsv`,
        /// `observed.tsv`).
        pub table: &'static str,
        /// The row's line in its table, where all its citations are.
        pub row: u32,
        /// The row's first citation, `repo@commit:path:line`, with its role if it has one.
        pub cite: &'static str,
        /// How many more citations the row has.
        pub more: u32,
    }
}

typed! {
    /// One validated error entry.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Entry {
        /// Stable snake_case id; the variant name is made from it.
        pub id: &'static str,
        /// The API area (its errors file).
        pub area: &'static str,
        /// HTTP statuses it comes with (none: known by `error_code` alone).
        pub statuses: &'static [u16],
        /// Values of the body's `error` (none: any).
        pub errors: &'static [&'static str],
        /// The (status, `error`) pairs its responses come in, when not every status comes
        /// with every `error` (none: each with each). See [`Rule::pairs`].
        pub pairs: &'static [(u16, &'static str)],
        /// The description template, then its rewordings (none: any description).
        pub descriptions: &'static [&'static str],
        /// Values of the body's numeric `error_code`.
        pub error_codes: &'static [i64],
        /// Likely cause, in Chinese.
        pub zh: &'static str,
        /// Likely cause, in English.
        pub en: &'static str,
        /// What a caller should do (the status row's default already applied).
        pub retry: Retry,
        /// Whether operations should hear of it when it persists after the advised retries
        /// (default already applied).
        pub alert: bool,
        /// Why `retry`/`alert` differ from the status row's, when they do.
        pub advice_reason: Option<&'static str>,
        /// Descriptions from the docs and real servers; the first is shown in the docs.
        pub examples: &'static [&'static str],
        /// Causes that replace `zh`/`en` on particular endpoints.
        pub causes: &'static [Cause],
        /// The coverage-table rows that back the entry, one per table and citation.
        pub evidence: &'static [Evidence],
    }
}

impl Entry {
    /// An entry with every list empty, for building one in tests (`Entry { id: "x",
    /// ..Entry::EMPTY }`).
    pub const EMPTY: Entry = Entry {
        id: "",
        area: "",
        statuses: &[],
        errors: &[],
        pairs: &[],
        descriptions: &[],
        error_codes: &[],
        zh: "",
        en: "",
        retry: Retry::Never,
        alert: false,
        advice_reason: None,
        examples: &[],
        causes: &[],
        evidence: &[],
    };

    /// The main description template (the first written), if any.
    pub fn description(&self) -> Option<&'static str> {
        self.descriptions.first().copied()
    }

    /// The main description, parsed (`None` without one, or for text that is no template,
    /// which validation never lets through).
    pub fn template(&self) -> Option<Template> {
        self.description().and_then(|d| Template::parse(d).ok())
    }

    /// The placeholder names of the main description, in order.
    pub fn placeholders(&self) -> Vec<String> {
        self.template()
            .map(|t| t.placeholders().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// One example description: the first listed, or the description itself when it has no
    /// placeholder.
    pub fn first_example(&self) -> Option<&'static str> {
        self.examples.first().copied().or_else(|| {
            self.template()
                .filter(Template::is_exact)
                .and(self.description())
        })
    }

    /// The statuses `error` comes with, when the entry pairs its statuses with its `error`s
    /// (`pairs`); `None` when each status comes with each `error`, which is what the lists
    /// alone say.
    pub fn statuses_with(&self, error: &str) -> Option<Vec<u16>> {
        if self.pairs.is_empty() {
            return None;
        }
        Some(
            self.pairs
                .iter()
                .filter(|p| p.1 == error)
                .map(|p| p.0)
                .collect(),
        )
    }

    /// The status and `error` of the entry's first response: its first pair, or its first
    /// status and first `error` (what a mock or a test sends to stand for the entry).
    pub fn first_response(&self) -> (Option<u16>, Option<&'static str>) {
        match self.pairs.first() {
            Some(&(status, error)) => (Some(status), Some(error)),
            None => (self.statuses.first().copied(), self.errors.first().copied()),
        }
    }

    /// The entry as a matcher rule.
    pub fn rule(&self) -> Rule<'static> {
        Rule {
            statuses: self.statuses,
            errors: self.errors,
            pairs: self.pairs,
            descriptions: self.descriptions,
            error_codes: self.error_codes,
        }
    }
}

impl Catalog {
    /// The entry with this id (a search: the generated `ErrorKind::entry` needs none).
    pub fn entry(&self, id: &str) -> Option<&'static Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The area with this name.
    pub fn area(&self, name: &str) -> Option<&'static Area> {
        self.areas.iter().find(|a| a.name == name)
    }

    /// The status-table row that explains `status`: its own, its class's, or `other`.
    pub fn status_row(&self, status: u16) -> Option<&'static StatusRow> {
        status_row(self.statuses, status)
    }

    /// Every entry as a matcher rule, in order (rule index = entry index).
    pub fn rules(&self) -> Vec<Rule<'static>> {
        self.entries.iter().map(Entry::rule).collect()
    }
}

/// The row of `statuses` that explains `status`: its own, its class's, or `other`.
pub fn status_row(statuses: &[StatusRow], status: u16) -> Option<&StatusRow> {
    let find = |key: StatusKey| statuses.iter().find(|s| s.key == key);
    find(StatusKey::Exact(status))
        .or_else(|| {
            u8::try_from(status / 100)
                .ok()
                .and_then(|c| find(StatusKey::Class(c)))
        })
        .or_else(|| find(StatusKey::Other))
}
