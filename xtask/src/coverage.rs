//! `cargo xtask coverage [TABLE_OR_PAGE...]`: how many documented rows the catalog covers.
//!
//! Without arguments it checks the in-repo table `catalog/coverage/documented.tsv`; given
//! files (another table, or a docs page such as the official error-code page), it checks
//! those. The rules are in [`easemob_errors_catalog::coverage`].

use easemob_errors_catalog::diagnostic::render_all;
use easemob_errors_catalog::{coverage, loader, validate};
use std::path::Path;

/// The in-repo table of documented rows, relative to the workspace root.
pub const DOCUMENTED: &str = "catalog/coverage/documented.tsv";

/// Runs the check; `Err` (with the report) when a row is not covered or a file unreadable.
pub fn run(root: &Path, files: &[&str]) -> Result<String, String> {
    let sources = loader::read_dir(&root.join("catalog"), "catalog")
        .map_err(|e| format!("cannot read the catalog: {e}"))?;
    let catalog = validate::load(&sources).map_err(|p| render_all(&p))?;
    let paths: Vec<String> = if files.is_empty() {
        vec![root.join(DOCUMENTED).display().to_string()]
    } else {
        files.iter().map(|f| (*f).to_owned()).collect()
    };
    let mut inputs = Vec::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}"))?;
        let name = Path::new(p)
            .file_name()
            .map_or(p.clone(), |n| n.to_string_lossy().into_owned());
        inputs.push((name, text));
    }
    let report = coverage::check(&catalog, &inputs);
    let text = report.render();
    if report.missed.is_empty() && report.skipped.is_empty() {
        Ok(text)
    } else {
        Err(text)
    }
}
