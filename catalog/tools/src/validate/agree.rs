//! Entries against each other: ids unique and making distinct variant names, no two entries
//! answering the same (status, `error`, text), and every example classifying to its own
//! entry through the same matcher the runtime uses. What passes is the catalog as a whole.

use super::entry::Checked;
use super::origin;
use crate::diagnostic::Diagnostic;
use crate::loader::ErrorsFile;
use crate::model::{Origin, Validated};
use crate::overlap;
use easemob_errors_core::fold;
use easemob_errors_core::grammar::{self, is_snake_id};
use easemob_errors_core::matcher::{Matcher, ResponseParts};
use easemob_errors_core::template::{Part, Template};

fn diag_at(id: &str, at: &Origin, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(&at.file, at.line, at.column, message).entry(id)
}

fn entry_diag(e: &Checked, message: impl Into<String>) -> Diagnostic {
    diag_at(e.entry.id, &e.origin, message)
}

/// Ids must be unique and make distinct variant names. Checked on every entry as written,
/// valid or not, so a duplicate is reported even next to other problems.
pub(super) fn check_ids(files: &[ErrorsFile], problems: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(String, String, Origin)> = Vec::new();
    for file in files {
        for raw in &file.entries {
            let id = raw.id.value.trim().to_owned();
            if !is_snake_id(&id) {
                continue;
            }
            let variant = grammar::variant_name(&id);
            let here = origin(&file.path, &raw.id);
            let diag = |message: String| {
                Diagnostic::new(&here.file, here.line, here.column, message).entry(&id)
            };
            if let Some((_, _, first)) = seen.iter().find(|(i, _, _)| *i == id) {
                problems.push(diag(format!("duplicate id `{id}`")).help(format!(
                    "ids are stable API names and must be unique; the first is at {}:{}",
                    first.file, first.line
                )));
            } else if let Some((other, _, first)) = seen.iter().find(|(_, v, _)| *v == variant) {
                problems.push(
                    diag(format!(
                        "ids `{other}` and `{id}` both make the variant name `{variant}`"
                    ))
                    .help(format!(
                        "rename one of them; `{other}` is at {}:{}",
                        first.file, first.line
                    )),
                );
            }
            seen.push((id, variant, here));
        }
    }
}

fn describe_key(key: (u16, Option<&str>)) -> String {
    match key.1 {
        Some(code) => format!("status {} and error `{code}`", key.0),
        None => format!("status {} with any error code", key.0),
    }
}

/// Entries that share a status and a code (or both name none) must not be ambiguous. Entries
/// are grouped by (status, code) first, so the pairwise checks stay within small groups.
pub(super) fn check_conflicts(entries: &[Checked], problems: &mut Vec<Diagnostic>) {
    let mut groups: std::collections::BTreeMap<(u16, Option<&str>), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        for &s in e.entry.statuses {
            if e.entry.errors.is_empty() {
                groups.entry((s, None)).or_default().push(i);
            }
            for &c in e.entry.errors {
                groups.entry((s, Some(c))).or_default().push(i);
            }
        }
    }
    let mut reported = std::collections::BTreeSet::new();
    for (key, members) in &groups {
        for (n, &j) in members.iter().enumerate() {
            for &i in &members[..n] {
                if !reported.contains(&(i, j))
                    && let Some(d) = conflict(&entries[i], &entries[j], *key)
                {
                    reported.insert((i, j));
                    problems.push(d);
                }
            }
        }
    }
}

/// The problem with entry `b` given an earlier entry `a` answering the same status and code.
fn conflict(a: &Checked, b: &Checked, key: (u16, Option<&str>)) -> Option<Diagnostic> {
    if a.entry.id == b.entry.id {
        return None;
    }
    if a.templates.is_empty() || b.templates.is_empty() {
        // Accepting any description conflicts only with another such entry.
        return (a.templates.is_empty() && b.templates.is_empty())
            .then(|| conflict_pair(a, b, None, None, key))
            .flatten();
    }
    a.templates.iter().find_map(|ta| {
        b.templates
            .iter()
            .find_map(|tb| conflict_pair(a, b, Some(ta), Some(tb), key))
    })
}

