//! Every row of both versions of the official error-code page (the project's seed documents)
//! classifies to its catalog entry with its values extracted.
//!
//! Descriptions are written as the docs print them (curly quotes inside, `%s` replaced by a
//! value) or as the server sends them (trailing newline), since both must match.

use easemob_errors::ResponseParts;
use easemob_errors::{ApiError, Retry};

struct Row {
    status: u16,
    error: Option<&'static str>,
    description: &'static str,
    id: &'static str,
    fields: &'static [(&'static str, &'static str)],
}

const fn row(
    status: u16,
    error: Option<&'static str>,
    description: &'static str,
    id: &'static str,
    fields: &'static [(&'static str, &'static str)],
) -> Row {
    Row {
        status,
        error,
        description,
        id,
        fields,
    }
}

const IA: Option<&str> = Some("illegal_argument");
const FO: Option<&str> = Some("forbidden_op");

/// Newer page (`001_…`), then rows only the older page (`000_…`) has or words differently.
const ROWS: &[Row] = &[
    row(
        400,
        Some("invalid_grant"),
        "invalid username or password",
        "invalid_username_or_password",
        &[],
    ),
    row(
        400,
        Some("invalid_grant"),
        "\u{201C}client_id does not match\u{201D}",
        "client_id_mismatch",
        &[],
    ),
    row(
        400,
        Some("invalid_grant"),
        "client_secret does not match",
        "client_secret_mismatch",
        &[],
    ),
    row(
        400,
        Some("json_parse"),
        "Unexpected character (\u{2018}=\u{2019} (code 61)): was expecting a colon to separate field name and value\n at [Source: java.io.BufferedInputStream@170e3f35; line: 1, column: 23]",
        "json_body_malformed",
        &[
            (
                "problem",
                "Unexpected character (\u{2018}=\u{2019} (code 61)): was expecting a colon to separate field name and value",
            ),
            ("source", "java.io.BufferedInputStream@170e3f35"),
            ("line", "1"),
            ("column", "23"),
        ],
    ),
    row(
        400,
        IA,
        "Entity user requires a property named username",
        "username_missing",
        &[],
    ),
    row(
        400,
        IA,
        "password or pin must provided",
        "password_missing",
        &[],
    ),
    row(
        400,
        IA,
        "newpassword is required",
        "new_password_missing",
        &[],
    ),
    row(
        400,
        IA,
        "oldPassword is required",
        "admin_token_missing",
        &[],
    ),
    row(
        400,
        IA,
        "group member username1 doesn\u{2019}t exist",
        "group_new_member_not_found",
        &[("username", "username1")],
    ),
    row(
        400,
        IA,
        "this is an invalid request.",
        "invalid_request",
        &[],
    ),
    row(400, IA, "from can't be empty", "message_from_empty", &[]),
    row(
        400,
        IA,
        "target_type can only be 'users' or 'chatgroups' or 'chatrooms'",
        "message_target_type_invalid",
        &[],
    ),
    row(
        400,
        IA,
        "username [hxtest1@easemob.com] is not legal",
        "username_illegal",
        &[("username", "hxtest1@easemob.com")],
    ),
    row(
        400,
        IA,
        "This chatmessage request is not supported",
        "chat_history_time_invalid",
        &[],
    ),
    row(
        400,
        IA,
        "illegal arguments: appkey: easemob-demo#chatdemoui, time: 2018020918, maybe chat message history is expired or unstored",
        "chat_history_unavailable",
        &[
            ("appkey", "easemob-demo#chatdemoui"),
            ("time", "2018020918"),
        ],
    ),
    row(
        400,
        Some("invalid_parameter"),
        "some of [groupid] are not valid fields",
        "group_fields_not_modifiable",
        &[("fields", "groupid")],
    ),
    row(
        400,
        Some("required_property_not_found"),
        "Entity user requires a property named username",
        "password_reset_user_not_found",
        &[],
    ),
    row(
        400,
        Some("duplicate_unique_property_exists"),
        "Application null Entity user requires that property named username be unique, value of hxtest1 exists",
        "unique_property_exists",
        &[
            ("application", "null"),
            ("property", "username"),
            ("value", "hxtest1"),
        ],
    ),
    row(
        401,
        Some("unauthorized"),
        "registration is not open, please contact the app admin",
        "registration_closed",
        &[],
    ),
    row(
        401,
        Some("unauthorized"),
        "Unable to authenticate due to expired access token",
        "token_expired",
        &[],
    ),
    row(
        401,
        Some("auth_bad_access_token"),
        "Unable to authenticate due to corrupt access token",
        "token_corrupt",
        &[],
    ),
    row(
        401,
        Some("auth_bad_access_token"),
        "Unable to authenticate",
        "token_not_recognized",
        &[],
    ),
    row(
        403,
        FO,
        "can not join this group, reason:user: hxtest1 already in group: 40659491815425\n",
        "user_already_in_group",
        &[("username", "hxtest1"), ("group_id", "40659491815425")],
    ),
    row(
        403,
        FO,
        "users [hxtest100] are not members of this group!",
        "users_not_group_members",
        &[("users", "hxtest100")],
    ),
    row(
        403,
        FO,
        "user: username1 doesn't exist in group: 40659491815425",
        "user_not_in_group",
        &[("username", "username1"), ("group_id", "40659491815425")],
    ),
    row(
        403,
        FO,
        "new owner and old owner are the same",
        "new_owner_is_owner",
        &[],
    ),
    row(
        403,
        FO,
        "forbidden operation on group owner!",
        "group_owner_forbidden_op",
        &[],
    ),
    row(
        403,
        None,
        "can not join this group, reason:user hxtest1 has joined too many groups/chatroom!",
        "user_joined_too_many_groups",
        &[("username", "hxtest1")],
    ),
    row(
        403,
        FO,
        "can not join this group, reason:user hxtest1 has joined too many groups/chatroom!",
        "user_joined_too_many_groups",
        &[("username", "hxtest1")],
    ),
    row(
        403,
        None,
        "this appKey has create too many groups/chatrooms!",
        "app_group_limit_reached",
        &[],
    ),
    row(
        404,
        Some("organization_application_not_found"),
        "Could not find application for hx/hxdeo2 from URI: hx/hxdeo2/token",
        "application_not_found",
        &[("org_app", "hx/hxdeo2"), ("uri", "hx/hxdeo2/token")],
    ),
    row(
        404,
        Some("service_resource_not_found"),
        "Service resource not found",
        "resource_not_found",
        &[],
    ),
    row(
        404,
        Some("storage_object_not_found"),
        "Failed to find chat message history download url for appkey: hx#hxdemo2, time: 2018020912",
        "chat_history_not_found",
        &[("appkey", "hx#hxdemo2"), ("time", "2018020912")],
    ),
    row(
        413,
        Some("Request Entity Too Large"),
        "Request Entity Too Large",
        "request_too_large",
        &[],
    ),
    row(
        415,
        Some("web_application"),
        "Unsupported Media Type",
        "unsupported_media_type",
        &[],
    ),
    row(
        429,
        Some("resource_limited"),
        "You have exceeded the limit of the community edition. Please upgrade to the enterprise edition.",
        "plan_limit_exceeded",
        &[("edition", "community"), ("upgrade", "the enterprise")],
    ),
    row(
        429,
        Some("reach_limit"),
        "This request has reached api limit",
        "api_rate_limited",
        &[],
    ),
    row(
        500,
        Some("no_full_text_index"),
        "Entity \u{2018}user\u{2019} with property named \u{2018}username\u{2019} is not full text indexed. You cannot use the \u{2018}contains\u{2019} operand on this field",
        "property_not_full_text_indexed",
        &[("entity", "user"), ("property", "username")],
    ),
    row(
        500,
        Some("unsupported_service_operation"),
        "Service operation not supported",
        "http_method_not_supported",
        &[],
    ),
    row(
        500,
        Some("web_application"),
        "javax.ws.rs.WebApplicationException",
        "api_not_provided",
        &[],
    ),
    // Only in the older page, or worded differently there.
    row(
        400,
        Some("organization_application_not_found"),
        "Could not find application for easemob-demo/aachatdemoui from URI: easemob-demo/aachatdemoui/users",
        "application_not_found",
        &[
            ("org_app", "easemob-demo/aachatdemoui"),
            ("uri", "easemob-demo/aachatdemoui/users"),
        ],
    ),
    row(
        400,
        Some("duplicate_unique_property_exists"),
        "Application 4d7e4ba0-dc4a-11e3-90d5-e1ffbaacdaf5Entity user requires that property named username be unique, value of dddd exists",
        "unique_property_exists",
        &[
            ("application", "4d7e4ba0-dc4a-11e3-90d5-e1ffbaacdaf5"),
            ("property", "username"),
            ("value", "dddd"),
        ],
    ),
    row(
        401,
        None,
        "Unable to authenticate due to expired access token",
        "token_expired",
        &[],
    ),
    row(
        401,
        Some(""),
        "Unable to authenticate due to expired access token",
        "token_expired",
        &[],
    ),
    row(
        500,
        Some("no_full_text_index"),
        "Entity 'user' with property named 'username' is not full text indexed.  You cannot use the 'contains' operand on this field",
        "property_not_full_text_indexed",
        &[("entity", "user"), ("property", "username")],
    ),
];

