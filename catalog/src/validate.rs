//! The catalog's semantic rules: everything YAML syntax and types cannot say.
//!
//! Every rule reports a [`Diagnostic`] with the file, line and column, the entry id and what
//! to change, and validation goes on after a problem, so one build shows every problem.

use crate::diagnostic::Diagnostic;
use crate::loader::{self, ErrorsFile, Source, StatusFile};
use crate::matcher::Matcher;
use crate::model::raw::{RawEntry, StatusWord};
use crate::model::{Catalog, Entry, Origin, StatusEntry, StatusKey, status_row};
use crate::template::Template;
use crate::template::is_snake_id;
use crate::{Retry, fold, overlap};
use heck::ToUpperCamelCase;
use serde_saphyr::Spanned;

/// The variant that holds errors the catalog does not know; no entry may take its name.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Loads and validates a catalog. Either the catalog, or every problem found.
///
/// ```
/// use easemob_errors_catalog::{Source, validate::load};
/// let status = "- { status: other, zh: 未知, en: Unknown., retry: never, alert: false }\n";
/// let errors = "- id: x\n  status: 700\n  error: e\n  zh: 甲\n  en: A.\n";
/// let problems = load(&[Source::statuses("status.yaml", status), Source::errors("errors/a.yaml", errors)])
///     .unwrap_err();
/// assert_eq!(problems[0].line, 2);
/// assert!(problems[0].message.contains("outside 100-599"));
/// ```
pub fn load(sources: &[Source]) -> Result<Catalog, Vec<Diagnostic>> {
    let loaded = loader::parse(sources);
    let mut problems = loaded.problems;
    let statuses = check_statuses(&loaded.statuses, &mut problems);
    let mut entries = Vec::new();
    for file in &loaded.errors {
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
            if let Some(entry) = check_entry(file, raw, &statuses, &mut problems) {
                entries.push(entry);
            }
        }
    }
    check_ids(&loaded.errors, &mut problems);
    check_conflicts(&entries, &mut problems);
    let catalog = Catalog { statuses, entries };
    check_examples(&catalog, &mut problems);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        problems.dedup();
        Err(problems)
    }
}

fn at<T>(file: &str, value: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        file,
        value.referenced.line(),
        value.referenced.column(),
        message,
    )
}

fn origin<T>(file: &str, value: &Spanned<T>) -> Origin {
    Origin {
        file: file.to_owned(),
        line: value.referenced.line(),
        column: value.referenced.column(),
    }
}

fn retry_word(
    file: &str,
    id: &str,
    word: &Spanned<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Retry> {
    let retry = Retry::from_word(word.value.trim());
    if retry.is_none() {
        problems.push(
            at(file, word, format!("unknown retry advice `{}`", word.value))
                .entry(id)
                .help(format!("use one of {}", Retry::expected_words())),
        );
    }
    retry
}

/// Checks a `zh`/`en` text: present, one line. Returns it trimmed.
fn cause_text(
    file: &str,
    id: &str,
    field: &str,
    text: &Spanned<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let trimmed = text.value.trim();
    if trimmed.is_empty() {
        problems.push(
            at(file, text, format!("`{field}` is empty"))
                .entry(id)
                .help(format!("write the likely cause in {}", language(field))),
        );
        return None;
    }
    if trimmed.contains('\n') {
        problems.push(
            at(file, text, format!("`{field}` spans several lines"))
                .entry(id)
                .help("write the cause on one line; it is shown in one-line log messages"),
        );
        return None;
    }
    Some(trimmed.to_owned())
}

fn language(field: &str) -> &'static str {
    if field == "zh" { "Chinese" } else { "English" }
}

