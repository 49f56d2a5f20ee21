//! What backs each catalog claim: the coverage-table rows (`catalog/coverage/*.tsv`) that
//! classify to an entry become its [`Evidence`], and every claim an entry makes — each status,
//! each `error` value, each description and rewording, each per-endpoint cause — must be
//! supported by at least one such row, or it is reported as a [`Gap`].
//!
//! A row's `source` cell cites where it comes from, as `; `-separated citations of the form
//! `owner/repo@commit:path:line`, each optionally followed by a role in parentheses
//! (`(throw)`, `(mapper)`); [`check_citation`] holds every row to that form, so each claim
//! can be checked by opening one line.

use crate::coverage::{DocRow, Outcome, RowStatus, classify, parse};
use crate::model::{Entry, Evidence, Interner, Validated};
use easemob_errors_core::matcher::{Matcher, ResponseParts, Rule};
use easemob_errors_core::request::{AreaPaths, METHODS, area_of, request_match};
use easemob_errors_core::scope::Scope;
use easemob_errors_core::template::{Part, Template};
use std::fmt;

/// One claim of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The entry as a whole: no row classifies to it.
    Entry,
    /// One of its statuses.
    Status(u16),
    /// One of its `error` values.
    Error(&'static str),
    /// One of the (status, `error`) pairs it comes in: each status with each `error`, or
    /// those its `pairs` list.
    Pair(u16, &'static str),
    /// One of its descriptions (the template or a rewording).
    Description(&'static str),
    /// One of its per-endpoint causes.
    Cause(Scope),
}

/// A claim no row supports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The entry id.
    pub entry: &'static str,
    /// What lacks support.
    pub claim: Claim,
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.entry;
        match &self.claim {
            Claim::Entry => write!(f, "`{id}`: no row of any coverage table classifies to it"),
            Claim::Status(s) => write!(f, "`{id}`: no row shows it with status {s}"),
            Claim::Error(e) => write!(f, "`{id}`: no row shows it with error `{e}`"),
            Claim::Pair(s, e) => write!(
                f,
                "`{id}`: no row shows status {s} with error `{e}` (if no server pairs them, say which status comes with which `error` in `pairs`)"
            ),
            Claim::Description(d) => write!(f, "`{id}`: no row shows the wording {d:?}"),
            Claim::Cause(Scope::Area(a)) => {
                write!(f, "`{id}`: no row shows it on an endpoint of area `{a}`")
            }
            Claim::Cause(Scope::Request(r)) => write!(f, "`{id}`: no row shows it for `{r}`"),
        }
    }
}

/// A row whose `source` cell cannot be checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCitation {
    /// The table's label.
    pub table: String,
    /// The row's line in it.
    pub line: usize,
    /// What is wrong.
    pub why: String,
}

/// The evidence gathered from the tables.
#[derive(Debug, Clone)]
pub struct Gathered {
    /// The catalog, each entry with its evidence.
    pub validated: Validated,
    /// Claims without support, in catalog order.
    pub gaps: Vec<Gap>,
    /// Rows that cite nothing checkable.
    pub bad_citations: Vec<BadCitation>,
}

/// Checks one citation: `owner/repo@commit:path:line`, an optional ` (role)` after it.
///
/// ```
/// use easemob_errors_tools::evidence::check_citation;
/// assert!(check_citation("apache/usergrid@0123456789ab:stack/A.java:42 (throw)").is_ok());
/// assert!(check_citation("easemob/easemob-doc@doc-v2:docs/error.md").is_err());
/// ```
pub fn check_citation(cite: &str) -> Result<(), String> {
    let cite = match cite.rsplit_once(" (") {
        Some((c, role)) if role.ends_with(')') => c,
        _ => cite,
    };
    let (repo, rest) = cite
        .split_once('@')
        .ok_or("no `@`: write owner/repo@commit:path:line")?;
    let repo_ok = repo.split('/').count() == 2
        && repo
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b));
    if !repo_ok {
        return Err(format!("`{repo}` is not owner/repo"));
    }
    let mut parts = rest.splitn(2, ':');
    let commit = parts.next().unwrap_or_default();
    if !(7..=40).contains(&commit.len()) || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("`{commit}` is not a commit (7 to 40 hex digits)"));
    }
    let place = parts.next().unwrap_or_default();
    let (path, line) = place.rsplit_once(':').ok_or("no `:line` after the path")?;
    if path.is_empty() || line.parse::<u32>().map_or(true, |n| n == 0) {
        return Err(format!("`{place}` is not path:line"));
    }
    Ok(())
}

