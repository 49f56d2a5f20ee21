//! Runs the matcher over the real corpus in a loop, for a profiler (callgrind, perf), and
//! prints the time per call of each input with its status, `error` and how it matched
//! (`--each`); `--only TEXT` keeps the inputs whose
//! description contains TEXT; `--templates` keeps those a template classifies; `--bare`
//! removes every body's `error` (the description-alone path); `--alternate` runs the regex
//! list over the whole corpus before each round (for callgrind's cache simulation of a cold
//! start, with `--toggle-collect='*Matcher*classify*'`).
use easemob_errors_bench::baseline::RegexClassifier;
use easemob_errors_bench::corpus;
use easemob_errors_core::matcher::Matcher;
use std::time::Instant;
fn main() {
    let catalog = corpus::real_catalog();
    let mut corpus = corpus::bodies(&catalog);
    let args: Vec<String> = std::env::args().collect();
    // `--alternate`: the regex list over the whole corpus before each round, as `stages`'
    // alternating mode has it, so each round starts from what that leaves in the caches.
    let whole = corpus.clone();
    let regexes = args
        .iter()
        .any(|a| a == "--alternate")
        .then(|| RegexClassifier::new(&catalog));
    if args.iter().any(|a| a == "--bare") {
        corpus = corpus::without_error(&corpus);
    }
    // `--only TEXT`: just the inputs whose description contains TEXT.
    if let Some(only) = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
    {
        corpus.retain(|r| r.description.contains(only.as_str()));
    }
    let rules = catalog.rules();
    let matcher = Matcher::new(&rules);
    // `--templates`: just the inputs a template classifies (those with values).
    if args.iter().any(|a| a == "--templates") {
        corpus.retain(|r| {
            matcher
                .classify(r.parts())
                .is_some_and(|m| m.captures().count() > 0)
        });
    }
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    if args.iter().any(|a| a == "--each") {
        for r in &corpus {
            let start = Instant::now();
            for _ in 0..n {
                std::hint::black_box(matcher.classify(std::hint::black_box(r.parts())));
            }
            let how = matcher.classify(r.parts()).map(|m| m.matched_by());
            println!(
                "{:>6?}  {} {:?} {:?}  {}",
                start.elapsed() / n as u32,
                r.status,
                r.code.as_deref().unwrap_or("-"),
                how,
                r.description.escape_debug()
            );
        }
        return;
    }
    let start = Instant::now();
    let mut hits = 0;
    for _ in 0..n {
        if let Some(x) = &regexes {
            for r in &whole {
                let hit = x.classify(r.status, r.code.as_deref(), &r.description);
                std::hint::black_box(hit);
            }
        }
        for r in &corpus {
            hits += matcher.classify(r.parts()).is_some() as usize;
        }
    }
    println!(
        "{hits} hits, {:?} per call",
        start.elapsed() / (n * corpus.len()) as u32
    );
}
