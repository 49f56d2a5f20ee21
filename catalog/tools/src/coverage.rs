//! How much of the documented error surface the catalog covers.
//!
//! A *documented row* is one (status, `error`, description) the official pages print, with
//! the endpoint and page it comes from. `catalog/coverage/documented.tsv` keeps the rows of the
//! current docs in the repository; `cargo xtask coverage` classifies every row with the
//! catalog and lists the ones that miss, and a test keeps the figure at 100%, so a docs update
//! that adds an error shows up as a failing test that names the row.
//!
//! Two input shapes are read:
//! - **tables with a header** (tab-separated): columns named `status`/`http_status`, `error`,
//!   `description`/`error_description`, and optionally `error_code`, `endpoint`/
//!   `endpoint_or_area`, `source`; without an `error_code` column, an `error_code=N` written in
//!   any cell is used;
//! - **docs pages** with pipe tables (`400 | invalid_grant | "…" | …`, as the seed pages):
//!   rows whose first cell is a status; two cells make a status-only row, and a quoted second
//!   cell is a description whose `error` cell the page left out.
//!
//! A row with a description is covered when it classifies to a catalog entry and every
//! placeholder of that entry gets a non-empty value. A row without one (a status-only row, or a
//! body the docs do not show) is covered when the status table explains its status with a row
//! of its own (or its class's, for `5xx` rows). A description of `*`, `(any)` or `任意` means
//! the docs allow any text; it is classified as the literal `*`.

use crate::model::{Catalog, StatusKey};
use easemob_errors_core::matcher::{MatchedBy, Matcher, ResponseParts};

/// The status a row gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    /// An HTTP status.
    Exact(u16),
    /// A class, `5` for `5xx`.
    Class(u8),
    /// Not documented (streaming errors are known by `error_code` only).
    Missing,
}

/// One documented row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    /// 1-based line in its file.
    pub line: usize,
    /// The status.
    pub status: RowStatus,
    /// The body's `error`; `None` when the docs show none.
    pub error: Option<String>,
    /// The description; `None` for status-only rows.
    pub description: Option<String>,
    /// The numeric `error_code`, when documented.
    pub error_code: Option<i64>,
    /// The endpoint or area the docs give it for.
    pub endpoint: String,
    /// The page it comes from.
    pub source: String,
}

/// What a row classifies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A catalog entry, with the placeholder values taken from the description.
    Entry {
        /// The entry id.
        id: String,
        /// (placeholder, value) pairs.
        fields: Vec<(String, String)>,
        /// What the classification rested on.
        matched_by: MatchedBy,
    },
    /// A status-table row (`400`, `5xx`).
    StatusRow(String),
    /// Not covered, and why.
    Missed(String),
}

/// Rows read from one input, and the lines that looked like rows but could not be read.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The rows.
    pub rows: Vec<DocRow>,
    /// (line, why) for lines skipped.
    pub skipped: Vec<(usize, String)>,
}

/// Reads a table with a header or a docs page; `name` is the source for rows that name none.
pub fn parse(text: &str, name: &str) -> Parsed {
    let header = text
        .lines()
        .enumerate()
        .find(|(_, l)| !l.starts_with('#') && l.contains('\t'));
    match header {
        Some((at, line)) if is_header(line) => parse_tsv(text, at, line, name),
        _ => parse_page(text, name),
    }
}

fn is_header(line: &str) -> bool {
    line.split('\t')
        .any(|c| matches!(c.trim(), "status" | "http_status"))
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n")
}

/// The docs' ways of saying "any description" or "no `error`".
fn normalize(error: &str, description: &str) -> (Option<String>, Option<String>) {
    let error = error.trim();
    let error = (!error.is_empty() && error != "-" && !error.starts_with('(')).then_some(error);
    let description = description.trim();
    let description = match description {
        "" => None,
        "*" | "(any)" | "任意" => Some("*".to_owned()),
        d => Some(unescape(d)),
    };
    // "Any description" without an `error` says no more than the status.
    let description = description.filter(|d| error.is_some() || d != "*");
    (error.map(str::to_owned), description)
}

fn row_status(cell: &str) -> Option<RowStatus> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Some(RowStatus::Missing);
    }
    if let Ok(n) = cell.parse::<u16>() {
        return (100..=599).contains(&n).then_some(RowStatus::Exact(n));
    }
    match cell.as_bytes() {
        [c @ b'1'..=b'5', b'x', b'x'] => Some(RowStatus::Class(c - b'0')),
        _ => None,
    }
}

