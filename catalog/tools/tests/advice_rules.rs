//! The retry and alert rules of catalog/README.md ("Retry and alert rules"), checked over
//! the whole catalog by meaning: the `retry` and `alert` values against the status and
//! against named lists of entries, never against the wording of `zh`/`en`.
//!
//! A list names what each of its entries is (a service not enabled, an app-wide quota…), and
//! the tests check both ways where the rule allows: every listed entry has the advice its
//! kind calls for, and no entry outside the list has that advice. A new entry that departs
//! from its status row therefore fails here until it is put on the list of its kind. A
//! listed id that no longer exists fails too: drop it from the list.

use easemob_errors_core::Retry;
use easemob_errors_core::grammar::advice_status;
use easemob_errors_tools::{Catalog, Entry, StatusKey};
use std::collections::BTreeSet;

/// Services an app must have enabled (by the console or by sales): `never`, alert.
const SERVICES_NOT_ENABLED: &[&str] = &[
    "broadcast_service_disabled",
    "chatroom_tag_mute_disabled",
    "group_member_metadata_disabled",
    "group_online_count_disabled",
    "presence_service_disabled",
    "push_service_disabled",
    "reaction_service_disabled",
    "recall_service_disabled",
    "rewrite_service_disabled",
    "roaming_service_disabled",
    "thread_service_disabled",
    "user_metadata_service_disabled",
];

/// Quotas of the whole app (per app, per plan, per day): `never`, alert.
const APP_WIDE_QUOTAS: &[&str] = &[
    "app_group_limit_reached",
    "app_key_group_limit_reached",
    "broadcast_daily_limit",
    "plan_limit_exceeded",
    "thread_count_limit",
    "user_metadata_app_limit",
];

/// Quotas that reset once a day: a backoff cannot wait them out, so never `throttled`.
const DAILY_QUOTAS: &[&str] = &["broadcast_daily_limit"];

/// A banned, disabled or deleted app or organization, or an answer that may mean one:
/// `never`, alert.
const BANNED_APP: &[&str] = &["service_operation_not_allowed", "token_app_missing"];

/// A user the app itself banned: `never`, no alert (the app knows; alerting is noise).
const USER_BANNED_BY_APP: &[&str] = &[
    "identity_disabled",
    "identity_not_activated",
    "user_disabled",
    "user_not_activated",
];

/// Documented per-second or per-minute rate limits, whatever their status: `throttled`.
const RATE_LIMITS: &[&str] = &[
    "api_rate_limited",
    "message_send_rate_limited",
    "presence_query_rate_limited",
];

/// Documented per-request caps on a count the caller can divide: `split_request`.
const PER_REQUEST_CAPS: &[&str] = &[
    "attachment_ids_too_many",
    "batch_add_members_too_many",
    "batch_allowlist_remove_too_many",
    "batch_block_too_many",
    "batch_register_too_many",
    "batch_remove_members_too_many",
    "batch_status_too_many",
    "batch_unblock_too_many",
    "batch_unmute_too_many",
    "batch_usernames_too_many",
    "contacts_page_too_large",
    "group_member_metadata_batch_too_large",
    "message_to_too_many",
    "metadata_batch_too_large",
    "presence_query_too_many",
    "presence_subscribe_too_many",
    "presence_unsubscribe_too_many",
    "push_nicknames_too_many",
    "query_limit_too_large",
    "reaction_message_ids_too_many",
    "reaction_page_limit_too_large",
    "roaming_delete_too_many",
    "thread_members_too_many",
    "too_many_direct_entities",
];

/// Limits that splitting the request cannot always satisfy: a cap on one thing (a file, a
/// message body with its `ext`, a group's `maxusers`, which the 60-per-request cap of adding
/// members shares its answer with) or a range that also rejects an empty request: `never`.
const INDIVISIBLE_LIMITS: &[&str] = &[
    "file_too_large",
    "friend_check_list_size",
    "members_exceed_max_users",
    "message_too_large",
    "request_too_large",
];

