//! Maintainer tooling: reads and validates the YAML catalog, writes the artifact, docs, schemas, coverage.
//! Depended on by `xtask`, the benches and tests only; never by a user's build (unpublished).
//!
//! Maintainer tooling for the Easemob error catalog (`catalog/*.yaml`): what `cargo xtask`
//! runs, and never part of a user's build (the way rust-postgres keeps its code generator
//! unpublished).
//!
//! - [`loader`] reads the YAML ([`raw`] is its shape, with locations);
//! - [`validate`] checks it with the entry rules of `easemob_errors_core::grammar` and more
//!   (ids unique across files, templates that could match the same text ([`overlap`]), every
//!   example classifying to its entry), reporting each problem as a [`Diagnostic`] with file,
//!   line, column and what to change;
//! - [`model`] is what validation produces: the core's typed catalog, and where each entry
//!   was written;
//! - [`artifact`] writes it as the typed Rust the build script of `easemob-errors` reads;
//! - [`reference`](mod@reference) writes `docs/errors.md`, [`schema`] the JSON Schemas editors use,
//!   [`coverage`] measures which documented rows the catalog explains.

#![deny(missing_docs)]

pub mod artifact;
pub mod coverage;
pub mod diagnostic;
pub mod evidence;
pub mod loader;
pub mod model;
pub mod overlap;
pub mod raw;
pub mod reference;
pub mod schema;
pub mod validate;

pub use diagnostic::Diagnostic;
pub use loader::Source;
pub use model::{Catalog, Entry, StatusKey, StatusRow, Validated};

/// The catalog directory of this workspace (`catalog/`, the parent of this crate).
pub fn catalog_dir() -> std::path::PathBuf {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .map_or_else(|| here.to_path_buf(), std::path::Path::to_path_buf)
}

/// Loads and validates the catalog of this workspace, each entry with its evidence from
/// `catalog/coverage/`; paths in diagnostics start with `catalog/`.
pub fn load_workspace_catalog() -> Result<Validated, Vec<Diagnostic>> {
    load_with_evidence(&catalog_dir(), "catalog")
}

/// Loads and validates the catalog under `dir` (named `name` in diagnostics) and, when it
/// has a `coverage/` folder, gathers each entry's evidence from its tables.
pub fn load_with_evidence(dir: &std::path::Path, name: &str) -> Result<Validated, Vec<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        vec![Diagnostic::new(
            name,
            1,
            1,
            format!("cannot read the catalog: {e}"),
        )]
    };
    let sources = loader::read_dir(dir, name).map_err(unreadable)?;
    let validated = validate::load(&sources)?;
    if !dir.join("coverage").is_dir() {
        return Ok(validated);
    }
    let tables = coverage::read_tables(&dir.join("coverage")).map_err(unreadable)?;
    let tables: Vec<(&str, &str)> = tables.iter().map(|(l, t)| (*l, t.as_str())).collect();
    Ok(evidence::gather(&validated, &tables).validated)
}