/// The citations of a `source` cell, checked.
fn check_source(cell: &str) -> Result<(), String> {
    if cell.trim().is_empty() {
        return Err("the source cell is empty".into());
    }
    cell.split("; ")
        .try_for_each(|c| check_citation(c.trim()).map_err(|why| format!("{c:?}: {why}")))
}

/// Which claims of one entry the rows seen so far support.
#[derive(Default, Clone)]
struct Support {
    any: bool,
    statuses: Vec<u16>,
    errors: Vec<&'static str>,
    pairs: Vec<(u16, &'static str)>,
    descriptions: Vec<usize>,
    causes: Vec<usize>,
}

/// Gathers evidence for `validated` from `tables`, given as (file name, text).
pub fn gather(validated: &Validated, tables: &[(&str, &str)]) -> Gathered {
    let rules = validated.rules();
    let matcher = Matcher::new(&rules);
    let areas: Vec<AreaPaths<'_>> = validated
        .areas
        .iter()
        .map(|a| AreaPaths {
            area: a.name,
            paths: a.paths,
        })
        .collect();
    let mut intern = Interner::default();
    let mut evidence: Vec<Vec<Evidence>> = vec![Vec::new(); validated.entries.len()];
    let mut support: Vec<Support> = vec![Support::default(); validated.entries.len()];
    let mut bad_citations = Vec::new();
    for &(label, text) in tables {
        let table = intern.str(label);
        for row in parse(text, label).rows {
            if let Err(why) = check_source(&row.source) {
                bad_citations.push(BadCitation {
                    table: label.to_owned(),
                    line: row.line,
                    why,
                });
            }
            let Outcome::Entry { id, .. } = classify(validated, &matcher, &row) else {
                continue;
            };
            let Some(i) = validated.entries.iter().position(|e| e.id == id) else {
                continue;
            };
            let mut cites = row.source.split("; ");
            let cite = intern.str(cites.next().unwrap_or_default().trim());
            evidence[i].push(Evidence {
                table,
                row: u32::try_from(row.line).unwrap_or(u32::MAX),
                cite,
                more: u32::try_from(cites.count()).unwrap_or(u32::MAX),
            });
            note(&validated.entries[i], &row, &areas, &mut support[i]);
        }
    }
    let entries: Vec<Entry> = validated
        .entries
        .iter()
        .zip(evidence)
        .map(|(e, ev)| Entry {
            evidence: crate::model::leak(ev),
            ..*e
        })
        .collect();
    let gaps = validated
        .entries
        .iter()
        .zip(&support)
        .flat_map(|(e, s)| gaps_of(e, s))
        .collect();
    Gathered {
        validated: validated.with_entries(entries),
        gaps,
        bad_citations,
    }
}

/// Records what `row`, which classifies to `entry`, supports.
fn note(entry: &Entry, row: &DocRow, areas: &[AreaPaths<'_>], s: &mut Support) {
    s.any = true;
    if let RowStatus::Exact(status) = row.status
        && entry.statuses.contains(&status)
        && !s.statuses.contains(&status)
    {
        s.statuses.push(status);
    }
    let error = row
        .error
        .as_deref()
        .and_then(|error| entry.errors.iter().find(|e| e.eq_ignore_ascii_case(error)));
    if let Some(&e) = error
        && !s.errors.contains(&e)
    {
        s.errors.push(e);
    }
    if let (RowStatus::Exact(status), Some(&e)) = (row.status, error)
        && !s.pairs.contains(&(status, e))
    {
        s.pairs.push((status, e));
    }
    if let Some(d) = row.description.as_deref().and_then(|d| wording(entry, d))
        && !s.descriptions.contains(&d)
    {
        s.descriptions.push(d);
    }
    for (i, cause) in entry.causes.iter().enumerate() {
        if !s.causes.contains(&i)
            && endpoints(&row.endpoint)
                .into_iter()
                .any(|(m, p)| fits(cause.scope, m, p, areas))
        {
            s.causes.push(i);
        }
    }
}

/// Which of the entry's descriptions `text` is written in: of those that fit, the one with
/// the most literal text (a looser wording can fit what a stricter one words exactly).
fn wording(entry: &Entry, text: &str) -> Option<usize> {
    let literal_len = |d: &str| {
        Template::parse(d).map_or(0, |t| {
            t.parts()
                .iter()
                .map(|p| match p {
                    Part::Literal(s) => s.len(),
                    Part::Placeholder(_) => 0,
                })
                .sum::<usize>()
        })
    };
    let fits = |d: &'static str| {
        let rule = [Rule {
            statuses: &[200],
            errors: &[],
            pairs: &[],
            descriptions: std::slice::from_ref(&d),
            error_codes: &[],
        }];
        let parts = ResponseParts {
            status: 200,
            error: None,
            error_code: None,
            description: Some(text),
        };
        Matcher::new(&rule).classify(parts).is_some()
    };
    (0..entry.descriptions.len())
        .filter(|&i| fits(entry.descriptions[i]))
        .max_by_key(|&i| (literal_len(entry.descriptions[i]), usize::MAX - i))
}

/// The requests an endpoint cell names, as (method, path) pairs. Cells are written for people
/// (`PUT|GET /users/{username}/push/binding`, `POST /messages/users (send …; also
/// /messages/users/batch)`), so every word that is a path counts, with the methods written
/// before it or, failing that, the last methods seen in the cell.
fn endpoints(cell: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut methods: Vec<&str> = Vec::new();
    for word in cell.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let word = word.trim_matches(|c| matches!(c, '(' | ')' | '`'));
        let is_methods = !word.is_empty()
            && word
                .split('|')
                .all(|m| METHODS.iter().any(|k| k.eq_ignore_ascii_case(m)));
        if is_methods {
            methods = word.split('|').collect();
        } else if word.starts_with('/') {
            let path = word.split('?').next().unwrap_or(word);
            out.extend(methods.iter().map(|&m| (m, path)));
        }
    }
    out
}

