//! `easemob-errors explain --jsonl` throughput and memory (target 6): the command's own code
//! (the `easemob-errors-cli` library), fed a generated log in memory, with a counting
//! allocator that records the peak of live heap bytes: flat in the number of lines means
//! streaming, not collecting.

#![allow(unsafe_code)] // a GlobalAlloc impl is unsafe by definition

use divan::{Bencher, black_box};
use easemob_errors_bench::corpus;
use easemob_errors_cli::explain;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct PeakCounting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only tracks sizes.
unsafe impl GlobalAlloc for PeakCounting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: PeakCounting = PeakCounting;

/// Peak live heap bytes while explaining `log` (input and output buffers excluded).
fn peak_while_explaining(log: &[u8]) -> usize {
    let mut input = log;
    let mut sink = std::io::sink();
    let base = LIVE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    explain::run_jsonl(&mut input, &mut sink).unwrap();
    PEAK.load(Ordering::SeqCst) - base
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
