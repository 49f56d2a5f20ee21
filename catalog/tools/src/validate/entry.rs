//! One entry on its own: its statuses, codes, descriptions, texts, advice, examples and
//! causes, each checked with the grammar of `easemob_errors_core::grammar`; what passes is
//! the core's typed [`Entry`], handed on with its parsed templates and its origin for the
//! checks across entries (`super::agree`).

use super::{origin, report, retry, text};
use crate::diagnostic::Diagnostic;
use crate::loader::ErrorsFile;
use crate::model::{Area, Entry, Interner, Origin, StatusRow, leak, status_row};
use crate::raw::{OneOrMany, RawCause, RawEntry};
use easemob_errors_core::Retry;
use easemob_errors_core::grammar::{self, Problem};
use easemob_errors_core::request::{self, AreaPaths};
use easemob_errors_core::scope::{Cause, Scope};
use easemob_errors_core::template::Template;
use serde_saphyr::Spanned;

/// A valid entry, with what the checks across entries need besides it.
pub(super) struct Checked {
    /// The entry.
    pub entry: Entry,
    /// Its descriptions, parsed.
    pub templates: Vec<Template>,
    /// Where it starts.
    pub origin: Origin,
}

/// What checking one entry needs from the rest of the catalog.
pub(super) struct EntryContext<'a> {
    pub statuses: &'a [StatusRow],
    /// The areas, when the catalog has an areas file.
    pub areas: Option<&'a [Area]>,
}

impl EntryContext<'_> {
    pub(super) fn area_list(&self) -> String {
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
        let table: Vec<AreaPaths<'_>> = areas
            .iter()
            .map(|a| AreaPaths {
                area: a.name,
                paths: a.paths,
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

/// The entry's `pairs`, checked against its statuses and `error`s (none: each with each).
fn entry_pairs(
    raw: &RawEntry,
    statuses: &[u16],
    errors: &[String],
    r: &mut Report<'_>,
) -> Vec<(u16, String)> {
    let Some(list) = &raw.pairs else {
        return Vec::new();
    };
    let errors: Vec<&str> = errors.iter().map(String::as_str).collect();
    let pairs: Vec<(i64, &str)> = list.value.iter().map(|(s, e)| (*s, e.as_str())).collect();
    match grammar::check_pairs(statuses, &errors, &pairs) {
        Ok(checked) => checked
            .into_iter()
            .map(|(s, e)| (s, errors[e].to_owned()))
            .collect(),
        Err(e) => {
            r.at(list, e.problem);
            Vec::new()
        }
    }
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
            help: "add `examples:` with the description as a source prints it (a docs page, a real body, or the template itself), so the build checks that it classifies to this entry".into(),
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

pub(super) fn check_entry(
    file: &ErrorsFile,
    raw: &RawEntry,
    ctx: &EntryContext<'_>,
    intern: &mut Interner,
    problems: &mut Vec<Diagnostic>,
) -> Option<Checked> {
    let before = problems.len();
    let id = raw.id.value.trim().to_owned();
    let mut r = Report {
        file: &file.path,
        id: id.clone(),
        problems,
    };
    let valid_id = grammar::check_id(&id).map_err(|p| r.at(&raw.id, p)).is_ok();
    let error_codes = entry_error_codes(raw, &mut r);
    let statuses = entry_statuses(raw, &mut r);
    let errors = entry_errors(raw, &mut r);
    let pairs = entry_pairs(raw, &statuses, &errors, &mut r);
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
    if r.problems.len() != before || !valid_id {
        return None;
    }
    let causes: Vec<Cause> = causes
        .iter()
        .map(|c| {
            let scope = match &c.scope {
                Scope::Area(a) => Scope::Area(intern.str(a)),
                Scope::Request(q) => Scope::Request(intern.str(q)),
            };
            Cause::new(scope, intern.str(&c.zh), intern.str(&c.en))
        })
        .collect();
    let entry = Entry {
        id: intern.str(&id),
        area: intern.str(&file.area),
        statuses: leak(statuses),
        errors: intern.strs(&errors),
        pairs: leak(
            pairs
                .iter()
                .map(|(s, e)| (*s, intern.str(e)))
                .collect::<Vec<_>>(),
        ),
        descriptions: intern.strs(&descriptions),
        error_codes: leak(error_codes),
        zh: intern.str(&zh?),
        en: intern.str(&en?),
        retry: retry?,
        alert: alert?,
        advice_reason: advice_reason.map(|a| intern.str(&a)),
        examples: intern.strs(&examples),
        causes: leak(causes),
        evidence: &[],
    };
    Some(Checked {
        entry,
        templates,
        origin: origin(&file.path, &raw.id),
    })
}
