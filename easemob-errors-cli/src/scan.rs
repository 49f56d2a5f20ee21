//! `easemob-errors scan [FILE...]`: finds Easemob error bodies in free-form log lines,
//! explains each, and counts them.
//!
//! Text output is one line per error (where, status, catalog id or `unknown`, cause), then a
//! summary: how many of each catalog id and of each unknown (`error`, description shape), with
//! the advice, whether to alert, and the first and last line. `--json` prints one object per
//! error (`explain --json`'s keys, plus `line`, `file` and `status_inferred`) and nothing else.
//! Where a line shows no status, the catalog entry's first status is used, and said so.

use crate::Failure;
use crate::explain::to_json;
use crate::input::{self, Source};
use crate::logline;
use crate::output::{Lang, Paint};
use crate::shape::shape;
use easemob_errors::{ApiError, ResponseParts, Retry};
use std::collections::HashMap;
use std::io::Write;
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

/// The errors in one line.
pub fn errors_in(line: &str) -> Vec<Seen> {
    let l = logline::read(line);
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

/// One summary row.
#[derive(Debug, Clone)]
pub struct Tally {
    /// How many.
    pub count: usize,
    /// The advice.
    pub retry: Retry,
    /// Whether operations should hear of it.
    pub alert: bool,
    /// Where it was first and last seen.
    pub first: String,
    /// Where it was last seen.
    pub last: String,
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
    pub fn add(&mut self, seen: &Seen, place: &str) {
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
            first: place.to_owned(),
            last: String::new(),
        });
        row.count += 1;
        place.clone_into(&mut row.last);
    }

    /// The rows, most frequent first.
    pub fn sorted(&self) -> Vec<(&Key, &Tally)> {
        let mut rows: Vec<_> = self.rows.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        rows
    }
}

fn place(source: &Source, many: bool, line: usize) -> String {
    if many {
        format!("{}:{line}", source.label())
    } else {
        format!("line {line}")
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

fn json_line(seen: &Seen, source: &Source, line: usize) -> String {
    let mut v = to_json(&seen.err);
    if let Some(map) = v.as_object_mut() {
        map.insert("line".into(), line.into());
        if let Source::File(p) = source {
            map.insert("file".into(), p.display().to_string().into());
        }
        map.insert("status_inferred".into(), seen.status_inferred.into());
    }
    format!("{v}\n")
}

/// Runs `scan`: writes per-error output to `out` as it reads, then the summary (text only).
pub fn run(a: &ScanArgs, out: &mut impl Write, paint: Paint) -> Result<Summary, Failure> {
    let sources = Source::from_args(&a.files);
    let many = sources.len() > 1;
    let mut summary = Summary::default();
    let mut write_error = None;
    let too_long = input::for_each_line(&sources, |source, number, line| {
        if write_error.is_some() || !logline::may_hold_a_body(line) {
            return;
        }
        let text = String::from_utf8_lossy(line);
        for seen in errors_in(&text) {
            let at = place(source, many, number);
            let written = if a.json {
                out.write_all(json_line(&seen, source, number).as_bytes())
            } else {
                write_text(out, &seen, &at, a.lang, paint)
            };
            if let Err(e) = written {
                write_error = Some(e);
            }
            summary.add(&seen, &at);
        }
    })?;
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if !a.json {
        write_summary(out, &summary, too_long, paint)?;
    }
    Ok(summary)
}

fn write_summary(
    out: &mut impl Write,
    summary: &Summary,
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
            t.first,
            t.last
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
