//! `cargo xtask coverage [TABLE_OR_PAGE...]`: how many documented rows the catalog covers, and
//! whether every claim of the catalog is backed by a row.
//!
//! Without arguments it checks the in-repo tables (`catalog/coverage/`: what the docs print,
//! what Usergrid can answer, what real servers sent): a figure for each, then every entry,
//! status, `error` value, wording and per-endpoint cause that no row supports, and every row
//! whose source cannot be checked ([`easemob_errors_tools::evidence`]); any of these fails.
//! Given files (another table, or a docs page such as the official error-code page), it
//! checks only how many of their rows the catalog covers. The rules are in
//! [`easemob_errors_tools::coverage`].

use easemob_errors_tools::diagnostic::render_all;
use easemob_errors_tools::{Validated, coverage, evidence, loader, validate};
use std::fmt::Write as _;
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
    let mut text = report.render();
    let mut ok = report.missed.is_empty() && report.skipped.is_empty();
    if files.is_empty() {
        ok &= support(&catalog, &inputs, &mut text);
    }
    if ok { Ok(text) } else { Err(text) }
}

/// Appends the claims no row supports and the rows that cite nothing checkable; `true` when
/// there are none.
fn support(catalog: &Validated, inputs: &[(String, String)], out: &mut String) -> bool {
    let labels: Vec<(&str, &str)> = coverage::TABLES
        .iter()
        .zip(inputs)
        .map(|((_, file), (_, text))| (*file, text.as_str()))
        .collect();
    let gathered = evidence::gather(catalog, &labels);
    let backed = gathered
        .validated
        .entries
        .iter()
        .filter(|e| !e.evidence.is_empty())
        .count();
    let _ = writeln!(
        out,
        "evidence: {backed}/{} entries backed by a row; {} claims unsupported; {} rows without a checkable source",
        catalog.entries.len(),
        gathered.gaps.len(),
        gathered.bad_citations.len()
    );
    for gap in &gathered.gaps {
        let _ = writeln!(out, "UNSUPPORTED {gap}");
    }
    for bad in &gathered.bad_citations {
        let _ = writeln!(out, "UNCITED {} line {}: {}", bad.table, bad.line, bad.why);
    }
    gathered.gaps.is_empty() && gathered.bad_citations.is_empty()
}
