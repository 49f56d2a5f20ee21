//! Targets 1, 2 and 3 of the performance issue measured *interleaved*, and where the time
//! goes.
//!
//! `ApiError::from_response` against the serde_json baseline, and the stages inside it
//! (classifying already-read parts, the enum alone, the matcher alone, exact descriptions and
//! templates apart); and the matcher of the real catalog plus 10,000 synthetic entries against
//! the real catalog's, on the same calls. Every round times each stage once over the whole
//! corpus, so a slow spell of the machine hits all stages alike; divan's benchmarks (`benches/classify.rs`) run one
//! benchmark after the other, and on a machine that switches between a fast and a slow mode
//! for seconds at a time their ratio says more about the mode than about the code. Prints, per
//! stage, the median, 10th percentile and fastest round, and the median of the per-round
//! ratios to its baseline — the figures targets 1, 2 and 3 are judged by. The regex
//! comparison (target 2) is measured with the same untimed work before each of its stages, so
//! both classifiers start from the same state of the caches (see [`regex_stages`]).
//!
//! Both comparisons run on the two corpora of issue 18 ([`corpus::bodies`]: every example and
//! exact description in a real body, with the entry's `error` where it has one; and
//! [`corpus::without_error`]: the same bodies without `error`, the description-alone path).
//! The regex comparison is also given for the first corpus's bodies a template answers and
//! its others apart, which shows where the ratio comes from.
//!
//! Two more sections say what the figures above leave out: what a cold start costs and which
//! part of the machine's state it comes from ([`cold_stages`]), and what classifying the
//! corpus in the same order every round is worth once the branch predictors have learned it
//! ([`order_stages`]).
//!
//! `cargo bench -p easemob-errors-bench --bench stages` (`STAGES_ROUNDS`, default 3000).

use easemob_errors::{ApiError, Classify, ErrorKind};
use easemob_errors_bench::baseline::RegexClassifier;
use easemob_errors_bench::corpus::{self, Borrowed, Response};
use easemob_errors_core::matcher::Matcher;
use std::hint::black_box;
use std::time::Instant;

/// Synthetic entries added to the real catalog for the scale comparison.
const SYNTHETIC: usize = 10_000;

fn main() {
    let catalog = corpus::real_catalog();
    // Issue 18's two corpora: every example and exact description in a real body, with the
    // entry's `error` where it has one; and the same bodies with `error` removed.
    let corpus = corpus::bodies(&catalog);
    let bare = corpus::without_error(&corpus);
    let rounds: usize = std::env::var("STAGES_ROUNDS")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or(3000);
    let rules = catalog.rules();
    let matcher = Matcher::new(&rules);
    // Warm the generated matcher.
    let _ = ApiError::from_response(400, b"{}");
    parse_stages("with `error`", &corpus, &matcher, rounds);
    parse_stages("`error` removed", &bare, &matcher, rounds);
    regex_stages("with `error`", &catalog, &corpus, rounds / 10);
    // Where the ratio comes from: the bodies a template answers and the others, apart.
    let (templates, exact) = by_values(&corpus, &matcher);
    regex_stages(
        "with `error`, exact descriptions",
        &catalog,
        &exact,
        rounds / 10,
    );
    regex_stages("with `error`, templates", &catalog, &templates, rounds / 10);
    regex_stages("`error` removed", &catalog, &bare, rounds / 10);
    // What a cold start costs, and what it is made of.
    cold_stages(&catalog, &corpus, &matcher, rounds / 10);
    // What the same order every round is worth to the branch predictors.
    order_stages(&catalog, &corpus, &matcher, rounds / 10);
    // A group of its own, built after the others ran: the synthetic catalog's large tables
    // would otherwise push the other stages' data out of the caches between rounds.
    scale_stages(&corpus, &matcher, rounds);
}

