//! The build step: generates `ErrorKind` and its tables from the typed catalog regen wrote.
//! Depended on by `easemob-errors`' build script only (and its snapshot test).
//!
//! The build step of `easemob-errors`, after prost-build: it writes declarations, the derive
//! owns behaviour.
//!
//! The data path is forward only:
//!
//! ```text
//! catalog/*.yaml ──cargo xtask regen──▶ easemob-errors/build/catalog.rs (typed catalog::Catalog)
//!   ──easemob-errors/build.rs + generate()──▶ ErrorKind with #[easemob(...)] attributes
//!   ──#[derive(Classify)]──▶ matching, explanations, Display ──▶ ApiError
//! ```
//!
//! - [`catalog`]: the typed catalog the build script reads (regen writes it; nothing here reads
//!   YAML, so a user's build compiles no YAML parser and no validator);
//! - [`generate()`]: the Rust source of `ErrorKind` and the status and area tables;
//! - [`fingerprint`]: the catalog's file set and fingerprint, so a build whose YAML changed
//!   since the last regen stops with the command to run.

#![deny(missing_docs)]

mod docs;
pub mod fingerprint;
mod generate;
/// The typed catalog (defined in `easemob-errors-core`, which the runtime shares).
pub use easemob_errors_core::catalog;
mod tables;

pub use generate::{HEADER, generate, generate_enum};
