//! `easemob-errors scan` on a generated 1 GB service log (`SCAN_BENCH_MB` changes the size),
//! against `grep -c error_description` on the same file in the same run: the floor of reading
//! the file and finding the lines. Rounds alternate the two (`SCAN_BENCH_ROUNDS`, default 3),
//! and the median of each is reported with their ratio. The peak of live heap bytes during a
//! scan is recorded by a counting allocator: flat memory means it does not grow with the log.
//!
//! `cargo bench -p easemob-errors-bench --bench scan`

use easemob_errors_bench::corpus;
use easemob_errors_bench::heap::{PeakCounting, peak_during};
use easemob_errors_cli::output::{Lang, Paint};
use easemob_errors_cli::scan::{self, ScanArgs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: PeakCounting = PeakCounting;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The log file, generated once per size into the target directory.
fn log_file(megabytes: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    let path = dir.join(format!("service-{megabytes}mb.log"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("a target directory");
        let catalog = corpus::real_catalog();
        let log = corpus::service_log(&catalog, megabytes << 20);
        std::fs::write(&path, log).expect("room for the log");
    }
    path
}

fn grep_count(path: &Path) -> (Duration, String) {
    let start = Instant::now();
    let out = Command::new("grep")
        .arg("-c")
        .arg("error_description")
        .arg(path)
        .output()
        .expect("grep");
    (
        start.elapsed(),
        String::from_utf8_lossy(&out.stdout).trim().to_owned(),
    )
}

/// One scan: (time, errors found, peak live heap bytes during the scan).
fn scan_once(path: &Path) -> (Duration, usize, usize) {
    let args = ScanArgs {
        files: vec![path.to_path_buf()],
        lang: Lang::En,
        json: false,
    };
    let start = Instant::now();
    let (summary, peak) = peak_during(|| scan::run(&args, &mut std::io::sink(), Paint::off()));
    let elapsed = start.elapsed();
    let found = summary
        .expect("the log scans")
        .rows
        .values()
        .map(|t| t.count)
        .sum();
    (elapsed, found, peak)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let megabytes = env_number("SCAN_BENCH_MB", 1024);
    let rounds = env_number("SCAN_BENCH_ROUNDS", 3);
    let path = log_file(megabytes);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "scan of {} ({:.0} MiB), {rounds} interleaved rounds",
        path.display(),
        size as f64 / 1048576.0
    );
    let (mut grep_s, mut scan_s, mut ratios, mut peaks) = (vec![], vec![], vec![], vec![]);
    for round in 0..rounds {
        let (g, lines) = grep_count(&path);
        let (s, found, peak) = scan_once(&path);
        println!(
            "round {round}: grep -c {:.2} s ({lines} lines), scan {:.2} s ({found} errors), peak heap {peak} bytes",
            g.as_secs_f64(),
            s.as_secs_f64()
        );
        grep_s.push(g.as_secs_f64());
        scan_s.push(s.as_secs_f64());
        ratios.push(s.as_secs_f64() / g.as_secs_f64());
        peaks.push(peak as f64);
    }
    let (g, s) = (median(grep_s), median(scan_s));
    println!(
        "median: grep -c {g:.2} s, scan {s:.2} s ({:.0} MiB/s); median of per-round ratios {:.2}x; peak heap median {:.0} bytes",
        size as f64 / 1048576.0 / s,
        median(ratios),
        median(peaks)
    );
}
