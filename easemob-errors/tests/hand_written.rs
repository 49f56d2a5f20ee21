//! The derive on an enum written by hand: the attribute grammar is usable without the catalog.
#![deny(warnings)]

use easemob_errors::ResponseParts;
use easemob_errors::{ApiError, Classify, Retry};

/// Only the group errors this service cares about.
#[derive(Debug, Clone, PartialEq, Eq, Classify)]
enum GroupError {
    #[easemob(
        id = "not_members",
        status(400, 403),
        error("forbidden_op", "invalid_parameter"),
        description(
            "users [{users}] are not members of this group!",
            "users {users} are not members of this group!"
        ),
        zh = "用户不在群内。",
        en = "The users are not in the group.",
        cause(
            area = "chatrooms",
            zh = "用户不在聊天室内。",
            en = "Not in the chat room."
        ),
        cause(
            request = "POST /chatgroups/{group_id}/mute",
            zh = "被禁言的用户不在群内。",
            en = "The users to mute are not in the group."
        ),
        retry = "never",
        alert = false
    )]
    NotMembers { users: String },
    #[easemob(
        status = 403,
        error = "forbidden_op",
        description = "can not join this group, reason:user: {username} already in group: {group_id}",
        zh = "用户已在群内。",
        en = "Already a member."
    )]
    AlreadyIn { group_id: String, username: String },
    #[easemob(
        status = 429,
        error = "reach_limit",
        zh = "限流。",
        en = "Rate limited.",
        retry = "throttled"
    )]
    Throttled,
    #[easemob(
        error_code = 14035,
        description = "stream message has already finished",
        zh = "流式消息已结束。",
        en = "The stream has finished."
    )]
    StreamFinished,
    #[easemob(
        status = 502,
        error = "gateway",
        zh = "网关出错。",
        en = "The gateway failed."
    )]
    Gateway,
    #[easemob(unknown)]
    Other,
}

/// A variant that gives no `retry`/`alert` takes its first status's row of the catalog's
/// status table, as a YAML entry does (`easemob_errors_core::grammar`).
#[test]
fn advice_defaults_to_the_status_row() {
    for (kind, status) in [
        (GroupError::Gateway, 502),
        (
            GroupError::AlreadyIn {
                group_id: String::new(),
                username: String::new(),
            },
            403,
        ),
        (GroupError::StreamFinished, 400),
    ] {
        let row = easemob_errors::status_explanation(status);
        let e = kind.explanation().unwrap();
        assert_eq!(
            (e.retry(), e.should_alert()),
            (row.retry(), row.should_alert()),
            "{kind:?}"
        );
    }
    assert_eq!(
        GroupError::Gateway.explanation().unwrap().retry(),
        Retry::Transient
    );
    assert!(GroupError::Gateway.explanation().unwrap().should_alert());
}

#[test]
fn classifies_with_fields_in_any_order() {
    let k = GroupError::classify(ResponseParts {
        status: 400,
        error: Some("invalid_parameter"),
        error_code: None,
        description: Some("users [a, b] are not members of this group!"),
    });
    assert_eq!(
        k,
        GroupError::NotMembers {
            users: "a, b".into()
        }
    );
    let k = GroupError::classify(ResponseParts {
        status: 403,
        error: Some("forbidden_op"),
        error_code: None,
        description: Some("can not join this group, reason:user: u already in group: 7"),
    });
    assert_eq!(
        k,
        GroupError::AlreadyIn {
            group_id: "7".into(),
            username: "u".into()
        }
    );
    assert_eq!(k.fields(), [("username", "u"), ("group_id", "7")]);
}

#[test]
fn ids_default_to_the_variant_name() {
    assert_eq!(GroupError::Throttled.id(), Some("throttled"));
    assert_eq!(
        GroupError::AlreadyIn {
            group_id: String::new(),
            username: String::new()
        }
        .id(),
        Some("already_in")
    );
    assert_eq!(GroupError::Other.id(), None);
}

#[test]
fn explanations_and_defaults() {
    let e = GroupError::Throttled.explanation().unwrap();
    assert_eq!(
        (e.zh(), e.en(), e.retry(), e.should_alert()),
        ("限流。", "Rate limited.", Retry::Throttled, false)
    );
    let e = GroupError::AlreadyIn {
        group_id: String::new(),
        username: String::new(),
    }
    .explanation()
    .unwrap();
    assert_eq!(e.retry(), Retry::Never, "retry defaults to never");
    assert!(GroupError::Other.explanation().is_none());
    assert_eq!(GroupError::Throttled.description_template(), None);
}

#[test]
fn any_description_for_a_code() {
    let err = ApiError::<GroupError>::classify_response(
        429,
        br#"{"error":"reach_limit","error_description":"whatever"}"#,
    );
    assert_eq!(err.kind(), &GroupError::Throttled);
    assert!(err.is_retryable());
}

