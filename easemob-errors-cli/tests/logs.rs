//! `scan`, `show`, `search` and `draft` as a user runs them: logs in the shapes real
//! services write, gzip files, lines with two bodies, bodies split by a log's own escaping,
//! garbage, and the exit codes.

mod common;

use common::{run, stdout};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// A log of every shape the scanner reads, one error per line unless said.
const LOG: &str = concat!(
    "2024-05-01 10:00:01 INFO  c.e.Im - sending message POST /easemob-demo/chatdemoui/messages/users\n",
    // Java text log: request, `status=`, body after `body=`.
    r#"2024-05-01 10:00:02 WARN  c.e.Im - easemob call failed POST /easemob-demo/chatdemoui/chatgroups/123/mute status=403 body={"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1,"duration":0,"error_description":"users [u1] are not members of this group!"}"#,
    "\n",
    // JSON log: the body as an escaped string, `"status":401`.
    r#"{"level":"error","msg":"easemob","status":401,"resp":"{\"error\":\"unauthorized\",\"error_description\":\"Unable to authenticate due to expired access token\"}"}"#,
    "\n",
    // Go logfmt: `HTTP/1.1 429`, body quoted with escapes.
    r#"time=t level=error msg=easemob err="HTTP/1.1 429 Too Many Requests" body="{\"error\":\"reach_limit\",\"error_description\":\"This request has reached api limit\"}""#,
    "\n",
    // Python: `response:`, no status on the line (the catalog decides it).
    r#"ERROR:easemob:response: {"error":"illegal_argument","error_description":"username [bad name] is not legal"}"#,
    "\n",
    // `code 400` and two bodies of an error the catalog does not know.
    r#"10:00:06 ERROR code 400 a={"error":"new_thing","error_description":"feature x12 needs a VIP plan"} b={"error":"new_thing","error_description":"feature y99 needs a VIP plan"}"#,
    "\n",
    // `HTTP 404` and a body split by the log's own escaping.
    r#"ERROR Client - HTTP 404 response: {\"error\":\"service_resource_not_found\",\"error_description\":\"Service resource not found\"}"#,
    "\n",
    // Garbage.
    "garbage {{{ \"error\": oops\n",
    "\u{0}\u{1}binary\u{ff}error\n",
    "{\"error_description\": 5}\n",
);

fn scan_json(input: &[u8], args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["scan", "--json"];
    all.extend_from_slice(args);
    let o = run(&all, input);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn scan_reads_every_log_shape() {
    let found = scan_json(LOG.as_bytes(), &[]);
    let got: Vec<(u64, &str, u64, bool)> = found
        .iter()
        .map(|v| {
            (
                v["line"].as_u64().unwrap(),
                v["id"].as_str().unwrap_or("unknown"),
                v["status"].as_u64().unwrap(),
                v["status_inferred"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, "users_not_group_members", 403, false),
            (3, "token_expired", 401, false),
            (4, "api_rate_limited", 429, false),
            (5, "username_illegal", 400, true),
            (6, "unknown", 400, false),
            (6, "unknown", 400, false),
            (7, "resource_not_found", 404, false),
        ]
    );
    // The request on the line gives the endpoint's cause and area.
    assert_eq!(found[0]["area"], "chatgroups");
    assert_eq!(
        found[0]["en"],
        "The users to mute are not members of the group."
    );
    // Every explain --json key is there, plus line and status_inferred.
    for key in [
        "status",
        "error",
        "description",
        "known",
        "id",
        "fields",
        "zh",
        "en",
        "retry",
        "alert",
        "area",
        "matched_by",
        "line",
        "status_inferred",
    ] {
        assert!(found[0].get(key).is_some(), "{key}");
    }
}

#[test]
fn scan_text_ends_with_a_summary() {
    let o = run(&["scan", "--lang", "en"], LOG.as_bytes());
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("line 5  400* username_illegal"), "{text}");
    assert!(text.contains("7 errors, 6 kinds"), "{text}");
    let summary = text.split("7 errors").nth(1).unwrap();
    let first_row = summary.lines().nth(2).unwrap();
    assert!(
        first_row.contains("      2  unknown (\"new_thing\", \"feature {id} needs a VIP plan\")"),
        "{first_row}"
    );
    assert!(first_row.contains("line 6 / line 6"), "{first_row}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour when NO_COLOR is set or stdout is a pipe"
    );
}

fn temp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    dir.join(name)
}

