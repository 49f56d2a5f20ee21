//! Generates `ErrorKind` (and the status table) from the catalog into `OUT_DIR`.
//! Catalog problems are reported as compiler-style errors with file, line and column.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::path::Path::new(&std::env::var_os("OUT_DIR").unwrap_or_default())
        .join("error_kind.rs");
    easemob_errors_catalog::build_script::generate_kind(&out);
}