fn check_statuses(files: &[StatusFile], problems: &mut Vec<Diagnostic>) -> Vec<StatusEntry> {
    let mut rows: Vec<(StatusEntry, Origin)> = Vec::new();
    for file in files {
        let path = file.path.as_str();
        for raw in &file.rows {
            let key = match &raw.status.value {
                StatusWord::Number(n) if (100..=599).contains(n) => {
                    Some(StatusKey::Exact(*n as u16))
                }
                StatusWord::Number(n) => {
                    problems.push(
                        at(path, &raw.status, format!("status {n} is outside 100-599")).help(
                            "use an HTTP status from 100 to 599, a class such as `4xx`, or `other`",
                        ),
                    );
                    None
                }
                StatusWord::Word(w) => match w.as_bytes() {
                    [c @ b'1'..=b'5', b'x', b'x'] => Some(StatusKey::Class(c - b'0')),
                    _ if w == "other" => Some(StatusKey::Other),
                    _ => {
                        problems.push(
                            at(path, &raw.status, format!("`{w}` is not a status"))
                                .help("use an HTTP status from 100 to 599, a class from `1xx` to `5xx`, or `other`"),
                        );
                        None
                    }
                },
            };
            let label = key.map(|k| k.label()).unwrap_or_default();
            let zh = cause_text(path, "", "zh", &raw.zh, problems);
            let en = cause_text(path, "", "en", &raw.en, problems);
            let retry = retry_word(path, "", &raw.retry, problems);
            let (Some(key), Some(zh), Some(en), Some(retry)) = (key, zh, en, retry) else {
                continue;
            };
            let here = origin(path, &raw.status);
            if let Some((_, first)) = rows.iter().find(|(r, _)| r.key == key) {
                problems.push(
                    at(
                        path,
                        &raw.status,
                        format!("status `{label}` is listed twice"),
                    )
                    .help(format!("keep one row; the first is at line {}", first.line)),
                );
                continue;
            }
            rows.push((
                StatusEntry {
                    key,
                    zh,
                    en,
                    retry,
                    alert: raw.alert.value,
                },
                here,
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
    let mut statuses: Vec<StatusEntry> = rows.into_iter().map(|(r, _)| r).collect();
    statuses.sort_by_key(|s| s.key);
    statuses
}

fn check_entry(
    file: &ErrorsFile,
    raw: &RawEntry,
    statuses: &[StatusEntry],
    problems: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let path = file.path.as_str();
    let id = raw.id.value.trim().to_owned();
    let before = problems.len();
    if !is_snake_id(&id) {
        problems.push(
            at(path, &raw.id, format!("id `{id}` is not snake_case"))
                .entry(&id)
                .help("use lowercase words joined by single `_`, starting with a letter, e.g. `group_not_found`"),
        );
    }
    let variant = id.to_upper_camel_case();
    if variant == UNKNOWN_VARIANT {
        problems.push(
            at(
                path,
                &raw.id,
                format!("id `{id}` makes the variant `{UNKNOWN_VARIANT}`, which is reserved"),
            )
            .entry(&id)
            .help("`Unknown` holds errors the catalog does not know; choose a more specific id"),
        );
    }

    let mut entry_statuses = Vec::new();
    if raw.status.value.0.is_empty() {
        problems.push(
            at(path, &raw.status, "`status` is an empty list")
                .entry(&id)
                .help("give the HTTP status the server answers with, e.g. `status: 400`"),
        );
    }
    for &s in &raw.status.value.0 {
        if !(100..=599).contains(&s) {
            problems.push(
                at(path, &raw.status, format!("status {s} is outside 100-599"))
                    .entry(&id)
                    .help("use the HTTP status the server answers with, from 100 to 599"),
            );
        } else if entry_statuses.contains(&(s as u16)) {
            problems.push(
                at(path, &raw.status, format!("status {s} is listed twice"))
                    .entry(&id)
                    .help("list each status once"),
            );
        } else {
            entry_statuses.push(s as u16);
        }
    }

    let mut codes: Vec<String> = Vec::new();
    if let Some(error) = &raw.error {
        if error.value.0.is_empty() {
            problems.push(at(path, error, "`error` is an empty list").entry(&id).help(
                "list the `error` values the server sends, or remove `error` if it sends none",
            ));
        }
        for code in &error.value.0 {
            if code.trim().is_empty() || code.trim() != code {
                problems.push(
                    at(path, error, format!("the `error` value {code:?} is empty or has surrounding spaces"))
                        .entry(&id)
                        .help("write the `error` value exactly as the server sends it, or remove `error` if it sends none"),
                );
            } else if codes.contains(code) {
                problems.push(
                    at(path, error, format!("error code `{code}` is listed twice"))
                        .entry(&id)
                        .help("list each code once"),
                );
            } else {
                codes.push(code.clone());
            }
        }
    }

    let mut template = None;
    let mut description = None;
    if let Some(desc) = &raw.description {
        if desc.value.trim().is_empty() {
            problems.push(
                at(path, desc, "`description` is empty")
                    .entry(&id)
                    .help("write the description the server sends, or remove `description` to accept any description for the codes"),
            );
        } else {
            match Template::parse(&desc.value) {
                Ok(t) => {
                    template = Some(t);
                    description = Some(desc.value.clone());
                }
                Err(e) => {
                    let end = (e.offset + e.len).min(desc.value.len());
                    let snippet = desc.value.get(e.offset..end).unwrap_or("");
                    problems.push(
                        at(path, desc, format!("in description, at `{snippet}`: {}", e.message))
                            .entry(&id)
                            .help("placeholders are written `{name}` with a snake_case name; literal braces are `{{` and `}}`"),
                    );
                }
            }
        }
    }
    if raw.error.is_none() && raw.description.is_none() {
        problems.push(
            at(path, &raw.id, "the entry has neither `error` nor `description`")
                .entry(&id)
                .help("add the `error` code, the `description`, or both; status-only explanations belong in status.yaml"),
        );
    }

    let zh = cause_text(path, &id, "zh", &raw.zh, problems);
    let en = cause_text(path, &id, "en", &raw.en, problems);
    let row = entry_statuses
        .first()
        .and_then(|&s| status_row(statuses, s));
    let retry = match &raw.retry {
        Some(word) => retry_word(path, &id, word, problems),
        None => row.map(|r| r.retry),
    };
    let alert = raw.alert.as_ref().map(|a| a.value).or(row.map(|r| r.alert));

    let mut examples = Vec::new();
    for ex in &raw.examples {
        if ex.value.trim().is_empty() {
            problems.push(
                at(path, ex, "an example is empty")
                    .entry(&id)
                    .help("examples are descriptions exactly as the docs or the server give them"),
            );
        } else {
            examples.push(ex.value.clone());
        }
    }
    if let (Some(t), Some(desc)) = (&template, &raw.description)
        && !t.is_exact()
        && examples.is_empty()
    {
        problems.push(
            at(path, desc, "a template needs at least one example")
                .entry(&id)
                .help("add `examples:` with a description from the docs, so the build checks that it classifies to this entry"),
        );
    }

    if problems.len() != before {
        return None;
    }
    Some(Entry {
        id,
        variant,
        statuses: entry_statuses,
        codes,
        description,
        template,
        zh: zh?,
        en: en?,
        retry: retry?,
        alert: alert?,
        examples,
        area: file.area.clone(),
        origin: origin(path, &raw.id),
    })
}

fn entry_diag(e: &Entry, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(&e.origin.file, e.origin.line, e.origin.column, message).entry(&e.id)
}

/// Ids must be unique and make distinct variant names. Checked on every entry as written,
/// valid or not, so a duplicate is reported even next to other problems.
fn check_ids(files: &[ErrorsFile], problems: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(String, String, Origin)> = Vec::new();
    for file in files {
        for raw in &file.entries {
            let id = raw.id.value.trim().to_owned();
            if !is_snake_id(&id) {
                continue;
            }
            let variant = id.to_upper_camel_case();
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
fn check_conflicts(entries: &[Entry], problems: &mut Vec<Diagnostic>) {
    let mut groups: std::collections::BTreeMap<(u16, Option<&str>), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        for &s in &e.statuses {
            if e.codes.is_empty() {
                groups.entry((s, None)).or_default().push(i);
            }
            for c in &e.codes {
                groups.entry((s, Some(c.as_str()))).or_default().push(i);
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
fn conflict(a: &Entry, b: &Entry, key: (u16, Option<&str>)) -> Option<Diagnostic> {
    if a.id == b.id {
        return None;
    }
    let where_a = format!("{}:{}", a.origin.file, a.origin.line);
    match (&a.template, &b.template) {
        (None, None) => Some(
            entry_diag(
                b,
                format!(
                    "entry `{}` already accepts any description for {}",
                    a.id,
                    describe_key(key)
                ),
            )
            .help(format!(
                "give one of them a `description`, or merge them (`{}` is at {where_a})",
                a.id
            )),
        ),
        (Some(ta), Some(tb)) if ta.is_exact() && tb.is_exact() => {
            let (da, db) = (
                ta.exact_text().unwrap_or_default(),
                tb.exact_text().unwrap_or_default(),
            );
            fold::eq(&da, &db).then(|| {
                entry_diag(b, format!("description duplicates entry `{}` for {}", a.id, describe_key(key)))
                    .help(format!(
                        "merge them into one entry listing every status and code (`{}` is at {where_a})",
                        a.id
                    ))
            })
        }
        (Some(ta), Some(tb)) if !ta.is_exact() && !tb.is_exact() => overlap::common_text(ta, tb)
            .map(|witness| {
                entry_diag(
                    b,
                    format!(
                        "template can match the same text as entry `{}` for {}, e.g. `{}`",
                        a.id,
                        describe_key(key),
                        witness
                    ),
                )
                .help(format!(
                    "make one template more specific, or merge the entries (`{}` is at {where_a})",
                    a.id
                ))
            }),
        _ => None,
    }
}

fn check_examples(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let codes = catalog.rule_codes();
    let rules = catalog.rules(&codes);
    let matcher = Matcher::new(&rules);
    for (idx, entry) in catalog.entries.iter().enumerate() {
        let code_choices: Vec<Option<&str>> = if entry.codes.is_empty() {
            vec![None]
        } else {
            entry.codes.iter().map(|c| Some(c.as_str())).collect()
        };
        for example in &entry.examples {
            'combos: for &status in &entry.statuses {
                for &code in &code_choices {
                    let got = matcher
                        .classify(status, code, Some(example))
                        .map(|m| m.rule());
                    if got == Some(idx) {
                        continue;
                    }
                    let code_text =
                        code.map_or("no error code".to_owned(), |c| format!("error `{c}`"));
                    let d = match got {
                        None => entry_diag(
                            entry,
                            format!(
                                "example `{}` (status {status}, {code_text}) matches no entry",
                                example.escape_debug()
                            ),
                        )
                        .help(
                            "fix the example or the description so the example fits the template",
                        ),
                        Some(other) => {
                            let other = &catalog.entries[other];
                            entry_diag(
                                entry,
                                format!(
                                    "example `{}` (status {status}, {code_text}) matches entry `{}` instead",
                                    example.escape_debug(),
                                    other.id
                                ),
                            )
                            .help(format!(
                                "make the descriptions distinct or move the example (`{}` is at {}:{})",
                                other.id, other.origin.file, other.origin.line
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
