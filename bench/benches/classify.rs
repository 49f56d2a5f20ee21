//! Classification speed (targets 1–3 of the performance issue); every group measures a
//! baseline in the same run, so ratios survive a noisy machine.
//!
//! - `parse`: `ApiError::from_response` vs serde_json parsing the same bodies into a struct
//!   of borrowed `error` / `error_description` (the floor: reading the body once).
//! - `parts`: `ApiError::from_parts` vs the hand-written regex list.
//! - `scale`: the matcher classifying the real corpus with the real catalog vs the real
//!   catalog plus 10,000 synthetic entries in the same statuses and codes.
//!
//! Each benchmark classifies a whole corpus per iteration; divide by the corpus size (printed
//! first) for the time per call.

use divan::{Bencher, black_box};
use easemob_errors::ApiError;
use easemob_errors::ResponseParts;
use easemob_errors_bench::corpus::Borrowed;
use easemob_errors_bench::{baseline::RegexClassifier, corpus, synthetic};
use easemob_errors_core::matcher::Matcher;
use std::sync::OnceLock;

fn main() {
    let real = corpus::examples(&corpus::real_catalog()).len();
    let synth = corpus::examples(synthetic_catalog()).len();
    eprintln!(
        "corpus: {real} real examples; {synth} examples in the real + {SYNTHETIC} synthetic catalog"
    );
    divan::main();
}

const SYNTHETIC: usize = 10_000;

fn synthetic_catalog() -> &'static easemob_errors_tools::Catalog {
    static C: OnceLock<easemob_errors_tools::Catalog> = OnceLock::new();
    C.get_or_init(|| {
        match easemob_errors_tools::validate::load(&synthetic::sources_with_real(SYNTHETIC)) {
            Ok(c) => c.catalog,
            Err(p) => panic!("{}", easemob_errors_tools::diagnostic::render_all(&p)),
        }
    })
}

fn real() -> &'static [corpus::Response] {
    static R: OnceLock<Vec<corpus::Response>> = OnceLock::new();
    R.get_or_init(|| corpus::examples(&corpus::real_catalog()))
}

mod parse {
    use super::*;

    #[divan::bench(sample_count = 500)]
    fn serde_json_borrowed_struct(b: Bencher) {
        let corpus = real();
        b.bench(|| {
            for r in corpus {
                let v: Borrowed<'_> = serde_json::from_slice(black_box(&r.body)).unwrap();
                black_box((v.error, v.error_description));
            }
        });
    }

    #[divan::bench(sample_count = 500)]
    fn from_response(b: Bencher) {
        let corpus = real();
        b.bench(|| {
            for r in corpus {
                black_box(ApiError::from_response(r.status, black_box(&r.body)));
            }
        });
    }
}

mod parts {
    use super::*;

    #[divan::bench(sample_count = 500)]
    fn regex_list_baseline(b: Bencher) {
        let corpus = real();
        let classifier = RegexClassifier::new(&corpus::real_catalog());
        b.bench(|| {
            for r in corpus {
                black_box(classifier.classify(
                    r.status,
                    r.code.as_deref(),
                    black_box(&r.description),
                ));
            }
        });
    }

    #[divan::bench(sample_count = 500)]
    fn from_parts(b: Bencher) {
        let corpus = real();
        b.bench(|| {
            for r in corpus {
                black_box(ApiError::from_parts(ResponseParts {
                    status: r.status,
                    error: r.code.as_deref(),
                    error_code: None,
                    description: Some(black_box(&r.description)),
                }));
            }
        });
    }
}

mod scale {
    use super::*;

    /// `corpus` classified with `catalog`'s matcher, per call.
    fn run(b: Bencher, catalog: &easemob_errors_tools::Catalog, corpus: &[corpus::Response]) {
        let rules = catalog.rules();
        let matcher = Matcher::new(&rules);
        b.counter(divan::counter::ItemsCount::new(corpus.len()))
            .bench(|| {
                for r in corpus {
                    let m = matcher.classify(black_box(r.parts()));
                    black_box(m.map(|m| m.captures().map(str::len).sum::<usize>()));
                }
            });
    }

    /// The real corpus with the real catalog...
    #[divan::bench(sample_count = 500)]
    fn real_catalog(b: Bencher) {
        run(b, &corpus::real_catalog(), real());
    }

    /// ...and the same calls with 10,000 synthetic entries added: only the catalog size differs.
    #[divan::bench(sample_count = 500)]
    fn real_plus_10000_synthetic(b: Bencher) {
        run(b, synthetic_catalog(), real());
    }

    /// The synthetic catalog's own examples (more templates, longer texts than the real
    /// corpus), for the per-call cost at 10,000 entries.
    #[divan::bench(sample_count = 100)]
    fn synthetic_examples_10000(b: Bencher) {
        run(
            b,
            synthetic_catalog(),
            &corpus::examples(synthetic_catalog()),
        );
    }
}
