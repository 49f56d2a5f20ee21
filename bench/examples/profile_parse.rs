//! Runs `ApiError::from_response` (or, with `--serde`, the serde_json baseline; with
//! `--parts`, `ApiError::from_parts` on the already-parsed fields) over the real corpus in a
//! loop (`--bare`: every body without its `error`), for callgrind: `valgrind --tool=callgrind target/release/examples/profile_parse 50`.
use easemob_errors::ApiError;
use easemob_errors::ResponseParts;
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
    // Warm the matcher's index outside the measured loop.
    let _ = ApiError::from_response(400, b"{}");
    let mut known = 0usize;
    for _ in 0..n {
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
