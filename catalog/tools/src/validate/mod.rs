//! The catalog's semantic rules: everything YAML syntax and types cannot say.
//!
//! Every rule reports a [`Diagnostic`] with the file, line and column, the entry id and what
//! to change, and validation goes on after a problem, so one build shows every problem.
//! What passes is the core's typed catalog ([`Validated`]), built directly: there is no
//! second entry type between the YAML and the artifact.
//!
//! - this module: the status table, the areas, and the order of the checks;
//! - `entry`: one entry on its own (its fields, causes and advice);
//! - `agree`: entries against each other (unique ids, no two answering the same text,
//!   every example classifying to its own entry).

mod agree;
mod entry;

use crate::diagnostic::Diagnostic;
use crate::loader::{self, AreasFile, Source, StatusFile};
use crate::model::{Area, Catalog, Interner, Origin, StatusKey, StatusRow, Validated, leak};
use crate::raw::StatusWord;
use easemob_errors_core::Retry;
use easemob_errors_core::grammar::{self, Problem, is_snake_id};
use easemob_errors_core::request;
use entry::{EntryContext, check_entry};
use serde_saphyr::Spanned;

/// Loads and validates a catalog. Either the catalog, or every problem found.
///
/// ```
/// use easemob_errors_tools::{Source, validate::load};
/// let status = "- { status: other, zh: 未知, en: Unknown., retry: never, alert: false }\n";
/// let errors = "- id: x\n  status: 700\n  error: e\n  zh: 甲\n  en: A.\n";
/// let problems = load(&[Source::statuses("status.yaml", status), Source::errors("errors/a.yaml", errors)])
///     .unwrap_err();
/// assert_eq!(problems[0].line, 2);
/// assert!(problems[0].message.contains("outside 100-599"));
/// ```
pub fn load(sources: &[Source]) -> Result<Validated, Vec<Diagnostic>> {
    let loaded = loader::parse(sources);
    let mut problems = loaded.problems;
    let mut intern = Interner::default();
    let statuses = check_statuses(&loaded.statuses, &mut intern, &mut problems);
    let areas = check_areas(&loaded.areas, &mut intern, &mut problems);
    let area_list = || {
        areas
            .iter()
            .map(|a| format!("`{}`", a.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let ctx = EntryContext {
        statuses: &statuses,
        areas: if loaded.areas.is_empty() {
            None
        } else {
            Some(&areas)
        },
    };
    let mut entries = Vec::new();
    for file in &loaded.errors {
        if ctx.areas.is_some()
            && is_snake_id(&file.area)
            && !areas.iter().any(|a| a.name == file.area)
        {
            problems.push(
                Diagnostic::new(
                    &file.path,
                    1,
                    1,
                    format!("the file name makes the area `{}`, which areas.yaml does not list", file.area),
                )
                .help(format!(
                    "add the area to areas.yaml (with its endpoints' paths), or move the entries to one of {}",
                    area_list()
                )),
            );
        }
        if !is_snake_id(&file.area) {
            problems.push(
                Diagnostic::new(
                    &file.path,
                    1,
                    1,
                    format!(
                        "the file name makes the area `{}`, which is not a lowercase word",
                        file.area
                    ),
                )
                .help(
                    "name error files after their API area, e.g. `chatgroups.yaml`, `users.yaml`",
                ),
            );
        }
        for raw in &file.entries {
            if let Some(entry) = check_entry(file, raw, &ctx, &mut intern, &mut problems) {
                entries.push(entry);
            }
        }
    }
    agree::check_ids(&loaded.errors, &mut problems);
    agree::check_conflicts(&entries, &mut problems);
    let validated = Validated {
        catalog: Catalog {
            statuses: leak(statuses),
            areas: leak(areas),
            entries: leak(entries.iter().map(|c| c.entry).collect()),
        },
        origins: entries.into_iter().map(|c| c.origin).collect(),
    };
    agree::check_examples(&validated, &mut problems);
    if problems.is_empty() {
        Ok(validated)
    } else {
        problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        problems.dedup();
        Err(problems)
    }
}

pub(super) fn at<T>(file: &str, value: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        file,
        value.referenced.line(),
        value.referenced.column(),
        message,
    )
}

pub(super) fn origin<T>(file: &str, value: &Spanned<T>) -> Origin {
    Origin {
        file: file.to_owned(),
        line: value.referenced.line(),
        column: value.referenced.column(),
    }
}

/// A grammar problem, placed at a value of an entry.
pub(super) fn report<T>(
    problems: &mut Vec<Diagnostic>,
    file: &str,
    id: &str,
    at_value: &Spanned<T>,
    p: Problem,
) {
    problems.push(at(file, at_value, p.message).entry(id).help(p.help));
}

/// A `zh`/`en` text, checked (see [`grammar::check_text`]).
pub(super) fn text(
    file: &str,
    id: &str,
    field: &str,
    value: &Spanned<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    match grammar::check_text(field, &value.value) {
        Ok(t) => Some(t.to_owned()),
        Err(p) => {
            report(problems, file, id, value, p);
            None
        }
    }
}

/// A retry word, checked.
pub(super) fn retry(
    file: &str,
    id: &str,
    word: &Spanned<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Retry> {
    grammar::check_retry(&word.value)
        .map_err(|p| report(problems, file, id, word, p))
        .ok()
}

/// The key of a status-table row, checked.
fn status_key(
    path: &str,
    word: &Spanned<StatusWord>,
    problems: &mut Vec<Diagnostic>,
) -> Option<StatusKey> {
    let key = match &word.value {
        StatusWord::Number(n) => u16::try_from(*n)
            .ok()
            .filter(|n| (100..=599).contains(n))
            .map(StatusKey::Exact),
        StatusWord::Word(w) if w == "other" => Some(StatusKey::Other),
        StatusWord::Word(w) => match w.as_bytes() {
            [c @ b'1'..=b'5', b'x', b'x'] => Some(StatusKey::Class(c - b'0')),
            _ => None,
        },
    };
    if key.is_none() {
        let shown = match &word.value {
            StatusWord::Number(n) => format!("status {n} is outside 100-599"),
            StatusWord::Word(w) => format!("`{w}` is not a status"),
        };
        problems.push(
            at(path, word, shown).help(
                "use an HTTP status from 100 to 599, a class from `1xx` to `5xx`, or `other`",
            ),
        );
    }
    key
}

fn check_statuses(
    files: &[StatusFile],
    intern: &mut Interner,
    problems: &mut Vec<Diagnostic>,
) -> Vec<StatusRow> {
    let mut rows: Vec<(StatusRow, u64)> = Vec::new();
    for file in files {
        let path = file.path.as_str();
        for raw in &file.rows {
            let key = status_key(path, &raw.status, problems);
            let zh = text(path, "", "zh", &raw.zh, problems);
            let en = text(path, "", "en", &raw.en, problems);
            let retry = retry(path, "", &raw.retry, problems);
            let (Some(key), Some(zh), Some(en), Some(retry)) = (key, zh, en, retry) else {
                continue;
            };
            if let Some((_, line)) = rows.iter().find(|(r, _)| r.key == key) {
                problems.push(
                    at(
                        path,
                        &raw.status,
                        format!("status `{}` is listed twice", key.label()),
                    )
                    .help(format!("keep one row; the first is at line {line}")),
                );
                continue;
            }
            let alert = raw.alert.value;
            let line = raw.status.referenced.line();
            rows.push((
                StatusRow {
                    key,
                    zh: intern.str(&zh),
                    en: intern.str(&en),
                    retry,
                    alert,
                },
                line,
            ));
        }
    }
    if !files.is_empty() && !rows.iter().any(|(r, _)| r.key == StatusKey::Other) {
        let path = files.first().map_or("status.yaml", |f| f.path.as_str());
        problems.push(
            Diagnostic::new(path, 1, 1, "the status table has no `other` row")
                .help("add a row with `status: other`: it explains statuses that have no row of their own"),
        );
    }
    let mut statuses: Vec<StatusRow> = rows.into_iter().map(|(r, _)| r).collect();
    statuses.sort_by_key(|s| s.key);
    statuses
}

fn check_areas(
    files: &[AreasFile],
    intern: &mut Interner,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Area> {
    let mut areas: Vec<(Area, u64)> = Vec::new();
    for file in files {
        let path = file.path.as_str();
        for raw in &file.rows {
            let name = raw.area.value.trim().to_owned();
            let before = problems.len();
            if let Err(p) = grammar::check_area(&name) {
                problems.push(at(path, &raw.area, p.message).help(p.help));
            }
            if let Some((_, line)) = areas.iter().find(|(a, _)| a.name == name) {
                problems.push(
                    at(path, &raw.area, format!("area `{name}` is listed twice"))
                        .help(format!("keep one row; the first is at line {line}")),
                );
            }
            let zh = text(path, &name, "zh", &raw.zh, problems);
            let en = text(path, &name, "en", &raw.en, problems);
            let mut paths = Vec::new();
            for p in &raw.paths {
                match request::check_path_pattern(p.value.trim(), true) {
                    Ok(()) => paths.push(p.value.trim().to_owned()),
                    Err(e) => problems.push(at(path, p, e).entry(&name).help(
                        "area paths are endpoint paths without /{org}/{app}, e.g. `/chatgroups/**`",
                    )),
                }
            }
            if let (Some(zh), Some(en), true) = (zh, en, problems.len() == before) {
                let line = raw.area.referenced.line();
                areas.push((
                    Area {
                        name: intern.str(&name),
                        zh: intern.str(&zh),
                        en: intern.str(&en),
                        paths: intern.strs(&paths),
                    },
                    line,
                ));
            }
        }
    }
    areas.into_iter().map(|(a, _)| a).collect()
}
