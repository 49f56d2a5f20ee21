//! Endpoint-aware causes: with the request given, `zh()`/`en()` give the cause for that
//! endpoint and `area()` its API area.
//!
//! Two checks: every per-endpoint cause in the catalog is reached by a request built from its
//! own pattern and differs from the general cause (a hard assertion); and every coverage row
//! (documented, observed, Usergrid) that names a request is classified with it, in a snapshot
//! reviewed by hand.

use easemob_errors::ApiError;
use easemob_errors::ResponseParts;
use easemob_errors_core::scope::Scope;
use easemob_errors_tools::coverage;
use std::fmt::Write as _;

/// A concrete path for a pattern: `{name}` becomes `name1`, a final `**` is dropped.
fn concrete(pattern: &str) -> String {
    let segments: Vec<String> = pattern
        .split('/')
        .filter(|s| !s.is_empty() && *s != "**")
        .map(|s| {
            s.strip_prefix('{')
                .and_then(|s| s.strip_suffix('}'))
                .map_or_else(|| s.to_owned(), |n| format!("{n}1"))
        })
        .collect();
    format!("/easemob-demo/chatdemoui/{}", segments.join("/"))
}

#[test]
fn every_cause_is_reached_from_its_endpoint_and_differs_from_the_general_one() {
    let catalog = easemob_errors_tools::load_workspace_catalog().expect("valid catalog");
    let mut checked = 0;
    for entry in catalog.entries.iter().filter(|e| !e.causes.is_empty()) {
        // An entry that accepts any description is reached with any text.
        let example = entry
            .first_example()
            .unwrap_or("a description the catalog does not pin down");
        let status = entry.statuses[0];
        let general = ApiError::from_parts(ResponseParts {
            status,
            error: entry.errors.first().copied(),
            error_code: None,
            description: Some(example),
        });
        assert_eq!(general.id(), Some(entry.id));
        for cause in entry.causes {
            let (method, path, area) = match &cause.scope {
                Scope::Request(r) => {
                    let (methods, path) = r.split_once(' ').expect("METHOD /path");
                    let method = methods.split('|').next().unwrap_or(methods);
                    (method.to_owned(), concrete(path), None)
                }
                Scope::Area(a) => {
                    let area = catalog.area(a).expect("listed area");
                    let path = area.paths.first().expect("an area with causes has paths");
                    ("GET".to_owned(), concrete(path), Some(*a))
                }
            };
            let err = general.clone().with_request(&method, &path);
            assert_eq!(
                (err.zh(), err.en()),
                (cause.zh, cause.en),
                "{}: {method} {path}",
                entry.id
            );
            assert_ne!(
                err.en(),
                general.en(),
                "{}: the cause repeats the general one",
                entry.id
            );
            if let Some(area) = area {
                assert_eq!(err.area(), Some(area), "{}: {path}", entry.id);
            }
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} causes");
}

#[test]
fn without_a_request_the_general_cause_stays() {
    let body = br#"{"error":"service_resource_not_found","error_description":"Service resource not found"}"#;
    let err = ApiError::from_response(404, body);
    assert_eq!(err.area(), Some("request"));
    assert!(err.cause().is_none());
    let on_delete = err.clone().with_request("DELETE", "/org/app/users/u1");
    let on_contacts = err
        .clone()
        .with_request("POST", "/org/app/users/u1/contacts/users/u2");
    let on_group = err
        .clone()
        .with_request_line("GET https://a1.easemob.com/org/app/chatgroups/9?x=1");
    assert_eq!(on_delete.area(), Some("users"));
    assert_eq!(on_contacts.area(), Some("contacts"));
    assert_eq!(on_group.area(), Some("chatgroups"));
    let causes = [err.en(), on_delete.en(), on_contacts.en()];
    for (i, a) in causes.iter().enumerate() {
        for b in &causes[i + 1..] {
            assert_ne!(a, b, "each endpoint has its own cause");
        }
    }
    // No source shows this answer on a group endpoint, so the catalog claims no group cause:
    // the general one stays.
    assert_eq!(on_group.en(), err.en());
    assert!(on_delete.en().contains("UUID"));
    // A path in no area keeps the general cause and the entry's area.
    let elsewhere = err.with_request("GET", "/org/app/unknown/thing");
    assert_eq!(elsewhere.area(), Some("request"));
    assert!(elsewhere.cause().is_none());
}

/// The first `METHOD /path` in a documented row's endpoint column.
fn first_request(endpoint: &str) -> Option<(String, String)> {
    const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    let words: Vec<&str> = endpoint.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let method = w[0].split('|').next()?;
        (METHODS.contains(&method) && w[1].starts_with('/')).then(|| {
            let path = w[1].split('?').next().unwrap_or(w[1]);
            let path = path.trim_end_matches([',', ';', ')']);
            let path = if path.starts_with("/management") {
                path.to_owned()
            } else {
                format!("/easemob-demo/chatdemoui{path}")
            };
            (method.to_owned(), path)
        })
    })
}

/// Every row of one coverage table that names a request, classified with it: a line for the
/// row and one for the answer. Returns the text and how many rows got a per-endpoint cause.
fn rows_by_endpoint(name: &str) -> (String, usize) {
    let path = format!("{}/../catalog/coverage/{name}", env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(path).expect("table");
    let parsed = coverage::parse(&table, name);
    let mut out = format!("# {name}\n");
    let mut with_cause = 0;
    for row in &parsed.rows {
        let (Some(description), Some((method, path))) =
            (&row.description, first_request(&row.endpoint))
        else {
            continue;
        };
        let status = match row.status {
            coverage::RowStatus::Exact(s) => s,
            _ => 0,
        };
        let err = ApiError::from_parts(ResponseParts {
            status,
            error: row.error.as_deref(),
            error_code: row.error_code,
            description: Some(description),
        })
        .with_request(&method, &path);
        assert!(err.is_known(), "{name}:{}", row.line);
        with_cause += usize::from(err.cause().is_some());
        let _ = writeln!(
            out,
            "{} {} {:?} | {method} {path}\n  -> {} [{}] {}",
            status,
            row.error.as_deref().unwrap_or("-"),
            description,
            err.id().unwrap_or("-"),
            err.area().unwrap_or("-"),
            err.en()
        );
    }
    (out, with_cause)
}

/// The docs' rows and the bodies servers sent (whose endpoint the recording test names), each
/// classified with its request.
#[test]
fn rows_classified_with_their_endpoint() {
    let mut out = String::new();
    let mut with_cause = 0;
    for name in ["documented.tsv", "observed.tsv", "usergrid.tsv"] {
        let (text, causes) = rows_by_endpoint(name);
        out.push_str(&text);
        with_cause += causes;
    }
    assert!(
        with_cause >= 60,
        "only {with_cause} rows get a per-endpoint cause"
    );
    insta::assert_snapshot!("rows_by_endpoint", out);
}
