//! Embeds the catalog's YAML files (`status.yaml`, `areas.yaml`, `errors/*.yaml`) into the
//! crate, and checks that `src/compiled_data.rs` was made from them as they are now.
//!
//! Listing the directory here (instead of naming files in the source) is what lets a
//! maintainer add `errors/new_area.yaml` without touching any Rust.
//!
//! The check: without the `build` feature (as `easemob-errors`' build script uses this crate),
//! a YAML file edited after the last `cargo xtask regen` stops the build with a message naming
//! the command; `regen` (which has the `build` feature) then validates the YAML and reports
//! every mistake with its file, line and column.

use std::fmt::Write as _;
use std::path::Path;

include!("src/source_hash.rs");

/// The `SOURCE_HASH` written in `src/compiled_data.rs`.
fn recorded_hash(dir: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(dir.join("src/compiled_data.rs")).ok()?;
    let line = text.lines().find(|l| l.contains("SOURCE_HASH: u64 ="))?;
    let value = line.split('=').nth(1)?.trim().trim_end_matches(';').trim();
    let value = value.strip_prefix("0x").unwrap_or(value).replace('_', "");
    u64::from_str_radix(&value, 16).ok()
}

fn check_fresh(dir: &Path, names: &[String]) {
    println!("cargo::rerun-if-changed=src/compiled_data.rs");
    if std::env::var_os("CARGO_FEATURE_BUILD").is_some() {
        return;
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for name in ["status.yaml", "areas.yaml"]
        .into_iter()
        .map(str::to_owned)
        .chain(names.iter().map(|n| format!("errors/{n}")))
    {
        match std::fs::read(dir.join(&name)) {
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => {
                println!("cargo::error={}/{name}: cannot read: {e}", dir.display());
                return;
            }
        }
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    if recorded_hash(dir) != Some(source_hash(&refs)) {
        println!(
            "cargo::error={}: the catalog's YAML changed since src/compiled_data.rs was generated; \
             run `cargo xtask regen` (it validates the YAML, reports any mistake with its file, line \
             and column, and refreshes the generated files)",
            dir.display()
        );
    }
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo::rerun-if-changed=status.yaml");
    println!("cargo::rerun-if-changed=areas.yaml");
    println!("cargo::rerun-if-changed=errors");
    let mut names: Vec<String> = match std::fs::read_dir(dir.join("errors")) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml"))
            .collect(),
        Err(e) => {
            println!(
                "cargo::error={}/errors: cannot list the catalog files: {e}",
                dir.display()
            );
            return;
        }
    };
    names.sort();
    check_fresh(dir, &names);
    let mut out = String::new();
    let status = dir.join("status.yaml");
    let _ = writeln!(
        out,
        "/// `status.yaml`.\nconst STATUS_YAML: &str = include_str!({:?});",
        status.display().to_string()
    );
    let _ = writeln!(
        out,
        "/// `areas.yaml`.\nconst AREAS_YAML: &str = include_str!({:?});",
        dir.join("areas.yaml").display().to_string()
    );
    out.push_str("/// `errors/*.yaml`, by file name.\nconst ERROR_YAML: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = dir.join("errors").join(name);
        println!("cargo::rerun-if-changed=errors/{name}");
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_default();
    if let Err(e) = std::fs::write(Path::new(&out_dir).join("bundled_sources.rs"), out) {
        println!("cargo::error=cannot write the bundled catalog list: {e}");
    }
}
