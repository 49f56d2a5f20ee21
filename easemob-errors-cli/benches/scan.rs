//! `easemob-errors scan` on a generated 1 GiB service log (`SCAN_BENCH_MB` changes the size),
//! against `grep -c error_description` on the same file in the same run: the floor of reading
//! the file and finding the lines. The command is run as a user runs it (the built binary, its
//! text output written to a file), rounds alternate the two (`SCAN_BENCH_ROUNDS`, default 3),
//! and the median of each is reported with the median of the per-round ratios. Memory is the
//! process's peak resident set, from `/usr/bin/time -f %M`: flat memory means it does not grow
//! with the log.
//!
//! `SCAN_BENCH_BEFORE=/path/to/an/older/easemob-errors` adds that binary to every round, so a
//! change is compared with what it replaces in the same run.
//!
//! `cargo bench -p easemob-errors-cli --bench scan`

use easemob_errors_bench::corpus;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data")
}

/// The log file, generated once per size into the target directory.
fn log_file(megabytes: usize) -> PathBuf {
    let path = data_dir().join(format!("service-{megabytes}mb.log"));
    if !path.exists() {
        std::fs::create_dir_all(data_dir()).expect("a target directory");
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

/// One run of `binary scan --lang en LOG > file`: (time, errors it counted, peak resident
/// set in KiB when `/usr/bin/time` is there to measure it).
fn scan_once(binary: &Path, log: &Path) -> (Duration, usize, Option<u64>) {
    let output = data_dir().join("scan-output.txt");
    let rss = data_dir().join("scan-rss.txt");
    let timed = Path::new("/usr/bin/time").exists();
    let mut command = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(&rss).arg(binary);
        c
    } else {
        Command::new(binary)
    };
    command
        .args(["scan", "--lang", "en"])
        .arg(log)
        .stdout(std::fs::File::create(&output).expect("room for the output"))
        .stderr(Stdio::inherit());
    let start = Instant::now();
    let status = command.status().expect("the command runs");
    let elapsed = start.elapsed();
    assert!(status.success(), "scan failed: {status}");
    let text = std::fs::read_to_string(&output).expect("the output");
    // The summary's first line: `N errors, K kinds`.
    let found = text
        .lines()
        .rev()
        .find_map(|l| {
            l.strip_suffix(" kinds")?
                .split(" errors, ")
                .next()?
                .parse()
                .ok()
        })
        .expect("a summary");
    let peak = timed
        .then(|| std::fs::read_to_string(&rss).ok()?.trim().parse().ok())
        .flatten();
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
    let mut binaries = vec![("scan", PathBuf::from(env!("CARGO_BIN_EXE_easemob-errors")))];
    if let Some(before) = std::env::var_os("SCAN_BENCH_BEFORE") {
        binaries.push(("before", PathBuf::from(before)));
    }
    println!(
        "scan of {} ({:.0} MiB), {rounds} interleaved rounds",
        path.display(),
        size as f64 / 1048576.0
    );
    let mut grep_s = vec![];
    let mut runs: Vec<(Vec<f64>, Vec<f64>, Vec<f64>)> =
        vec![(vec![], vec![], vec![]); binaries.len()];
    for round in 0..rounds {
        let (g, lines) = grep_count(&path);
        print!(
            "round {round}: grep -c {:.2} s ({lines} lines)",
            g.as_secs_f64()
        );
        for ((name, binary), (times, ratios, peaks)) in binaries.iter().zip(runs.iter_mut()) {
            let (s, found, peak) = scan_once(binary, &path);
            print!(
                ", {name} {:.2} s ({found} errors, peak RSS {} KiB)",
                s.as_secs_f64(),
                peak.map_or("?".into(), |p| p.to_string())
            );
            times.push(s.as_secs_f64());
            ratios.push(s.as_secs_f64() / g.as_secs_f64());
            peaks.push(peak.unwrap_or(0) as f64);
        }
        println!();
        grep_s.push(g.as_secs_f64());
    }
    println!("median: grep -c {:.2} s", median(grep_s));
    for ((name, _), (times, ratios, peaks)) in binaries.iter().zip(runs) {
        let s = median(times);
        println!(
            "median: {name} {s:.2} s ({:.0} MiB/s); median of per-round ratios to grep {:.2}x; peak RSS median {:.0} KiB",
            size as f64 / 1048576.0 / s,
            median(ratios),
            median(peaks)
        );
    }
}
