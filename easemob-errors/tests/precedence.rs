//! The matching precedence, through the public API: exact description, then template, then an
//! entry that accepts any description for the code, then the status table.

use easemob_errors::{ApiError, ErrorKind};
use easemob_errors::{MatchedBy, ResponseParts};

#[test]
fn exact_description_wins_over_any_description() {
    let err = ApiError::from_parts(ResponseParts {
        status: 400,
        error: Some("json_parse"),
        error_code: None,
        description: Some(
            "Unexpected character ('=' (code 61)): x\n at [Source: s; line: 3, column: 9]",
        ),
    });
    assert_eq!(
        err.id(),
        Some("json_body_malformed"),
        "template before any-description"
    );
    assert_eq!(err.fields()[2..], [("line", "3"), ("column", "9")]);
    let err = ApiError::from_parts(ResponseParts {
        status: 400,
        error: Some("json_parse"),
        error_code: None,
        description: Some("Unexpected end-of-input"),
    });
    assert_eq!(
        err.id(),
        Some("json_body_invalid"),
        "any-description for the code"
    );
    let err = ApiError::from_parts(ResponseParts {
        status: 400,
        error: Some("json_parse"),
        error_code: None,
        description: None,
    });
    assert_eq!(
        err.id(),
        Some("json_body_invalid"),
        "no description at all still matches the code"
    );
}

#[test]
fn the_code_disambiguates_identical_descriptions() {
    let d = Some("Entity user requires a property named username");
    assert_eq!(
        ApiError::from_parts(ResponseParts {
            status: 400,
            error: Some("illegal_argument"),
            error_code: None,
            description: d
        })
        .id(),
        Some("username_missing")
    );
    assert_eq!(
        ApiError::from_parts(ResponseParts {
            status: 400,
            error: Some("required_property_not_found"),
            error_code: None,
            description: d
        })
        .id(),
        Some("password_reset_user_not_found")
    );
    // Without a code, two entries fit the status and description: no guess.
    let err = ApiError::from_parts(ResponseParts {
        status: 400,
        error: None,
        error_code: None,
        description: d,
    });
    assert!(!err.is_known());
    assert_eq!(err.matched_by(), MatchedBy::Status);
}

/// Another status (servers of different eras answer differently) or an `error` the catalog
/// does not know still classifies when exactly one entry fits; the real status is kept.
#[test]
fn status_drift_and_unknown_codes_classify_when_unique() {
    let d = Some("users [u1] are not members of this group!");
    let with = |status, error| {
        ApiError::from_parts(ResponseParts {
            status,
            error,
            error_code: None,
            description: d,
        })
    };
    let listed = with(403, Some("forbidden_op"));
    assert_eq!(listed.id(), Some("users_not_group_members"));
    assert_eq!(listed.matched_by(), MatchedBy::ErrorAndDescription);
    let drifted = with(404, Some("forbidden_op"));
    assert_eq!(drifted.id(), Some("users_not_group_members"));
    assert_eq!(drifted.status(), 404);
    assert_eq!(drifted.matched_by(), MatchedBy::ErrorAndDescription);
    let unknown_code = with(403, Some("other_code"));
    assert_eq!(unknown_code.id(), Some("users_not_group_members"));
    assert_eq!(unknown_code.matched_by(), MatchedBy::Description);
    assert_eq!(unknown_code.code(), Some("other_code"));
    // A known code whose entries do not have this description: unknown, whatever the status.
    assert_eq!(
        with(404, Some("illegal_argument")).kind(),
        &ErrorKind::Unknown
    );
}

#[test]
fn missing_or_empty_code_matches_on_status_and_description() {
    for code in [None, Some(""), Some("  ")] {
        let err = ApiError::from_parts(ResponseParts {
            status: 403,
            error: code,
            error_code: None,
            description: Some("users [u1] are not members of this group!"),
        });
        assert_eq!(err.id(), Some("users_not_group_members"), "{code:?}");
        assert_eq!(err.code(), code, "the raw value is kept");
    }
}

#[test]
fn wording_drift_still_matches() {
    let cases = [
        "Service resource not found.",
        "service resource not found",
        "  Service  resource not found\n",
    ];
    for d in cases {
        assert_eq!(
            ApiError::from_parts(ResponseParts {
                status: 404,
                error: Some("service_resource_not_found"),
                error_code: None,
                description: Some(d)
            })
            .id(),
            Some("resource_not_found"),
            "{d:?}"
        );
    }
}

#[test]
fn unknown_errors_keep_everything_and_get_the_status_explanation() {
    let err = ApiError::from_parts(ResponseParts {
        status: 403,
        error: Some("brand_new_code"),
        error_code: None,
        description: Some("something new\n"),
    });
    assert!(!err.is_known());
    assert_eq!(err.id(), None);
    assert_eq!(err.code(), Some("brand_new_code"));
    assert_eq!(err.description(), Some("something new\n"));
    assert_eq!(err.zh(), easemob_errors::status_explanation(403).zh());
    assert!(err.fields().is_empty());
}

#[test]
fn placeholders_are_trimmed_and_need_a_value() {
    let err = ApiError::from_parts(ResponseParts {
        status: 400,
        error: Some("illegal_argument"),
        error_code: None,
        description: Some("group member  bob  doesn't exist"),
    });
    assert_eq!(err.fields(), [("username", "bob")]);
    let err = ApiError::from_parts(ResponseParts {
        status: 400,
        error: Some("illegal_argument"),
        error_code: None,
        description: Some("group member doesn't exist"),
    });
    assert!(!err.is_known(), "an empty placeholder does not match");
}
