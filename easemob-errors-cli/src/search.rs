//! `easemob-errors search WORDS...`: the entries whose id, `error` strings, descriptions or
//! causes (zh or en) contain every word, ignoring case; best first (words in the id count most,
//! then in `error` strings and descriptions, then in the causes). Chinese words work as they
//! are: `search 过期` finds the token-expiry entries.

use crate::failure::Failure;
use crate::output::{Lang, Paint};
use easemob_errors::catalog::{self, Entry};
use std::io::Write;

/// The options of `search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words that must all appear.
    #[arg(required = true)]
    pub words: Vec<String>,
    /// The language of the causes shown.
    #[arg(long, value_enum, default_value = "both")]
    pub lang: Lang,
}

/// How well `e` matches every word of `words` (lowercased); `None` when a word is missing.
fn score(e: &Entry, words: &[String]) -> Option<u32> {
    let id = e.id.to_lowercase();
    let strings: String = e
        .errors
        .iter()
        .chain(e.descriptions)
        .map(|s| s.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    let causes: String = [e.zh, e.en]
        .into_iter()
        .chain(e.causes.iter().flat_map(|c| [c.zh, c.en]))
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("\n");
    words.iter().try_fold(0, |total, w| {
        let points = [
            (id.contains(w.as_str()), 4),
            (strings.contains(w.as_str()), 2),
            (causes.contains(w.as_str()), 1),
        ]
        .iter()
        .filter(|(hit, _)| *hit)
        .map(|(_, p)| p)
        .sum::<u32>();
        (points > 0).then_some(total + points)
    })
}

/// The entries matching every word, best first.
pub fn find(words: &[String]) -> Vec<&'static Entry> {
    let words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut hits: Vec<(u32, &'static Entry)> = catalog::catalog()
        .entries
        .iter()
        .filter_map(|e| Some((score(e, &words)?, e)))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(b.1.id)));
    hits.into_iter().map(|(_, e)| e).collect()
}

/// Runs `search`.
pub fn run(a: &SearchArgs, out: &mut impl Write, paint: Paint) -> Result<(), Failure> {
    let hits = find(&a.words);
    for e in &hits {
        let statuses: Vec<String> = e.statuses.iter().map(u16::to_string).collect();
        let cause = match a.lang {
            Lang::Zh => e.zh.to_owned(),
            Lang::En => e.en.to_owned(),
            Lang::Both => format!("{} / {}", e.zh, e.en),
        };
        writeln!(out, "{}  {}  {}", paint.id(e.id), statuses.join(","), cause)?;
    }
    if hits.is_empty() {
        writeln!(out, "no entry has every word: {}", a.words.join(" "))?;
    }
    Ok(())
}