/// Classifies every response of `set` with `matcher`.
fn classify_with(matcher: &Matcher<'_>, set: &[Response]) {
    for r in set {
        let m = matcher.classify(black_box(r.parts()));
        black_box(m.map(|m| m.captures().map(str::len).sum::<usize>()));
    }
}

/// `ApiError::from_parts` on every response of `set`.
fn from_parts_over(set: &[Response]) {
    for r in set {
        black_box(ApiError::from_parts(black_box(r.parts())));
    }
}

/// `ErrorKind::classify` (no `ApiError` box) on every response of `set`.
fn kind_over(set: &[Response]) {
    for r in set {
        black_box(ErrorKind::classify(black_box(r.parts())));
    }
}

/// The regex list on every response of `set`.
fn regexes_over(regexes: &RegexClassifier, set: &[Response]) {
    for r in set {
        black_box(regexes.classify(r.status, r.code.as_deref(), black_box(&r.description)));
    }
}

/// The bodies a template answers (with values), and the others (exact descriptions, or no
/// entry).
fn by_values(corpus: &[Response], matcher: &Matcher<'_>) -> (Vec<Response>, Vec<Response>) {
    corpus.iter().cloned().partition(|r| {
        matcher
            .classify(r.parts())
            .is_some_and(|m| m.captures().count() > 0)
    })
}

/// Target 1 and where its time goes.
fn parse_stages(name: &str, corpus: &[Response], matcher: &Matcher<'_>, rounds: usize) {
    let (templates, exact) = by_values(corpus, matcher);
    println!(
        "{name}: {rounds} interleaved rounds over {} bodies: {} answered without values (exact descriptions, or no entry), {} with template values",
        corpus.len(),
        exact.len(),
        templates.len()
    );
    let stages: Vec<Stage<'_>> = vec![
        (
            "serde_json borrowed struct (baseline)",
            0,
            Box::new(|| {
                for r in corpus {
                    let v: Borrowed<'_> = serde_json::from_slice(black_box(&r.body)).unwrap();
                    black_box((v.error, v.error_description));
                }
            }),
        ),
        (
            "ApiError::from_response",
            0,
            Box::new(|| {
                for r in corpus {
                    black_box(ApiError::from_response(r.status, black_box(&r.body)));
                }
            }),
        ),
        (
            "ApiError::from_parts (body already read)",
            0,
            Box::new(|| from_parts_over(corpus)),
        ),
        (
            "ErrorKind::classify (no ApiError box)",
            0,
            Box::new(|| kind_over(corpus)),
        ),
        (
            "Matcher::classify",
            0,
            Box::new(|| classify_with(matcher, corpus)),
        ),
        (
            "  exact descriptions only",
            0,
            Box::new(|| classify_with(matcher, &exact)),
        ),
        (
            "  templates only",
            0,
            Box::new(|| classify_with(matcher, &templates)),
        ),
    ];
    measure("stage (µs per corpus)", &stages, rounds);
}

/// Target 2: the hand-written classifier (one regex per description, status and `error`
/// compared first) against `ApiError::from_parts`; the ratio is the regex list's time over
/// ours.
///
/// Measured three ways, because what ran just before a classifier decides how much of its
/// data and branch history is still in the core:
/// - *after the caller's other work* (the figure target 2 is judged by): before each timed
///   stage the same untimed work runs (serde_json reading through a 1 MB document, see
///   [`other_work`]), which evicts both classifiers from the L1 and L2 caches and retrains
///   the branch predictors, as the work a real caller does between two failed calls would;
/// - *back to back*: each stage right after an untimed run of itself (a caller classifying a
///   batch, such as a log);
/// - *alternating* (what this group measured before): each stage right after the other one.
///   It is not even-handed: `from_parts` always follows 500 µs of regex matching, which
///   evicts it, while the regex list follows 40 µs of `from_parts`, which leaves it warm.
fn regex_stages(
    name: &str,
    catalog: &easemob_errors_tools::Catalog,
    corpus: &[Response],
    rounds: usize,
) {
    println!("{name}: {} bodies", corpus.len());
    let regexes = RegexClassifier::new(catalog);
    let other_work = other_work();
    let stages: Vec<Stage<'_>> = vec![
        (
            "ApiError::from_parts",
            0,
            Box::new(|| from_parts_over(corpus)),
        ),
        (
            "regex per description, status+error first",
            0,
            Box::new(|| regexes_over(&regexes, corpus)),
        ),
    ];
    let rounds = rounds.max(100);
    measure_after(
        "after other work (µs per corpus)",
        &stages,
        rounds,
        Before::Work(&other_work),
    );
    measure_after(
        "back to back (µs per corpus)",
        &stages,
        rounds,
        Before::Itself,
    );
    measure("alternating (µs per corpus)", &stages, rounds);
}

