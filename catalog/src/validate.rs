//! The catalog's semantic rules: everything YAML syntax and types cannot say.
//!
//! Every rule reports a [`Diagnostic`] with the file, line and column, the entry id and what
//! to change, and validation goes on after a problem, so one build shows every problem.

use crate::diagnostic::Diagnostic;
use crate::loader::{self, AreasFile, ErrorsFile, Source, StatusFile};
use crate::matcher::Matcher;
use crate::model::raw::{RawCause, RawEntry, StatusWord};
use crate::model::{
    Area, Catalog, Cause, Entry, Origin, Scope, StatusEntry, StatusKey, status_row,
};
use crate::request::{self, AreaPaths};
use crate::template::Template;
use crate::template::is_snake_id;
use crate::{Retry, fold, overlap};
use heck::ToUpperCamelCase;
use serde_saphyr::Spanned;

pub use crate::model::UNKNOWN_VARIANT;

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
    let areas = check_areas(&loaded.areas, &mut problems);
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
            if let Some(entry) = check_entry(file, raw, &ctx, &mut problems) {
                entries.push(entry);
            }
        }
    }
    check_ids(&loaded.errors, &mut problems);
    check_conflicts(&entries, &mut problems);
    let catalog = Catalog {
        statuses,
        areas,
        entries,
    };
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

fn check_areas(files: &[AreasFile], problems: &mut Vec<Diagnostic>) -> Vec<Area> {
    let mut areas: Vec<(Area, u64)> = Vec::new();
    for file in files {
        let path = file.path.as_str();
        for raw in &file.rows {
            let name = raw.area.value.trim().to_owned();
            let before = problems.len();
            if !is_snake_id(&name) {
                problems.push(
                    at(
                        path,
                        &raw.area,
                        format!("area `{name}` is not a lowercase word"),
                    )
                    .help("name areas like the API paths, e.g. `chatgroups`, `users`, `token`"),
                );
            }
            if let Some((_, line)) = areas.iter().find(|(a, _)| a.name == name) {
                problems.push(
                    at(path, &raw.area, format!("area `{name}` is listed twice"))
                        .help(format!("keep one row; the first is at line {line}")),
                );
            }
            let zh = cause_text(path, &name, "zh", &raw.zh, problems);
            let en = cause_text(path, &name, "en", &raw.en, problems);
            let mut paths = Vec::new();
            for p in &raw.paths {
                match request::check_path_pattern(p.value.trim(), true) {
                    Ok(()) => paths.push(p.value.trim().to_owned()),
                    Err(e) => problems.push(at(path, p, e).entry(&name).help(
                        "area paths are endpoint paths without /{org}/{app}, e.g. `/chatgroups/**`",
                    )),
                }
            }
            if problems.len() != before {
                continue;
            }
            if let (Some(zh), Some(en)) = (zh, en) {
                areas.push((
                    Area {
                        name,
                        zh,
                        en,
                        paths,
                    },
                    raw.area.referenced.line(),
                ));
            }
        }
    }
    areas.into_iter().map(|(a, _)| a).collect()
}

/// What checking one entry needs from the rest of the catalog.
struct EntryContext<'a> {
    statuses: &'a [StatusEntry],
    /// The areas, when the catalog has an areas file.
    areas: Option<&'a [Area]>,
}

