//! What real servers send, beyond what the docs print: legacy `error` strings, bare-text
//! bodies, statuses that drifted between server versions, and descriptions two entries share
//! (which stay unknown: a wrong variant is worse than none).

use easemob_errors::{ApiError, ErrorKind, MatchedBy};

#[test]
fn a_legacy_error_string_classifies_by_its_description() {
    // Usergrid-era servers answer an expired token with `expired_token`.
    let body = br#"{"error":"expired_token","error_description":"Unable to authenticate due to expired access token","exception":"org.usergrid.rest.exceptions.SecurityException"}"#;
    let err = ApiError::from_response(401, body);
    assert_eq!(err.kind(), &ErrorKind::TokenExpired);
    assert_eq!(err.code(), Some("expired_token"), "the raw `error` is kept");
    assert!(matches!(
        err.matched_by(),
        MatchedBy::ErrorAndDescription | MatchedBy::Description
    ));
}

#[test]
fn a_bare_text_body_is_the_description() {
    let err = ApiError::from_response(404, b"Service resource not found\n");
    assert_eq!(err.id(), Some("resource_not_found"));
    assert_eq!(err.description(), Some("Service resource not found"));
    assert_eq!(err.matched_by(), MatchedBy::Description);
    assert_eq!(err.body_excerpt(), Some("Service resource not found"));
    // Markup is not a description: explained by the status, kept as an excerpt.
    let html =
        ApiError::from_response(404, b"<html><body>Service resource not found</body></html>");
    assert!(!html.is_known());
    assert_eq!(html.description(), None);
    // Nor is a JSON value that is not an object.
    assert!(!ApiError::from_response(404, br#""Service resource not found""#).is_known());
}

#[test]
fn a_drifted_status_keeps_the_real_status() {
    // A block-list call on a missing user: 404 `service_resource_not_found` in one era, 400
    // with the same `error` and description in another.
    let body = br#"{"error":"service_resource_not_found","error_description":"Service resource not found"}"#;
    let err = ApiError::from_response(400, body);
    assert_eq!(err.id(), Some("resource_not_found"));
    assert_eq!(err.status(), 400);
    assert_eq!(err.matched_by(), MatchedBy::ErrorAndDescription);
}

#[test]
fn a_description_two_entries_share_stays_unknown() {
    // `username_missing` and `password_reset_user_not_found` both say this at 400; only the
    // `error` (illegal_argument vs required_property_not_found) tells them apart.
    let body = br#"{"error_description":"Entity user requires a property named username"}"#;
    let err = ApiError::from_response(400, body);
    assert_eq!(err.kind(), &ErrorKind::Unknown);
    assert_eq!(err.matched_by(), MatchedBy::Status);
    let with_code = br#"{"error":"illegal_argument","error_description":"Entity user requires a property named username"}"#;
    assert_eq!(
        ApiError::from_response(400, with_code).id(),
        Some("username_missing")
    );
}
