//! The catalog's semantic rules: everything YAML syntax and types cannot say.
//!
//! Every rule reports a [`Diagnostic`] with the file, line and column, the entry id and what
//! to change, and validation goes on after a problem, so one build shows every problem.

use crate::diagnostic::Diagnostic;
use crate::loader::{self, AreasFile, ErrorsFile, Source, StatusFile};
use crate::model::{Area, Catalog, Entry, Origin, StatusEntry, StatusKey, status_row};
use crate::overlap;
use crate::raw::{OneOrMany, RawCause, RawEntry, StatusWord};
use easemob_errors_core::grammar::{self, Problem, is_snake_id};
use easemob_errors_core::matcher::{Matcher, ResponseParts};
use easemob_errors_core::request::{self, AreaPaths};
use easemob_errors_core::scope::{Cause, Scope};
use easemob_errors_core::template::{Part, Template};
use easemob_errors_core::{Retry, fold};
use serde_saphyr::Spanned;

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

/// A grammar problem, placed at a value of an entry.
fn report<T>(
    problems: &mut Vec<Diagnostic>,
    file: &str,
    id: &str,
    at_value: &Spanned<T>,
    p: Problem,
) {
    problems.push(at(file, at_value, p.message).entry(id).help(p.help));
}

/// A `zh`/`en` text, checked (see [`grammar::check_text`]).
fn text(
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
fn retry(
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

fn check_statuses(files: &[StatusFile], problems: &mut Vec<Diagnostic>) -> Vec<StatusEntry> {
    let mut rows: Vec<(StatusEntry, u64)> = Vec::new();
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
                StatusEntry {
                    key,
                    zh,
                    en,
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
                        name,
                        zh,
                        en,
                        paths,
                    },
                    line,
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

impl EntryContext<'_> {
    fn area_list(&self) -> String {
        let names: Vec<String> = self
            .areas
            .unwrap_or(&[])
            .iter()
            .map(|a| format!("`{}`", a.name))
            .collect();
        names.join(", ")
    }

    /// Whether a request pattern's path lies in some area (true without an areas file).
    fn request_in_an_area(&self, pattern: &str) -> bool {
        let Some(areas) = self.areas else {
            return true;
        };
        let paths: Vec<Vec<&str>> = areas
            .iter()
            .map(|a| a.paths.iter().map(String::as_str).collect())
            .collect();
        let table: Vec<AreaPaths<'_>> = areas
            .iter()
            .zip(&paths)
            .map(|(a, p)| AreaPaths {
                area: &a.name,
                paths: p,
            })
            .collect();
        let sample = pattern
            .split_once(char::is_whitespace)
            .map_or("", |x| x.1.trim());
        request::area_of(&table, sample).is_some()
    }
}

/// Where one entry's problems go: its file, its id, and the list.
struct Report<'p> {
    file: &'p str,
    id: String,
    problems: &'p mut Vec<Diagnostic>,
}

impl Report<'_> {
    fn at<T>(&mut self, value: &Spanned<T>, p: Problem) {
        report(self.problems, self.file, &self.id, value, p);
    }

    fn text(&mut self, field: &str, value: &Spanned<String>) -> Option<String> {
        text(self.file, &self.id, field, value, self.problems)
    }
}

fn check_cause(
    raw: &RawCause,
    ctx: &EntryContext<'_>,
    r: &mut Report<'_>,
) -> Option<Cause<String>> {
    let before = r.problems.len();
    let area = raw.area.as_ref().map(|a| a.value.as_str());
    let request = raw.request.as_ref().map(|q| q.value.as_str());
    let scope = match grammar::check_cause_scope(area, request) {
        Ok(scope) => scope,
        Err(p) => {
            let place = raw.request.as_ref().or(raw.area.as_ref());
            match place {
                Some(value) if area.is_none() || request.is_none() => r.at(value, p),
                _ => r.at(&raw.zh, p),
            }
            return None;
        }
    };
    match (scope, &raw.area, &raw.request) {
        (Scope::Area(name), Some(value), _)
            if ctx
                .areas
                .is_some_and(|areas| !areas.iter().any(|a| a.name == name)) =>
        {
            r.at(
                value,
                Problem {
                    message: format!(
                        "the cause names the area `{name}`, which areas.yaml does not list"
                    ),
                    help: format!("use one of {}", ctx.area_list()),
                },
            );
        }
        (Scope::Request(pattern), _, Some(value)) if !ctx.request_in_an_area(pattern) => {
            r.at(
                value,
                Problem {
                    message: format!("the request `{pattern}` is in no area's paths"),
                    help:
                        "fix the path, or add a path pattern covering it to an area in areas.yaml"
                            .into(),
                },
            );
        }
        _ => {}
    }
    let scope = match scope {
        Scope::Area(a) => Scope::Area(a.to_owned()),
        Scope::Request(q) => Scope::Request(q.to_owned()),
    };
    let (zh, en) = (r.text("zh", &raw.zh), r.text("en", &raw.en));
    (r.problems.len() == before).then_some(Cause::new(scope, zh?, en?))
}

