//! `easemob-errors show ID`: everything the catalog says about one entry, like
//! `rustc --explain`; `--json` for tools. An unknown id is a usage error that suggests the
//! nearest ids.

use crate::failure::Failure;
use crate::output::Paint;
use easemob_errors::catalog::{self, Entry};
use easemob_errors::{Cause, Scope};
use serde_json::{Value, json};
use std::io::Write;

/// The options of `show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The catalog id (`users_not_group_members`).
    pub id: String,
    /// One JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The ids nearest to `id`, nearest first (at most three).
pub fn nearest(id: &str) -> Vec<&'static str> {
    let mut scored: Vec<(f64, &'static str)> = catalog::catalog()
        .entries
        .iter()
        .map(|e| (strsim::jaro_winkler(id, e.id), e.id))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

fn scope(c: &Cause) -> String {
    match c.scope {
        Scope::Area(a) => format!("area {a}"),
        Scope::Request(r) => r.to_owned(),
    }
}

/// The entry as JSON.
pub fn to_json(e: &Entry) -> Value {
    let causes: Vec<Value> = e
        .causes
        .iter()
        .map(|c| json!({"where": scope(c), "zh": c.zh, "en": c.en}))
        .collect();
    json!({
        "id": e.id, "area": e.area, "statuses": e.statuses, "errors": e.errors, "pairs": e.pairs,
        "descriptions": e.descriptions, "error_codes": e.error_codes,
        "zh": e.zh, "en": e.en, "retry": e.retry.as_str(), "alert": e.alert,
        "advice_reason": e.advice_reason, "causes": causes, "examples": e.examples,
        "evidence": e.evidence.iter().map(|ev| json!({"table": ev.table, "row": ev.row, "cite": ev.cite, "more": ev.more})).collect::<Vec<_>>(),
    })
}

fn list<T: ToString>(items: &[T], none: &str) -> String {
    if items.is_empty() {
        none.to_owned()
    } else {
        items
            .iter()
            .map(T::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The `error` values, each with the statuses it comes with when the entry pairs them.
fn errors_line(e: &Entry) -> String {
    if e.pairs.is_empty() {
        return list(e.errors, "none sent (any)");
    }
    e.errors
        .iter()
        .map(|c| {
            let with = e.statuses_with(c).unwrap_or_default();
            format!("{c} (with {})", list(&with, ""))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The entry as text.
pub fn text(e: &Entry, paint: Paint) -> String {
    let mut out = format!("{} ({})\n\n{}\n{}\n\n", paint.id(e.id), e.area, e.zh, e.en);
    out.push_str(&format!(
        "status:        {}\n",
        list(e.statuses, "none (known by error_code)")
    ));
    out.push_str(&format!("error:         {}\n", errors_line(e)));
    if !e.error_codes.is_empty() {
        out.push_str(&format!("error_code:    {}\n", list(e.error_codes, "")));
    }
    match e.descriptions {
        [] => out.push_str("description:   any\n"),
        [main, rewordings @ ..] => {
            out.push_str(&format!("description:   {main:?}\n"));
            for r in rewordings {
                out.push_str(&format!("  rewording:   {r:?}\n"));
            }
        }
    }
    let alert = if e.alert {
        paint.alert(crate::explain::alert_words(e.retry).1)
    } else {
        "no".into()
    };
    out.push_str(&format!(
        "retry:         {} ({})\n",
        e.retry,
        e.retry.advice_en()
    ));
    out.push_str(&format!("alert:         {alert}\n"));
    if let Some(why) = e.advice_reason {
        out.push_str(&format!("why:           {why}\n"));
    }
    for c in e.causes {
        out.push_str(&format!("\non {}:\n  {}\n  {}\n", scope(c), c.zh, c.en));
    }
    if !e.examples.is_empty() {
        out.push_str("\nexamples:\n");
        for x in e.examples {
            out.push_str(&format!("  {x:?}\n"));
        }
    }
    if !e.evidence.is_empty() {
        out.push_str("\nsources:\n");
        for ev in e.evidence {
            let more = match ev.more {
                0 => String::new(),
                n => format!(" (+{n} more on that row)"),
            };
            let at = format!("{}:{}", ev.table, ev.row);
            out.push_str(&format!("  {at:<18} {}{more}\n", ev.cite));
        }
    }
    out
}

/// Runs `show`.
pub fn run(a: &ShowArgs, out: &mut impl Write, paint: Paint) -> Result<(), Failure> {
    let Some(e) = catalog::entry(a.id.trim()) else {
        return Err(Failure::Usage(format!(
            "no catalog entry `{}`; the nearest are {}",
            a.id,
            nearest(&a.id).join(", ")
        )));
    };
    if a.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&to_json(e)).unwrap_or_default()
        )?;
    } else {
        out.write_all(text(e, paint).as_bytes())?;
    }
    Ok(())
}