/// The untimed work before each stage of the regex comparison: a 1 MB JSON document (records
/// of strings and numbers, not error bodies) read through by serde_json without keeping
/// anything. It reads as much memory as a core's L2 cache holds (1 MiB on the project's
/// machine) and runs code of its own, as the
/// rest of a caller's program does between two failed calls, but allocates nothing: work that
/// frees a large heap changes the allocator's state (it can hand memory back to the system,
/// and the next allocations pay for fresh pages), and a first version that built and dropped
/// a `serde_json::Value` made `from_parts` five times slower: it measured the allocator, not
/// the classifiers.
fn other_work() -> impl Fn() {
    let records: Vec<serde_json::Value> = (0..10_000)
        .map(|i| {
            serde_json::json!({
                "id": i,
                "name": format!("record number {i}"),
                "tags": ["alpha", "beta", format!("t{}", i % 97)],
                "score": f64::from(i) * 1.5,
                "active": i % 3 == 0,
            })
        })
        .collect();
    let document = serde_json::to_vec(&records).unwrap_or_default();
    move || {
        let read: serde::de::IgnoredAny = serde_json::from_slice(black_box(&document)).unwrap();
        black_box(read);
    }
}

/// Where the cost of starting cold comes from: `from_parts`, the enum alone and the matcher
/// alone, each measured right after (untimed) the regex list's run over the corpus (what the
/// alternating way puts before `from_parts`), after a walk over 4 MiB that only evicts the
/// data caches, and after random branches over a few registers that only retrain the branch
/// predictors. The first shows where the extra time of a cold start goes (the matcher, or
/// the box and values), the two others which part of the machine's state it is. The matcher
/// is also timed on the bodies without values and on those a template answers, each set
/// after the same untimed work (the regex list over the whole corpus): their ratios to the
/// whole corpus say which bodies the cold start costs.
fn cold_stages(
    catalog: &easemob_errors_tools::Catalog,
    corpus: &[Response],
    matcher: &Matcher<'_>,
    rounds: usize,
) {
    println!("with `error`, from cold: {} bodies", corpus.len());
    let regexes = RegexClassifier::new(catalog);
    let (templates, exact) = by_values(corpus, matcher);
    let exact_name = format!("  its {} bodies without values", exact.len());
    let templates_name = format!("  its {} bodies with template values", templates.len());
    let stages: Vec<Stage<'_>> = vec![
        (
            "ApiError::from_parts",
            0,
            Box::new(|| from_parts_over(corpus)),
        ),
        (
            "ErrorKind::classify (no ApiError box)",
            0,
            Box::new(|| kind_over(corpus)),
        ),
        (
            "Matcher::classify",
            0,
            Box::new(|| classify_with(matcher, corpus)),
        ),
        (&exact_name, 2, Box::new(|| classify_with(matcher, &exact))),
        (
            &templates_name,
            2,
            Box::new(|| classify_with(matcher, &templates)),
        ),
    ];
    let regex_list = || regexes_over(&regexes, corpus);
    let rounds = rounds.max(100);
    measure_after("warm (µs per corpus)", &stages, rounds, Before::Itself);
    let after = |what: &str, work: &dyn Fn()| {
        let title = format!("after {what} (µs per corpus)");
        measure_after(&title, &stages, rounds, Before::Work(work));
    };
    after("the regex list", &regex_list);
    after("a 4 MiB walk", &data_walk());
    after("random branches", &random_branches);
}

