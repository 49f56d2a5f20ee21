//! Reading catalog files. The only module that knows the YAML library (serde-saphyr), so it
//! could be swapped without touching validation or code generation.

use crate::diagnostic::Diagnostic;
use crate::raw::{RawArea, RawEntry, RawStatus};
use easemob_errors_codegen::fingerprint::catalog_files;
use std::path::Path;

/// What a catalog file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `status.yaml`: the HTTP status table.
    Statuses,
    /// `errors/*.yaml`: error entries.
    Errors,
    /// `areas.yaml`: the API areas and their endpoints.
    Areas,
}

/// One catalog file's text and the name diagnostics show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path shown in diagnostics.
    pub path: String,
    /// What the file holds.
    pub kind: SourceKind,
    /// The YAML text.
    pub text: String,
}

impl Source {
    /// An `errors/*.yaml` file.
    pub fn errors(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            kind: SourceKind::Errors,
            text: text.into(),
        }
    }

    /// A `status.yaml` file.
    pub fn statuses(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            kind: SourceKind::Statuses,
            text: text.into(),
        }
    }

    /// An `areas.yaml` file.
    pub fn areas(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            kind: SourceKind::Areas,
            text: text.into(),
        }
    }

    /// The area an errors file describes: its file name without extension (`groups`).
    pub fn area(&self) -> String {
        let name = self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path);
        name.strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .unwrap_or(name)
            .to_owned()
    }
}

/// A parsed errors file.
#[derive(Debug)]
pub struct ErrorsFile {
    /// Where it came from.
    pub path: String,
    /// Its area (file stem).
    pub area: String,
    /// Its entries, in order.
    pub entries: Vec<RawEntry>,
}

/// A parsed status file.
#[derive(Debug)]
pub struct StatusFile {
    /// Where it came from.
    pub path: String,
    /// Its rows, in order.
    pub rows: Vec<RawStatus>,
}

/// A parsed areas file.
#[derive(Debug)]
pub struct AreasFile {
    /// Where it came from.
    pub path: String,
    /// Its rows, in order.
    pub rows: Vec<RawArea>,
}

/// Everything the loader could parse, plus a diagnostic for each file it could not.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Parsed status files.
    pub statuses: Vec<StatusFile>,
    /// Parsed areas files.
    pub areas: Vec<AreasFile>,
    /// Parsed errors files.
    pub errors: Vec<ErrorsFile>,
    /// One diagnostic per file that is not valid YAML or does not fit the model.
    pub problems: Vec<Diagnostic>,
}

/// Parses every source. A file that does not parse gives one diagnostic; the others are still
/// parsed, so one run reports the problems of every file.
pub fn parse(sources: &[Source]) -> Loaded {
    let mut loaded = Loaded::default();
    for source in sources {
        match source.kind {
            SourceKind::Statuses => match from_yaml::<Vec<RawStatus>>(source) {
                Ok(rows) => loaded.statuses.push(StatusFile {
                    path: source.path.clone(),
                    rows,
                }),
                Err(d) => loaded.problems.push(d),
            },
            SourceKind::Areas => match from_yaml::<Vec<RawArea>>(source) {
                Ok(rows) => loaded.areas.push(AreasFile {
                    path: source.path.clone(),
                    rows,
                }),
                Err(d) => loaded.problems.push(d),
            },
            SourceKind::Errors => {
                let (entries, problems) = parse_errors_file(source);
                loaded.problems.extend(problems);
                loaded.errors.push(ErrorsFile {
                    path: source.path.clone(),
                    area: source.area(),
                    entries,
                });
            }
        }
    }
    loaded
}

/// Just the ids of a file's entries, with where each entry starts: read when the full parse
/// fails, so the diagnostic can name the entry the problem is in.
#[derive(serde::Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<serde_saphyr::Spanned<String>>,
}