fn fits(scope: Scope, method: &str, path: &str, areas: &[AreaPaths<'_>]) -> bool {
    match scope {
        Scope::Request(pattern) => request_match(pattern, method, path).is_some(),
        Scope::Area(a) => area_of(areas, path) == Some(a),
    }
}

fn gaps_of(e: &Entry, s: &Support) -> Vec<Gap> {
    let gap = |claim| Gap { entry: e.id, claim };
    if !s.any {
        return vec![gap(Claim::Entry)];
    }
    let mut out: Vec<Gap> = Vec::new();
    out.extend(
        e.statuses
            .iter()
            .filter(|st| !s.statuses.contains(st))
            .map(|&st| gap(Claim::Status(st))),
    );
    out.extend(
        e.errors
            .iter()
            .filter(|c| !s.errors.contains(c))
            .map(|&c| gap(Claim::Error(c))),
    );
    let rule = e.rule();
    out.extend(
        e.statuses
            .iter()
            .flat_map(|&st| e.errors.iter().map(move |&c| (st, c)))
            .filter(|&(st, c)| rule.comes_with(st, c) && !s.pairs.contains(&(st, c)))
            .map(|(st, c)| gap(Claim::Pair(st, c))),
    );
    out.extend(
        e.descriptions
            .iter()
            .enumerate()
            .filter(|(i, _)| !s.descriptions.contains(i))
            .map(|(_, &d)| gap(Claim::Description(d))),
    );
    out.extend(
        e.causes
            .iter()
            .enumerate()
            .filter(|(i, _)| !s.causes.contains(i))
            .map(|(_, c)| gap(Claim::Cause(c.scope))),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::endpoints;

    #[test]
    fn endpoint_cells_are_read_as_people_write_them() {
        assert_eq!(
            endpoints("PUT /users/{username} | DELETE /users/{username}"),
            [
                ("PUT", "/users/{username}"),
                ("DELETE", "/users/{username}")
            ]
        );
        assert_eq!(
            endpoints(
                "POST /messages/chatgroups (send group message; also /messages/chatgroups/users directed)"
            ),
            [
                ("POST", "/messages/chatgroups"),
                ("POST", "/messages/chatgroups/users")
            ]
        );
        assert_eq!(
            endpoints(
                "push settings/query APIs (PUT|GET /users/{userId}/push/binding, /users/{userId}/notification/...)"
            ),
            [
                ("PUT", "/users/{userId}/push/binding"),
                ("GET", "/users/{userId}/push/binding"),
                ("PUT", "/users/{userId}/notification/..."),
                ("GET", "/users/{userId}/notification/..."),
            ]
        );
        assert_eq!(endpoints("general (legacy error page)"), []);
        assert_eq!(endpoints("GET /users?limit={N}"), [("GET", "/users")]);
    }
}
