//! Embeds the catalog's YAML files (`status.yaml`, `areas.yaml`, `errors/*.yaml`) into the crate.
//!
//! Listing the directory here (instead of naming files in the source) is what lets a
//! maintainer add `errors/new_area.yaml` without touching any Rust.

use std::fmt::Write as _;
use std::path::Path;

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
