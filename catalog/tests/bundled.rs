//! The shipped catalog loads, validates and generates code.

#[test]
fn bundled_catalog_is_valid() {
    match easemob_errors_catalog::load_bundled() {
        Ok(c) => assert!(c.entries.len() > 30),
        Err(problems) => panic!(
            "{}",
            easemob_errors_catalog::diagnostic::render_all(&problems)
        ),
    }
}
