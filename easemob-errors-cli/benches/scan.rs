//! `easemob-errors scan` on a generated 1 GiB service log (`SCAN_BENCH_MB` changes the size),
//! against `grep -c error_description` on the same file in the same run: the floor of reading
//! the file and finding the lines. The command is run as a user runs it (the built binary, its
//! text output written to a file), rounds alternate the two (`SCAN_BENCH_ROUNDS`, default 3),
//! and the median of each is reported with the median of the per-round ratios. Memory is the
//! process's peak resident set, from `/usr/bin/time`: flat memory means it does not grow with
//! the log. The CPU seconds (user + system, both threads of `scan`) are reported too: on a
//! machine other work shares, they move far less than wall-clock time.
//!
//! `SCAN_BENCH_BEFORE=/path/to/an/older/easemob-errors` adds that binary to every round, so a
//! change is compared with what it replaces in the same run.
//!
//! Then, once, a log of the same size on one line (a minified JSON array of records, each with
//! a body): every body must be found, with memory still bounded (`SCAN_BENCH_ONE_LINE=0`
//! leaves it out).
//!
//! `cargo bench -p easemob-errors-cli --bench scan`

use easemob_errors_bench::corpus;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

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

/// What one timed run took: wall-clock seconds, CPU seconds, peak resident set in KiB.
#[derive(Clone, Copy, Default)]
struct Cost {
    wall: f64,
    cpu: f64,
    peak_kib: f64,
}

/// Runs `command` under `/usr/bin/time` (when there is one) and reads what it measured.
fn timed(program: &Path, args: &[&std::ffi::OsStr], stdout: Stdio) -> Cost {
    let report = data_dir().join("time-report.txt");
    let measured = Path::new("/usr/bin/time").exists();
    let mut command = if measured {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(&report)
            .arg(program);
        c
    } else {
        Command::new(program)
    };
    let start = Instant::now();
    let status = command
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::inherit())
        .status()
        .expect("the command runs");
    let wall = start.elapsed().as_secs_f64();
    assert!(status.success(), "{} failed: {status}", program.display());
    let numbers: Vec<f64> = std::fs::read_to_string(&report)
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [user, system, peak_kib] if measured => Cost {
            wall,
            cpu: user + system,
            peak_kib,
        },
        _ => Cost {
            wall,
            ..Cost::default()
        },
    }
}

/// `grep -c error_description LOG`: (what it cost, the lines it counted).
fn grep_count(path: &Path) -> (Cost, String) {
    let output = data_dir().join("grep-output.txt");
    let file = std::fs::File::create(&output).expect("room for the output");
    let cost = timed(
        Path::new("grep"),
        &[
            "-c".as_ref(),
            "error_description".as_ref(),
            path.as_os_str(),
        ],
        file.into(),
    );
    let lines = std::fs::read_to_string(&output).unwrap_or_default();
    (cost, lines.trim().to_owned())
}

/// The one-line log, generated once per size: its path and how many records it holds.
fn one_line_file(megabytes: usize) -> (PathBuf, usize) {
    let path = data_dir().join(format!("one-line-{megabytes}mb.log"));
    let count = data_dir().join(format!("one-line-{megabytes}mb.records"));
    if let Some(records) = std::fs::read_to_string(&count)
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|_| path.exists())
    {
        return (path, records);
    }
    std::fs::create_dir_all(data_dir()).expect("a target directory");
    let (log, records) = corpus::one_line_log(&corpus::real_catalog(), megabytes << 20);
    std::fs::write(&path, log).expect("room for the log");
    std::fs::write(&count, records.to_string()).expect("room for the count");
    (path, records)
}

/// `binary scan --lang en LOG > file`: (what it cost, the errors it counted).
fn scan_once(binary: &Path, log: &Path) -> (Cost, usize) {
    let output = data_dir().join("scan-output.txt");
    let file = std::fs::File::create(&output).expect("room for the output");
    let cost = timed(
        binary,
        &[
            "scan".as_ref(),
            "--lang".as_ref(),
            "en".as_ref(),
            log.as_os_str(),
        ],
        file.into(),
    );
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
    (cost, found)
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
    let mut greps = vec![];
    let mut runs: Vec<Vec<(Cost, f64, f64)>> = vec![vec![]; binaries.len()];
    for round in 0..rounds {
        let (g, lines) = grep_count(&path);
        print!(
            "round {round}: grep -c {:.2} s, {:.2} s CPU ({lines} lines)",
            g.wall, g.cpu
        );
        for ((name, binary), costs) in binaries.iter().zip(runs.iter_mut()) {
            let (s, found) = scan_once(binary, &path);
            print!(
                "; {name} {:.2} s, {:.2} s CPU ({found} errors, peak RSS {:.0} KiB)",
                s.wall, s.cpu, s.peak_kib
            );
            costs.push((s, s.wall / g.wall, s.cpu / g.cpu));
        }
        println!();
        greps.push(g);
    }
    println!(
        "median: grep -c {:.2} s, {:.2} s CPU",
        median(greps.iter().map(|g| g.wall).collect()),
        median(greps.iter().map(|g| g.cpu).collect())
    );
    for ((name, _), costs) in binaries.iter().zip(runs) {
        let wall = median(costs.iter().map(|c| c.0.wall).collect());
        println!(
            "median: {name} {wall:.2} s ({:.0} MiB/s), {:.2} s CPU; median of per-round ratios to grep: {:.2}x wall, {:.2}x CPU; peak RSS median {:.0} KiB",
            size as f64 / 1048576.0 / wall,
            median(costs.iter().map(|c| c.0.cpu).collect()),
            median(costs.iter().map(|c| c.1).collect()),
            median(costs.iter().map(|c| c.2).collect()),
            median(costs.iter().map(|c| c.0.peak_kib).collect()),
        );
    }
    if env_number("SCAN_BENCH_ONE_LINE", 1) == 1 {
        let (path, records) = one_line_file(megabytes);
        let (s, found) = scan_once(&binaries[0].1, &path);
        println!(
            "one line of {:.0} MiB, {records} records: scan {:.2} s, {:.2} s CPU, {found} errors, peak RSS {:.0} KiB",
            std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1048576.0,
            s.wall,
            s.cpu,
            s.peak_kib
        );
        assert_eq!(found, records, "every body of the one-line log");
    }
}
