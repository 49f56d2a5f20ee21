//! `cargo xtask regen [--check]`.

use crate::artifacts;
use crate::ensure::{Outcome, ensure_file_contents};
use std::path::Path;

/// Regenerates (or, with `check`, verifies) every artifact under `root` from the YAML. Returns a report; `Err` when the catalog is invalid, a file cannot be
/// written, or (in check mode) something is stale.
pub fn run(root: &Path, check: bool) -> Result<String, String> {
    let mut report = String::new();
    let mut stale = Vec::new();
    for artifact in artifacts::all(root)? {
        let path = root.join(artifact.path);
        let outcome = ensure_file_contents(&path, &artifact.contents, check)
            .map_err(|e| format!("cannot write {}: {e}", artifact.path))?;
        match outcome {
            Outcome::Fresh => report.push_str(&format!("fresh    {}\n", artifact.path)),
            Outcome::Updated => report.push_str(&format!("updated  {}\n", artifact.path)),
            Outcome::Stale => stale.push(artifact.path),
        }
    }
    if stale.is_empty() {
        Ok(report)
    } else {
        let list: Vec<String> = stale.iter().map(|p| format!("  {p}")).collect();
        Err(format!(
            "these files are not up to date with the catalog:\n{}\nrun `cargo xtask regen` and commit the result",
            list.join("\n")
        ))
    }
}
