//! What `Display` prints for known, unknown and odd errors: one English line each.

use easemob_errors::ResponseParts;
use easemob_errors::{ApiError, ErrorKind};

#[test]
fn display_lines() {
    let cases: Vec<ApiError> = vec![
        ApiError::from_parts(ResponseParts {
            status: 403,
            error: Some("forbidden_op"),
            error_code: None,
            description: Some("users [u1, u2] are not members of this group!"),
        }),
        ApiError::from_parts(ResponseParts {
            status: 401,
            error: Some("unauthorized"),
            error_code: None,
            description: Some("Unable to authenticate due to expired access token"),
        }),
        ApiError::from_parts(ResponseParts {
            status: 401,
            error: None,
            error_code: None,
            description: Some("Unable to authenticate due to expired access token"),
        }),
        ApiError::from_parts(ResponseParts {
            status: 400,
            error: Some("json_parse"),
            error_code: None,
            description: Some("Unexpected end-of-input"),
        }),
        ApiError::from_parts(ResponseParts {
            status: 403,
            error: Some("forbidden_op"),
            error_code: None,
            description: Some("a description nobody documented\nwith a newline"),
        }),
        ApiError::from_parts(ResponseParts {
            status: 418,
            error: Some("teapot"),
            error_code: None,
            description: None,
        }),
        ApiError::from_response(502, b"<html><body>Bad Gateway</body></html>"),
        ApiError::from_response(999, b""),
    ];
    let lines: Vec<String> = cases.iter().map(ToString::to_string).collect();
    for line in &lines {
        assert!(!line.contains('\n'), "Display must be one line: {line}");
    }
    insta::assert_snapshot!("display_lines", lines.join("\n"));
}

#[test]
fn with_a_request_display_gives_the_cause_for_that_endpoint() {
    let body = br#"{"error":"forbidden_op","error_description":"users [u1] are not members of this group!"}"#;
    let err = ApiError::from_response(403, body)
        .with_request("DELETE", "/easemob-demo/chatdemoui/chatgroups/1/users/u1");
    assert_eq!(
        err.to_string(),
        r#"HTTP 403 forbidden_op: The users being removed are not members of the group. (users: "u1")"#
    );
}

#[test]
fn kind_display_is_the_english_cause_with_fields() {
    let kind = ErrorKind::UsersNotGroupMembers { users: "u1".into() };
    assert_eq!(
        kind.to_string(),
        r#"The users the operation targets (remove, block, unblock, add to or remove from the allowlist, mute, tag) are not members of the group or chat room. (users: "u1")"#
    );
    assert_eq!(
        ErrorKind::Unknown.to_string(),
        "an error the Easemob catalog does not know"
    );
}

#[test]
fn api_error_is_a_std_error_and_thread_safe() {
    fn assert_traits<T: std::error::Error + Send + Sync + Clone + PartialEq + 'static>() {}
    assert_traits::<ApiError>();
    assert_eq!(
        std::mem::size_of::<ApiError>(),
        std::mem::size_of::<usize>(),
        "one pointer wide"
    );
    let boxed: Box<dyn std::error::Error + Send + Sync> =
        Box::new(ApiError::from_parts(ResponseParts {
            status: 404,
            error: None,
            error_code: None,
            description: None,
        }));
    assert!(boxed.to_string().starts_with("HTTP 404 (no error code)"));
}