#[test]
fn every_seed_row_classifies_with_its_values() {
    for r in ROWS {
        let description = r.description.trim_matches(['\u{201C}', '\u{201D}']);
        let err = ApiError::from_parts(ResponseParts {
            status: r.status,
            error: r.error,
            error_code: None,
            description: Some(description),
        });
        assert_eq!(
            err.id(),
            Some(r.id),
            "{} {:?} {:?}",
            r.status,
            r.error,
            description
        );
        assert_eq!(err.fields(), r.fields.to_vec(), "{}", r.id);
        assert_eq!(err.description(), Some(description), "kept verbatim");
        assert!(!err.zh().is_empty() && !err.en().is_empty());
    }
}

#[test]
fn the_same_rows_as_real_response_bodies() {
    for r in ROWS {
        let description = r.description.trim_matches(['\u{201C}', '\u{201D}']);
        let mut body = serde_json::json!({
            "exception": "SomeException", "timestamp": 1_552_902_733_543_u64, "duration": 0,
            "error_description": description,
        });
        if let Some(e) = r.error {
            body["error"] = e.into();
        }
        let err = ApiError::from_response(r.status, body.to_string().as_bytes());
        assert_eq!(err.id(), Some(r.id), "{body}");
    }
}

/// The status tables of both pages: every status has its own row, with the advice the docs give
/// (retry timeouts and gateway errors; alert on server errors; fix the request otherwise). The
/// newer seed page calls 503 rate limiting and 413 a body to split; the dated pages say 服务不可用
/// for 503 and an oversized attachment for 413, so 503 is `Transient` and 413 `Never`
/// (catalog/README.md, "Retry and alert rules").
#[test]
fn seed_statuses_have_rows_with_the_documented_advice() {
    let expected: &[(u16, Retry, bool)] = &[
        (400, Retry::Never, false),
        (401, Retry::RefreshToken, false),
        (403, Retry::Never, false),
        (404, Retry::Never, false),
        (408, Retry::Transient, false),
        (413, Retry::Never, false),
        (415, Retry::Never, false),
        (429, Retry::Throttled, false),
        (500, Retry::Transient, true),
        (501, Retry::Never, true),
        (502, Retry::Transient, true),
        (503, Retry::Transient, true),
        (504, Retry::Transient, true),
    ];
    for &(status, retry, alert) in expected {
        assert!(
            easemob_errors::documented_statuses().contains(&status),
            "{status}"
        );
        let e = easemob_errors::status_explanation(status);
        assert_eq!((e.retry(), e.should_alert()), (retry, alert), "{status}");
        let err = ApiError::from_response(status, b"");
        assert!(!err.is_known());
        assert_eq!(err.en(), e.en());
    }
}

