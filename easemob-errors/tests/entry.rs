//! `ErrorKind::entry` and `catalog::entry` lead to the entry each variant was made from.

use easemob_errors::{ApiError, ErrorKind, ResponseParts, catalog};

#[test]
fn every_variant_leads_to_its_own_entry() {
    let mut checked = 0;
    for entry in catalog::catalog().entries {
        let Some(example) = entry.first_example() else {
            continue;
        };
        let parts = ResponseParts {
            status: entry.statuses.first().copied().unwrap_or(400),
            error: entry.errors.first().copied(),
            error_code: entry.error_codes.first().copied(),
            description: Some(example),
        };
        let err = ApiError::from_parts(parts);
        let got = err.kind().entry().expect("a catalog variant has an entry");
        assert!(std::ptr::eq(got, entry), "{} led to {}", entry.id, got.id);
        assert!(std::ptr::eq(err.entry().unwrap(), entry));
        assert!(std::ptr::eq(catalog::entry(entry.id).unwrap(), entry));
        checked += 1;
    }
    assert!(checked > 200, "only {checked} entries checked");
}

#[test]
fn the_unknown_variant_has_no_entry() {
    let err = ApiError::from_response(
        418,
        br#"{"error":"teapot","error_description":"short and stout"}"#,
    );
    assert_eq!(err.kind(), &ErrorKind::Unknown);
    assert!(err.kind().entry().is_none());
    assert!(err.entry().is_none());
    assert!(catalog::entry("no_such_id").is_none());
}
