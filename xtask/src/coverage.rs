//! `cargo xtask coverage [TABLE_OR_PAGE...]`: how many documented rows the catalog covers.
//!
//! Without arguments it checks the in-repo tables (`catalog/coverage/`: what the docs print,
//! what Usergrid can answer, what real servers sent) and reports a figure for each; given
//! files (another table, or a docs page such as the official error-code page), it checks
//! those. The rules are in [`easemob_errors_tools::coverage`].

use easemob_errors_tools::diagnostic::render_all;
use easemob_errors_tools::{coverage, loader, validate};
use std::path::Path;

/// Where the coverage tables are, relative to the workspace root.
pub const COVERAGE_DIR: &str = "catalog/coverage";

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Runs the check; `Err` (with the report) when a row is not covered or a file unreadable.
pub fn run(root: &Path, files: &[&str]) -> Result<String, String> {
    let sources = loader::read_dir(&root.join("catalog"), "catalog")
        .map_err(|e| format!("cannot read the catalog: {e}"))?;
    let catalog = validate::load(&sources).map_err(|p| render_all(&p))?;
    let paths: Vec<(String, String)> = if files.is_empty() {
        coverage::TABLES
            .iter()
            .map(|(label, file)| {
                let path = root.join(COVERAGE_DIR).join(file).display().to_string();
                (format!("{label} ({file})"), path)
            })
            .collect()
    } else {
        files
            .iter()
            .map(|f| (file_name(f), (*f).to_owned()))
            .collect()
    };
    let mut inputs = Vec::new();
    for (name, p) in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| format!("cannot read {p}: {e}"))?;
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
