//! The Easemob REST error catalog and everything that reads it.
//!
//! The catalog (`status.yaml` and `errors/*.yaml`, shipped with this crate) is the only place
//! an Easemob error string lives. This crate holds two layers:
//!
//! - **Always built, no dependencies** — what the runtime needs: the [`Retry`] vocabulary, the
//!   [`fold`] rules for comparing descriptions, the [`template`] language and the [`matcher`].
//!   `easemob-errors` and its derive use these, so the build step, the derive and the runtime
//!   agree by construction.
//! - **Feature `codegen`** — what `easemob-errors`' build script needs: the typed [`model`], the
//!   validated catalog compiled into Rust data ([`compiled`], refreshed by `cargo xtask regen`)
//!   and the Rust [`codegen`]. No YAML parser, so depending on `easemob-errors` stays cheap.
//! - **Feature `build` (default)** — `codegen` plus what tools need: the YAML [`loader`],
//!   [`validate`]-ion with file/line/column [`diagnostic`]s, template [`overlap`] detection, the
//!   Markdown [`reference`](mod@reference) and docs [`coverage`].
//! - **Feature `pretty`** — `build` plus formatting generated code for people (`prettyplease`),
//!   for `xtask` and snapshot tests; build scripts do not need it.
//! - **Feature `schema`** — `build` plus the JSON Schemas of the catalog files (`schemars`),
//!   for editors; `xtask regen` writes them.
//!
//! Most users want the `easemob-errors` crate instead; this one is for its build script, its
//! `xtask`, and forks that edit the catalog.

#![deny(missing_docs)]

pub mod fold;
pub mod matcher;
pub mod request;
mod retry;
/// The fingerprint of the catalog's YAML files, shared with this crate's build script.
pub mod source_hash;
pub mod template;
pub mod view;

pub use retry::Retry;

#[cfg(feature = "codegen")]
pub mod build_script;
#[cfg(feature = "build")]
mod bundled;
#[cfg(feature = "codegen")]
pub mod codegen;
#[cfg(feature = "codegen")]
pub mod compiled;
#[cfg(feature = "build")]
pub mod coverage;
#[cfg(feature = "build")]
pub mod diagnostic;
#[cfg(feature = "build")]
pub mod loader;
#[cfg(feature = "codegen")]
pub mod model;
#[cfg(feature = "build")]
pub mod overlap;
#[cfg(feature = "build")]
pub mod reference;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "build")]
pub mod validate;

#[cfg(feature = "build")]
pub use bundled::{bundled_sources, catalog_dir};
#[cfg(feature = "build")]
pub use diagnostic::Diagnostic;
#[cfg(feature = "build")]
pub use loader::Source;
#[cfg(feature = "codegen")]
pub use model::{Catalog, Entry, StatusEntry, StatusKey};

/// Loads and validates the catalog shipped with this crate.
#[cfg(feature = "build")]
pub fn load_bundled() -> Result<Catalog, Vec<Diagnostic>> {
    validate::load(&bundled_sources())
}
