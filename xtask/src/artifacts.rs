//! The committed files made from YAML, one function each. Every one is a pure function of a
//! YAML directory, so deleting them all and running `cargo xtask regen` rebuilds them byte for
//! byte.

use easemob_errors_tools::diagnostic::render_all;
use easemob_errors_tools::{Validated, artifact, load_with_evidence, reference, schema};
use std::path::Path;

/// One generated file: where it lives (relative to the workspace root) and its content.
pub struct Artifact {
    /// Path relative to the workspace root.
    pub path: &'static str,
    /// The full expected content.
    pub contents: String,
}

/// The catalog directory and the small fixture catalog the codegen snapshot test reads.
pub const CATALOG: &str = "catalog";
/// The fixture catalog of `easemob-errors-codegen`'s snapshot test.
pub const FIXTURE: &str = "easemob-errors/codegen/tests/fixture";

/// Loads and validates the YAML under `root/dir` (with the evidence of its coverage tables),
/// with its fingerprint.
fn load(root: &Path, dir: &str) -> Result<(Validated, u64), String> {
    let path = root.join(dir);
    let read_error =
        |e: std::io::Error| format!("cannot read the catalog in {}: {e}", path.display());
    let catalog = load_with_evidence(&path, dir).map_err(|p| render_all(&p))?;
    let fingerprint =
        easemob_errors_codegen::fingerprint::fingerprint(&path).map_err(read_error)?;
    Ok((catalog, fingerprint))
}

/// The written retry and alert rules, from catalog/README.md (shown again in docs/errors.md).
fn advice_rules(root: &Path) -> Result<String, String> {
    let path = root.join(CATALOG).join("README.md");
    let readme = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    reference::readme_section(&readme, "Retry and alert rules")
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "{} has no `## Retry and alert rules` section",
                path.display()
            )
        })
}

/// Every artifact, made from the YAML under `root` (and the rules in catalog/README.md).
pub fn all(root: &Path) -> Result<Vec<Artifact>, String> {
    let (catalog, fingerprint) = load(root, CATALOG)?;
    let (fixture, fixture_fingerprint) = load(root, FIXTURE)?;
    Ok(vec![
        Artifact {
            path: "easemob-errors/build/catalog.rs",
            contents: artifact::render(&catalog, fingerprint, CATALOG),
        },
        Artifact {
            path: "easemob-errors/codegen/tests/fixture/catalog.rs",
            contents: artifact::render(&fixture, fixture_fingerprint, FIXTURE),
        },
        Artifact {
            path: "docs/errors.md",
            contents: reference::render(&catalog, &advice_rules(root)?),
        },
        Artifact {
            path: "catalog/schema.json",
            contents: schema::errors_schema(),
        },
        Artifact {
            path: "catalog/status.schema.json",
            contents: schema::status_schema(),
        },
        Artifact {
            path: "catalog/areas.schema.json",
            contents: schema::areas_schema(),
        },
    ])
}
