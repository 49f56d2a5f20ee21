//! Runs `ApiError::from_response` (or, with `--serde`, the serde_json baseline; with
//! `--parts`, `ApiError::from_parts` on the already-parsed fields) over the real corpus in a
//! loop (`--bare`: every body without its `error`; `--alternate`: the regex list over the
//! corpus before each round, as `stages` alternates them), for callgrind:
//! `valgrind --tool=callgrind target/release/examples/profile_parse 50`; with
//! `--cache-sim=yes --toggle-collect='*classify_parts*'` and `--alternate`, the cache misses
//! `from_parts` takes after the regex list.
use easemob_errors::ApiError;
use easemob_errors::ResponseParts;
use easemob_errors_bench::baseline::RegexClassifier;
use easemob_errors_bench::corpus::{self, Borrowed};

fn main() {
    let catalog = corpus::real_catalog();
    let mut corpus = corpus::bodies(&catalog);
    let args: Vec<String> = std::env::args().collect();
    // `--bare`: the same bodies without `error` (the description-alone path).
    if args.iter().any(|a| a == "--bare") {
        corpus = corpus::without_error(&corpus);
    }
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let serde = args.iter().any(|a| a == "--serde");
    let parts = args.iter().any(|a| a == "--parts");
    // `--alternate`: the regex classifier runs over the corpus before each round, as in
    // `stages`' alternating mode, so the round starts from what it left in the caches.
    let regexes = args
        .iter()
        .any(|a| a == "--alternate")
        .then(|| RegexClassifier::new(&catalog));
    // Warm the matcher's index outside the measured loop.
    let _ = ApiError::from_response(400, b"{}");
    let mut known = 0usize;
    for _ in 0..n {
        if let Some(x) = &regexes {
            for r in &corpus {
                let hit = x.classify(r.status, r.code.as_deref(), &r.description);
                std::hint::black_box(hit);
            }
        }
        for r in &corpus {
            if parts {
                let e = ApiError::from_parts(ResponseParts {
                    status: r.status,
                    error: r.code.as_deref(),
                    error_code: None,
                    description: Some(std::hint::black_box(&r.description)),
                });
                known += usize::from(e.is_known());
            } else if serde {
                let b: Borrowed<'_> =
                    serde_json::from_slice(std::hint::black_box(&r.body)).unwrap();
                known += usize::from(b.error.is_some() && b.error_description.is_some());
            } else {
                let e = ApiError::from_response(r.status, std::hint::black_box(&r.body));
                known += usize::from(e.is_known());
            }
        }
    }
    println!("{known}");
}