fn check_cause(
    path: &str,
    id: &str,
    raw: &RawCause,
    ctx: &EntryContext<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Cause> {
    let before = problems.len();
    let names = |areas: &[Area]| {
        areas
            .iter()
            .map(|a| format!("`{}`", a.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let scope = match (&raw.area, &raw.request) {
        (Some(area), None) => {
            let name = area.value.trim();
            if let Some(areas) = ctx.areas
                && !areas.iter().any(|a| a.name == name)
            {
                problems.push(
                    at(
                        path,
                        area,
                        format!(
                            "the cause names the area `{name}`, which areas.yaml does not list"
                        ),
                    )
                    .entry(id)
                    .help(format!("use one of {}", names(areas))),
                );
            }
            Scope::Area(name.to_owned())
        }
        (None, Some(req)) => {
            let pattern = req.value.trim();
            if let Err(e) = request::check_request_pattern(pattern) {
                problems.push(at(path, req, e).entry(id).help(
                    "a request is `METHOD /path` as the docs write it, without /{org}/{app}",
                ));
            } else if let Some(areas) = ctx.areas {
                let table: Vec<Vec<&str>> = areas
                    .iter()
                    .map(|a| a.paths.iter().map(String::as_str).collect())
                    .collect();
                let table: Vec<AreaPaths<'_>> = areas
                    .iter()
                    .zip(&table)
                    .map(|(a, p)| AreaPaths {
                        area: &a.name,
                        paths: p,
                    })
                    .collect();
                let sample = pattern
                    .split_once(char::is_whitespace)
                    .map_or("", |x| x.1.trim());
                if request::area_of(&table, sample).is_none() {
                    problems.push(
                        at(path, req, format!("the request `{pattern}` is in no area's paths"))
                            .entry(id)
                            .help("fix the path, or add a path pattern covering it to an area in areas.yaml"),
                    );
                }
            }
            Scope::Request(pattern.to_owned())
        }
        _ => {
            problems.push(
                at(path, &raw.zh, "a cause needs exactly one of `area` and `request`")
                    .entry(id)
                    .help("write `area: chatrooms` for a whole area, or `request: DELETE /users/{username}` for one endpoint"),
            );
            return None;
        }
    };
    let zh = cause_text(path, id, "zh", &raw.zh, problems);
    let en = cause_text(path, id, "en", &raw.en, problems);
    if problems.len() != before {
        return None;
    }
    Some(Cause {
        scope,
        zh: zh?,
        en: en?,
    })
}

fn check_entry(
    file: &ErrorsFile,
    raw: &RawEntry,
    ctx: &EntryContext<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let statuses = ctx.statuses;
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

    let mut error_codes: Vec<i64> = Vec::new();
    if let Some(numbers) = &raw.error_code {
        for &n in &numbers.value.0 {
            if error_codes.contains(&n) {
                problems.push(
                    at(path, numbers, format!("error_code {n} is listed twice"))
                        .entry(&id)
                        .help("list each number once"),
                );
            } else {
                error_codes.push(n);
            }
        }
        if error_codes.is_empty() {
            problems.push(
                at(path, numbers, "`error_code` is an empty list")
                    .entry(&id)
                    .help("give the body's numeric `error_code`, or remove the key"),
            );
        }
    }
    let mut entry_statuses = Vec::new();
    match &raw.status {
        None if raw.error_code.is_some() => {}
        None => problems.push(
            at(path, &raw.id, "the entry has no `status`")
                .entry(&id)
                .help("give the HTTP status the server answers with, e.g. `status: 400` (only entries known by `error_code` may leave it out)"),
        ),
        Some(status) => {
            if status.value.0.is_empty() {
                problems.push(
                    at(path, status, "`status` is an empty list")
                        .entry(&id)
                        .help("give the HTTP status the server answers with, e.g. `status: 400`"),
                );
            }
            for &s in &status.value.0 {
                if !(100..=599).contains(&s) {
                    problems.push(
                        at(path, status, format!("status {s} is outside 100-599"))
                            .entry(&id)
                            .help("use the HTTP status the server answers with, from 100 to 599"),
                    );
                } else if entry_statuses.contains(&(s as u16)) {
                    problems.push(
                        at(path, status, format!("status {s} is listed twice"))
                            .entry(&id)
                            .help("list each status once"),
                    );
                } else {
                    entry_statuses.push(s as u16);
                }
            }
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

    let mut templates: Vec<Template> = Vec::new();
    let mut descriptions: Vec<String> = Vec::new();
    if let Some(desc) = &raw.description {
        if desc.value.0.is_empty() {
            problems.push(
                at(path, desc, "`description` is an empty list")
                    .entry(&id)
                    .help(
                        "give the description, or remove `description` to accept any description",
                    ),
            );
        }
        for text in &desc.value.0 {
            if text.trim().is_empty() {
                problems.push(
                    at(path, desc, "`description` is empty")
                        .entry(&id)
                        .help("write the description the server sends, or remove `description` to accept any description for the codes"),
                );
                continue;
            }
            match Template::parse(text) {
                Ok(t) => {
                    if let Some(main) = templates.first() {
                        let (a, b): (Vec<&str>, Vec<&str>) =
                            (main.placeholders().collect(), t.placeholders().collect());
                        if a != b {
                            problems.push(
                                at(path, desc, format!(
                                    "the rewording `{text}` has the placeholders [{}], the main description [{}]",
                                    b.join(", "),
                                    a.join(", ")
                                ))
                                .entry(&id)
                                .help("rewordings of one description must have the same placeholders in the same order, so the fields are the same"),
                            );
                        }
                    }
                    if templates
                        .iter()
                        .zip(&descriptions)
                        .any(|(_, d)| fold::eq(d, text))
                    {
                        problems.push(
                            at(path, desc, format!("the description `{text}` is listed twice (after folding)"))
                                .entry(&id)
                                .help("descriptions compare ignoring case, whitespace and trailing punctuation; keep one"),
                        );
                    }
                    templates.push(t);
                    descriptions.push(text.clone());
                }
                Err(e) => {
                    let end = (e.offset + e.len).min(text.len());
                    let snippet = text.get(e.offset..end).unwrap_or("");
                    problems.push(
                        at(path, desc, format!("in description, at `{snippet}`: {}", e.message))
                            .entry(&id)
                            .help("placeholders are written `{name}` with a snake_case name; literal braces are `{{` and `}}`"),
                    );
                }
            }
        }
    }
    if raw.error.is_none() && raw.description.is_none() && raw.error_code.is_none() {
        problems.push(
            at(path, &raw.id, "the entry has neither `error` nor `description`")
                .entry(&id)
                .help("add the `error` code, the `description`, or both; status-only explanations belong in status.yaml"),
        );
    }

    let zh = cause_text(path, &id, "zh", &raw.zh, problems);
    let en = cause_text(path, &id, "en", &raw.en, problems);
    // Entries known only by `error_code` take the defaults of the `other` row.
    let row = status_row(statuses, entry_statuses.first().copied().unwrap_or(0));
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
    if let Some(desc) = &raw.description
        && templates.iter().any(|t| !t.is_exact())
        && examples.is_empty()
    {
        problems.push(
            at(path, desc, "a template needs at least one example")
                .entry(&id)
                .help("add `examples:` with a description from the docs, so the build checks that it classifies to this entry"),
        );
    }

    let mut causes: Vec<Cause> = Vec::new();
    for c in &raw.causes {
        if let Some(cause) = check_cause(path, &id, c, ctx, problems) {
            if causes.iter().any(|o| o.scope == cause.scope) {
                problems.push(
                    at(
                        path,
                        &c.zh,
                        "two causes of this entry name the same area or request",
                    )
                    .entry(&id)
                    .help("keep one cause per area or request"),
                );
            }
            causes.push(cause);
        }
    }

    if problems.len() != before {
        return None;
    }
    Some(Entry {
        id,
        variant,
        statuses: entry_statuses,
        codes,
        descriptions,
        templates,
        error_codes,
        causes,
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
    a: &Entry,
    b: &Entry,
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
                        a.id,
                        describe_key(key),
                        witness
                    ),
                )
                .help(format!(
                    "make one template more specific, or merge the entries (`{}` is at {where_a})",
                    a.id
                ))
            })
        }
        _ => None,
    }
}

/// The folded text a template must start with (empty when it starts with a placeholder).
fn literal_prefix(t: &Template) -> String {
    match t.parts().first() {
        Some(crate::template::Part::Literal(s)) => crate::view::folded_string(s),
        _ => String::new(),
    }
}

fn check_examples(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let strings = catalog.rule_strings();
    let rules = catalog.rules(&strings);
    let matcher = Matcher::new(&rules);
    for (idx, entry) in catalog.entries.iter().enumerate() {
        let code_choices: Vec<Option<&str>> = if entry.codes.is_empty() {
            vec![None]
        } else {
            entry.codes.iter().map(|c| Some(c.as_str())).collect()
        };
        for example in &entry.examples {
            for &n in &entry.error_codes {
                let got = matcher
                    .classify_coded(0, None, Some(n), Some(example))
                    .map(|m| m.rule());
                if got != Some(idx) {
                    problems.push(
                        entry_diag(
                            entry,
                            format!(
                                "error_code {n} classifies to another entry, which lists it first"
                            ),
                        )
                        .help("each numeric error_code belongs to one entry"),
                    );
                }
            }
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
