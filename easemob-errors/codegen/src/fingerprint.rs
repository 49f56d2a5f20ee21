//! Which files make up a catalog, and their fingerprint.
//!
//! `cargo xtask regen` records the fingerprint of the YAML it compiled in the artifact; the
//! build script of `easemob-errors` recomputes it when the YAML is there (a checkout of the
//! workspace, not a published package) and stops a build whose YAML changed since, with the
//! command to run. The file list is defined here once, for both, and for the loader.

use std::io;
use std::path::{Path, PathBuf};

/// The catalog files under `dir`, in their fixed order: `status.yaml`, `areas.yaml`, then
/// `errors/*.yaml` sorted by name. Each with its name relative to `dir` (`/`-separated).
pub fn catalog_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut files = vec![
        ("status.yaml".to_owned(), dir.join("status.yaml")),
        ("areas.yaml".to_owned(), dir.join("areas.yaml")),
    ];
    let mut names: Vec<String> = std::fs::read_dir(dir.join("errors"))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    for name in names {
        let path = dir.join("errors").join(&name);
        files.push((format!("errors/{name}"), path));
    }
    Ok(files)
}

/// The coverage tables under `dir` (`coverage/*.tsv`, sorted by name; none when the folder is
/// missing): the evidence regen writes into each entry comes from them.
pub fn coverage_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let folder = dir.join("coverage");
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .map(|name| (format!("coverage/{name}"), folder.join(&name)))
        .collect())
}

/// The fingerprint of the catalog under `dir`: its YAML and its coverage tables (see
/// [`fingerprint_of`]).
pub fn fingerprint(dir: &Path) -> io::Result<u64> {
    let mut contents = Vec::new();
    for (name, path) in catalog_files(dir)?.into_iter().chain(coverage_files(dir)?) {
        contents.push((name, std::fs::read(path)?));
    }
    let refs: Vec<(&str, &[u8])> = contents
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    Ok(fingerprint_of(&refs))
}

/// FNV-1a (64-bit) over each file's name, a 0 byte, its bytes and a 0xff byte, in the order
/// given. Not a security measure: it only tells an edited catalog from the one compiled.
pub fn fingerprint_of(files: &[(&str, &[u8])]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    for (name, bytes) in files {
        for &b in name.as_bytes().iter().chain(&[0u8]) {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
        for &b in bytes.iter().chain(&[0xffu8]) {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_contents_both_count() {
        let a = fingerprint_of(&[("a.yaml", b"x")]);
        assert_ne!(a, fingerprint_of(&[("b.yaml", b"x")]));
        assert_ne!(a, fingerprint_of(&[("a.yaml", b"y")]));
        assert_ne!(
            fingerprint_of(&[("a", b"bc")]),
            fingerprint_of(&[("ab", b"c")])
        );
    }
}
