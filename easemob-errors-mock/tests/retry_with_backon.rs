//! The README's retry loop against the mock: an expired token is refreshed once, two rate
//! limits are backed off (honouring `Retry-After`), then the message goes through.

use backon::{ExponentialBuilder, Retryable};
use easemob_errors::reqwest::error_for_status;
use easemob_errors::{ApiError, Retry};
use easemob_errors_mock::http::{Method, header::AUTHORIZATION};
use easemob_errors_mock::{Answer, MockServer, PathPattern, Rule};
use std::time::{Duration, Instant};

/// `POST /{org}/{app}/messages/users`: the message, or the classified error.
async fn send_message(
    client: &reqwest::Client,
    base: &str,
    token: &str,
) -> Result<String, ApiError> {
    let response = client
        .post(format!("{base}/easemob-demo/chatdemoui/messages/users"))
        .bearer_auth(token)
        .body(r#"{"from":"admin","to":["u1"],"type":"txt","body":{"msg":"hi"}}"#)
        .send()
        .await
        .expect("the mock answers on 127.0.0.1");
    let response = error_for_status(response).await?;
    Ok(response.text().await.expect("a whole body"))
}

/// One logical send: back off on throttled and transient errors (at least as long as
/// `Retry-After` asks), refresh an expired token once, give up on anything else.
async fn send_with_retries(
    client: &reqwest::Client,
    base: &str,
    token: &mut String,
) -> Result<String, ApiError> {
    let mut refreshed = false;
    loop {
        let current = token.clone();
        let result = (|| send_message(client, base, &current))
            .retry(
                ExponentialBuilder::default()
                    .with_min_delay(Duration::from_millis(10))
                    .with_max_times(4),
            )
            .when(|e: &ApiError| matches!(e.retry(), Retry::Transient | Retry::Throttled))
            .adjust(|e: &ApiError, delay| delay.map(|d| d.max(e.retry_after().unwrap_or_default())))
            .await;
        match result {
            Err(e) if e.retry() == Retry::RefreshToken && !refreshed => {
                refreshed = true;
                *token = "fresh-token".to_owned(); // POST /{org}/{app}/token in real life
            }
            other => return other,
        }
    }
}

#[tokio::test]
async fn token_refreshed_once_two_rate_limits_backed_off_then_success() {
    let server = MockServer::start().await.unwrap();
    // Any request still carrying the old token: expired.
    server.add_rule(
        Rule::reply("token_expired")
            .unwrap()
            .header(AUTHORIZATION, Some("Bearer old-token")),
    );
    // The next two sends: rate limited, come back in 1 s.
    let limited = server.add_rule(
        Rule::reply("api_rate_limited")
            .unwrap()
            .method(Method::POST)
            .path(PathPattern::parse("/*/*/messages/users").unwrap())
            .times(2)
            .retry_after(1),
    );
    let client = reqwest::Client::new();
    let mut token = "old-token".to_owned();
    let started = Instant::now();
    let body = send_with_retries(&client, &server.uri(), &mut token)
        .await
        .unwrap();

    assert!(body.contains(r#""action":"post""#), "{body}");
    assert_eq!(token, "fresh-token");
    assert_eq!(limited.fired(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "Retry-After: 1 honoured twice"
    );
    let answers: Vec<Answer> = server
        .received_requests()
        .into_iter()
        .map(|r| r.answer)
        .collect();
    let limit = Answer::Fault {
        id: "api_rate_limited",
        status: 429,
    };
    assert_eq!(
        answers,
        [
            Answer::Fault {
                id: "token_expired",
                status: 401
            },
            limit.clone(),
            limit,
            Answer::Success
        ]
    );
}
