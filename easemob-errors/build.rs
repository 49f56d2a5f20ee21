//! Generates `ErrorKind` (and the status and area tables) into `OUT_DIR` from the catalog,
//! as `cargo xtask regen` compiled it after validating the YAML. A YAML edit without a regen
//! stops the build (in the catalog crate's build script) with the command to run.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::path::Path::new(&std::env::var_os("OUT_DIR").unwrap_or_default())
        .join("error_kind.rs");
    easemob_errors_catalog::build_script::generate_kind(&out);
}