#[test]
fn unknown_falls_back_to_the_status_table() {
    let err = ApiError::<GroupError>::classify_parts(ResponseParts {
        status: 404,
        error: Some("service_resource_not_found"),
        error_code: None,
        description: None,
    });
    assert_eq!(err.kind(), &GroupError::Other);
    assert_eq!(err.en(), easemob_errors::status_explanation(404).en());
    assert_eq!(
        err.to_string(),
        format!(
            "HTTP 404 service_resource_not_found: {} (unknown error)",
            easemob_errors::status_explanation(404).en()
        )
    );
}

#[test]
fn display_of_the_kind() {
    assert_eq!(
        GroupError::NotMembers { users: "x".into() }.to_string(),
        "The users are not in the group. (users: \"x\")"
    );
}

#[test]
fn area_is_optional() {
    assert_eq!(
        GroupError::NotMembers {
            users: String::new()
        }
        .area(),
        None
    );
    let err = ApiError::from_parts(ResponseParts {
        status: 403,
        error: Some("forbidden_op"),
        error_code: None,
        description: Some("users [u1] are not members of this group!"),
    });
    assert_eq!(err.area(), Some("chatgroups"));
}

#[test]
fn rewordings_numeric_codes_and_causes_work_on_a_hand_written_enum() {
    let k = GroupError::classify(ResponseParts {
        status: 403,
        error: Some("forbidden_op"),
        error_code: None,
        description: Some("Users a are not members of this group."),
    });
    assert_eq!(k, GroupError::NotMembers { users: "a".into() });
    let k = GroupError::classify(ResponseParts {
        status: 200,
        error: None,
        error_code: Some(14035),
        description: None,
    });
    assert_eq!(k, GroupError::StreamFinished);

    let body = br#"{"error":"forbidden_op","error_description":"users [a] are not members of this group!"}"#;
    let general: ApiError<GroupError> = ApiError::classify_response(403, body);
    assert_eq!(general.en(), "The users are not in the group.");
    let room = general
        .clone()
        .with_request("DELETE", "/org/app/chatrooms/9/users/a");
    assert_eq!(room.en(), "Not in the chat room.");
    assert_eq!(room.area(), Some("chatrooms"));
    let mute = general
        .clone()
        .with_request_line("post /org/app/chatgroups/7/mute");
    assert_eq!(mute.zh(), "被禁言的用户不在群内。");
    assert_eq!(mute.area(), Some("chatgroups"));
    let other = general.with_request("GET", "/org/app/chatgroups/7");
    assert_eq!(other.en(), "The users are not in the group.");
}

/// An enum with no causes at all only reads the body: every answer is its unknown variant,
/// with the raw parts kept (and, under `deny(warnings)`, the derive emits no dead code).
#[derive(Debug, Classify)]
enum OnlyBody {
    #[easemob(unknown)]
    Any,
}

#[test]
fn an_enum_of_no_causes_reads_the_body() {
    let body = br#"{"error":"forbidden_op","error_description":"users [u1] are not members of this group!"}"#;
    let err = ApiError::<OnlyBody>::classify_response(403, body);
    assert!(matches!(err.kind(), OnlyBody::Any));
    assert_eq!(err.code(), Some("forbidden_op"));
    assert_eq!(
        err.description(),
        Some("users [u1] are not members of this group!")
    );
    assert_eq!(err.status(), 403);
}

/// One cause that servers of two eras answered differently: `400 token`, then
/// `401 auth_bad_access_token`, never `401 token`.
#[derive(Debug, Clone, PartialEq, Eq, Classify)]
enum TokenError {
    #[easemob(
        status(400, 401),
        error("token", "auth_bad_access_token"),
        pair(400, "token"),
        pair(401, "auth_bad_access_token"),
        description = "Could not find an entity for that access token: {token}",
        zh = "token 对应的应用已不存在。",
        en = "The token's app is gone."
    )]
    AppGone { token: String },
    #[easemob(
        status = 401,
        error = "token",
        zh = "token 无效。",
        en = "The token is refused."
    )]
    Refused,
    #[easemob(unknown)]
    Other,
}

/// `pair(...)` limits which status comes with which `error`: the pairs it lists classify
/// strictly, and a body pairing the lists otherwise is not this variant's when another
/// variant lists that status with that `error`.
#[test]
fn pairs_say_which_status_comes_with_which_error() {
    let body = |status, error| {
        TokenError::classify(ResponseParts {
            status,
            error: Some(error),
            error_code: None,
            description: Some("Could not find an entity for that access token: t1"),
        })
    };
    let gone = TokenError::AppGone { token: "t1".into() };
    assert_eq!(body(400, "token"), gone);
    assert_eq!(body(401, "auth_bad_access_token"), gone);
    // Without the pairs, the template of `AppGone` would win over `Refused`'s any-description
    // match for 401 `token`.
    assert_eq!(body(401, "token"), TokenError::Refused);
    // A pair of the lists that no variant lists is status drift: still the one fitting
    // variant of that `error`.
    assert_eq!(body(400, "auth_bad_access_token"), gone);
}
