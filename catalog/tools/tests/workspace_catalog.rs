//! The workspace's catalog loads and validates, and every file points editors at its schema.

#[test]
fn the_catalog_is_valid() {
    match easemob_errors_tools::load_workspace_catalog() {
        Ok(c) => assert!(c.entries.len() > 200, "{} entries", c.entries.len()),
        Err(problems) => panic!(
            "{}",
            easemob_errors_tools::diagnostic::render_all(&problems)
        ),
    }
}

/// Editors validate the YAML against the generated schemas through this first line.
#[test]
fn every_catalog_file_points_at_its_schema() {
    let dir = easemob_errors_tools::catalog_dir();
    let sources = easemob_errors_tools::loader::read_dir(&dir, "catalog").unwrap();
    for source in sources {
        let first = source.text.lines().next().unwrap_or("");
        let expected = if source.path.ends_with("status.yaml") {
            "# yaml-language-server: $schema=status.schema.json"
        } else if source.path.ends_with("areas.yaml") {
            "# yaml-language-server: $schema=areas.schema.json"
        } else {
            "# yaml-language-server: $schema=../schema.json"
        };
        assert_eq!(first, expected, "{}", source.path);
    }
}
