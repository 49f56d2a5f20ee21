//! Bodies as servers of each era send them (sources in catalog/coverage/usergrid.tsv): each
//! classifies to one entry, and none is left unknown because a phantom entry made it ambiguous.

use easemob_errors::{ApiError, MatchedBy, Retry};

fn id(status: u16, body: &str) -> Option<&'static str> {
    ApiError::from_response(status, body.as_bytes()).id()
}

#[test]
fn the_client_credentials_filter_answer_names_one_entry() {
    let body = r#"{"error":"invalid_client","error_description":"Unable to authenticate (OAuth)"}"#;
    let err = ApiError::from_response(401, body.as_bytes());
    assert_eq!(err.id(), Some("oauth_client_invalid"));
    assert_eq!(err.matched_by(), MatchedBy::ErrorAndDescription);
    assert_eq!(err.retry(), Retry::Never);
    // The same text under Easemob's own `error` is another cause (an invalid token).
    let easemob =
        r#"{"error":"unauthorized","error_description":"Unable to authenticate (OAuth)"}"#;
    assert_eq!(id(401, easemob), Some("oauth_failed"));
    // With neither `error` nor a status that decides, two entries fit: it stays unknown.
    assert_eq!(
        id(
            401,
            r#"{"error_description":"Unable to authenticate (OAuth)"}"#
        ),
        None
    );
}

#[test]
fn each_era_of_the_unique_property_message_is_the_same_entry() {
    let quoted = r#"{"error":"duplicate_unique_property_exists","error_description":"Entity \"user\" requires that property named \"username\" be unique, value of bob exists"}"#;
    let unquoted = r#"{"error":"duplicate_unique_property_exists","error_description":"Entity user requires that property named username be unique, value of bob exists"}"#;
    assert_eq!(id(400, quoted), Some("unique_property_value_exists"));
    assert_eq!(id(400, unquoted), Some("unique_property_value_exists"));
    let err = ApiError::from_response(400, unquoted.as_bytes());
    assert_eq!(err.fields().get("value"), Some("bob"));
}

#[test]
fn answers_of_the_era_before_unmapped_exceptions_became_500_keep_their_entry() {
    // org.usergrid before 2013-11-06 answered unmapped exceptions with 400.
    let body = r#"{"error":"no_index","error_description":"Entity 'user' with property named 'nickname' is not indexed.  You cannot use the this field in queries."}"#;
    assert_eq!(id(400, body), Some("property_not_indexed"));
    assert_eq!(id(500, body), Some("property_not_indexed"));
}

#[test]
fn a_missing_resource_answered_with_401_is_not_a_token_problem() {
    let body = r#"{"error":"service_resource_not_found","error_description":"Service resource not found"}"#;
    let err = ApiError::from_response(401, body.as_bytes());
    assert_eq!(err.id(), Some("resource_not_found"));
    assert_eq!(err.retry(), Retry::Never);
}

#[test]
fn shiro_identity_answers_and_the_token_endpoint_ones_are_told_apart() {
    let unactivated = r#"{"error":"authentication","error_description":"Unactivated identity"}"#;
    let disabled = r#"{"error":"authentication","error_description":"Disabled identity"}"#;
    let token = r#"{"error":"invalid_grant","error_description":"user disabled"}"#;
    assert_eq!(id(401, unactivated), Some("identity_not_activated"));
    assert_eq!(id(401, disabled), Some("identity_disabled"));
    assert_eq!(id(400, token), Some("user_disabled"));
    assert!(!ApiError::from_response(401, disabled.as_bytes()).should_alert());
}