/// The corpus in a new order every run, against the same order every run. Every other stage
/// classifies the corpus in one order, round after round, and the branch predictors learn
/// that sequence: a branch whose outcome depends on the body is then foreseen, as it would
/// not be for the answers a service really gets. Here each run (the untimed one before it
/// included) takes the next of 64 shuffles of the corpus.
fn order_stages(
    catalog: &easemob_errors_tools::Catalog,
    corpus: &[Response],
    matcher: &Matcher<'_>,
    rounds: usize,
) {
    println!(
        "with `error`, in a new order each run: {} bodies",
        corpus.len()
    );
    let shuffles = Shuffles::new(corpus.len(), 64);
    let fresh = || shuffles.next().iter().map(|&i| &corpus[i]);
    let regexes = RegexClassifier::new(catalog);
    let stages: Vec<Stage<'_>> = vec![
        (
            "ApiError::from_parts, same order",
            0,
            Box::new(|| from_parts_over(corpus)),
        ),
        (
            "ApiError::from_parts, new order",
            0,
            Box::new(|| {
                fresh().for_each(|r| {
                    black_box(ApiError::from_parts(r.parts()));
                })
            }),
        ),
        (
            "ErrorKind::classify, same order",
            0,
            Box::new(|| kind_over(corpus)),
        ),
        (
            "ErrorKind::classify, new order",
            0,
            Box::new(|| {
                fresh().for_each(|r| {
                    black_box(ErrorKind::classify(r.parts()));
                })
            }),
        ),
        (
            "Matcher::classify, same order",
            0,
            Box::new(|| classify_with(matcher, corpus)),
        ),
        (
            "Matcher::classify, new order",
            0,
            Box::new(|| {
                fresh().for_each(|r| {
                    black_box(matcher.classify(r.parts()));
                })
            }),
        ),
    ];
    let rounds = rounds.max(100);
    measure_after(
        "back to back (µs per corpus)",
        &stages,
        rounds * 5,
        Before::Itself,
    );
    let regex: Vec<Stage<'_>> = vec![
        (
            "ApiError::from_parts, new order",
            0,
            Box::new(|| {
                fresh().for_each(|r| {
                    black_box(ApiError::from_parts(r.parts()));
                })
            }),
        ),
        (
            "regex per description, new order",
            0,
            Box::new(|| {
                fresh().for_each(|r| {
                    black_box(regexes.classify(r.status, r.code.as_deref(), &r.description));
                });
            }),
        ),
    ];
    measure_after(
        "regex list, back to back (µs per corpus)",
        &regex,
        rounds,
        Before::Itself,
    );
    measure("regex list, alternating (µs per corpus)", &regex, rounds);
}

/// Fixed shuffles of `0..n`, handed out in turn.
struct Shuffles {
    orders: Vec<Vec<usize>>,
    turn: std::cell::Cell<usize>,
}

impl Shuffles {
    /// `count` shuffles (Fisher–Yates driven by xorshift, seeded by their number).
    fn new(n: usize, count: u64) -> Shuffles {
        let orders = (1..=count)
            .map(|seed| {
                let mut order: Vec<usize> = (0..n).collect();
                let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                for i in (1..n).rev() {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    order.swap(i, (x % (i as u64 + 1)) as usize);
                }
                order
            })
            .collect();
        Shuffles {
            orders,
            turn: std::cell::Cell::new(0),
        }
    }

    /// The next shuffle.
    fn next(&self) -> &[usize] {
        let k = self.turn.get();
        self.turn.set(k + 1);
        &self.orders[k % self.orders.len()]
    }
}