fn parse_tsv(text: &str, header_at: usize, header: &str, name: &str) -> Parsed {
    let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
    let col = |names: &[&str]| cols.iter().position(|c| names.contains(c));
    let (status, error, description) = (
        col(&["status", "http_status"]),
        col(&["error"]),
        col(&["description", "error_description"]),
    );
    let (code_col, endpoint, source) = (
        col(&["error_code"]),
        col(&["endpoint", "endpoint_or_area"]),
        col(&["source"]),
    );
    let mut out = Parsed::default();
    let (Some(status), Some(error), Some(description)) = (status, error, description) else {
        out.skipped.push((
            header_at + 1,
            "the header needs `status`, `error` and `description` columns".into(),
        ));
        return out;
    };
    for (i, line) in text.lines().enumerate().skip(header_at + 1) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).copied().unwrap_or("");
        let Some(st) = row_status(cell(Some(status))) else {
            out.skipped
                .push((i + 1, format!("`{}` is not a status", cell(Some(status)))));
            continue;
        };
        let error_code = match code_col {
            Some(_) => cell(code_col).trim().parse().ok(),
            None => cells.iter().find_map(|c| error_code_in(c)),
        };
        let (err, desc) = normalize(cell(Some(error)), cell(Some(description)));
        out.rows.push(DocRow {
            line: i + 1,
            status: st,
            error: err,
            description: desc,
            error_code,
            endpoint: cell(endpoint).trim().to_owned(),
            source: match cell(source).trim() {
                "" => name.to_owned(),
                s => s.to_owned(),
            },
        });
    }
    out
}

