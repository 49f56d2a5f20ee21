//! `easemob-errors explain` as a user runs it: exit codes, output shapes, and `--jsonl`
//! surviving bad and very long lines (the contract the explain example had, unchanged).

mod common;

use common::stdout;
use std::process::Output;

/// Runs `easemob-errors explain ARGS`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    common::run(&all, stdin)
}

/// Runs `explain --jsonl` on `input`; it must succeed. Its output lines, parsed.
fn jsonl(input: &[u8]) -> Vec<serde_json::Value> {
    let o = run(&["--jsonl"], input);
    assert!(o.status.success());
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn no_arguments_explains_the_sample() {
    let o = run(&[], b"");
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("users_not_group_members"), "{text}");
    assert!(text.contains("可能原因") && text.contains("cause:"));
    // The sample answered a member removal, and says so.
    assert!(text.contains("area:        chatgroups"), "{text}");
    assert!(text.contains("The users being removed"), "{text}");
}

/// An alert is for an error that persists after the advised retries, or at once when retrying
/// cannot help; an error that does not alert says no.
#[test]
fn alert_line_says_when_to_tell_operations() {
    let alert_line = |args: &[&str]| {
        let text = stdout(&run(args, b""));
        text.lines()
            .find(|l| l.starts_with("alert ops:"))
            .unwrap_or_else(|| panic!("no alert line in {text}"))
            .to_owned()
    };
    // 503: transient, alerts once the retries are spent.
    assert_eq!(
        alert_line(&["--lang", "en", "503", ""]),
        "alert ops:   yes, if it persists after the advised retries"
    );
    // A service the app has not enabled: never, alerts at once.
    let disabled =
        r#"{"error":"forbidden_op","error_description":"message recall service is unopened"}"#;
    assert_eq!(
        alert_line(&["--lang", "en", "403", disabled]),
        "alert ops:   yes, now (retrying cannot help)"
    );
    // A user the app itself banned: no alert.
    let banned = r#"{"error":"invalid_grant","error_description":"user not activated"}"#;
    assert_eq!(
        alert_line(&["--lang", "en", "400", banned]),
        "alert ops:   no"
    );
}

#[test]
fn lang_selects_the_language() {
    let zh = stdout(&run(&["--lang", "zh"], b""));
    assert!(zh.contains("可能原因") && !zh.contains("cause:"));
    let en = stdout(&run(&["--lang", "en"], b""));
    assert!(!en.contains("可能原因") && en.contains("cause:"));
}

#[test]
fn json_has_exactly_the_documented_keys() {
    let o = run(
        &[
            "--json",
            "401",
            r#"{"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}"#,
        ],
        b"",
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "alert",
            "area",
            "description",
            "en",
            "error",
            "fields",
            "id",
            "known",
            "matched_by",
            "retry",
            "status",
            "zh"
        ]
    );
    assert_eq!(v["id"], "token_expired");
    assert_eq!(v["area"], "token");
    assert_eq!(v["retry"], "refresh_token");
    assert_eq!(v["known"], true);
}

#[test]
fn bad_bodies_are_explained_not_errors() {
    for body in ["", "<html>502</html>", "{", "[[[[", "null"] {
        let o = run(&["--json", "502", body], b"");
        assert!(o.status.success(), "{body:?}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            (v["status"].as_u64(), v["known"].as_bool()),
            (Some(502), Some(false))
        );
    }
    // Raw bytes on stdin, not UTF-8.
    let o = run(&["--status", "500"], b"\xff\xfe\x00garbage");
    assert!(o.status.success());
}

