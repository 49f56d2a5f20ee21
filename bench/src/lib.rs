//! Benchmark support: corpora, synthetic catalogs and the hand-written baselines the benchmarks compare with.
//! Depended on by the benchmarks in `bench/benches` and `xtask build-cost`; never published.
//!
//! What the benchmarks measure against: realistic corpora, a synthetic catalog of any size,
//! and the classifier a user would write by hand (one regex per entry, tried in order).
//!
//! `cargo bench -p easemob-errors-bench` runs them; the README's "Performance" section has the
//! figures and how to read them.

pub mod baseline;
pub mod corpus;
pub mod synthetic;