/// Parses an errors file. When it does not fit the model, each entry is parsed on its own, so
/// one run reports the problem of every entry and the entries that do fit are still checked.
fn parse_errors_file(source: &Source) -> (Vec<RawEntry>, Vec<Diagnostic>) {
    let first = match from_yaml::<Option<Vec<RawEntry>>>(source) {
        Ok(entries) => return (entries.unwrap_or_default(), Vec::new()),
        Err(d) => d,
    };
    // Where each entry starts; unreadable (a YAML syntax error) means one diagnostic only.
    let Ok(items) = serde_saphyr::from_str::<Vec<serde_saphyr::Spanned<IdOnly>>>(&source.text)
    else {
        return (Vec::new(), vec![first]);
    };
    let starts: Vec<usize> = items.iter().map(|e| e.referenced.line() as usize).collect();
    let lines: Vec<&str> = source.text.split_inclusive('\n').collect();
    if starts.len() < 2 || starts.windows(2).any(|w| w[0] >= w[1]) || starts[0] == 0 {
        return (Vec::new(), vec![first]);
    }
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len() + 1);
        // Blank lines in front keep every line number as in the file.
        let mut text = "\n".repeat(start - 1);
        text.push_str(&lines[start - 1..(end - 1).min(lines.len())].concat());
        let piece = Source {
            path: source.path.clone(),
            kind: source.kind,
            text,
        };
        match from_yaml::<Option<Vec<RawEntry>>>(&piece) {
            Ok(parsed) => entries.extend(parsed.unwrap_or_default()),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        // The pieces parse but the whole does not: report what the whole said.
        return (Vec::new(), vec![first]);
    }
    (entries, problems)
}

/// The id of the entry that contains `line`, if the file's ids can be read.
fn entry_at(source: &Source, line: u64) -> Option<String> {
    if source.kind != SourceKind::Errors {
        return None;
    }
    let entries: Vec<serde_saphyr::Spanned<IdOnly>> = serde_saphyr::from_str(&source.text).ok()?;
    entries
        .into_iter()
        .rfind(|e| e.referenced.line() <= line)
        .and_then(|e| e.value.id)
        .map(|id| id.value)
}

fn from_yaml<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(&source.text).map_err(|err| {
        let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
        let plain = err.without_snippet().to_string();
        let suffix = format!(" at line {line}, column {column}");
        let message = plain.strip_suffix(&suffix).unwrap_or(&plain).to_owned();
        let help = help_for(&message);
        let mut d = Diagnostic::new(&source.path, line, column, message);
        if let Some(id) = entry_at(source, line) {
            d = d.entry(id);
        }
        if let Some(help) = help {
            d = d.help(help);
        }
        d
    })
}

/// Advice for the common ways a file fails to fit the model.
fn help_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some(
            "error entries take id, status, error, description, error_code, zh, en, retry, \
             alert, examples, causes; a cause takes area or request, zh, en; status rows take \
             status, zh, en, retry, alert; areas take area, zh, en, paths"
                .into(),
        )
    } else if message.starts_with("missing field") {
        Some("add the field; every entry needs id, status, zh and en".into())
    } else if message.starts_with("invalid") {
        Some(
            "check the value's type: statuses are numbers, `alert` is true or false, texts are \
             strings (the format is in catalog/README.md)"
                .into(),
        )
    } else {
        Some("fix the YAML syntax at this position".into())
    }
}

/// Reads a catalog directory: the files [`catalog_files`] lists.
///
/// Paths in diagnostics are shown as `{display_prefix}/status.yaml` and so on.
pub fn read_dir(dir: &Path, display_prefix: &str) -> std::io::Result<Vec<Source>> {
    let mut sources = Vec::new();
    for (name, path) in catalog_files(dir)? {
        let shown = if display_prefix.is_empty() {
            name.clone()
        } else {
            format!("{display_prefix}/{name}")
        };
        let text = std::fs::read_to_string(path)?;
        sources.push(match name.as_str() {
            "status.yaml" => Source::statuses(shown, text),
            "areas.yaml" => Source::areas(shown, text),
            _ => Source::errors(shown, text),
        });
    }
    Ok(sources)
}
