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

/// Editors validate the YAML against the generated schemas through this first line.
#[test]
fn every_catalog_file_points_at_its_schema() {
    for source in easemob_errors_catalog::bundled_sources() {
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

/// What `easemob-errors`' build script generates from (`src/compiled_data.rs`, written by
/// `cargo xtask regen`) is exactly the validated YAML, and carries the YAML's fingerprint.
#[test]
fn compiled_data_is_the_validated_yaml() {
    use easemob_errors_catalog::{compiled, loader, validate};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = loader::read_dir(dir, "catalog").unwrap();
    let from_yaml = match validate::load(&sources) {
        Ok(c) => c,
        Err(p) => panic!("{}", easemob_errors_catalog::diagnostic::render_all(&p)),
    };
    assert_eq!(compiled::catalog(), from_yaml);
    assert_eq!(compiled::source_hash(), compiled::hash_dir(dir).unwrap());
}
