//! `easemob-errors explain --jsonl` throughput and memory: the built command, fed a generated
//! log on stdin as a user pipes one, its output written to a file. Before the timed runs, the
//! peak resident set of one run per size (from `/usr/bin/time -f %M`): flat in the number of
//! lines means streaming, not collecting.
//!
//! `cargo bench -p easemob-errors-cli --bench jsonl`

use divan::Bencher;
use easemob_errors_bench::corpus;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BINARY: &str = env!("CARGO_BIN_EXE_easemob-errors");

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    std::fs::create_dir_all(&dir).expect("a target directory");
    dir
}

/// A generated JSON-lines log of `lines` responses, written once.
fn log_file(lines: usize) -> PathBuf {
    let path = data_dir().join(format!("responses-{lines}.jsonl"));
    if !path.exists() {
        let log = corpus::jsonl_log(&corpus::real_catalog(), lines);
        std::fs::write(&path, log).expect("room for the log");
    }
    path
}

/// `[/usr/bin/time -f %M -o RSS] easemob-errors explain --jsonl < log > out`.
fn explain(log: &Path, rss: Option<&Path>) {
    let mut command = match rss {
        Some(rss) => {
            let mut c = Command::new("/usr/bin/time");
            c.arg("-f").arg("%M").arg("-o").arg(rss).arg(BINARY);
            c
        }
        None => Command::new(BINARY),
    };
    let out = data_dir().join("jsonl-output.jsonl");
    let status = command
        .args(["explain", "--jsonl"])
        .stdin(std::fs::File::open(log).expect("the log"))
        .stdout(std::fs::File::create(out).expect("room for the output"))
        .stderr(Stdio::inherit())
        .status()
        .expect("the command runs");
    assert!(status.success(), "explain --jsonl failed: {status}");
}

fn main() {
    let rss = data_dir().join("jsonl-rss.txt");
    if Path::new("/usr/bin/time").exists() {
        for lines in [1_000, 10_000, 100_000] {
            let log = log_file(lines);
            explain(&log, Some(&rss));
            let peak = std::fs::read_to_string(&rss).unwrap_or_default();
            eprintln!(
                "jsonl {lines:>7} lines ({:>6} KiB): peak RSS {} KiB",
                std::fs::metadata(&log).map_or(0, |m| m.len() / 1024),
                peak.trim()
            );
        }
    }
    divan::main();
}

#[divan::bench(args = [10_000, 100_000], sample_count = 10)]
fn explain_jsonl(b: Bencher, lines: usize) {
    let log = log_file(lines);
    b.counter(divan::counter::ItemsCount::new(lines))
        .bench(|| explain(&log, None));
}