/// An empty list where one value or more is wanted.
fn empty_list<T>(value: &Spanned<OneOrMany<T>>, key: &str, help: &str, r: &mut Report<'_>) {
    if value.value.0.is_empty() {
        r.at(
            value,
            Problem {
                message: format!("`{key}` is an empty list"),
                help: help.into(),
            },
        );
    }
}

fn entry_statuses(raw: &RawEntry, r: &mut Report<'_>) -> Vec<u16> {
    let mut statuses = Vec::new();
    let Some(list) = &raw.status else {
        if let Err(p) = grammar::check_has_status(0, raw.error_code.is_some()) {
            r.at(&raw.id, p);
        }
        return statuses;
    };
    empty_list(
        list,
        "status",
        "give the HTTP status the server answers with, e.g. `status: 400`",
        r,
    );
    for &s in &list.value.0 {
        match grammar::check_status(s, &statuses) {
            Ok(s) => statuses.push(s),
            Err(p) => r.at(list, p),
        }
    }
    statuses
}

fn entry_errors(raw: &RawEntry, r: &mut Report<'_>) -> Vec<String> {
    let mut errors: Vec<String> = Vec::new();
    let Some(list) = &raw.error else {
        return errors;
    };
    empty_list(
        list,
        "error",
        "list the `error` values the server sends, or remove `error` if it sends none",
        r,
    );
    for error in &list.value.0 {
        let seen: Vec<&str> = errors.iter().map(String::as_str).collect();
        match grammar::check_error(error, &seen) {
            Ok(()) => errors.push(error.clone()),
            Err(p) => r.at(list, p),
        }
    }
    errors
}

fn entry_error_codes(raw: &RawEntry, r: &mut Report<'_>) -> Vec<i64> {
    let mut codes = Vec::new();
    let Some(list) = &raw.error_code else {
        return codes;
    };
    empty_list(
        list,
        "error_code",
        "give the body's numeric `error_code`, or remove the key",
        r,
    );
    for &n in &list.value.0 {
        match grammar::check_error_code(n, &codes) {
            Ok(()) => codes.push(n),
            Err(p) => r.at(list, p),
        }
    }
    codes
}

fn entry_descriptions(raw: &RawEntry, r: &mut Report<'_>) -> (Vec<String>, Vec<Template>) {
    let (mut descriptions, mut templates) = (Vec::<String>::new(), Vec::<Template>::new());
    let Some(list) = &raw.description else {
        return (descriptions, templates);
    };
    empty_list(
        list,
        "description",
        "give the description, or remove `description` to accept any description",
        r,
    );
    for text in &list.value.0 {
        let seen: Vec<&str> = descriptions.iter().map(String::as_str).collect();
        match grammar::check_description(text, templates.first(), &seen) {
            Ok(t) => {
                templates.push(t);
                descriptions.push(text.clone());
            }
            Err(p) => r.at(list, p),
        }
    }
    (descriptions, templates)
}

fn entry_examples(raw: &RawEntry, templates: &[Template], r: &mut Report<'_>) -> Vec<String> {
    let mut examples = Vec::new();
    for ex in &raw.examples {
        if ex.value.trim().is_empty() {
            r.at(
                ex,
                Problem {
                    message: "an example is empty".into(),
                    help: "examples are descriptions exactly as the docs or the server give them"
                        .into(),
                },
            );
        } else {
            examples.push(ex.value.clone());
        }
    }
    if let Some(desc) = &raw.description
        && templates.iter().any(|t| !t.is_exact())
        && examples.is_empty()
    {
        r.at(desc, Problem {
            message: "a template needs at least one example".into(),
            help: "add `examples:` with a description from the docs, so the build checks that it classifies to this entry".into(),
        });
    }
    examples
}

fn entry_causes(raw: &RawEntry, ctx: &EntryContext<'_>, r: &mut Report<'_>) -> Vec<Cause<String>> {
    let mut causes: Vec<Cause<String>> = Vec::new();
    for c in &raw.causes {
        let Some(cause) = check_cause(c, ctx, r) else {
            continue;
        };
        if causes.iter().any(|o| o.scope == cause.scope) {
            r.at(
                &c.zh,
                Problem {
                    message: "two causes of this entry name the same area or request".into(),
                    help: "keep one cause per area or request".into(),
                },
            );
        }
        causes.push(cause);
    }
    causes
}

