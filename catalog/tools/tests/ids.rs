//! Ids are a contract: every id in `catalog/ids.txt` is still an entry, or CHANGELOG.md names
//! its removal or rename; every entry's id is in the list.

use std::collections::BTreeSet;

fn workspace_file(path: &str) -> String {
    let root = easemob_errors_tools::catalog_dir().join("..").join(path);
    std::fs::read_to_string(&root).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The ids the list holds.
fn listed(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// What CHANGELOG.md says became of ids: (removed, renamed old → new).
fn changelog(text: &str) -> (BTreeSet<String>, Vec<(String, String)>) {
    let mut removed = BTreeSet::new();
    let mut renamed = Vec::new();
    let mut in_removed = false;
    for line in text.lines() {
        if line.starts_with('#') {
            in_removed = line.trim_start_matches('#').trim() == "Removed entries";
            continue;
        }
        let ticked: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
        if line.contains('→') && ticked.len() >= 2 && line.trim_start().starts_with("- `") {
            renamed.push((ticked[0].to_owned(), ticked[1].to_owned()));
        } else if in_removed && line.trim_start().starts_with("- `") {
            // `- `a`, `b`: why`: every id before the colon that starts the reason.
            let ids = line.split_once("`:").map_or(line, |(ids, _)| ids);
            removed.extend(ids.split('`').skip(1).step_by(2).map(str::to_owned));
        }
    }
    (removed, renamed)
}

#[test]
fn no_id_vanishes_without_a_changelog_line() {
    let catalog = easemob_errors_tools::load_workspace_catalog().expect("a valid catalog");
    let now: BTreeSet<&str> = catalog.entries.iter().map(|e| e.id).collect();
    let list_text = workspace_file("catalog/ids.txt");
    let list = listed(&list_text);
    let (removed, renamed) = changelog(&workspace_file("CHANGELOG.md"));
    for id in &list {
        if now.contains(id) {
            continue;
        }
        let renamed_to = renamed
            .iter()
            .find(|(old, _)| old == id)
            .map(|(_, new)| new);
        match renamed_to {
            Some(new) => assert!(
                now.contains(new.as_str()),
                "CHANGELOG.md renames `{id}` to `{new}`, which is not an entry either"
            ),
            None => assert!(
                removed.contains(*id),
                "entry `{id}` is gone: restore it, or name it in CHANGELOG.md under \
                 `### Removed entries` (`- `{id}`: why`) or as `- `{id}` → `new_id``"
            ),
        }
    }
    let listed: BTreeSet<&str> = list.iter().copied().collect();
    for id in &now {
        assert!(
            listed.contains(id),
            "entry `{id}` is not in catalog/ids.txt: add it (ids are public variants; the list only grows)"
        );
    }
}

#[test]
fn the_changelog_reader_sees_removals_and_renames() {
    let text = "## Unreleased\n### Removed entries\n- `old_one`: never sent\n- `two`, `three`: see `other`\n### Changed\n- `a_b` → `c_d`\n- `not_removed` is mentioned\n";
    let (removed, renamed) = changelog(text);
    assert_eq!(
        removed.into_iter().collect::<Vec<_>>(),
        ["old_one", "three", "two"]
    );
    assert_eq!(renamed, [("a_b".to_owned(), "c_d".to_owned())]);
}
