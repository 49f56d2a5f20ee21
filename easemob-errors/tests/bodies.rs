//! Every class of bad body still gives an `ApiError` with the status kept, and nothing the
//! body said is lost.

use easemob_errors::{ApiError, ErrorKind, Retry};

fn check_unknown_but_explained(status: u16, body: &[u8]) -> ApiError {
    let err = ApiError::from_response(status, body);
    assert_eq!(err.status(), status);
    assert_eq!(err.kind(), &ErrorKind::Unknown);
    assert_eq!(err.en(), easemob_errors::status_explanation(status).en());
    err
}

#[test]
fn empty_body() {
    let err = check_unknown_but_explained(415, b"");
    assert_eq!(
        (err.code(), err.description(), err.body_excerpt()),
        (None, None, None)
    );
}

#[test]
fn html_gateway_page_is_kept_as_an_excerpt() {
    let page =
        b"<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>nginx</body></html>";
    let err = check_unknown_but_explained(504, page);
    assert_eq!(err.retry(), Retry::Transient);
    assert!(err.body_excerpt().unwrap().contains("504 Gateway Time-out"));
}

#[test]
fn not_utf8() {
    let err = check_unknown_but_explained(502, b"\xff\xfe\xfd bad \x80");
    assert!(err.body_excerpt().unwrap().contains("bad"));
    // Invalid UTF-8 inside a JSON string: the object is recognised, the broken field is not.
    let err = ApiError::from_response(
        400,
        b"{\"error\":\"illegal_argument\",\"error_description\":\"\xff\"}",
    );
    assert_eq!(err.code(), Some("illegal_argument"));
    assert_eq!(err.description(), None);
}

#[test]
fn not_an_object() {
    for body in [
        &b"[]"[..],
        b"42",
        b"\"Service resource not found\"",
        b"null",
        b"true",
    ] {
        check_unknown_but_explained(404, body);
    }
}

#[test]
fn truncated_after_the_useful_fields() {
    let err = ApiError::from_response(
        404,
        br#"{"error":"service_resource_not_found","error_description":"Service resource not found","exception":"User"#,
    );
    assert_eq!(err.id(), Some("resource_not_found"));
}

#[test]
fn truncated_before_them() {
    let err = check_unknown_but_explained(404, br#"{"error":"service_resource_not_fo"#);
    assert_eq!(err.code(), None);
}

#[test]
fn huge_body() {
    let filler = "x".repeat(4 << 20);
    let body = format!(
        r#"{{"exception":"{filler}","error":"forbidden_op","error_description":"users [{filler}] are not members of this group!"}}"#
    );
    let err = ApiError::from_response(403, body.as_bytes());
    assert_eq!(err.id(), Some("users_not_group_members"));
    assert_eq!(err.fields()[0].1.len(), filler.len());
    let err = check_unknown_but_explained(500, filler.as_bytes());
    assert_eq!(err.body_excerpt().unwrap().chars().count(), 512);
}

#[test]
fn deeply_nested() {
    let depth = 100_000;
    let body = format!(
        r#"{{"error":"reach_limit","error_description":"This request has reached api limit","x":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let err = ApiError::from_response(429, body.as_bytes());
    // The nesting limit stops the reader inside "x"; what came before is kept.
    assert_eq!(err.id(), Some("api_rate_limited"));
    let body = "[".repeat(depth);
    check_unknown_but_explained(429, body.as_bytes());
}

#[test]
fn wrong_types_and_duplicates() {
    let err = ApiError::from_response(403, br#"{"error":["forbidden_op"],"error_description":7}"#);
    assert_eq!((err.code(), err.description()), (None, None));
    let err = ApiError::from_response(
        403,
        br#"{"error":"a","error":"forbidden_op","error_description":"new owner and old owner are the same"}"#,
    );
    assert_eq!(
        err.code(),
        Some("forbidden_op"),
        "the last duplicate wins, as in JavaScript"
    );
    assert_eq!(err.id(), Some("new_owner_is_owner"));
}

#[test]
fn bom_nul_and_escapes() {
    let err = ApiError::from_response(
        403,
        b"\xEF\xBB\xBF{\"error\":\"forbidden_op\",\"error_description\":\"users [a\\u0000b] are not members of this group!\"}",
    );
    assert_eq!(err.fields(), [("users", "a\0b")]);
}

#[test]
fn desc_instead_of_error_description_and_numeric_error_code() {
    let err = ApiError::from_response(
        400,
        br#"{"timestamp":1,"desc":"newpassword is required","error":"illegal_argument"}"#,
    );
    assert_eq!(err.id(), Some("new_password_missing"));
    // The user-attribute service's bad-token answer: `desc`, no `error`.
    let err = ApiError::from_response(
        401,
        br#"{"timestamp":1635827114291,"desc":"unauthorized","duration":0}"#,
    );
    assert_eq!(err.id(), Some("metadata_unauthorized"));
    // A numeric `error_code` the catalog lists decides, whatever the status and text.
    let streaming = br#"{"error":"message_send_error","exception":"MessageSendException","timestamp":1766737700561,"duration":1,"error_code":14035,"error_description":"stream message has already finished"}"#;
    for status in [400, 403, 500] {
        let err = ApiError::from_response(status, streaming);
        assert_eq!(err.id(), Some("stream_already_finished"));
        assert_eq!(err.error_code(), Some(14035));
    }
    let err = ApiError::from_response(
        400,
        br#"{"error":"illegal_argument","error_code":14001,"error_description":"newpassword is required"}"#,
    );
    assert_eq!(
        err.id(),
        Some("message_from_empty"),
        "14001 is `from` missing"
    );
    // An unknown number falls back to the text.
    let err = ApiError::from_response(
        400,
        br#"{"error":"illegal_argument","error_code":99999,"error_description":"newpassword is required"}"#,
    );
    assert_eq!(err.id(), Some("new_password_missing"));
}

#[test]
fn any_status_is_accepted() {
    for status in [0, 1, 99, 200, 204, 302, 418, 599, 600, 999, u16::MAX] {
        let err = check_unknown_but_explained(status, b"{}");
        assert!(!err.zh().is_empty());
    }
}
