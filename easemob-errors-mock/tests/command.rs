//! The `easemob-errors-mock` command: its first stdout line, one stderr line per fault, and
//! exit code 2 with a located message for a bad rules file, an unknown id or a bad upstream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_easemob-errors-mock");

fn write_rules(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("easemob-errors-mock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn get(address: &str, path: &str, header: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n{header}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn serves_and_logs_one_line_per_fault() {
    let rules = write_rules(
        "ok.yaml",
        "- when: { path: \"/*/*/users/*\" }\n  reply: user_not_found_by_name\n  times: 1\n",
    );
    let mut child = Command::new(BIN)
        .args(["--rules", rules.to_str().unwrap(), "--seed", "3"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let address = first
        .trim_end()
        .strip_prefix("listening on http://")
        .expect(&first)
        .to_owned();
    assert!(address.starts_with("127.0.0.1:"), "{first}");

    assert!(get(&address, "/o/a/users/u1", "").starts_with("HTTP/1.1 404"));
    assert!(get(&address, "/o/a/users/u1", "").starts_with("HTTP/1.1 200"));
    let injected = get(
        &address,
        "/o/a/chatgroups/5",
        "X-Easemob-Mock-Error: api_rate_limited\r\n",
    );
    assert!(injected.starts_with("HTTP/1.1 429"), "{injected}");
    assert!(
        injected.to_ascii_lowercase().contains("retry-after: 1\r\n"),
        "{injected}"
    );

    child.kill().unwrap();
    child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "seed 3",
            "GET /o/a/users/u1 user_not_found_by_name 404",
            "GET /o/a/chatgroups/5 api_rate_limited 429"
        ]
    );
}

fn run_failing(args: &[&str]) -> String {
    let output = Command::new(BIN).args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty());
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn a_mistake_in_the_rules_is_located_and_exits_2() {
    let rules = write_rules(
        "bad.yaml",
        "- when: { path: \"/*/*/users/**\" }\n  reply: token_expired\n  rate: 1.5\n",
    );
    let stderr = run_failing(&["--rules", rules.to_str().unwrap()]);
    let shown = rules.display().to_string();
    assert_eq!(
        stderr,
        format!(
            "{shown}:3:9: `rate: 1.5` is not a fraction of requests\n  help: write a fraction \
             above 0 and at most 1, such as 0.25 for a quarter\n1 problem in the rules\n"
        )
    );
}

#[test]
fn an_unknown_id_names_the_nearest_and_exits_2() {
    let rules = write_rules("typo.yaml", "- reply: api_rate_limit\n");
    let stderr = run_failing(&["--rules", rules.to_str().unwrap()]);
    assert!(
        stderr.contains(":1:10: `api_rate_limit` is not a catalog id; nearest: api_rate_limited"),
        "{stderr}"
    );
}

#[test]
fn an_https_upstream_is_refused_with_what_to_do() {
    let stderr = run_failing(&["--upstream", "https://a1.easemob.com"]);
    assert!(stderr.contains("TLS-terminating proxy"), "{stderr}");
}
