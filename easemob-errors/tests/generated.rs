//! Pins the source the build script generates from the catalog.
//!
//! The snapshot is a pure function of the catalog: `cargo xtask regen` rewrites it, and
//! `cargo xtask regen --check` (run by the `xtask` tests) fails when it is stale. Read the diff
//! when it changes: it is the public enum users match on.

#[test]
fn error_kind() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/error_kind.rs"));
    insta::assert_snapshot!("error_kind", generated);
}