/// `retry` and `alert` as written, else from the status row of [`grammar::advice_status`];
/// and the reason, which must be given exactly when they differ from the row's.
fn entry_advice(
    raw: &RawEntry,
    statuses: &[u16],
    ctx: &EntryContext<'_>,
    r: &mut Report<'_>,
) -> (Option<Retry>, Option<bool>, Option<String>) {
    let row = status_row(ctx.statuses, grammar::advice_status(statuses));
    let retry = match &raw.retry {
        Some(word) => retry(r.file, &r.id, word, r.problems),
        None => row.map(|row| row.retry),
    };
    let alert = raw
        .alert
        .as_ref()
        .map(|a| a.value)
        .or(row.map(|row| row.alert));
    let reason = raw
        .advice_reason
        .as_ref()
        .map(|s| s.value.trim().to_owned());
    let (Some(row), Some(retry_now), Some(alert_now)) = (row, retry, alert) else {
        return (retry, alert, reason);
    };
    let departs = (retry_now, alert_now) != (row.retry, row.alert);
    match (departs, &raw.advice_reason) {
        (true, None) => {
            let at = raw.retry.as_ref().map_or(&raw.id, |w| w);
            r.at(at, Problem {
                message: format!(
                    "retry `{retry_now}` and alert `{alert_now}` depart from the `{}` row's `{}` and `{}`",
                    row.key.label(), row.retry, row.alert
                ),
                help: "say why in `advice_reason` (the rules are in catalog/README.md), or follow the row".into(),
            });
        }
        (false, Some(given)) => r.at(
            given,
            Problem {
                message: format!(
                    "`advice_reason` is given, but retry and alert are the `{}` row's",
                    row.key.label()
                ),
                help: "remove `advice_reason`: it explains a departure from the status row".into(),
            },
        ),
        (_, Some(given)) if given.value.trim().is_empty() || given.value.contains('\n') => r.at(
            given,
            Problem {
                message: "`advice_reason` is empty or spans several lines".into(),
                help: "say in one line why this entry's advice differs from its status row's"
                    .into(),
            },
        ),
        _ => {}
    }
    (retry, alert, reason)
}

fn check_entry(
    file: &ErrorsFile,
    raw: &RawEntry,
    ctx: &EntryContext<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let before = problems.len();
    let id = raw.id.value.trim().to_owned();
    let mut r = Report {
        file: &file.path,
        id: id.clone(),
        problems,
    };
    let variant = grammar::check_id(&id).map_err(|p| r.at(&raw.id, p)).ok();
    let error_codes = entry_error_codes(raw, &mut r);
    let statuses = entry_statuses(raw, &mut r);
    let errors = entry_errors(raw, &mut r);
    let (descriptions, templates) = entry_descriptions(raw, &mut r);
    if let Err(p) = grammar::check_matchable(
        raw.error.is_some(),
        raw.description.is_some(),
        raw.error_code.is_some(),
    ) {
        r.at(&raw.id, p);
    }
    let (zh, en) = (r.text("zh", &raw.zh), r.text("en", &raw.en));
    let (retry, alert, advice_reason) = entry_advice(raw, &statuses, ctx, &mut r);
    let examples = entry_examples(raw, &templates, &mut r);
    let causes = entry_causes(raw, ctx, &mut r);
    if r.problems.len() != before {
        return None;
    }
    Some(Entry {
        id,
        variant: variant?,
        statuses,
        errors,
        descriptions,
        templates,
        error_codes,
        causes,
        zh: zh?,
        en: en?,
        retry: retry?,
        alert: alert?,
        advice_reason,
        examples,
        area: file.area.clone(),
        origin: origin(&file.path, &raw.id),
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
fn check_conflicts(entries: &[Entry], problems: &mut Vec<Diagnostic>) {
    let mut groups: std::collections::BTreeMap<(u16, Option<&str>), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        for &s in &e.statuses {
            if e.errors.is_empty() {
                groups.entry((s, None)).or_default().push(i);
            }
            for c in &e.errors {
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
        Some(Part::Literal(s)) => fold::folded_chars(s).map(|(_, c)| c).collect(),
        _ => String::new(),
    }
}

fn check_examples(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let strings = catalog.rule_strings();
    let rules = catalog.rules(&strings);
    let matcher = Matcher::new(&rules);
    for (idx, entry) in catalog.entries.iter().enumerate() {
        let code_choices: Vec<Option<&str>> = if entry.errors.is_empty() {
            vec![None]
        } else {
            entry.errors.iter().map(|c| Some(c.as_str())).collect()
        };
        for example in &entry.examples {
            for &n in &entry.error_codes {
                let parts = ResponseParts {
                    error_code: Some(n),
                    description: Some(example),
                    ..ResponseParts::default()
                };
                let got = matcher.classify(parts).map(|m| m.rule());
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
