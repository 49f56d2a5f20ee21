//! A corpus of malformed catalogs, each with a snapshot of the message its author sees.
//!
//! `tests/malformed/*.yaml` are errors files checked against a small valid status table;
//! `tests/malformed_status/*.yaml` are status tables. Every message must name the file, line and
//! column (and the entry id when there is one) and say what to change.

use easemob_errors_tools::diagnostic::render_all;
use easemob_errors_tools::{Source, validate};
use std::path::Path;

const STATUS: &str = "\
- { status: 400, zh: 错误请求。, en: Bad request., retry: never, alert: false }
- { status: 403, zh: 禁止。, en: Forbidden., retry: never, alert: false }
- { status: 404, zh: 未找到。, en: Not found., retry: never, alert: false }
- { status: 429, zh: 限流。, en: Too many requests., retry: throttled, alert: false }
- { status: other, zh: 其他。, en: Other., retry: never, alert: true }
";

/// The areas the `malformed_areas` cases are checked against.
const AREAS: &str = "\
- { area: chatgroups, zh: 群组, en: Groups, paths: [/chatgroups, /chatgroups/**] }
- { area: users, zh: 用户, en: Users, paths: [/users, /users/**] }
";

fn cases(dir: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn check(problems: &[easemob_errors_tools::Diagnostic], path: &str) {
    assert!(!problems.is_empty());
    for p in problems {
        assert_eq!(p.file, path);
        assert!(p.line > 0 && p.column > 0, "no location: {p}");
        assert!(p.help.is_some(), "no advice: {p}");
    }
}

#[test]
fn malformed_error_files() {
    let cases = cases("malformed");
    assert!(cases.len() >= 20);
    for (name, text) in cases {
        let path = format!("errors/{name}.yaml");
        let sources = [
            Source::statuses("status.yaml", STATUS),
            Source::errors(&path, text),
        ];
        let problems = match validate::load(&sources) {
            Ok(_) => panic!("{name}: the malformed catalog was accepted"),
            Err(problems) => problems,
        };
        check(&problems, &path);
        insta::assert_snapshot!(name, render_all(&problems));
    }
}

/// Per-endpoint causes, rewordings and areas: `tests/malformed_areas/*.yaml`, each checked as
/// `errors/chatgroups.yaml` next to an areas file.
#[test]
fn malformed_causes_and_areas() {
    let cases = cases("malformed_areas");
    assert!(cases.len() >= 6);
    for (name, text) in cases {
        let path = "errors/chatgroups.yaml";
        let sources = [
            Source::statuses("status.yaml", STATUS),
            Source::areas("areas.yaml", AREAS),
            Source::errors(path, text),
        ];
        let problems = match validate::load(&sources) {
            Ok(_) => panic!("{name}: the malformed catalog was accepted"),
            Err(problems) => problems,
        };
        check(&problems, path);
        insta::assert_snapshot!(format!("areas_{name}"), render_all(&problems));
    }
}

#[test]
fn an_errors_file_must_name_a_listed_area_and_areas_must_be_well_formed() {
    let problems = validate::load(&[
        Source::statuses("status.yaml", STATUS),
        Source::areas(
            "areas.yaml",
            "- { area: chatgroups, zh: 群组, en: Groups, paths: [chatgroups] }\n\
             - { area: chatgroups, zh: 群组, en: Groups }\n\
             - { area: Users, zh: 用户, en: Users, paths: [/users/**/x] }\n",
        ),
        Source::errors(
            "errors/groups.yaml",
            "- id: x\n  status: 403\n  error: e\n  zh: 甲\n  en: A\n",
        ),
    ])
    .unwrap_err();
    insta::assert_snapshot!("areas_file", render_all(&problems));
    for p in &problems {
        assert!(p.line > 0 && p.column > 0 && p.help.is_some(), "{p}");
    }
}

#[test]
fn malformed_status_tables() {
    for (name, text) in cases("malformed_status") {
        let path = format!("status-{name}.yaml");
        let problems = validate::load(&[Source::statuses(&path, text)]).unwrap_err();
        check(&problems, &path);
        insta::assert_snapshot!(format!("status_{name}"), render_all(&problems));
    }
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let sources = [
        Source::statuses("status.yaml", STATUS),
        Source::errors("errors/a.yaml", "- id: a\n  status: [403\n"),
        Source::errors(
            "errors/b.yaml",
            "- id: b\n  status: 403\n  error: e\n  zh: 乙\n  en: B\n  retry: maybe\n",
        ),
    ];
    let problems = validate::load(&sources).unwrap_err();
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["errors/a.yaml", "errors/b.yaml"]);
}

#[test]
fn file_names_must_make_area_names() {
    let problems = validate::load(&[
        Source::statuses("status.yaml", STATUS),
        Source::errors(
            "errors/Chat-Groups.yaml",
            "- id: x\n  status: 403\n  error: e\n  zh: 甲\n  en: A\n",
        ),
    ])
    .unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("area `Chat-Groups`"),
        "{}",
        problems[0]
    );
}
