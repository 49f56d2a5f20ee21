//! The retry and alert rules of catalog/README.md ("Retry and alert rules"), checked over
//! the whole catalog where a machine can check them.

use easemob_errors_core::Retry;
use easemob_errors_tools::{Catalog, Entry, StatusKey};

fn catalog() -> Catalog {
    easemob_errors_tools::load_workspace_catalog()
        .expect("a valid catalog")
        .catalog
}

fn first_status(e: &Entry) -> Option<u16> {
    e.statuses.first().copied()
}

fn report(broken: Vec<String>, rule: &str) {
    assert!(broken.is_empty(), "{rule}:\n{}", broken.join("\n"));
}

#[test]
fn server_errors_are_transient_and_alert_unless_they_say_why_not() {
    let c = catalog();
    let broken = c
        .entries
        .iter()
        .filter(|e| first_status(e).is_some_and(|s| (500..600).contains(&s)))
        .filter(|e| (e.retry != Retry::Transient || !e.alert) && e.advice_reason.is_none())
        .map(|e| format!("{} ({}, alert {})", e.id, e.retry, e.alert))
        .collect();
    report(
        broken,
        "a 5xx entry that is not transient with alert needs an advice_reason",
    );
    for s in c.statuses {
        let server = matches!(s.key, StatusKey::Exact(500..=599) | StatusKey::Class(5));
        assert!(
            !server || s.alert,
            "status row {} must alert",
            s.key.label()
        );
    }
}

#[test]
fn split_request_only_where_a_per_request_cap_is_documented() {
    let broken = catalog()
        .entries
        .iter()
        .filter(|e| e.retry == Retry::SplitRequest)
        .filter(|e| {
            let cap_stated = [
                "per request",
                "per-request",
                "in one ",
                "at most",
                "maximum",
                " KB",
            ]
            .iter()
            .any(|w| e.en.contains(w));
            let row_says_so = first_status(e) == Some(413);
            !cap_stated || (e.advice_reason.is_none() && !row_says_so)
        })
        .map(|e| format!("{}: {}", e.id, e.en))
        .collect();
    report(
        broken,
        "split_request needs a documented per-request cap and a reason",
    );
}

#[test]
fn services_not_enabled_and_app_quotas_alert() {
    let broken = catalog()
        .entries
        .iter()
        .filter(|e| {
            let not_enabled = e.en.contains("not enabled for the app");
            let app_quota = e.en.contains("The app key has created the maximum")
                || e.en.contains("The app's user attributes are larger");
            (not_enabled || app_quota) && !e.alert
        })
        .map(|e| format!("{}: {}", e.id, e.en))
        .collect();
    report(
        broken,
        "a service not enabled or an app-wide quota must alert",
    );
}

#[test]
fn refresh_token_only_on_401_and_throttled_only_for_rate_limits() {
    let c = catalog();
    let wrong_refresh: Vec<String> = c
        .entries
        .iter()
        .filter(|e| e.retry == Retry::RefreshToken && first_status(e) != Some(401))
        .map(|e| e.id.to_owned())
        .collect();
    report(wrong_refresh, "refresh_token is for 401 answers");
    let rate_words = [
        "rate",
        "often",
        "per second",
        "per day",
        "daily",
        "api limit",
    ];
    let wrong_throttle: Vec<String> = c
        .entries
        .iter()
        .filter(|e| e.retry == Retry::Throttled)
        .filter(|e| !rate_words.iter().any(|w| e.en.to_lowercase().contains(w)))
        .map(|e| format!("{}: {}", e.id, e.en))
        .collect();
    report(
        wrong_throttle,
        "throttled is for documented rate or frequency limits",
    );
}

/// Every reason explains an actual departure: the validator rejects the rest, and this shows
/// the count so a reviewer sees how many entries differ from their status row.
#[test]
fn every_departure_has_a_reason() {
    let c = catalog();
    let departures = c
        .entries
        .iter()
        .filter(|e| e.advice_reason.is_some())
        .count();
    assert!(departures >= 40, "{departures} departures");
}
