//! Generates `ErrorKind` and the status and area tables into `OUT_DIR` from
//! `build/catalog.rs`, the typed catalog `cargo xtask regen` wrote from the YAML.
//!
//! In a checkout of the workspace the YAML is next door (`../catalog`): a build whose YAML
//! changed since the last regen stops here and names the command to run. A published package
//! carries only `build/catalog.rs`, so there is nothing to compare and no YAML is read.

// Written by `cargo xtask regen`, byte for byte: not reformatted.
#[rustfmt::skip]
#[path = "build/catalog.rs"]
mod catalog;

use easemob_errors_codegen::{fingerprint, generate};
use std::path::Path;

/// `Err` with the message when the YAML beside this crate changed since regen.
fn check_fresh(yaml: &Path) -> Result<(), String> {
    let list = |e: std::io::Error| format!("cannot list the catalog in {}: {e}", yaml.display());
    let mut files = fingerprint::catalog_files(yaml).map_err(list)?;
    files.extend(fingerprint::coverage_files(yaml).map_err(list)?);
    println!("cargo::rerun-if-changed={}", yaml.join("errors").display());
    println!(
        "cargo::rerun-if-changed={}",
        yaml.join("coverage").display()
    );
    for (_, path) in &files {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    let now = fingerprint::fingerprint(yaml)
        .map_err(|e| format!("cannot read the catalog in {}: {e}", yaml.display()))?;
    if now == catalog::FINGERPRINT {
        return Ok(());
    }
    Err(format!(
        "the catalog's YAML or coverage tables in {} changed since easemob-errors/build/catalog.rs was generated; \
         run `cargo xtask regen` (it validates the YAML, reports any mistake with its file, line \
         and column, and refreshes the generated files)",
        yaml.display()
    ))
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build/catalog.rs");
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let yaml = Path::new(&manifest).join("../catalog");
    let yaml = yaml.canonicalize().unwrap_or(yaml);
    if yaml.join("status.yaml").is_file()
        && let Err(e) = check_fresh(&yaml)
    {
        println!("cargo::error={e}");
        return;
    }
    let out = Path::new(&std::env::var_os("OUT_DIR").unwrap_or_default()).join("error_kind.rs");
    let code = match generate(&catalog::CATALOG) {
        Ok(code) => code,
        Err(e) => {
            println!("cargo::error=cannot generate ErrorKind from build/catalog.rs: {e}");
            return;
        }
    };
    // Written only when changed, so an unchanged catalog triggers no rebuild.
    if std::fs::read_to_string(&out).ok().as_deref() != Some(code.as_str())
        && let Err(e) = std::fs::write(&out, code)
    {
        println!("cargo::error=cannot write {}: {e}", out.display());
    }
}
