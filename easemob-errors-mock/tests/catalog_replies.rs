//! Every catalog entry's reply classifies back to the same id, on a neutral path and on paths
//! that fill placeholders (group, chat room, user, thread).

use easemob_errors::{ApiError, Retry};
use easemob_errors_mock::{Fault, all_ids};

const PATHS: &[&str] = &[
    "/org/app/anything",
    "/easemob-demo/chatdemoui/chatgroups/40659491815425/users/hxtest100",
    "/org/app/chatrooms/9/users/u1",
    "/org/app/users/alice/contacts/users/bob",
    "/org/app/thread/1778/users/u2",
    "/org/app/users/名字",
];

#[test]
fn every_entry_classifies_back_to_itself() {
    let mut failures = Vec::new();
    let mut count = 0;
    for id in all_ids() {
        let fault = Fault::get(id).unwrap();
        for path in PATHS {
            count += 1;
            let reply = fault.render(path, None, 1_700_000_000_000);
            let err = ApiError::from_response(reply.status, reply.body.as_bytes());
            if err.id() != Some(id) {
                failures.push(format!(
                    "{id} on {path}: {} {} -> {:?}",
                    reply.status,
                    reply.body,
                    err.id()
                ));
            }
            assert_eq!(
                reply.retry_after.is_some(),
                err.retry() == Retry::Throttled,
                "{id}"
            );
            let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
            assert_eq!(body["timestamp"], 1_700_000_000_000u64, "{id}");
            assert_eq!(body["duration"], 0, "{id}");
            assert!(body["error_description"].is_string(), "{id}: {body}");
        }
    }
    assert_eq!(
        count,
        easemob_errors::catalog::catalog().entries.len() * PATHS.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn placeholders_come_from_the_path() {
    let fault = Fault::get("users_not_group_members").unwrap();
    let reply = fault.render("/org/app/chatgroups/42/users/hxtest100", None, 0);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        (reply.status, &body["error"]),
        (403, &serde_json::json!("forbidden_op"))
    );
    assert_eq!(
        body["error_description"],
        "users [hxtest100] are not members of this group!"
    );
    let err = ApiError::from_response(reply.status, reply.body.as_bytes());
    assert_eq!(err.fields().get("users"), Some("hxtest100"));
}

#[test]
fn numbered_entries_carry_their_code() {
    let fault = Fault::get("stream_seq_invalid").unwrap();
    let reply = fault.render("/org/app/messages/stream", None, 0);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["error_code"], 14030);
    assert_eq!(reply.status, 400);
}

#[test]
fn throttled_entries_say_when_to_come_back() {
    let fault = Fault::get("api_rate_limited").unwrap();
    assert!(fault.is_throttled());
    assert_eq!(fault.render("/", None, 0).retry_after, Some(1));
    assert_eq!(fault.render("/", Some(7), 0).retry_after, Some(7));
    assert_eq!(
        Fault::get("token_expired")
            .unwrap()
            .render("/", Some(7), 0)
            .retry_after,
        None
    );
}
