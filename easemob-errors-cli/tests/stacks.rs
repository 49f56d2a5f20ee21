//! `scan` on what common HTTP clients and loggers print when an Easemob call fails (the
//! samples in `tests/stacks/`): the status read where the client prints it (next to its
//! reason phrase, or on the response head's line before the body), the request from separate
//! JSON keys, Node's `util.inspect`, bodies cut short, Windows line endings; then lines of any
//! length, and output bounded however long a description.

mod common;

use common::{run, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/stacks")
        .join(name)
}

/// `scan --json` of `args`, every object.
fn scan_json(args: &[&str], stdin: &[u8]) -> Vec<Value> {
    let mut all = vec!["scan", "--json"];
    all.extend_from_slice(args);
    let o = run(&all, stdin);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn scan_file(name: &str) -> Vec<Value> {
    scan_json(&[sample(name).to_str().unwrap()], b"")
}

/// (line, status, status_inferred, id) of each error.
fn found(errors: &[Value]) -> Vec<(u64, u64, bool, Option<&str>)> {
    errors
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["status"].as_u64().unwrap(),
                e["status_inferred"].as_bool().unwrap(),
                e["id"].as_str(),
            )
        })
        .collect()
}

#[test]
fn spring_status_with_its_reason_phrase() {
    let e = scan_file("spring.log");
    assert_eq!(
        found(&e),
        [(2, 403, false, Some("users_not_group_members"))]
    );
}

#[test]
fn python_requests_and_loguru() {
    let e = scan_file("python.log");
    assert_eq!(found(&e), [(1, 400, false, Some("username_illegal"))]);
}

#[test]
fn okhttp_status_on_the_response_head_before_the_body() {
    // `<-- 401 Unauthorized https://…`, two headers and a blank line, then the body, each
    // behind logcat's prefix.
    let e = scan_file("okhttp.log");
    assert_eq!(found(&e), [(6, 401, false, Some("token_expired"))]);
}

#[test]
fn curl_verbose_status_line_then_headers_then_the_body() {
    let e = scan_file("curl.log");
    assert_eq!(found(&e), [(12, 429, false, Some("api_rate_limited"))]);
}

#[test]
fn guzzle_status_in_the_message_on_the_line_before_and_truncated_bodies() {
    let e = scan_file("guzzle.log");
    assert_eq!(
        found(&e),
        [
            (1, 400, false, Some("username_illegal")),
            // The status line, then a body cut at 120 bytes whose `error` names many entries.
            (3, 403, false, None),
            // Cut too, but its `error` names one entry.
            (5, 404, false, Some("application_not_found")),
        ]
    );
    assert_eq!(e[0]["request"], Value::Null, "requests are not serialized");
    for cut in &e[1..] {
        assert_eq!(cut["truncated"], true);
        assert_eq!(cut["description"], Value::Null);
    }
    assert_eq!(e[0]["truncated"], false);
    assert_eq!(e[1]["error"], "forbidden_op");
    assert_eq!(e[2]["matched_by"], "error");
    let o = run(&["scan", sample("guzzle.log").to_str().unwrap()], b"");
    let text = stdout(&o);
    assert!(
        text.contains("line 3  403  unknown \"forbidden_op\" [truncated]"),
        "{text}"
    );
    assert!(
        text.contains("line 5  404  application_not_found [truncated]"),
        "{text}"
    );
    // Nothing to draft from a cut body.
    let o = run(&["draft", sample("guzzle.log").to_str().unwrap()], b"");
    assert_eq!(
        stdout(&o).trim(),
        "# 1 unknown bodies were cut short in the log: nothing to draft from them"
    );
}