/// 500s the docs explain as the caller's mistake: `never`, no alert.
const CLIENT_MISTAKE_500S: &[&str] = &[
    "api_not_provided",
    "http_method_not_supported",
    "property_not_full_text_indexed",
    "property_not_indexed",
];

/// 401s about the token itself (missing, expired, corrupt, not recognised): `refresh_token`.
const TOKEN_ITSELF_401S: &[&str] = &[
    "oauth_failed",
    "registration_closed",
    "token_blank",
    "token_corrupt",
    "token_expired",
    "token_illegal",
    "token_not_recognized",
];

/// 401s a new token of the same kind cannot fix (wrong kind of token, no right, not the
/// caller's resource): `never`.
const NEW_TOKEN_CANNOT_HELP_401S: &[&str] = &[
    "client_credentials_invalid",
    "metadata_auth_error",
    "metadata_unauthorized",
    "metadata_user_not_in_chatroom",
    "no_admin_access",
    "no_application_access",
    "no_organization_access",
    "no_resource_permission",
    "oauth_client_invalid",
    "permission_denied",
    "rewrite_not_authorized",
];

/// Concurrent changes a blind retry must not resolve: `never` (re-read, then decide).
const NO_BLIND_RETRY_409S: &[&str] = &["rewrite_conflict"];

/// Every status row the docs define, with the advice the rules give it.
const STATUS_ROWS: &[(&str, Retry, bool)] = &[
    ("400", Retry::Never, false),
    ("401", Retry::RefreshToken, false),
    ("403", Retry::Never, false),
    ("404", Retry::Never, false),
    ("405", Retry::Never, false),
    ("408", Retry::Transient, false),
    ("409", Retry::Transient, false),
    ("413", Retry::Never, false),
    ("415", Retry::Never, false),
    ("429", Retry::Throttled, false),
    ("500", Retry::Transient, true),
    ("501", Retry::Never, true),
    ("502", Retry::Transient, true),
    ("503", Retry::Transient, true),
    ("504", Retry::Transient, true),
    ("4xx", Retry::Never, false),
    ("5xx", Retry::Transient, true),
];

fn catalog() -> Catalog {
    easemob_errors_tools::load_workspace_catalog()
        .expect("a valid catalog")
        .catalog
}

/// The status whose row gives the entry's defaults (400 for an entry known only by code).
fn status(e: &Entry) -> u16 {
    advice_status(e.statuses)
}

fn advice(e: &Entry) -> (Retry, bool) {
    (e.retry, e.alert)
}

fn describe(e: &Entry) -> String {
    format!(
        "{} (status {}, retry {}, alert {})",
        e.id,
        status(e),
        e.retry,
        e.alert
    )
}

fn report(broken: Vec<String>, rule: &str) {
    assert!(broken.is_empty(), "{rule}:\n{}", broken.join("\n"));
}

/// The entries of a list, failing on an id the catalog does not have.
fn listed<'c>(c: &'c Catalog, ids: &[&str], list: &str) -> Vec<&'c Entry> {
    let missing: Vec<String> = ids
        .iter()
        .filter(|id| c.entry(id).is_none())
        .map(|id| format!("{id}: not in the catalog; drop it from {list}"))
        .collect();
    report(missing, "every listed id names an entry");
    ids.iter().filter_map(|id| c.entry(id)).collect()
}

/// Every entry of `ids` has exactly `want` as its (retry, alert).
fn each_has(c: &Catalog, ids: &[&str], list: &str, want: (Retry, bool)) {
    let broken = listed(c, ids, list)
        .into_iter()
        .filter(|e| advice(e) != want)
        .map(|e| format!("{}: want retry {}, alert {}", describe(e), want.0, want.1))
        .collect();
    report(broken, list);
}

