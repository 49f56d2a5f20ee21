//! Writing a generated file, or checking that it is up to date.

use std::path::Path;

/// What happened to one artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Already up to date.
    Fresh,
    /// Rewritten (not in check mode).
    Updated,
    /// Out of date (check mode).
    Stale,
}

/// Line endings are normalised so a checkout with `core.autocrlf` is not "stale".
fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// Compares `path` with `contents`; writes it when different unless `check` is set.
pub fn ensure_file_contents(path: &Path, contents: &str, check: bool) -> std::io::Result<Outcome> {
    let current = std::fs::read_to_string(path).ok().map(|t| normalize(&t));
    if current.as_deref() == Some(normalize(contents).as_str()) {
        return Ok(Outcome::Fresh);
    }
    if check {
        return Ok(Outcome::Stale);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, contents)?;
    Ok(Outcome::Updated)
}
