//! With feature `serde`, an `ApiError` serializes to exactly the `explain --json` shape.
#![cfg(feature = "serde")]

use easemob_errors::ApiError;
use easemob_errors::ResponseParts;
use serde_json::json;

#[test]
fn known_error() {
    let err = ApiError::from_parts(ResponseParts {
        status: 403,
        error: Some("forbidden_op"),
        error_code: None,
        description: Some("users [u1] are not members of this group!"),
    });
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        json!({
            "status": 403, "error": "forbidden_op",
            "description": "users [u1] are not members of this group!",
            "known": true, "id": "users_not_group_members", "fields": {"users": "u1"},
            "zh": err.zh(), "en": err.en(), "retry": "never", "alert": false, "area": "chatgroups",
            "matched_by": "error_and_description",
        })
    );
}

#[test]
fn unknown_error() {
    let err = ApiError::from_response(502, b"<html>");
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        json!({
            "status": 502, "error": null, "description": null, "known": false, "id": null,
            "fields": {}, "zh": err.zh(), "en": err.en(), "retry": "transient", "alert": true, "area": null,
            "matched_by": "status",
        })
    );
}