/// Reads one word of every 64-byte line of 4 MiB (twice a core's L2 cache): evicts the data
/// caches, runs a loop of one predictable branch.
fn data_walk() -> impl Fn() {
    let words: Vec<u64> = (0..(4u64 << 20) / 8).collect();
    move || {
        let sum = words
            .iter()
            .step_by(8)
            .fold(0u64, |s, &w| s.wrapping_add(w));
        black_box(sum);
    }
}

/// 200,000 rounds of a xorshift generator and four branches on its low bits: trains the
/// branch predictors on random outcomes, with no data beyond a few registers.
fn random_branches() {
    let (mut x, mut s) = (0x9E37_79B9_7F4A_7C15u64, 0u64);
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s = if x & 1 == 0 { s.wrapping_add(x) } else { s ^ x };
        if x & 2 == 0 {
            s = s.rotate_left(3);
        }
        if x & 4 == 0 {
            s = s.wrapping_mul(3);
        }
        if x & 8 == 0 {
            s = s.wrapping_sub(1);
        }
    }
    black_box(s);
}

/// Target 3: the same calls against the real catalog and the real catalog plus 10,000
/// synthetic entries in the same statuses and codes.
fn scale_stages(corpus: &[Response], matcher: &Matcher<'_>, rounds: usize) {
    let synthetic = match easemob_errors_tools::validate::load(
        &easemob_errors_bench::synthetic::sources_with_real(SYNTHETIC),
    ) {
        Ok(c) => c,
        Err(p) => panic!("{}", easemob_errors_tools::diagnostic::render_all(&p)),
    };
    let synthetic_rules = synthetic.rules();
    let synthetic_matcher = Matcher::new(&synthetic_rules);
    let scale: Vec<Stage<'_>> = vec![
        (
            "Matcher::classify, real catalog",
            0,
            Box::new(|| classify_with(matcher, corpus)),
        ),
        (
            "  with 10,000 synthetic entries added",
            0,
            Box::new(|| classify_with(&synthetic_matcher, corpus)),
        ),
    ];
    measure("scale (µs per corpus)", &scale, rounds);
}

/// (name, index of the stage its ratio is taken against, what one round runs).
type Stage<'a> = (&'a str, usize, Box<dyn Fn() + 'a>);

/// What runs, untimed, before each timed stage.
#[derive(Clone, Copy)]
enum Before<'a> {
    /// Nothing: each stage follows the one before it in the round.
    Nothing,
    /// The stage itself, once (its data and branches warm).
    Itself,
    /// The same work before every stage.
    Work(&'a dyn Fn()),
}

/// Runs `stages` interleaved for `rounds` rounds and prints their table.
fn measure(title: &str, stages: &[Stage<'_>], rounds: usize) {
    measure_after(title, stages, rounds, Before::Nothing);
}

/// [`measure`], running `before` untimed before each timed stage.
fn measure_after(title: &str, stages: &[Stage<'_>], rounds: usize, before: Before<'_>) {
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); stages.len()];
    let mut ratios: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); stages.len()];
    for _ in 0..rounds {
        let mut round = Vec::with_capacity(stages.len());
        for (_, _, run) in stages {
            match before {
                Before::Nothing => {}
                Before::Itself => run(),
                Before::Work(work) => work(),
            }
            let start = Instant::now();
            run();
            round.push(start.elapsed().as_secs_f64() * 1e6);
        }
        for (k, &t) in round.iter().enumerate() {
            times[k].push(t);
            ratios[k].push(t / round[stages[k].1]);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "{:<42} {:>9} {:>9} {:>9} {:>14}",
        title, "median", "p10", "fastest", "ratio (median)"
    );
    for (k, (name, _, _)) in stages.iter().enumerate() {
        let m = median(&mut times[k]);
        let (p10, fastest) = (times[k][times[k].len() / 10], times[k][0]);
        let r = median(&mut ratios[k]);
        println!("{name:<42} {m:>9.1} {p10:>9.1} {fastest:>9.1} {r:>13.2}×");
    }
}