fn union(lists: &[&[&'static str]]) -> BTreeSet<&'static str> {
    lists.iter().flat_map(|l| l.iter().copied()).collect()
}

#[test]
fn status_rows_give_the_advice_of_the_rules() {
    let c = catalog();
    for &(label, retry, alert) in STATUS_ROWS {
        let row = c
            .statuses
            .iter()
            .find(|s| s.key.label() == label)
            .unwrap_or_else(|| panic!("status.yaml has no `{label}` row"));
        assert_eq!((row.retry, row.alert), (retry, alert), "status row {label}");
    }
}

#[test]
fn server_errors_retry_with_backoff_and_alert_unless_a_client_mistake() {
    let c = catalog();
    let mistakes: BTreeSet<&str> = CLIENT_MISTAKE_500S.iter().copied().collect();
    each_has(
        &c,
        CLIENT_MISTAKE_500S,
        "CLIENT_MISTAKE_500S",
        (Retry::Never, false),
    );
    let wrong_list: Vec<String> = listed(&c, CLIENT_MISTAKE_500S, "CLIENT_MISTAKE_500S")
        .into_iter()
        .filter(|e| !e.statuses.iter().any(|s| (500..600).contains(s)))
        .map(describe)
        .collect();
    report(
        wrong_list,
        "a client-mistake 500 is answered with a 5xx status",
    );
    let broken = c
        .entries
        .iter()
        .filter(|e| (500..600).contains(&status(e)) && !mistakes.contains(e.id))
        .filter(|e| advice(e) != (Retry::Transient, true))
        .map(describe)
        .collect();
    report(
        broken,
        "a 5xx entry is transient and alerts, unless it is in CLIENT_MISTAKE_500S",
    );
    for s in c.statuses {
        if matches!(s.key, StatusKey::Exact(500..=599) | StatusKey::Class(5)) {
            assert!(s.alert, "status row {} must alert", s.key.label());
        }
    }
}

#[test]
fn split_request_exactly_where_a_divisible_per_request_cap_is_documented() {
    let c = catalog();
    each_has(
        &c,
        PER_REQUEST_CAPS,
        "PER_REQUEST_CAPS",
        (Retry::SplitRequest, false),
    );
    let caps: BTreeSet<&str> = PER_REQUEST_CAPS.iter().copied().collect();
    let broken = c
        .entries
        .iter()
        .filter(|e| e.retry == Retry::SplitRequest && !caps.contains(e.id))
        .map(describe)
        .collect();
    report(
        broken,
        "split_request only on the entries of PER_REQUEST_CAPS (a documented, divisible cap)",
    );
    for e in listed(&c, INDIVISIBLE_LIMITS, "INDIVISIBLE_LIMITS") {
        assert_eq!(e.retry, Retry::Never, "{}", describe(e));
    }
    let oversized: Vec<String> = c
        .entries
        .iter()
        .filter(|e| e.statuses.contains(&413) && e.retry != Retry::Never)
        .map(describe)
        .collect();
    report(
        oversized,
        "a 413 (an attachment over the upload limit) is never",
    );
}

#[test]
fn throttled_exactly_for_documented_rate_limits() {
    let c = catalog();
    each_has(&c, RATE_LIMITS, "RATE_LIMITS", (Retry::Throttled, false));
    let limits: BTreeSet<&str> = RATE_LIMITS.iter().copied().collect();
    let broken = c
        .entries
        .iter()
        .filter(|e| e.retry == Retry::Throttled && !limits.contains(e.id))
        .map(describe)
        .collect();
    report(
        broken,
        "throttled only on the entries of RATE_LIMITS (a per-second or per-minute rate)",
    );
    for e in listed(&c, DAILY_QUOTAS, "DAILY_QUOTAS") {
        assert_eq!(
            advice(e),
            (Retry::Never, true),
            "a daily quota is not waited out by a backoff: {}",
            describe(e)
        );
    }
    let rows: Vec<String> = c
        .statuses
        .iter()
        .filter(|s| s.retry == Retry::Throttled)
        .map(|s| s.key.label())
        .collect();
    assert_eq!(rows, ["429"], "only the 429 row is throttled");
}

#[test]
fn refresh_token_only_for_401s_a_new_token_can_fix() {
    let c = catalog();
    each_has(
        &c,
        TOKEN_ITSELF_401S,
        "TOKEN_ITSELF_401S",
        (Retry::RefreshToken, false),
    );
    each_has(
        &c,
        NEW_TOKEN_CANNOT_HELP_401S,
        "NEW_TOKEN_CANNOT_HELP_401S",
        (Retry::Never, false),
    );
    let both = listed(&c, TOKEN_ITSELF_401S, "TOKEN_ITSELF_401S")
        .into_iter()
        .chain(listed(
            &c,
            NEW_TOKEN_CANNOT_HELP_401S,
            "NEW_TOKEN_CANNOT_HELP_401S",
        ))
        .filter(|e| status(e) != 401)
        .map(describe)
        .collect();
    report(both, "the 401 lists hold 401 entries");
    let broken = c
        .entries
        .iter()
        .filter(|e| e.retry == Retry::RefreshToken && status(e) != 401)
        .map(describe)
        .collect();
    report(broken, "refresh_token is for 401 answers");
}

#[test]
fn concurrent_changes_retry_unless_a_blind_retry_does_harm() {
    let c = catalog();
    each_has(
        &c,
        NO_BLIND_RETRY_409S,
        "NO_BLIND_RETRY_409S",
        (Retry::Never, false),
    );
    let no_blind: BTreeSet<&str> = NO_BLIND_RETRY_409S.iter().copied().collect();
    let broken = c
        .entries
        .iter()
        .filter(|e| status(e) == 409 && !no_blind.contains(e.id))
        .filter(|e| advice(e) != (Retry::Transient, false))
        .map(describe)
        .collect();
    report(
        broken,
        "a 409 is transient unless it is in NO_BLIND_RETRY_409S",
    );
}

#[test]
fn what_only_a_person_can_fix_alerts_and_nothing_else_below_500() {
    let c = catalog();
    each_has(
        &c,
        SERVICES_NOT_ENABLED,
        "SERVICES_NOT_ENABLED",
        (Retry::Never, true),
    );
    each_has(&c, APP_WIDE_QUOTAS, "APP_WIDE_QUOTAS", (Retry::Never, true));
    each_has(&c, BANNED_APP, "BANNED_APP", (Retry::Never, true));
    each_has(
        &c,
        USER_BANNED_BY_APP,
        "USER_BANNED_BY_APP",
        (Retry::Never, false),
    );
    let alerting = union(&[SERVICES_NOT_ENABLED, APP_WIDE_QUOTAS, BANNED_APP]);
    let broken = c
        .entries
        .iter()
        .filter(|e| status(e) < 500 && e.alert && !alerting.contains(e.id))
        .map(describe)
        .collect();
    report(
        broken,
        "below 500 only a service not enabled, an app-wide quota or a banned app alerts \
         (put the entry on its list, or turn alert off)",
    );
}

/// The lists are disjoint where their advice differs, so no entry is held to two rules.
#[test]
fn lists_do_not_contradict_each_other() {
    let lists: &[(&str, &[&str])] = &[
        ("SERVICES_NOT_ENABLED", SERVICES_NOT_ENABLED),
        ("APP_WIDE_QUOTAS", APP_WIDE_QUOTAS),
        ("BANNED_APP", BANNED_APP),
        ("USER_BANNED_BY_APP", USER_BANNED_BY_APP),
        ("RATE_LIMITS", RATE_LIMITS),
        ("PER_REQUEST_CAPS", PER_REQUEST_CAPS),
        ("INDIVISIBLE_LIMITS", INDIVISIBLE_LIMITS),
        ("CLIENT_MISTAKE_500S", CLIENT_MISTAKE_500S),
        ("TOKEN_ITSELF_401S", TOKEN_ITSELF_401S),
        ("NEW_TOKEN_CANNOT_HELP_401S", NEW_TOKEN_CANNOT_HELP_401S),
        ("NO_BLIND_RETRY_409S", NO_BLIND_RETRY_409S),
    ];
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (name, ids) in lists {
        for id in *ids {
            if let Some((other, _)) = seen.iter().find(|(_, i)| i == id) {
                panic!("{id} is on both {other} and {name}");
            }
            seen.push((name, id));
        }
    }
}
