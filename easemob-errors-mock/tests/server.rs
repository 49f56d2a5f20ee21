//! The server over real HTTP on 127.0.0.1: each way to choose a fault, the success envelope,
//! the journal, and every entry through `easemob_errors::reqwest::error_for_status`.

use easemob_errors::Retry;
use easemob_errors::reqwest::error_for_status;
use easemob_errors_mock::http::{HeaderName, Method};
use easemob_errors_mock::{
    Answer, MOCK_ERROR_HEADER, MockServer, PathPattern, Rule, all_ids, parse_rules,
};
use std::time::Duration;

#[tokio::test]
async fn every_entry_through_reqwest_error_for_status() {
    let server = MockServer::start().await.unwrap();
    let client = reqwest::Client::new();
    let mut checked = 0;
    for id in all_ids() {
        let response = client
            .get(format!("{}/org/app/chatgroups/42/users/u1", server.uri()))
            .header(MOCK_ERROR_HEADER, id)
            .send()
            .await
            .unwrap();
        let err = error_for_status(response).await.unwrap_err();
        assert_eq!(err.id(), Some(id));
        if err.retry() == Retry::Throttled {
            assert_eq!(err.retry_after(), Some(Duration::from_secs(1)), "{id}");
        } else {
            assert_eq!(err.retry_after(), None, "{id}");
        }
        checked += 1;
    }
    assert_eq!(checked, easemob_errors::catalog::catalog().entries.len());
}

#[tokio::test]
async fn header_beats_rules_and_rules_fall_through_in_order() {
    let rules = parse_rules(
        "rules.yaml",
        r#"
- when: { method: POST, path: "/*/*/messages/users" }
  reply: api_rate_limited
  times: 2
  retry_after: 3
- when: { method: DELETE, path: "/*/*/chatgroups/*/users/*", header: { name: x-case, value: flaky } }
  reply: users_not_group_members
  after: 1
"#,
    )
    .unwrap();
    let server = MockServer::builder().rules(rules).start().await.unwrap();
    let client = reqwest::Client::new();
    let send = |path: &str| {
        client
            .post(format!("{}{path}", server.uri()))
            .body(r#"{"from":"admin","to":["u1"]}"#)
    };
    // The header wins over the first rule.
    let r = send("/o/a/messages/users").header(MOCK_ERROR_HEADER, "token_expired");
    let err = error_for_status(r.send().await.unwrap()).await.unwrap_err();
    assert_eq!(err.id(), Some("token_expired"));
    for _ in 0..2 {
        let response = send("/o/a/messages/users").send().await.unwrap();
        assert_eq!(response.headers()["retry-after"], "3");
        let err = error_for_status(response).await.unwrap_err();
        assert_eq!(err.id(), Some("api_rate_limited"));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
    }
    // Used up: the third falls through to the success envelope.
    let ok = send("/o/a/messages/users").send().await.unwrap();
    assert_eq!(ok.status(), 200);
    let envelope: serde_json::Value = serde_json::from_str(&ok.text().await.unwrap()).unwrap();
    assert_eq!(envelope["action"], "post");
    assert_eq!(envelope["applicationName"], "a");
    // `after: 1`: the first matching DELETE passes, the second fails with the path's values.
    let delete = || {
        client
            .delete(format!("{}/o/a/chatgroups/7/users/bob", server.uri()))
            .header("x-case", "flaky")
    };
    assert_eq!(delete().send().await.unwrap().status(), 200);
    let response = delete().send().await.unwrap();
    let text = response.text().await.unwrap();
    assert!(
        text.contains(r#""error_description":"users [bob] are not members of this group!""#),
        "{text}"
    );

    let answers: Vec<Answer> = server
        .received_requests()
        .into_iter()
        .map(|r| r.answer)
        .collect();
    let fault = |id, status| Answer::Fault { id, status };
    assert_eq!(
        answers,
        [
            fault("token_expired", 401),
            fault("api_rate_limited", 429),
            fault("api_rate_limited", 429),
            Answer::Success,
            Answer::Success,
            fault("users_not_group_members", 403),
        ]
    );
}

#[tokio::test]
async fn journal_keeps_method_path_query_headers_body() {
    let server = MockServer::start().await.unwrap();
    let handle = server.add_rule(
        Rule::reply("user_not_found_by_name")
            .unwrap()
            .method(Method::PUT)
            .path(PathPattern::parse("/*/*/users/*").unwrap())
            .header(HeaderName::from_static("x-trace"), None),
    );
    let client = reqwest::Client::new();
    let response = client
        .put(format!("{}/org/app/users/carol?limit=5", server.uri()))
        .header("x-trace", "t1")
        .body("nickname=c")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let seen = server.received_requests();
    let request = &seen[0];
    assert_eq!(request.method, Method::PUT);
    assert_eq!(request.path, "/org/app/users/carol");
    assert_eq!(request.query.as_deref(), Some("limit=5"));
    assert_eq!(request.headers["x-trace"], "t1");
    assert_eq!(&request.body[..], b"nickname=c");
    assert_eq!((handle.seen(), handle.fired()), (1, 1));
    server.clear_rules();
    let again = client.put(format!("{}/org/app/users/carol", server.uri()));
    assert_eq!(again.send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn unknown_id_in_the_header_is_refused_with_the_nearest_ids() {
    let server = MockServer::start().await.unwrap();
    let response = reqwest::Client::new()
        .get(format!("{}/o/a/users", server.uri()))
        .header(MOCK_ERROR_HEADER, "api_rate_limit")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["error"], "mock_unknown_error_id");
    let description = body["error_description"].as_str().unwrap();
    assert!(
        description.contains("nearest: api_rate_limited"),
        "{description}"
    );
}

#[tokio::test]
async fn rate_is_reproducible_with_the_seed() {
    async fn pattern(seed: u64) -> Vec<u16> {
        let rule = Rule::reply("token_expired").unwrap().rate(0.25);
        let server = MockServer::builder()
            .rule(rule)
            .seed(seed)
            .start()
            .await
            .unwrap();
        let client = reqwest::Client::new();
        let mut statuses = Vec::new();
        for _ in 0..200 {
            let r = client
                .get(format!("{}/o/a/users/u1", server.uri()))
                .send()
                .await
                .unwrap();
            statuses.push(r.status().as_u16());
        }
        statuses
    }
    let (a, b, c) = (pattern(7).await, pattern(7).await, pattern(8).await);
    assert_eq!(a, b);
    assert_ne!(a, c);
    let failed = a.iter().filter(|s| **s == 401).count();
    assert!((25..=75).contains(&failed), "{failed} of 200");
}
