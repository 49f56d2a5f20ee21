//! `easemob-errors scan [FILE...]`: finds Easemob error bodies in free-form log lines,
//! explains each, and counts them.
//!
//! Text output is one line per error (where, status, catalog id or `unknown`, cause), then a
//! summary: how many of each catalog id and of each unknown (`error`, description shape), with
//! the advice, whether to alert, and the first and last line. `--json` prints one object per
//! error (`explain --json`'s keys, plus `line`, `file` and `status_inferred`) and nothing else.
//! Where a line shows no status, the catalog entry's first status is used, and said so.

use crate::failure::Failure;
use crate::found::Found;
use crate::input::{self, Source};
use crate::logline;
use crate::output::{Lang, MAX_TEXT_LINE, Paint, cut};
use crate::shape::shape;
use easemob_errors::catalog::Entry;
use easemob_errors::{ApiError, ResponseParts, Retry};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
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
    /// Whether the status came from the catalog, not from the log.
    pub status_inferred: bool,
    /// Whether the log cut the body short (then it is classified by its `error` alone).
    pub truncated: bool,
}

/// The error of a body found: classified with the status the log shows for it (or, when it
/// shows none, the catalog entry's first status) and its request.
pub fn explain(b: Found<'_>) -> Seen {
    let parts = |status| ResponseParts {
        status,
        error: b.error,
        error_code: b.error_code,
        description: b.description,
    };
    let mut err = ApiError::from_parts(parts(b.status.unwrap_or(0)));
    if b.truncated
        && !err.is_known()
        && let Some(known) = by_error_alone(b.status, b.error)
    {
        err = known;
    }
    let mut status_inferred = false;
    if b.status.is_none()
        && let Some(&s) = err.entry().and_then(|e| e.statuses.first())
    {
        if !b.truncated {
            err = ApiError::from_parts(parts(s));
        }
        status_inferred = true;
    }
    if let Some(r) = b.request {
        err = err.with_request_line(r);
    }
    Seen {
        err,
        status_inferred,
        truncated: b.truncated,
    }
}

/// A cut body's error when its `error` names one catalog entry (of its status, when the log
/// shows one): classified as that entry's first example (or its description when that has
/// no placeholder), and kept only when that gives the entry back. The example's description
/// is not the log's: [`json_line`] leaves it out.
fn by_error_alone(status: Option<u16>, error: Option<&str>) -> Option<ApiError> {
    let error = error?;
    let mut named = easemob_errors::catalog::catalog()
        .entries
        .iter()
        .filter(|e| {
            e.errors.contains(&error)
                && status.is_none_or(|s| e.statuses.is_empty() || e.statuses.contains(&s))
        });
    let entry = named.next()?;
    if named.next().is_some() {
        return None;
    }
    let status = status.or(entry.statuses.first().copied()).unwrap_or(0);
    let err = ApiError::from_parts(ResponseParts {
        status,
        error: Some(error),
        error_code: entry.error_codes.first().copied(),
        description: entry
            .examples
            .first()
            .or(entry.descriptions.first().filter(|d| !d.contains('{')))
            .copied(),
    });
    (err.id() == Some(entry.id)).then_some(err)
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
    /// Catalog entries, by their index in the catalog: counted without hashing their ids,
    /// as `scan` does for nearly every error it finds.
    known: Vec<Option<Tally>>,
    /// The rest, by key.
    others: HashMap<Key, Tally>,
    unknown_shapes: usize,
    /// Objects that looked like bodies but were too long to read (in a long line's windows).
    pub too_long: usize,
}

impl Summary {
    /// Counts one error seen at `place`.
    pub fn add(&mut self, seen: &Seen, place: Place) {
        let err = &seen.err;
        let tally = || Tally {
            count: 0,
            retry: err.retry(),
            alert: err.should_alert(),
            first: place,
            last: place,
        };
        if let Some(index) = err.entry().and_then(entry_index) {
            if self.known.is_empty() {
                self.known = vec![None; easemob_errors::catalog::catalog().entries.len()];
            }
            let row = self.known[index].get_or_insert_with(tally);
            row.count += 1;
            row.last = place;
            return;
        }
        let mut key = match err.id() {
            Some(id) => Key::Known(id),
            None => Key::Unknown(
                err.code().unwrap_or("").to_owned(),
                shape(err.description().unwrap_or("")),
            ),
        };
        if matches!(key, Key::Unknown(..)) && !self.others.contains_key(&key) {
            if self.unknown_shapes >= MAX_UNKNOWN_SHAPES {
                key = Key::OtherUnknown;
            } else {
                self.unknown_shapes += 1;
            }
        }
        let row = self.others.entry(key).or_insert_with(tally);
        row.count += 1;
        row.last = place;
    }