#[test]
fn bad_command_lines_exit_2_with_one_line() {
    for args in [
        &["--lang", "fr"][..],
        &["--bogus"],
        &["403"],
        &["abc", "{}"],
        &["70000", "{}"],
        &["--status"],
        &["--jsonl", "403", "{}"],
        &["1", "2", "3"],
        &["--request"],
        &["--request", "/org/app/users", "404", "{}"],
        &["--jsonl", "--request", "GET /org/app/users"],
    ] {
        let o = run(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn jsonl_goes_on_after_bad_lines() {
    let long = format!("{{\"status\":400,\"body\":\"{}\"}}", "x".repeat(1 << 20));
    let input = format!(
        "{}\nnot json\n\n{{\"status\":70000,\"body\":\"\"}}\n[1]\n{{\"status\":999,\"body\":\"\"}}\n{}\n{{\"status\":200}}\n",
        r#"{"status":403,"body":"{\"error\":\"forbidden_op\",\"error_description\":\"users [a] are not members of this group!\"}"}"#,
        long,
    );
    let lines = jsonl(input.as_bytes());
    assert_eq!(
        lines.len(),
        7,
        "blank lines are skipped, every other line answers"
    );
    assert_eq!(lines[0]["fields"]["users"], "a");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["input_error"].is_string());
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[3]["line"], 5);
    assert_eq!(lines[4]["status"], 999);
    assert_eq!(lines[5]["status"], 400);
    assert_eq!(lines[6]["status"], 200);
}

const NOT_FOUND: &str =
    r#"{"error":"service_resource_not_found","error_description":"Service resource not found"}"#;

#[test]
fn request_gives_the_endpoint_cause_and_area() {
    let general = run(&["--json", "404", NOT_FOUND], b"");
    let general: serde_json::Value = serde_json::from_str(&stdout(&general)).unwrap();
    assert_eq!(general["area"], "request");
    let o = run(
        &[
            "--json",
            "--request",
            "DELETE /org/app/users/u1",
            "404",
            NOT_FOUND,
        ],
        b"",
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["area"], "users");
    assert_ne!(v["en"], general["en"]);
    assert!(v["en"].as_str().unwrap().contains("UUID"));
    let text = stdout(&run(
        &[
            "--lang",
            "en",
            "--request",
            "POST /org/app/users/a/contacts/users/b",
            "404",
            NOT_FOUND,
        ],
        b"",
    ));
    assert!(
        text.contains("request:     POST /org/app/users/a/contacts/users/b"),
        "{text}"
    );
    assert!(text.contains("area:        contacts"), "{text}");
}

#[test]
fn jsonl_lines_may_carry_the_request() {
    let body = serde_json::Value::String(NOT_FOUND.into());
    let input = format!(
        "{{\"status\":404,\"body\":{body}}}\n\
         {{\"status\":404,\"body\":{body},\"request\":\"DELETE /org/app/users/u1\"}}\n\
         {{\"status\":404,\"body\":{body},\"request\":\"GET /org/app/chatrooms/7\"}}\n\
         {{\"status\":404,\"body\":{body},\"request\":7}}\n"
    );
    let lines = jsonl(input.as_bytes());
    assert_eq!(lines.len(), 4);
    let areas: Vec<&str> = lines[..3]
        .iter()
        .map(|l| l["area"].as_str().unwrap())
        .collect();
    assert_eq!(areas, ["request", "users", "chatrooms"]);
    assert_ne!(lines[0]["en"], lines[1]["en"]);
    assert_ne!(lines[1]["en"], lines[2]["en"]);
    assert!(
        lines[3]["input_error"]
            .as_str()
            .unwrap()
            .contains("request")
    );
}

#[test]
fn jsonl_reports_lines_over_the_limit_and_goes_on() {
    let mut input = Vec::with_capacity(17 << 20);
    input.extend_from_slice(b"{\"status\":400,\"body\":\"");
    input.resize(17 << 20, b'x');
    input.extend_from_slice(b"\"}\n{\"status\":404,\"body\":\"\"}\n");
    let lines = jsonl(&input);
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["input_error"].as_str().unwrap().contains("limit"));
    assert_eq!(lines[1]["status"], 404);
}

/// The `serde` feature's `Serialize` is the documented `--json` shape, value for value.
#[test]
fn serialize_equals_explain_json() {
    let bodies: [(u16, &str); 4] = [
        (
            403,
            r#"{"error":"forbidden_op","error_description":"can not join this group, reason:user: a already in group: 1\n"}"#,
        ),
        (
            401,
            r#"{"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}"#,
        ),
        (502, "<html>bad gateway</html>"),
        (418, r#"{"error":"teapot"}"#),
    ];
    for (status, body) in bodies {
        let o = run(&["--json", &status.to_string(), body], b"");
        let from_cli: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let from_serde = serde_json::to_value(easemob_errors::ApiError::from_response(
            status,
            body.as_bytes(),
        ))
        .unwrap();
        assert_eq!(from_cli, from_serde, "{status} {body}");
    }
}
