//! A hand-written enum that adds errors the catalog lacks and hands the rest to the bundled
//! catalog (`#[easemob(catalog)]`), as an app on a private deployment or a newer server would.

use easemob_errors::{ApiError, Classify, ErrorKind, MatchedBy, Retry};

#[derive(Debug, Clone, PartialEq, Classify)]
enum AppError {
    /// An error a private deployment adds.
    #[easemob(
        status = 403,
        error = "vip_only",
        description = "feature {feature} needs a VIP plan",
        zh = "该功能需要 VIP 套餐。",
        en = "The feature needs a VIP plan.",
        retry = "never"
    )]
    VipOnly { feature: String },
    /// Overrides the bundled entry for this exact answer.
    #[easemob(
        status = 401,
        error = "unauthorized",
        description = "Unable to authenticate due to expired access token",
        zh = "token 过期（本应用每小时刷新）。",
        en = "The token expired (this app refreshes it hourly)."
    )]
    Expired,
    #[easemob(catalog)]
    Bundled(ErrorKind),
}

#[test]
fn own_entries_come_first() {
    let body = br#"{"error":"vip_only","error_description":"feature translate needs a VIP plan"}"#;
    let err = ApiError::<AppError>::classify_response(403, body);
    assert_eq!(
        err.kind(),
        &AppError::VipOnly {
            feature: "translate".into()
        }
    );
    assert_eq!(err.id(), Some("vip_only"));
    assert_eq!(err.fields(), [("feature", "translate")]);
    let expired = br#"{"error":"unauthorized","error_description":"Unable to authenticate due to expired access token"}"#;
    let err = ApiError::<AppError>::classify_response(401, expired);
    assert_eq!(err.kind(), &AppError::Expired);
    // A hand-written variant without `retry` takes its status row's: 401 refreshes the token.
    assert_eq!(err.retry(), Retry::RefreshToken);
}

#[test]
fn the_rest_is_the_catalogs() {
    let body = br#"{"error":"forbidden_op","error_description":"users [u1] are not members of this group!"}"#;
    let err = ApiError::<AppError>::classify_response(403, body)
        .with_request("POST", "/o/a/chatgroups/1/mute");
    assert_eq!(
        err.kind(),
        &AppError::Bundled(ErrorKind::UsersNotGroupMembers { users: "u1".into() })
    );
    assert_eq!(err.id(), Some("users_not_group_members"));
    assert_eq!(err.area(), Some("chatgroups"));
    assert_eq!(err.fields(), [("users", "u1")]);
    assert_eq!(err.en(), "The users to mute are not members of the group.");
    assert_eq!(err.matched_by(), MatchedBy::ErrorAndDescription);
    assert_eq!(
        err.kind().to_string(),
        ErrorKind::UsersNotGroupMembers { users: "u1".into() }.to_string()
    );
    assert_eq!(err.retry(), Retry::Never);
}

#[test]
fn what_neither_knows_is_the_catalogs_unknown() {
    let err = ApiError::<AppError>::classify_response(502, b"<html>Bad Gateway</html>");
    assert_eq!(err.kind(), &AppError::Bundled(ErrorKind::Unknown));
    assert!(!err.is_known());
    assert_eq!(err.matched_by(), MatchedBy::Status);
    assert_eq!(err.retry(), Retry::Transient, "explained by the status");
}