    /// Every row, in no order.
    pub fn rows(&self) -> impl Iterator<Item = (Cow<'_, Key>, &Tally)> {
        let entries = easemob_errors::catalog::catalog().entries;
        let known = (self.known.iter().zip(entries))
            .filter_map(|(t, e)| Some((Cow::Owned(Key::Known(e.id)), t.as_ref()?)));
        known.chain(self.others.iter().map(|(k, t)| (Cow::Borrowed(k), t)))
    }

    /// The rows, most frequent first.
    pub fn sorted(&self) -> Vec<(Cow<'_, Key>, &Tally)> {
        let mut rows: Vec<_> = self.rows().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
        rows
    }
}

/// Where `entry` is in the catalog's table: [`ApiError::entry`] hands out references into
/// it, so its address gives its place without a search (checked: `None` otherwise).
fn entry_index(entry: &'static Entry) -> Option<usize> {
    let entries = easemob_errors::catalog::catalog().entries;
    // Bytes from the table's start, in whole entries.
    let offset = (entry as *const Entry as usize).wrapping_sub(entries.as_ptr() as usize);
    let index = offset / size_of::<Entry>();
    entries
        .get(index)
        .filter(|e| std::ptr::eq(*e, entry))
        .map(|_| index)
}

/// A place as people read it: `line N` in a single input, `FILE:N` among several.
fn place_text(sources: &[Source], p: Place) -> String {
    let mut text = String::new();
    write_place(&mut text, sources, p);
    text
}

/// [`place_text`] written to `out`, which `scan` reuses for every error it writes.
fn write_place(out: &mut String, sources: &[Source], p: Place) {
    // Writing to a `String` cannot fail.
    let _ = match &sources[p.source] {
        _ if sources.len() == 1 => write!(out, "line {}", p.line),
        Source::Stdin => write!(out, "-:{}", p.line),
        Source::File(path) => write!(out, "{}:{}", path.display(), p.line),
    };
}

/// One error as a text line, at most [`MAX_TEXT_LINE`] bytes: where, status (`*`: inferred,
/// `?`: none), id or `unknown` with its `error`, `[truncated]` when the log cut the body, and
/// the cause (for an unknown error, its description), cut with `…` to fit.
fn write_text(
    out: &mut impl Write,
    seen: &Seen,
    at: &str,
    lang: Lang,
    paint: Paint,
) -> std::io::Result<()> {
    let err = &seen.err;
    let at = cut(at, 200);
    write!(out, "{}  ", paint.dim(&at))?;
    match (err.status(), seen.status_inferred) {
        (0, _) => write!(out, "?    ")?,
        // `403*`, padded to 5 like a status alone.
        (s, true) => write!(out, "{s}*{:1$}", "", 4usize.saturating_sub(digits(s)))?,
        (s, false) => write!(out, "{s:<5}")?,
    }
    // Bytes written before the cause (colour codes aside), so the line fits.
    let mut used = at.len() + 2 + 5 + 2;
    match err.id() {
        Some(id) => {
            used += id.len();
            write!(out, "{}", paint.id(id))?;
        }
        None => {
            let name = match err.code() {
                Some(code) => format!("unknown {:?}", cut(code, 200)),
                None => "unknown".to_owned(),
            };
            used += name.len();
            write!(out, "{}", paint.unknown(&name))?;
        }
    }
    if seen.truncated {
        used += " [truncated]".len();
        write!(out, " [truncated]")?;
    }
    if err.should_alert() {
        used += " [alert]".len();
        write!(out, "{}", paint.alert(" [alert]"))?;
    }
    let room = MAX_TEXT_LINE.saturating_sub(used);
    // The endpoint's cause, looked up once for both languages.
    let (zh, en) = match err.cause() {
        Some(c) => (c.zh, c.en),
        None => (err.explanation().zh(), err.explanation().en()),
    };
    match (err.id(), err.description(), lang) {
        (None, Some(d), _) => writeln!(out, "  {}", cut(&format!("{d:?}"), room)),
        (_, _, Lang::Zh) => writeln!(out, "  {}", cut(zh, room)),
        (_, _, Lang::En) => writeln!(out, "  {}", cut(en, room)),
        (_, _, Lang::Both) if zh.len() + 3 + en.len() <= room => writeln!(out, "  {zh} / {en}"),
        (_, _, Lang::Both) => writeln!(out, "  {}", cut(&format!("{zh} / {en}"), room)),
    }
}