#[test]
fn the_line_before_is_used_only_for_bodies_without_a_status() {
    // Guzzle's message, then a body on the next line; a body on its own after a body with its
    // status: the status of the line before belongs to that line's body.
    let log = concat!(
        "Client error: `POST https://a1.easemob.com/easemob-demo/chatdemoui/users` resulted in a `400 Bad Request` response:\n",
        r#"{"error":"illegal_argument","exception":"java.lang.IllegalArgumentException","timestamp":1,"duration":0,"error_description":"username [bad name] is not legal"}"#,
        "\n",
        r#"status=429 body={"error":"reach_limit","error_description":"This request has reached api limit"}"#,
        "\n",
        r#"response: {"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}"#,
        "\n",
        "INFO POST /easemob-demo/chatdemoui/messages/users status=200 took 12 ms\n",
        r#"response: {"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}"#,
        "\n",
    );
    let e = scan_json(&[], log.as_bytes());
    assert_eq!(
        found(&e),
        [
            (2, 400, false, Some("username_illegal")),
            (3, 429, false, Some("api_rate_limited")),
            (4, 401, true, Some("token_expired")),
            // A success on the line before is another call's.
            (6, 401, true, Some("token_expired")),
        ]
    );
    // The request on Guzzle's line gave the endpoint's cause.
    let o = run(&["scan", "--lang", "en"], log.as_bytes());
    assert!(
        stdout(&o).contains("line 2  400  username_illegal  The username being registered"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn zap_and_logrus_requests_in_their_own_keys() {
    let e = scan_file("zap.log");
    assert_eq!(
        found(&e),
        [
            (1, 403, false, Some("users_not_group_members")),
            (2, 403, false, Some("users_not_group_members")),
        ]
    );
    // The endpoint's cause (removing a member), found through `method` and `path`/`url`.
    let o = run(
        &["scan", "--lang", "en", sample("zap.log").to_str().unwrap()],
        b"",
    );
    let text = stdout(&o);
    assert_eq!(
        text.matches("The users being removed are not members of the group.")
            .count(),
        2,
        "{text}"
    );
}

#[test]
fn node_util_inspect() {
    let e = scan_file("node.log");
    assert_eq!(
        found(&e),
        [
            (1, 429, true, Some("api_rate_limited")),
            (2, 401, true, Some("token_expired")),
            // Spread over lines 3 to 9 (wider than 80 columns), found once, on the line
            // that completes it.
            (8, 403, true, Some("users_not_group_members")),
        ]
    );
    assert_eq!(e[0]["description"], "This request has reached api limit");
}

#[test]
fn pretty_printed_json_over_several_lines() {
    // Python's `json.dumps(indent=2)` after a reason phrase, then Jackson's pretty printer.
    let e = scan_file("pretty.log");
    assert_eq!(
        found(&e),
        [
            (6, 403, false, Some("users_not_group_members")),
            (13, 401, true, Some("token_expired")),
        ]
    );
}

#[test]
fn windows_line_endings() {
    let log = concat!(
        "2026-11-29 03:12:53 WARN easemob call failed POST /easemob-demo/chatdemoui/users status=400 body=",
        r#"{"error":"illegal_argument","error_description":"username [bad name] is not legal"}"#,
        "\r\nHTTP/1.1 401 Unauthorized\r\n",
        r#"{"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}"#,
        "\r\n",
    );
    let e = scan_json(&[], log.as_bytes());
    assert_eq!(
        found(&e),
        [
            (1, 400, false, Some("username_illegal")),
            (3, 401, false, Some("token_expired")),
        ]
    );
}

/// One record of a minified JSON array: its status, its request in keys, and its body
/// (escaped in every third record).
fn record(i: usize) -> String {
    let (status, body) = if i.is_multiple_of(2) {
        (
            429,
            r#"{"error":"reach_limit","error_description":"This request has reached api limit"}"#,
        )
    } else {
        (
            403,
            r#"{"error":"forbidden_op","error_description":"users [u1] are not members of this group!"}"#,
        )
    };
    format!(
        r#"{{"status":{status},"method":"DELETE","path":"/org/app/chatgroups/{i}/users/u1","body":{body}}}"#
    )
}

#[test]
fn a_line_of_any_length_is_read_in_windows() {
    // About 3 MB on one line: several windows, with bodies cut by their edges.
    let n = 30_000;
    let records: Vec<String> = (0..n).map(record).collect();
    let log = format!("first line\n[{}]\nlast line\n", records.join(","));
    assert!(log.len() > 2_500_000);
    let e = scan_json(&[], log.as_bytes());
    assert_eq!(e.len(), n);
    for (i, err) in e.iter().enumerate() {
        let expected = if i % 2 == 0 { 429 } else { 403 };
        assert_eq!(err["line"], 2);
        assert_eq!(err["status"], expected, "body {i}");
        assert_eq!(err["status_inferred"], false);
        assert!(err["id"].is_string(), "body {i}: {err}");
    }
    // Text output: counted, and nothing said to be skipped.
    let o = run(&["scan"], log.as_bytes());
    let text = stdout(&o);
    assert!(text.contains(&format!("{n} errors, 2 kinds")), "{text}");
    assert!(!text.contains("not read"), "{text}");
}

#[test]
fn escaped_bodies_in_a_long_line() {
    let body = r#"{\"error\":\"reach_limit\",\"error_description\":\"This request has reached api limit\"}"#;
    let n = 20_000;
    let records: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"level":"error","status":429,"n":{i},"resp":"{body}"}}"#))
        .collect();
    let log = records.join(",");
    assert!(log.len() > 2_000_000);
    let e = scan_json(&[], log.as_bytes());
    assert_eq!(e.len(), n);
    assert!(
        e.iter()
            .all(|e| e["id"] == "api_rate_limited" && e["status"] == 429)
    );
}

#[test]
fn a_body_too_long_for_a_window_is_counted_not_skipped_silently() {
    let huge = "x".repeat(1_500_000);
    let log = format!(
        r#"{} {{"error":"new_thing","exception":"E","error_description":"{huge}"}} {}"#,
        record(0),
        record(1)
    );
    let o = run(&["scan"], log.as_bytes());
    let text = stdout(&o);
    assert!(text.contains("2 errors, 2 kinds"), "{text}");
    assert!(
        text.contains("1 objects that looked like error bodies were longer than"),
        "{text}"
    );
}

#[test]
fn output_is_bounded_however_long_the_description() {
    let description = "the quota of feature x12 is exhausted ".repeat(5_000);
    let log = format!(
        r#"status=400 body={{"error":"new_thing_{}","error_description":"{description}"}}"#,
        "y".repeat(300)
    );
    let o = run(&["scan"], log.as_bytes());
    let text = stdout(&o);
    for line in text.lines() {
        assert!(line.len() <= 2000, "{} bytes: {line:.100}", line.len());
    }
    assert!(text.lines().next().unwrap().ends_with('…'));
    // `--json` keeps the whole description.
    let e = scan_json(&[], log.as_bytes());
    assert_eq!(e[0]["description"], description.as_str());
    // `draft`: an id of at most 64 characters, the example cut like the text.
    let o = run(&["draft"], log.as_bytes());
    let yaml = stdout(&o);
    let id = yaml.lines().find_map(|l| l.strip_prefix("- id: ")).unwrap();
    assert!(id.len() <= 64, "{id}");
    let example = yaml
        .lines()
        .skip_while(|l| !l.contains("examples:"))
        .nth(1)
        .unwrap();
    assert!(
        example.len() <= 2100 && example.ends_with("…\""),
        "{example:.100}"
    );
}
