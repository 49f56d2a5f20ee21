//! Every example in the catalog, classified the way users will see it.
//!
//! Two checks: each example must classify to its own entry under every status and code the
//! entry lists (a hard assertion), and the whole table — one line per example: id, status,
//! `error`, the example, its fields, retry and alert — is an insta snapshot reviewed by hand
//! when it changes. The causes' text is in `docs/errors.md`, not repeated per example.

use easemob_errors::ApiError;
use easemob_errors::ResponseParts;
use std::fmt::Write as _;

#[test]
fn every_catalog_example_classifies_to_its_own_entry() {
    let catalog =
        easemob_errors_tools::load_workspace_catalog().expect("the bundled catalog is valid");
    let mut table = String::new();
    let mut checked = 0;
    for entry in catalog.entries {
        let examples: Vec<&str> = match entry.first_example() {
            Some(_) if entry.examples.is_empty() => entry.first_example().into_iter().collect(),
            _ => entry.examples.to_vec(),
        };
        let codes: Vec<Option<&str>> = if entry.errors.is_empty() {
            vec![None]
        } else {
            entry.errors.iter().map(|&c| Some(c)).collect()
        };
        for example in examples {
            for &status in entry.statuses {
                for &code in &codes {
                    let err = ApiError::from_parts(ResponseParts {
                        status,
                        error: code,
                        error_code: None,
                        description: Some(example),
                    });
                    assert_eq!(err.id(), Some(entry.id), "{status} {code:?} {example:?}");
                    checked += 1;
                }
            }
            for &n in entry.error_codes {
                let err = ApiError::from_parts(ResponseParts {
                    status: 400,
                    error: None,
                    error_code: Some(n),
                    description: Some(example),
                });
                assert_eq!(err.id(), Some(entry.id), "error_code {n}");
                checked += 1;
            }
            let status = entry.statuses.first().copied().unwrap_or(0);
            let err = ApiError::from_parts(ResponseParts {
                status,
                error: codes[0],
                error_code: entry.error_codes.first().copied(),
                description: Some(example),
            });
            let fields: Vec<String> = err
                .fields()
                .iter()
                .map(|(k, v)| format!("{k}={v:?}"))
                .collect();
            let status = match entry.error_codes.first() {
                Some(n) if entry.statuses.is_empty() => format!("error_code {n}"),
                _ => status.to_string(),
            };
            let _ = writeln!(
                table,
                "{} <- {status} {} {:?} {{{}}} {}{}",
                err.id().unwrap_or("-"),
                code_label(codes[0]),
                example,
                fields.join(", "),
                err.retry(),
                if err.should_alert() { " alert" } else { "" },
            );
        }
    }
    assert!(checked >= catalog.entries.len());
    insta::assert_snapshot!("catalog_examples", table);
}

fn code_label(code: Option<&str>) -> &str {
    code.unwrap_or("(no error)")
}