/// The digits of a status.
fn digits(s: u16) -> usize {
    s.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// One error as a JSON line, to `out` (emptied first): `explain --json`'s object (the
/// description whole), then `line`, `file` (from a file), `status_inferred` and `truncated`.
/// Written straight from the error's `Serialize`, without a `Value`.
fn json_line(out: &mut Vec<u8>, seen: &Seen, source: &Source, line: usize) {
    out.clear();
    let written = if seen.truncated {
        // Classified by its `error` alone: no description, no values read from one.
        let mut value = serde_json::to_value(&seen.err).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("description".into(), serde_json::Value::Null);
            object.insert("fields".into(), serde_json::json!({}));
            if seen.err.is_known() {
                object.insert("matched_by".into(), "error".into());
            }
        }
        serde_json::to_writer(&mut *out, &value)
    } else {
        serde_json::to_writer(&mut *out, &seen.err)
    };
    // The error is a non-empty object: reopen it after its last field.
    if written.is_ok() && out.last() == Some(&b'}') {
        out.pop();
        out.push(b',');
    } else {
        out.clear();
        out.push(b'{');
    }
    let _ = write!(out, "\"line\":{line},");
    if let Source::File(p) = source {
        let file = serde_json::Value::from(p.display().to_string());
        let _ = write!(out, "\"file\":{file},");
    }
    let _ = writeln!(
        out,
        "\"status_inferred\":{},\"truncated\":{}}}",
        seen.status_inferred, seen.truncated
    );
}

/// Runs `scan`: writes per-error output to `out` as it reads, then the summary (text only).
pub fn run(a: &ScanArgs, out: &mut impl Write, paint: Paint) -> Result<Summary, Failure> {
    let sources = Source::from_args(&a.files);
    let mut summary = Summary::default();
    let mut write_error = None;
    let mut reader = logline::Reader::default();
    // Reused for every error written.
    let (mut json, mut place) = (Vec::new(), String::new());
    input::for_each_line(
        &sources,
        |line, read| reader.read(line, read),
        |source, line, read| {
            let at = Place { source, line };
            summary.too_long += read.too_long;
            for seen in read.bodies().map(explain) {
                let written = if a.json {
                    json_line(&mut json, &seen, &sources[source], line);
                    out.write_all(&json)
                } else {
                    place.clear();
                    write_place(&mut place, &sources, at);
                    write_text(out, &seen, &place, a.lang, paint)
                };
                if let Err(e) = written {
                    write_error = Some(e);
                    return ControlFlow::Break(());
                }
                summary.add(&seen, at);
            }
            ControlFlow::Continue(())
        },
    )?;
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if a.json {
        if summary.too_long > 0 {
            eprintln!("easemob-errors: {}", too_long_text(summary.too_long));
        }
    } else {
        write_summary(out, &summary, &sources, paint)?;
    }
    Ok(summary)
}

/// What was not read, said in one line.
fn too_long_text(count: usize) -> String {
    format!(
        "{count} objects that looked like error bodies were longer than {} bytes and not read",
        logline::MAX_BODY
    )
}

fn write_summary(
    out: &mut impl Write,
    summary: &Summary,
    sources: &[Source],
    paint: Paint,
) -> Result<(), Failure> {
    let total: usize = summary.rows().map(|(_, t)| t.count).sum();
    writeln!(
        out,
        "\n{}",
        paint.dim(&format!("{total} errors, {} kinds", summary.rows().count()))
    )?;
    writeln!(
        out,
        "{:>7}  {:<60} {:<14} {:<5} first / last",
        "count", "id, or unknown (error, description shape)", "retry", "alert"
    )?;
    for (key, t) in summary.sorted() {
        let name = match &*key {
            Key::Known(id) => paint.id(id),
            Key::Unknown(e, s) => Cow::Owned(
                paint
                    .unknown(&format!(
                        "unknown ({:?}, {:?})",
                        cut(e, 200),
                        cut(s, MAX_TEXT_LINE / 2)
                    ))
                    .into_owned(),
            ),
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
            cut(&place_text(sources, t.first), 220),
            cut(&place_text(sources, t.last), 220)
        )?;
    }
    if summary.too_long > 0 {
        writeln!(out, "{}", too_long_text(summary.too_long))?;
    }
    Ok(())
}
