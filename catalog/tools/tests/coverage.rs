//! Docs coverage: every row of the in-repo table of documented errors
//! (`coverage/documented.tsv`) classifies to a catalog entry or a status-table row, and the
//! values the docs put in placeholders (`XX`, `%s`, `{username}`, sample ids) come back as
//! fields. When the docs grow, add their rows to the table: this test then names each row the
//! catalog does not cover yet.

use easemob_errors_core::matcher::Matcher;
use easemob_errors_tools::coverage::{self, Outcome};

fn read_table(file: &str) -> String {
    let path = format!("{}/../coverage/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn table() -> String {
    read_table("documented.tsv")
}

/// Every row of a table classifies; the classification of each (entry and what it rested
/// on) is a snapshot read when it changes.
fn table_is_covered(file: &str, at_least: usize) -> String {
    let catalog = easemob_errors_tools::load_workspace_catalog().expect("valid catalog");
    let text = read_table(file);
    let report = coverage::check(&catalog, &[(file.to_owned(), text.clone())]);
    assert!(report.skipped.is_empty(), "{}", report.render());
    let (covered, total) = report.totals();
    assert!(total >= at_least, "{file} lost rows: {total}");
    assert_eq!(covered, total, "\n{}", report.render());
    let rules = catalog.rules();
    let matcher = Matcher::new(&rules);
    let mut out = String::new();
    for row in coverage::parse(&text, file).rows {
        let outcome = match coverage::classify(&catalog, &matcher, &row) {
            Outcome::Entry { id, matched_by, .. } => format!("{id} ({})", matched_by.as_str()),
            other => format!("{other:?}"),
        };
        let status = match row.status {
            coverage::RowStatus::Exact(s) => s.to_string(),
            _ => "-".into(),
        };
        let error = row.error.as_deref().unwrap_or("-");
        let text = row.description.as_deref().unwrap_or("-");
        out.push_str(&format!("{status} {error} {text:?} -> {outcome}\n"));
    }
    out
}

#[test]
fn every_usergrid_row_is_covered() {
    insta::assert_snapshot!("usergrid_rows", table_is_covered("usergrid.tsv", 35));
}

#[test]
fn every_observed_row_is_covered() {
    insta::assert_snapshot!("observed_rows", table_is_covered("observed.tsv", 35));
}

#[test]
fn every_documented_row_is_covered() {
    let catalog = easemob_errors_tools::load_workspace_catalog().expect("valid catalog");
    let report = coverage::check(&catalog, &[("documented.tsv".into(), table())]);
    assert!(report.skipped.is_empty(), "{}", report.render());
    let (covered, total) = report.totals();
    // 397 since the test suite's recorded bodies, once filed here too, live only in
    // observed.tsv.
    assert!(total >= 390, "the table lost rows: {total}");
    assert_eq!(covered, total, "\n{}", report.render());
}

/// The docs' stand-ins for values: `%s`, `{name}`, runs of `X`/`x`.
fn doc_placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("%s") {
            out.push(&rest[..2]);
            i += 2;
        } else if rest.starts_with('{') {
            let end = rest.find('}').map_or(1, |e| e + 1);
            out.push(&rest[..end]);
            i += end;
        } else if (bytes[i] == b'X' || bytes[i] == b'x')
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            let run = rest
                .bytes()
                .take_while(|&b| b == bytes[i] || b == b'#')
                .count();
            let word_ends = rest
                .as_bytes()
                .get(run)
                .is_none_or(|b| !b.is_ascii_alphanumeric());
            if run >= 2 && word_ends {
                out.push(&rest[..run]);
            }
            i += run.max(1);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

#[test]
fn placeholder_values_in_the_docs_come_back_as_fields() {
    let catalog = easemob_errors_tools::load_workspace_catalog().expect("valid catalog");
    let rules = catalog.rules();
    let matcher = Matcher::new(&rules);
    let parsed = coverage::parse(&table(), "documented.tsv");
    let mut checked = 0;
    for row in &parsed.rows {
        let Some(description) = &row.description else {
            continue;
        };
        let Outcome::Entry { id, fields, .. } = coverage::classify(&catalog, &matcher, row) else {
            panic!("line {}: not covered", row.line);
        };
        for stand_in in doc_placeholders(description) {
            assert!(
                fields.iter().any(|(_, v)| v.contains(stand_in)),
                "line {} ({id}): the docs' `{stand_in}` in {description:?} is in no field: {fields:?}",
                row.line
            );
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} placeholder values checked");
}

/// Every claim of every entry rests on a row, and every row cites checkable lines (what
/// `cargo xtask coverage` enforces, here so `cargo test` fails first).
#[test]
fn every_claim_has_a_cited_row() {
    let catalog = easemob_errors_tools::load_workspace_catalog().expect("valid catalog");
    let tables: Vec<(&str, String)> = coverage::TABLES
        .iter()
        .map(|(_, file)| (*file, read_table(file)))
        .collect();
    let tables: Vec<(&str, &str)> = tables.iter().map(|(l, t)| (*l, t.as_str())).collect();
    let gathered = easemob_errors_tools::evidence::gather(&catalog, &tables);
    let gaps: Vec<String> = gathered.gaps.iter().map(ToString::to_string).collect();
    assert!(
        gaps.is_empty(),
        "claims without a row:\n{}",
        gaps.join("\n")
    );
    assert!(
        gathered.bad_citations.is_empty(),
        "{:#?}",
        gathered.bad_citations
    );
    assert!(
        gathered
            .validated
            .entries
            .iter()
            .all(|e| !e.evidence.is_empty())
    );
}

/// Each status with each `error` is a claim: an entry whose eras paired them must say so
/// (`pairs`), or the pairs no server sends are reported.
#[test]
fn every_status_error_pair_is_a_claim() {
    let catalog = easemob_errors_tools::load_workspace_catalog().expect("valid catalog");
    let entries: Vec<_> = catalog
        .entries
        .iter()
        .map(|e| match e.id {
            "token_app_missing" => {
                assert!(!e.pairs.is_empty());
                easemob_errors_tools::model::Entry { pairs: &[], ..*e }
            }
            _ => *e,
        })
        .collect();
    let unpaired = catalog.with_entries(entries);
    let tables: Vec<(&str, String)> = coverage::TABLES
        .iter()
        .map(|(_, file)| (*file, read_table(file)))
        .collect();
    let tables: Vec<(&str, &str)> = tables.iter().map(|(l, t)| (*l, t.as_str())).collect();
    let gaps: Vec<String> = easemob_errors_tools::evidence::gather(&unpaired, &tables)
        .gaps
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(gaps.len(), 2, "{gaps:#?}");
    assert!(gaps[0].starts_with(
        "`token_app_missing`: no row shows status 400 with error `auth_bad_access_token`"
    ));
    assert!(gaps[1].starts_with("`token_app_missing`: no row shows status 401 with error `token`"));
}