#[test]
fn scan_reads_gzip_files_and_several_files() {
    let gz = temp("logs-test.log.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    enc.write_all(LOG.as_bytes()).unwrap();
    enc.finish().unwrap();
    let plain = temp("logs-test.log");
    std::fs::write(&plain, LOG).unwrap();
    let from_gz = scan_json(b"", &[gz.to_str().unwrap()]);
    assert_eq!(from_gz.len(), 7);
    assert_eq!(from_gz[0]["file"], gz.to_str().unwrap());
    let both = scan_json(b"", &[plain.to_str().unwrap(), gz.to_str().unwrap()]);
    assert_eq!(both.len(), 14);
    let o = run(&["scan", plain.to_str().unwrap(), "/no/such/file.log"], b"");
    assert_eq!(o.status.code(), Some(1), "an unreadable input");
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

#[test]
fn bad_usage_is_one_line_and_exit_2() {
    for args in [
        &["scan", "--lang", "fr"][..],
        &["frobnicate"],
        &["show"],
        &["search"],
        &["explain", "--status"],
    ] {
        let o = run(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr).trim().lines().count(),
            1,
            "{args:?}"
        );
    }
    assert!(run(&["--help"], b"").status.success());
}

#[test]
fn show_gives_everything_and_suggests_ids() {
    let o = run(&["show", "users_not_group_members"], b"");
    assert!(o.status.success());
    let text = stdout(&o);
    for part in [
        "users_not_group_members (chatgroups)",
        "status:        403, 400",
        "rewording:",
        "on area chatrooms:",
        "examples:",
        "retry:         never",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["show", "--json", "token_expired"], b"").stdout).unwrap();
    assert_eq!(v["statuses"], serde_json::json!([401]));
    assert_eq!(
        v["errors"],
        serde_json::json!(["unauthorized", "expired_token"])
    );
    assert_eq!(v["retry"], "refresh_token");
    let o = run(&["show", "token_expird"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("token_expired"));
}

#[test]
fn search_matches_every_word_in_either_language() {
    let ids = |words: &[&str]| -> Vec<String> {
        let mut args = vec!["search"];
        args.extend_from_slice(words);
        stdout(&run(&args, b""))
            .lines()
            .map(|l| l.split_whitespace().next().unwrap().to_owned())
            .collect()
    };
    let expiry = ids(&["过期"]);
    assert!(expiry.contains(&"token_expired".to_owned()), "{expiry:?}");
    assert_eq!(
        ids(&["token", "EXPIRED"])[0],
        "token_expired",
        "words in the id rank first"
    );
    assert!(ids(&["not", "members", "group"]).contains(&"users_not_group_members".to_owned()));
    assert_eq!(
        ids(&["no-such-word-anywhere"]),
        ["no"],
        "a line saying nothing matched"
    );
}

#[test]
fn draft_writes_an_entry_the_validator_accepts() {
    let o = run(&["draft"], LOG.as_bytes());
    assert!(o.status.success());
    let yaml = stdout(&o);
    assert!(
        yaml.contains("description: \"feature {id} needs a VIP plan\""),
        "{yaml}"
    );
    assert!(
        yaml.contains("- \"feature x12 needs a VIP plan\""),
        "{yaml}"
    );
    assert!(
        yaml.contains("status: 400") && yaml.contains("error: \"new_thing\""),
        "{yaml}"
    );
    // Once zh and en are written, the draft is a valid catalog entry.
    let filled = yaml
        .replace("TODO: 可能原因（一句话）", "需要 VIP 套餐。")
        .replace(
            "TODO: the likely cause, in one line",
            "The feature needs a VIP plan.",
        );
    let status = "- { status: 400, zh: 错误请求。, en: Bad request., retry: never, alert: false }\n- { status: other, zh: 其他。, en: Other., retry: never, alert: true }\n";
    let sources = [
        easemob_errors_tools::Source::statuses("status.yaml", status),
        easemob_errors_tools::Source::errors("errors/request.yaml", filled),
    ];
    if let Err(p) = easemob_errors_tools::validate::load(&sources) {
        panic!("{}", easemob_errors_tools::diagnostic::render_all(&p));
    }
}

/// Many error lines (more than one batch of the reading thread): every one is reported, in
/// the order of the input, and the summary counts them all.
#[test]
fn scan_keeps_the_order_of_many_lines() {
    let mut log = String::new();
    for i in 0..5000 {
        if i % 2 == 0 {
            log.push_str("INFO ok\n");
        } else {
            log.push_str(&format!(
                "WARN status=429 body={{\"error\":\"reach_limit\",\"error_description\":\"This request has reached api limit\",\"n\":{i}}}\n"
            ));
        }
    }
    let found = scan_json(log.as_bytes(), &[]);
    let lines: Vec<u64> = found.iter().map(|v| v["line"].as_u64().unwrap()).collect();
    let expected: Vec<u64> = (1..=5000).filter(|n| n % 2 == 0).collect();
    assert_eq!(lines, expected);
    let o = run(&["scan"], log.as_bytes());
    assert!(
        stdout(&o).contains("2500 errors, 1 kinds"),
        "{}",
        stdout(&o)
    );
}

/// A reader that goes away (`scan big.log | head -1`) ends the scan early and quietly.
#[test]
fn scan_stops_when_its_reader_goes_away() {
    let line = "status=429 body={\"error\":\"reach_limit\",\"error_description\":\"This request has reached api limit\"}\n";
    let path = temp("many.log");
    std::fs::write(&path, line.repeat(200_000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_easemob-errors"))
        .args(["scan", path.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(&first[..7], b"line 1 ");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
