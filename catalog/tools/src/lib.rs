//! Maintainer tooling for the Easemob error catalog (`catalog/*.yaml`): what `cargo xtask`
//! runs, and never part of a user's build (the way rust-postgres keeps its code generator
//! unpublished).
//!
//! - [`loader`] reads the YAML ([`raw`] is its shape, with locations);
//! - [`validate`] checks it with the entry rules of `easemob_errors_core::grammar` and more
//!   (ids unique across files, templates that could match the same text ([`overlap`]), every
//!   example classifying to its entry), reporting each problem as a [`Diagnostic`] with file,
//!   line, column and what to change;
//! - [`model`] is the validated catalog;
//! - [`artifact`] writes it as the typed Rust the build script of `easemob-errors` reads;
//! - [`reference`](mod@reference) writes `docs/errors.md`, [`schema`] the JSON Schemas editors use,
//!   [`coverage`] measures which documented rows the catalog explains.

#![deny(missing_docs)]

pub mod artifact;
pub mod coverage;
pub mod diagnostic;
pub mod loader;
pub mod model;
pub mod overlap;
pub mod raw;
pub mod reference;
pub mod schema;
pub mod validate;

pub use diagnostic::Diagnostic;
pub use loader::Source;
pub use model::{Catalog, Entry, StatusEntry, StatusKey};

/// The catalog directory of this workspace (`catalog/`, the parent of this crate).
pub fn catalog_dir() -> std::path::PathBuf {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .map_or_else(|| here.to_path_buf(), std::path::Path::to_path_buf)
}

/// Loads and validates the catalog of this workspace; paths in diagnostics start with
/// `catalog/`.
pub fn load_workspace_catalog() -> Result<Catalog, Vec<Diagnostic>> {
    let sources = loader::read_dir(&catalog_dir(), "catalog").map_err(|e| {
        vec![Diagnostic::new(
            "catalog",
            1,
            1,
            format!("cannot read the catalog: {e}"),
        )]
    })?;
    validate::load(&sources)
}
