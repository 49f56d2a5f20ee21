//! The committed files made from the catalog, one function each.

use easemob_errors_catalog::{Catalog, codegen, reference};

/// One generated file: where it lives (relative to the workspace root) and its content.
pub struct Artifact {
    /// Path relative to the workspace root.
    pub path: &'static str,
    /// The full expected content.
    pub contents: String,
}

/// The insta snapshot of the code `easemob-errors/build.rs` generates. It is a pure function
/// of the catalog, so regen writes it (behaviour snapshots stay reviewed by hand).
fn error_kind_snapshot(catalog: &Catalog) -> Result<Artifact, String> {
    let code = codegen::generate_pretty(catalog)?;
    Ok(Artifact {
        path: "easemob-errors/tests/snapshots/generated__error_kind.snap",
        contents: format!(
            "---\nsource: easemob-errors/tests/generated.rs\nexpression: generated\n---\n{code}"
        ),
    })
}

/// The bilingual reference.
fn errors_reference(catalog: &Catalog) -> Artifact {
    Artifact {
        path: "docs/errors.md",
        contents: reference::render(catalog),
    }
}

/// The validated catalog as Rust data, which `easemob-errors`' build script generates from;
/// `source_hash` is the fingerprint of the YAML it was loaded from.
fn compiled_data(catalog: &Catalog, source_hash: u64) -> Artifact {
    Artifact {
        path: "catalog/src/compiled_data.rs",
        contents: easemob_errors_catalog::compiled::render(catalog, source_hash),
    }
}

/// Every artifact, made from `catalog` (loaded from YAML whose fingerprint is `source_hash`).
pub fn all(catalog: &Catalog, source_hash: u64) -> Result<Vec<Artifact>, String> {
    let mut all = vec![
        compiled_data(catalog, source_hash),
        error_kind_snapshot(catalog)?,
        errors_reference(catalog),
    ];
    all.extend(schemas());
    Ok(all)
}

/// The JSON Schemas editors validate the YAML with.
fn schemas() -> [Artifact; 3] {
    [
        Artifact {
            path: "catalog/schema.json",
            contents: easemob_errors_catalog::schema::errors_schema(),
        },
        Artifact {
            path: "catalog/status.schema.json",
            contents: easemob_errors_catalog::schema::status_schema(),
        },
        Artifact {
            path: "catalog/areas.schema.json",
            contents: easemob_errors_catalog::schema::areas_schema(),
        },
    ]
}
