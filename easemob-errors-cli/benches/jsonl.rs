//! `easemob-errors explain --jsonl` throughput and memory (target 6): the command's own code
//! (the `easemob-errors-cli` library), fed a generated log in memory, with a counting
//! allocator that records the peak of live heap bytes: flat in the number of lines means
//! streaming, not collecting.

use divan::{Bencher, black_box};
use easemob_errors_bench::corpus;
use easemob_errors_bench::heap::{PeakCounting, peak_during};
use easemob_errors_cli::explain;

#[global_allocator]
static GLOBAL: PeakCounting = PeakCounting;

/// Peak live heap bytes while explaining `log` (input and output buffers excluded).
fn peak_while_explaining(log: &[u8]) -> usize {
    let mut input = log;
    let mut sink = std::io::sink();
    peak_during(|| explain::run_jsonl(&mut input, &mut sink).unwrap()).1
}

fn main() {
    let catalog = corpus::real_catalog();
    for lines in [1_000, 10_000, 100_000] {
        let log = corpus::jsonl_log(&catalog, lines);
        let peak = peak_while_explaining(&log);
        eprintln!(
            "jsonl {lines:>7} lines ({:>6} KiB): peak heap while explaining {peak} bytes",
            log.len() / 1024
        );
    }
    divan::main();
}

#[divan::bench(args = [10_000, 100_000], sample_count = 10)]
fn explain_jsonl(b: Bencher, lines: usize) {
    let log = corpus::jsonl_log(&corpus::real_catalog(), lines);
    b.counter(divan::counter::ItemsCount::new(lines)).bench(|| {
        let mut input = &log[..];
        let mut out = Vec::with_capacity(log.len() * 2);
        explain::run_jsonl(&mut input, &mut out).unwrap();
        black_box(out.len())
    });
}
