//! `easemob-errors draft [FILE...]`: reads what `scan` reads and prints a YAML draft catalog
//! entry for each unknown description shape: the varying parts made `{placeholders}`, the
//! statuses and `error` strings seen, real descriptions as `examples`, and `zh`/`en` left as
//! `TODO` for the maintainer. The first step of adding an error seen in production.

use crate::failure::Failure;
use crate::input::{self, Source};
use crate::logline::Reader;
use crate::output::{MAX_TEXT_LINE, cut};
use crate::scan::explain;
use crate::shape::{shape, template};
use std::collections::BTreeSet;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;

/// Examples kept per draft.
pub const EXAMPLES: usize = 5;
/// Drafts kept (the most frequent shapes first are printed).
const MAX_DRAFTS: usize = 1000;

/// The options of `draft`.
#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    /// Log files to read (`.gz` ones too); stdin when none.
    pub files: Vec<PathBuf>,
}

/// One unknown description shape and what was seen of it.
#[derive(Debug, Default)]
pub struct Draft {
    /// The description template drafted from the first description.
    pub template: String,
    /// Statuses seen.
    pub statuses: BTreeSet<u16>,
    /// `error` strings seen.
    pub errors: BTreeSet<String>,
    /// Distinct descriptions, in the order seen (at most [`EXAMPLES`]).
    pub examples: Vec<String>,
    /// How many times.
    pub count: usize,
    /// First line seen.
    pub first: usize,
}

/// The unknown errors of `sources`, one draft per description shape, most frequent first,
/// and how many unknown bodies were cut short (nothing to draft from).
pub fn collect(sources: &[Source]) -> Result<(Vec<Draft>, usize), Failure> {
    let mut drafts: Vec<(String, Draft)> = Vec::new();
    let mut cut = 0;
    let mut reader = Reader::default();
    input::for_each_line(
        sources,
        |line, read| reader.read(line, read),
        |_, number, read| {
            for seen in read.bodies().map(explain) {
                let err = &seen.err;
                if err.is_known() {
                    continue;
                }
                // A cut body has no whole description to draft a template from.
                if seen.truncated {
                    cut += 1;
                    continue;
                }
                let description = err.description().unwrap_or("").trim().to_owned();
                let key = shape(&description);
                let at = match drafts.iter().position(|(k, _)| *k == key) {
                    Some(i) => i,
                    None if drafts.len() < MAX_DRAFTS => {
                        let d = Draft {
                            template: template(&description),
                            first: number,
                            ..Draft::default()
                        };
                        drafts.push((key, d));
                        drafts.len() - 1
                    }
                    None => continue,
                };
                let d = &mut drafts[at].1;
                d.count += 1;
                if err.status() != 0 {
                    d.statuses.insert(err.status());
                }
                if let Some(e) = err.code().filter(|e| !e.trim().is_empty()) {
                    d.errors.insert(e.to_owned());
                }
                if d.examples.len() < EXAMPLES
                    && !description.is_empty()
                    && !d.examples.contains(&description)
                {
                    d.examples.push(description);
                }
            }
            ControlFlow::Continue(())
        },
    )?;
    let mut drafts: Vec<Draft> = drafts.into_iter().map(|(_, d)| d).collect();
    drafts.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
    Ok((drafts, cut))
}

/// Longest drafted id, in characters.
const MAX_ID: usize = 64;

/// A snake_case id from the first words of the template, at most [`MAX_ID`] characters.
fn id_for(d: &Draft, n: usize) -> String {
    let words: Vec<String> = d
        .template
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .take(5)
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        return format!("todo_unknown_error_{n}");
    }
    let mut id = format!("todo_{}", words.join("_"));
    // ASCII only: bytes are characters.
    id.truncate(MAX_ID);
    id.trim_end_matches('_').to_owned()
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn one_or_list<T: std::fmt::Display>(items: &BTreeSet<T>, quote: bool) -> String {
    let shown: Vec<String> = items
        .iter()
        .map(|i| {
            if quote {
                quoted(&i.to_string())
            } else {
                i.to_string()
            }
        })
        .collect();
    match shown.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", shown.join(", ")),
    }
}

/// The YAML of one draft.
pub fn yaml(d: &Draft, n: usize) -> String {
    let mut out = format!(
        "# seen {} times, first on line {}; fill in zh and en, check the template and the id,\n\
         # then add it to catalog/errors/<area>.yaml and run `cargo xtask regen`.\n- id: {}\n",
        d.count,
        d.first,
        id_for(d, n)
    );
    if !d.statuses.is_empty() {
        out.push_str(&format!("  status: {}\n", one_or_list(&d.statuses, false)));
    }
    if !d.errors.is_empty() {
        out.push_str(&format!("  error: {}\n", one_or_list(&d.errors, true)));
    }
    if !d.template.is_empty() {
        out.push_str(&format!("  description: {}\n", quoted(&d.template)));
    }
    out.push_str(
        "  zh: \"TODO: 可能原因（一句话）\"\n  en: \"TODO: the likely cause, in one line\"\n",
    );
    if !d.examples.is_empty() {
        out.push_str("  examples:\n");
        for x in &d.examples {
            out.push_str(&format!("    - {}\n", quoted(&cut(x, MAX_TEXT_LINE))));
        }
    }
    out
}

/// Runs `draft`.
pub fn run(a: &DraftArgs, out: &mut impl Write) -> Result<(), Failure> {
    let (drafts, cut) = collect(&Source::from_args(&a.files))?;
    if cut > 0 {
        writeln!(
            out,
            "# {cut} unknown bodies were cut short in the log: nothing to draft from them"
        )?;
    }
    if drafts.is_empty() && cut == 0 {
        writeln!(
            out,
            "# no unknown errors: the catalog explains every body found"
        )?;
    }
    for (n, d) in drafts.iter().enumerate() {
        writeln!(out, "{}", yaml(d, n + 1))?;
    }
    Ok(())
}
