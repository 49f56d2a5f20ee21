//! The catalog as typed data: what `cargo xtask regen` writes as a Rust file
//! (`easemob-errors/build/catalog.rs`) from the validated YAML, for the build step that
//! generates the enum and for tools that show the catalog (`easemob_errors::catalog`, feature
//! `catalog`).
//!
//! Every value is already what it means (a [`Retry`], a [`Scope`], a [`StatusKey`]), so
//! nothing is parsed back from strings and nothing falls back to a default: a value this
//! crate does not know does not compile. Only the description templates stay text, because
//! they are the attribute grammar the derive reads.

pub use crate::Retry;
pub use crate::scope::{Cause, Scope};

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

/// One row of the HTTP status table.
#[derive(Debug, Clone, Copy)]
pub struct StatusRow {
    /// Which statuses it explains.
    pub key: StatusKey,
    /// Meaning and likely cause, in Chinese.
    pub zh: &'static str,
    /// Meaning and likely cause, in English.
    pub en: &'static str,
    /// What a caller should do.
    pub retry: Retry,
    /// Whether operations should hear of it.
    pub alert: bool,
}

/// An API area and its endpoints.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// The name (`chatgroups`).
    pub name: &'static str,
    /// What it is called, in Chinese.
    pub zh: &'static str,
    /// What it is called, in English.
    pub en: &'static str,
    /// Path patterns of its endpoints, without `/{org}/{app}`.
    pub paths: &'static [&'static str],
}

/// One validated error entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Stable snake_case id; the variant name is made from it.
    pub id: &'static str,
    /// The API area (its errors file).
    pub area: &'static str,
    /// HTTP statuses it comes with (none: known by `error_code` alone).
    pub statuses: &'static [u16],
    /// Values of the body's `error` (none: any).
    pub errors: &'static [&'static str],
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
    /// Whether operations should hear of it (default already applied).
    pub alert: bool,
    /// Why `retry`/`alert` differ from the status row's, when they do.
    pub advice_reason: Option<&'static str>,
    /// Descriptions from the docs and real servers; the first is shown in the docs.
    pub examples: &'static [&'static str],
    /// Causes that replace `zh`/`en` on particular endpoints.
    pub causes: &'static [Cause],
}