fn error_code_in(cell: &str) -> Option<i64> {
    let at = cell.find("error_code=")? + "error_code=".len();
    let digits: String = cell[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Strips the quotes docs pages put around descriptions.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    let quotes = ['"', '\u{201C}', '\u{201D}'];
    match (s.chars().next(), s.chars().last()) {
        (Some(a), Some(b))
            if s.chars().count() >= 2 && quotes.contains(&a) && quotes.contains(&b) =>
        {
            s[a.len_utf8()..s.len() - b.len_utf8()].trim()
        }
        _ => s,
    }
}

fn parse_page(text: &str, name: &str) -> Parsed {
    let mut out = Parsed::default();
    for (i, line) in text.lines().enumerate() {
        if !line.contains('|') {
            continue;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let Some(first) = cells.first() else { continue };
        let Some(status @ (RowStatus::Exact(_) | RowStatus::Class(_))) = row_status(first) else {
            continue;
        };
        let quoted = |c: &str| c.starts_with(['"', '\u{201C}']);
        let (error, description) = match cells.len() {
            0 | 1 => continue,
            2 => ("", ""),
            // A page that leaves the `error` cell out: error codes are never quoted.
            _ if quoted(cells[1]) => ("", unquote(cells[1])),
            _ => (cells[1], unquote(cells[2])),
        };
        let (err, desc) = normalize(error, description);
        out.rows.push(DocRow {
            line: i + 1,
            status,
            error: err,
            description: desc,
            error_code: None,
            endpoint: String::new(),
            source: name.to_owned(),
        });
    }
    if out.rows.is_empty() {
        out.skipped.push((
            0,
            "no table rows found (neither a header nor `status | …` rows)".into(),
        ));
    }
    out
}

/// Classifies one row with the catalog.
pub fn classify(catalog: &Catalog, matcher: &Matcher<'_>, row: &DocRow) -> Outcome {
    let Some(description) = &row.description else {
        let key = match row.status {
            RowStatus::Exact(s) => StatusKey::Exact(s),
            RowStatus::Class(c) => StatusKey::Class(c),
            RowStatus::Missing => {
                return Outcome::Missed("no status and no description".into());
            }
        };
        return if catalog.statuses.iter().any(|s| s.key == key) {
            Outcome::StatusRow(key.label())
        } else {
            Outcome::Missed(format!("status.yaml has no `{}` row", key.label()))
        };
    };
    let status = match row.status {
        RowStatus::Exact(s) => s,
        RowStatus::Class(c) => u16::from(c) * 100,
        RowStatus::Missing => 0,
    };
    let parts = ResponseParts {
        status,
        error: row.error.as_deref(),
        error_code: row.error_code,
        description: Some(description),
    };
    let Some(hit) = matcher.classify(parts) else {
        return Outcome::Missed("matches no entry".into());
    };
    let entry = &catalog.entries[hit.rule()];
    let fields: Vec<(String, String)> = entry
        .placeholders()
        .into_iter()
        .zip(hit.captures())
        .map(|(p, v)| (p.to_owned(), v.to_owned()))
        .collect();
    if let Some((p, _)) = fields.iter().find(|(_, v)| v.is_empty()) {
        return Outcome::Missed(format!(
            "classifies to `{}` but its placeholder `{p}` gets no value",
            entry.id
        ));
    }
    Outcome::Entry {
        id: entry.id.to_owned(),
        fields,
        matched_by: hit.matched_by(),
    }
}

/// The coverage tables kept in the repository (under `catalog/coverage/`), each with the name
/// its figure is reported under: what the docs print, what Usergrid (the server's ancestor)
/// can answer, and what real servers were seen to send.
pub const TABLES: [(&str, &str); 3] = [
    ("docs", "documented.tsv"),
    ("usergrid", "usergrid.tsv"),
    ("observed", "observed.tsv"),
];

/// The coverage tables under `dir` (`catalog/coverage`) as (file name, text), in [`TABLES`]
/// order.
pub fn read_tables(dir: &std::path::Path) -> std::io::Result<Vec<(&'static str, String)>> {
    TABLES
        .iter()
        .map(|&(_, file)| Ok((file, std::fs::read_to_string(dir.join(file))?)))
        .collect()
}

/// Per-source figures and the rows that miss.
#[derive(Debug, Default)]
pub struct Report {
    /// (input, covered, total), one per input, in the order given.
    pub inputs: Vec<(String, usize, usize)>,
    /// (repository of the rows' first citation, covered, total), in first-seen order.
    pub sources: Vec<(String, usize, usize)>,
    /// Rows not covered, with why.
    pub missed: Vec<(DocRow, String)>,
    /// Lines that could not be read, per input: (input, line, why).
    pub skipped: Vec<(String, usize, String)>,
}

impl Report {
    /// Rows covered and rows read, over every source.
    pub fn totals(&self) -> (usize, usize) {
        self.sources
            .iter()
            .fold((0, 0), |(c, t), (_, cc, tt)| (c + cc, t + tt))
    }

    /// The report as text: one line per source, then the rows that miss.
    pub fn render(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for (input, covered, total) in &self.inputs {
            let _ = writeln!(
                out,
                "{input}: {covered}/{total} rows covered ({:.1}%)",
                percent(*covered, *total)
            );
        }
        for (source, covered, total) in &self.sources {
            let _ = writeln!(out, "{covered:>4}/{total:<4} {source}");
        }
        let (c, t) = self.totals();
        let _ = writeln!(out, "{c:>4}/{t:<4} all rows ({:.1}%)", percent(c, t));
        for (row, why) in &self.missed {
            let _ = writeln!(
                out,
                "MISSED line {}: {:?} {:?} {:?} ({}) — {why}",
                row.line, row.status, row.error, row.description, row.endpoint
            );
        }
        for (input, line, why) in &self.skipped {
            let _ = writeln!(out, "skipped {input}:{line}: {why}");
        }
        out
    }
}

fn percent(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        a as f64 * 100.0 / b as f64
    }
}

/// The repository of a row's first citation (`owner/repo`), or the whole cell when it names
/// none: what the per-source figures group by.
fn source_repo(cell: &str) -> &str {
    cell.split_once('@').map_or(cell, |(repo, _)| repo.trim())
}

/// Checks inputs given as (name, text) against the catalog.
pub fn check(catalog: &Catalog, inputs: &[(String, String)]) -> Report {
    let rules = catalog.rules();
    let matcher = Matcher::new(&rules);
    let mut report = Report::default();
    for (name, text) in inputs {
        let parsed = parse(text, name);
        report.inputs.push((name.clone(), 0, parsed.rows.len()));
        for (line, why) in parsed.skipped {
            report.skipped.push((name.clone(), line, why));
        }
        for row in parsed.rows {
            let outcome = classify(catalog, &matcher, &row);
            let repo = source_repo(&row.source);
            let slot = match report.sources.iter().position(|(s, _, _)| s == repo) {
                Some(i) => i,
                None => {
                    report.sources.push((repo.to_owned(), 0, 0));
                    report.sources.len() - 1
                }
            };
            report.sources[slot].2 += 1;
            match outcome {
                Outcome::Missed(why) => report.missed.push((row, why)),
                _ => {
                    report.sources[slot].1 += 1;
                    if let Some(input) = report.inputs.last_mut() {
                        input.1 += 1;
                    }
                }
            }
        }
    }
    report
}
