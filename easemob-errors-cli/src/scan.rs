//! `easemob-errors scan [FILE...]`: finds Easemob error bodies in free-form log lines,
//! explains each, and counts them.
//!
//! Text output is one line per error (where, status, catalog id or `unknown`, cause), then a
//! summary: how many of each catalog id and of each unknown (`error`, description shape), with
//! the advice, whether to alert, and the first and last line. `--json` prints one object per
//! error (`explain --json`'s keys, plus `line`, `file` and `status_inferred`) and nothing else.
//! Where a line shows no status, the catalog entry's first status is used, and said so.

use crate::failure::Failure;
use crate::input::{self, Source};
use crate::logline;
use crate::output::{Lang, Paint};
use crate::shape::shape;
use easemob_errors::{ApiError, ResponseParts, Retry};
use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;

/// Distinct unknown shapes kept apart in the summary; the rest are counted together.
pub const MAX_UNKNOWN_SHAPES: usize = 10_000;

/// The options of `scan`.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Log files to read (`.gz` ones too); stdin when none.
    pub files: Vec<PathBuf>,
    /// The language of causes in text output.
    #[arg(long, value_enum, default_value = "both")]
    pub lang: Lang,
    /// One JSON object per error found, nothing else.
    #[arg(long)]
    pub json: bool,
}

/// One error found in a log.
#[derive(Debug)]
pub struct Seen {
    /// The error, explained.
    pub err: ApiError,
    /// Whether the status came from the catalog, not from the line.
    pub status_inferred: bool,
}

/// The errors of a line already read: each body classified with the line's status (or, when
/// it shows none, the catalog entry's first status) and request.
pub fn explain_line(l: logline::Line) -> Vec<Seen> {
    l.bodies
        .into_iter()
        .map(|b| {
            let parts = |status| ResponseParts {
                status,
                error: b.error.as_deref(),
                error_code: b.error_code,
                description: b.description.as_deref(),
            };
            let mut err = ApiError::from_parts(parts(l.status.unwrap_or(0)));
            let mut status_inferred = false;
            if l.status.is_none()
                && let Some(&s) = err
                    .id()
                    .and_then(easemob_errors::catalog::entry)
                    .and_then(|e| e.statuses.first())
            {
                err = ApiError::from_parts(parts(s));
                status_inferred = true;
            }
            if let Some(r) = &l.request {
                err = err.with_request_line(r);
            }
            Seen {
                err,
                status_inferred,
            }
        })
        .collect()
}

/// A line of bytes read (invalid UTF-8 replaced).
pub fn read_bytes(line: &[u8]) -> logline::Line {
    match std::str::from_utf8(line) {
        Ok(text) => logline::read(text),
        Err(_) => logline::read(&String::from_utf8_lossy(line)),
    }
}

/// What the summary counts together.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A catalog entry.
    Known(&'static str),
    /// An unknown error: its `error` and description shape.
    Unknown(String, String),
    /// Unknown shapes beyond [`MAX_UNKNOWN_SHAPES`].
    OtherUnknown,
}

/// Where in the input an error was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The index of its source among those scanned.
    pub source: usize,
    /// Its line number, from 1.
    pub line: usize,
}

/// One summary row.
#[derive(Debug, Clone)]
pub struct Tally {
    /// How many.
    pub count: usize,
    /// The advice.
    pub retry: Retry,
    /// Whether operations should hear of it.
    pub alert: bool,
    /// Where it was first seen.
    pub first: Place,
    /// Where it was last seen.
    pub last: Place,
}

/// The counts of a scan.
#[derive(Debug, Default)]
pub struct Summary {
    /// By key.
    pub rows: HashMap<Key, Tally>,
    unknown_shapes: usize,
}

impl Summary {
    /// Counts one error seen at `place`.
    pub fn add(&mut self, seen: &Seen, place: Place) {
        let err = &seen.err;
        let mut key = match err.id() {
            Some(id) => Key::Known(id),
            None => Key::Unknown(
                err.code().unwrap_or("").to_owned(),
                shape(err.description().unwrap_or("")),
            ),
        };
        if matches!(key, Key::Unknown(..)) && !self.rows.contains_key(&key) {
            if self.unknown_shapes >= MAX_UNKNOWN_SHAPES {
                key = Key::OtherUnknown;
            } else {
                self.unknown_shapes += 1;
            }
        }
        let row = self.rows.entry(key).or_insert_with(|| Tally {
            count: 0,
            retry: err.retry(),
            alert: err.should_alert(),
            first: place,
            last: place,
        });
        row.count += 1;
        row.last = place;
    }

    /// The rows, most frequent first.
    pub fn sorted(&self) -> Vec<(&Key, &Tally)> {
        let mut rows: Vec<_> = self.rows.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        rows
    }
}

