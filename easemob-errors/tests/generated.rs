//! Pins the source the build script generates from the catalog.
//!
//! The snapshot is a pure function of the catalog: `cargo xtask regen` rewrites it, and
//! `cargo xtask regen --check` (run by the `xtask` tests) fails when it is stale. Read the diff
//! when it changes: it is the public enum users match on.

#[test]
fn error_kind() {
    // The build script writes compact source; the snapshot holds it formatted for people.
    let generated = include_str!(concat!(env!("OUT_DIR"), "/error_kind.rs"));
    let formatted = easemob_errors_catalog::codegen::format(generated).unwrap();
    insta::assert_snapshot!("error_kind", formatted);
}