/// [`conflict`] for one description of each entry (`None`: accepts any description).
fn conflict_pair(
    a: &Checked,
    b: &Checked,
    ta: Option<&Template>,
    tb: Option<&Template>,
    key: (u16, Option<&str>),
) -> Option<Diagnostic> {
    let where_a = format!("{}:{}", a.origin.file, a.origin.line);
    match (ta, tb) {
        (None, None) => Some(
            entry_diag(
                b,
                format!(
                    "entry `{}` already accepts any description for {}",
                    a.entry.id,
                    describe_key(key)
                ),
            )
            .help(format!(
                "give one of them a `description`, or merge them (`{}` is at {where_a})",
                a.entry.id
            )),
        ),
        (Some(ta), Some(tb)) if ta.is_exact() && tb.is_exact() => {
            let (da, db) = (
                ta.exact_text().unwrap_or_default(),
                tb.exact_text().unwrap_or_default(),
            );
            fold::eq(&da, &db).then(|| {
                entry_diag(b, format!("description duplicates entry `{}` for {}", a.entry.id, describe_key(key)))
                    .help(format!(
                        "merge them into one entry listing every status and code (`{}` is at {where_a})",
                        a.entry.id
                    ))
            })
        }
        // Templates with different literal prefixes may overlap: the longer prefix is tried
        // first, so which one wins does not depend on catalog order.
        (Some(ta), Some(tb))
            if !ta.is_exact() && !tb.is_exact() && literal_prefix(ta) == literal_prefix(tb) =>
        {
            overlap::common_text(ta, tb).map(|witness| {
                entry_diag(
                    b,
                    format!(
                        "template can match the same text as entry `{}` for {}, e.g. `{}`",
                        a.entry.id,
                        describe_key(key),
                        witness
                    ),
                )
                .help(format!(
                    "make one template more specific, or merge the entries (`{}` is at {where_a})",
                    a.entry.id
                ))
            })
        }
        _ => None,
    }
}

/// The folded text a template must start with (empty when it starts with a placeholder).
fn literal_prefix(t: &Template) -> String {
    match t.parts().first() {
        Some(Part::Literal(s)) => fold::folded_chars(s).map(|(_, c)| c).collect(),
        _ => String::new(),
    }
}

pub(super) fn check_examples(validated: &Validated, problems: &mut Vec<Diagnostic>) {
    let rules = validated.rules();
    let matcher = Matcher::new(&rules);
    let fallback = Origin {
        file: String::new(),
        line: 1,
        column: 1,
    };
    let at = |i: usize| validated.origin(i).unwrap_or(&fallback);
    for (idx, entry) in validated.entries.iter().enumerate() {
        let entry_diag = |message: String| diag_at(entry.id, at(idx), message);
        let code_choices: Vec<Option<&str>> = if entry.errors.is_empty() {
            vec![None]
        } else {
            entry.errors.iter().map(|&c| Some(c)).collect()
        };
        for example in entry.examples {
            for &n in entry.error_codes {
                let parts = ResponseParts {
                    error_code: Some(n),
                    description: Some(example),
                    ..ResponseParts::default()
                };
                let got = matcher.classify(parts).map(|m| m.rule());
                if got != Some(idx) {
                    problems.push(
                        entry_diag(format!(
                            "error_code {n} classifies to another entry, which lists it first"
                        ))
                        .help("each numeric error_code belongs to one entry"),
                    );
                }
            }
            'combos: for &status in entry.statuses {
                for &code in &code_choices {
                    let parts = ResponseParts {
                        status,
                        error: code,
                        error_code: None,
                        description: Some(example),
                    };
                    let got = matcher.classify(parts).map(|m| m.rule());
                    if got == Some(idx) {
                        continue;
                    }
                    let code_text =
                        code.map_or("no error code".to_owned(), |c| format!("error `{c}`"));
                    let d = match got {
                        None => entry_diag(format!(
                            "example `{}` (status {status}, {code_text}) matches no entry",
                            example.escape_debug()
                        ))
                        .help(
                            "fix the example or the description so the example fits the template",
                        ),
                        Some(other_index) => {
                            let other = &validated.entries[other_index];
                            let other_at = at(other_index);
                            entry_diag(
                                format!(
                                    "example `{}` (status {status}, {code_text}) matches entry `{}` instead",
                                    example.escape_debug(),
                                    other.id
                                ),
                            )
                            .help(format!(
                                "make the descriptions distinct or move the example (`{}` is at {}:{})",
                                other.id, other_at.file, other_at.line
                            ))
                        }
                    };
                    problems.push(d);
                    break 'combos;
                }
            }
        }
    }
}
