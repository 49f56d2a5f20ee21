//! What `easemob-errors/build.rs` does, kept here so the build script is three lines and the
//! logic is tested like any other code.

use crate::{codegen, compiled};
use std::path::Path;

/// Generates the Rust for the catalog (from [`compiled`], the data `cargo xtask regen` made from
/// the validated YAML) and writes it to `out_file`.
///
/// Never panics. The file is written only when its content changed, so an unchanged catalog
/// does not trigger rebuilds. A YAML edit without a regen never gets this far: this crate's
/// own build script stops the build and says to run `cargo xtask regen`, which reports any
/// mistake in the YAML with its file, line and column.
pub fn generate_kind(out_file: &Path) -> bool {
    let code = codegen::generate(&compiled::catalog());
    if std::fs::read_to_string(out_file).ok().as_deref() == Some(code.as_str()) {
        return true;
    }
    if let Err(e) = std::fs::write(out_file, code) {
        println!("cargo::error=cannot write {}: {e}", out_file.display());
        return false;
    }
    true
}