/// A place as people read it: `line N` in a single input, `FILE:N` among several.
fn place_text(sources: &[Source], p: Place) -> String {
    if sources.len() > 1 {
        format!("{}:{}", sources[p.source].label(), p.line)
    } else {
        format!("line {}", p.line)
    }
}

/// One error as a text line: where, status (`*`: inferred, `?`: none), id, cause.
fn write_text(
    out: &mut impl Write,
    seen: &Seen,
    at: &str,
    lang: Lang,
    paint: Paint,
) -> std::io::Result<()> {
    let err = &seen.err;
    write!(out, "{}  ", paint.dim(at))?;
    match (err.status(), seen.status_inferred) {
        (0, _) => write!(out, "?    ")?,
        (s, true) => write!(out, "{:<5}", format!("{s}*"))?,
        (s, false) => write!(out, "{s:<5}")?,
    }
    match err.id() {
        Some(id) => write!(out, "{}", paint.id(id))?,
        None => write!(out, "{}", paint.unknown("unknown"))?,
    }
    if err.should_alert() {
        write!(out, "{}", paint.alert(" [alert]"))?;
    }
    // The endpoint's cause, looked up once for both languages.
    let (zh, en) = match err.cause() {
        Some(c) => (c.zh, c.en),
        None => (err.explanation().zh(), err.explanation().en()),
    };
    match lang {
        Lang::Zh => writeln!(out, "  {zh}"),
        Lang::En => writeln!(out, "  {en}"),
        Lang::Both => writeln!(out, "  {zh} / {en}"),
    }
}

/// One error as a JSON line: `explain --json`'s object, then `line`, `file` (from a file)
/// and `status_inferred`. Written straight from the error's `Serialize`, without a `Value`.
fn json_line(seen: &Seen, source: &Source, line: usize) -> Vec<u8> {
    let mut out = serde_json::to_vec(&seen.err).unwrap_or_else(|_| b"{}".to_vec());
    // The error is a non-empty object: reopen it after its last field.
    if out.last() == Some(&b'}') {
        out.pop();
        out.push(b',');
    } else {
        out = b"{".to_vec();
    }
    let _ = write!(out, "\"line\":{line},");
    if let Source::File(p) = source {
        let file = serde_json::Value::from(p.display().to_string());
        let _ = write!(out, "\"file\":{file},");
    }
    let _ = writeln!(out, "\"status_inferred\":{}}}", seen.status_inferred);
    out
}

/// Runs `scan`: writes per-error output to `out` as it reads, then the summary (text only).
pub fn run(a: &ScanArgs, out: &mut impl Write, paint: Paint) -> Result<Summary, Failure> {
    let sources = Source::from_args(&a.files);
    let mut summary = Summary::default();
    let mut write_error = None;
    let too_long = input::for_each_line(&sources, read_bytes, |source, line, read| {
        let at = Place { source, line };
        for seen in explain_line(read) {
            let written = if a.json {
                out.write_all(&json_line(&seen, &sources[source], line))
            } else {
                write_text(out, &seen, &place_text(&sources, at), a.lang, paint)
            };
            if let Err(e) = written {
                write_error = Some(e);
                return ControlFlow::Break(());
            }
            summary.add(&seen, at);
        }
        ControlFlow::Continue(())
    })?;
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if !a.json {
        write_summary(out, &summary, &sources, too_long, paint)?;
    }
    Ok(summary)
}

fn write_summary(
    out: &mut impl Write,
    summary: &Summary,
    sources: &[Source],
    too_long: usize,
    paint: Paint,
) -> Result<(), Failure> {
    let total: usize = summary.rows.values().map(|t| t.count).sum();
    writeln!(
        out,
        "\n{}",
        paint.dim(&format!("{total} errors, {} kinds", summary.rows.len()))
    )?;
    writeln!(
        out,
        "{:>7}  {:<60} {:<14} {:<5} first / last",
        "count", "id, or unknown (error, description shape)", "retry", "alert"
    )?;
    for (key, t) in summary.sorted() {
        let name = match key {
            Key::Known(id) => paint.id(id),
            Key::Unknown(e, s) => paint.unknown(&format!("unknown ({e:?}, {s:?})")),
            Key::OtherUnknown => paint.unknown("unknown (further shapes)"),
        };
        let alert = if t.alert {
            paint.alert("yes")
        } else {
            "no".into()
        };
        writeln!(
            out,
            "{:>7}  {:<60} {:<14} {:<5} {} / {}",
            t.count,
            name,
            t.retry.as_str(),
            alert,
            place_text(sources, t.first),
            place_text(sources, t.last)
        )?;
    }
    if too_long > 0 {
        writeln!(
            out,
            "{too_long} lines over {} bytes were skipped",
            input::MAX_LINE
        )?;
    }
    Ok(())
}
