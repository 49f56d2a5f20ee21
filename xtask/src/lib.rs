//! Maintenance commands (`cargo xtask regen | coverage | build-cost`): rebuild and check what the YAML makes.
//! Depended on by nobody: maintainers and CI run it; it depends on the tools and the bench crate.
//!
//! Maintenance commands for the workspace, run as `cargo xtask …` (an alias in
//! `.cargo/config.toml`), after rust-analyzer's `xtask codegen`.
//!
//! - [`regen`]: rewrites every committed artifact that is a pure function of the catalog, or
//!   with `--check` reports the stale ones. A test runs the check, so plain `cargo test` fails
//!   on a stale artifact.
//! - [`measure`]: `build-cost` and `synthetic-build`, the build-time measurements behind the
//!   README's "Performance" section.

pub mod artifacts;
pub mod coverage;
pub mod ensure;
pub mod measure;
pub mod regen;

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