#[test]
fn retry_advice_of_the_entries_the_docs_single_out() {
    let cases = [
        (
            429,
            "reach_limit",
            "This request has reached api limit",
            Retry::Throttled,
            false,
        ),
        (
            429,
            "resource_limited",
            "You have exceeded the limit of the community edition. Please upgrade to the enterprise edition.",
            Retry::Never,
            true,
        ),
        (
            401,
            "unauthorized",
            "Unable to authenticate due to expired access token",
            Retry::RefreshToken,
            false,
        ),
        (
            413,
            "Request Entity Too Large",
            "Request Entity Too Large",
            Retry::Never,
            false,
        ),
        // A client mistake the server answers with 500: the same request fails again.
        (
            500,
            "web_application",
            "javax.ws.rs.WebApplicationException",
            Retry::Never,
            false,
        ),
        // A server error: retry after a pause, and alert if it persists.
        (
            500,
            "RewriteMessageInternalErrorException",
            "An unknown error occurred while processing the request.",
            Retry::Transient,
            true,
        ),
    ];
    for (status, code, desc, retry, alert) in cases {
        let err = ApiError::from_parts(ResponseParts {
            status,
            error: Some(code),
            error_code: None,
            description: Some(desc),
        });
        assert!(err.is_known());
        assert_eq!((err.retry(), err.should_alert()), (retry, alert), "{code}");
    }
}
