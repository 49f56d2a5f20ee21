//! Target 1 of the performance issue measured *interleaved*, and where the time goes.
//!
//! `ApiError::from_response` against the serde_json baseline, and the stages inside it
//! (classifying already-read parts, the enum alone, the matcher alone, exact descriptions and
//! templates apart). Every round times each stage once over the whole corpus, so a slow spell
//! of the machine hits all stages alike; divan's benchmarks (`benches/classify.rs`) run one
//! benchmark after the other, and on a machine that switches between a fast and a slow mode
//! for seconds at a time their ratio says more about the mode than about the code. Prints, per
//! stage, the median, 10th percentile and fastest round, and the median of the per-round
//! ratios to the baseline — the figure target 1 is judged by.
//!
//! `cargo bench -p easemob-errors-bench --bench stages` (`STAGES_ROUNDS`, default 3000).

use easemob_errors::{ApiError, Classify, ErrorKind};
use easemob_errors_bench::corpus::{self, Borrowed, Response};
use easemob_errors_catalog::matcher::Matcher;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let catalog = corpus::real_catalog();
    let corpus = corpus::examples(&catalog);
    let rounds: usize = std::env::var("STAGES_ROUNDS")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or(3000);
    let codes = catalog.rule_strings();
    let rules = catalog.rules(&codes);
    let matcher = Matcher::new(&rules);
    let has_values = |r: &Response| {
        matcher
            .classify(r.status, r.code.as_deref(), Some(&r.description))
            .is_some_and(|m| m.captures().count() > 0)
    };
    let (templates, exact): (Vec<Response>, Vec<Response>) =
        corpus.iter().cloned().partition(has_values);
    println!(
        "{rounds} interleaved rounds over {} bodies: {} classified by an exact description, {} by a template",
        corpus.len(),
        exact.len(),
        templates.len()
    );
    // Warm the generated matcher.
    let _ = ApiError::from_response(400, b"{}");

    let classify_with = |set: &[Response]| {
        for r in set {
            let m = matcher.classify(r.status, r.code.as_deref(), Some(black_box(&r.description)));
            black_box(m.map(|m| m.rule()));
        }
    };
    type Stage<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let stages: Vec<Stage<'_>> = vec![
        (
            "serde_json borrowed struct (baseline)",
            Box::new(|| {
                for r in &corpus {
                    let v: Borrowed<'_> = serde_json::from_slice(black_box(&r.body)).unwrap();
                    black_box((v.error, v.error_description));
                }
            }),
        ),
        (
            "ApiError::from_response",
            Box::new(|| {
                for r in &corpus {
                    black_box(ApiError::from_response(r.status, black_box(&r.body)));
                }
            }),
        ),
        (
            "ApiError::from_parts (body already read)",
            Box::new(|| {
                for r in &corpus {
                    black_box(ApiError::from_parts(
                        r.status,
                        r.code.as_deref(),
                        Some(black_box(&r.description)),
                    ));
                }
            }),
        ),
        (
            "ErrorKind::classify (no ApiError box)",
            Box::new(|| {
                for r in &corpus {
                    black_box(ErrorKind::classify(
                        r.status,
                        r.code.as_deref(),
                        None,
                        Some(black_box(&r.description)),
                    ));
                }
            }),
        ),
        ("Matcher::classify", Box::new(|| classify_with(&corpus))),
        (
            "  exact descriptions only",
            Box::new(|| classify_with(&exact)),
        ),
        ("  templates only", Box::new(|| classify_with(&templates))),
    ];

    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); stages.len()];
    let mut ratios: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); stages.len()];
    for _ in 0..rounds {
        let mut round = Vec::with_capacity(stages.len());
        for (_, run) in &stages {
            let start = Instant::now();
            run();
            round.push(start.elapsed().as_secs_f64() * 1e6);
        }
        for (k, &t) in round.iter().enumerate() {
            times[k].push(t);
            ratios[k].push(t / round[0]);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "{:<42} {:>9} {:>9} {:>9} {:>14}",
        "stage (µs per corpus)", "median", "p10", "fastest", "ratio (median)"
    );
    for (k, (name, _)) in stages.iter().enumerate() {
        let m = median(&mut times[k]);
        let (p10, fastest) = (times[k][times[k].len() / 10], times[k][0]);
        let r = median(&mut ratios[k]);
        println!("{name:<42} {m:>9.1} {p10:>9.1} {fastest:>9.1} {r:>13.2}×");
    }
}
