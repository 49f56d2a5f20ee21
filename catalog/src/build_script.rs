//! What `easemob-errors/build.rs` does, kept here so the build script is three lines and the
//! logic is tested like any other code.

use crate::{bundled_sources, codegen, validate};
use std::path::Path;

/// Loads the bundled catalog, validates it and writes the generated Rust to `out_file`.
///
/// Every catalog problem is printed as a `cargo::error=` line (so cargo shows it like a
/// compiler error, with file, line and column, and fails the build) and `false` is returned.
/// Never panics. The file is written only when its content changed, so an unchanged catalog
/// does not trigger rebuilds.
pub fn generate_kind(out_file: &Path) -> bool {
    let catalog = match validate::load(&bundled_sources()) {
        Ok(catalog) => catalog,
        Err(problems) => {
            for p in &problems {
                println!("{}", p.cargo_error_line());
            }
            return false;
        }
    };
    let code = codegen::generate(&catalog);
    if std::fs::read_to_string(out_file).ok().as_deref() == Some(code.as_str()) {
        return true;
    }
    if let Err(e) = std::fs::write(out_file, code) {
        println!("cargo::error=cannot write {}: {e}", out_file.display());
        return false;
    }
    true
}
