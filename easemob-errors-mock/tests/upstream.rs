//! Forwarding to an upstream: a second server in the same process, written with hyper.

mod support;

use easemob_errors_mock::{Answer, MOCK_ERROR_HEADER, MockServer, Rule, Upstream};
use std::time::Duration;
use support::echo_upstream;

async fn mock_in_front(upstream: &str) -> MockServer {
    MockServer::builder()
        .upstream(Upstream::parse(upstream).unwrap())
        .rule(
            Rule::reply("token_expired")
                .unwrap()
                .method(easemob_errors_mock::http::Method::PATCH),
        )
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn method_path_query_headers_and_body_go_through_and_back() {
    let (address, _) = echo_upstream().await;
    let server = mock_in_front(&format!("http://{address}")).await;
    // Over the mock's own body limit: forwarded bodies stream and are not limited.
    let body: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    let response = reqwest::Client::new()
        .put(format!(
            "{}/org/app/users/u1?limit=5&cursor=a%20b",
            server.uri()
        ))
        .header("x-client", "c-1")
        .header("connection", "keep-alive, x-client-hop")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let headers = response.headers().clone();
    assert_eq!(
        headers["x-saw"],
        "PUT /org/app/users/u1?limit=5&cursor=a%20b"
    );
    assert_eq!(headers["x-saw-host"], address.to_string());
    assert_eq!(headers["x-saw-client"], "c-1");
    assert_eq!(
        headers["x-saw-connection"], "",
        "hop-by-hop headers stay on their hop"
    );
    assert_eq!(headers["set-cookie"], "a=1");
    assert_eq!(response.bytes().await.unwrap(), body);
    let seen = server.received_requests();
    assert_eq!(seen[0].answer, Answer::Forwarded { status: 201 });
    assert_eq!(seen[0].query.as_deref(), Some("limit=5&cursor=a%20b"));
}

#[tokio::test]
async fn faults_are_not_forwarded() {
    let (address, _) = echo_upstream().await;
    let server = mock_in_front(&format!("http://{address}")).await;
    let client = reqwest::Client::new();
    let url = format!("{}/org/app/users/u1", server.uri());
    let by_rule = client.patch(&url).send().await.unwrap();
    assert_eq!(by_rule.status(), 401);
    let by_header = client
        .get(&url)
        .header(MOCK_ERROR_HEADER, "api_rate_limited")
        .send()
        .await
        .unwrap();
    assert_eq!(by_header.status(), 429);
    assert!(by_header.headers().get("x-saw").is_none());
    assert_eq!(client.get(&url).send().await.unwrap().status(), 201);
}

#[tokio::test]
async fn the_answer_streams_back_before_the_upstream_finishes() {
    let (address, held) = echo_upstream().await;
    let server = mock_in_front(&format!("http://{address}")).await;
    let mut response = reqwest::Client::new()
        .get(format!("{}/stream", server.uri()))
        .send()
        .await
        .unwrap();
    // The first chunk arrives while the upstream still holds the rest: nothing is buffered.
    let first = tokio::time::timeout(Duration::from_secs(10), response.chunk())
        .await
        .expect("the first chunk must arrive before the body ends")
        .unwrap()
        .unwrap();
    assert_eq!(&first[..], b"first,");
    let sender = held.lock().unwrap().take().unwrap();
    let mut sender = sender;
    sender
        .send_data(bytes::Bytes::from_static(b"second"))
        .await
        .unwrap();
    drop(sender);
    let rest = response.bytes().await.unwrap();
    assert_eq!(&rest[..], b"second");
}

#[tokio::test]
async fn a_dead_upstream_is_a_502_that_says_so_and_the_server_keeps_serving() {
    // A port that was just free: nothing listens on it.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let server = mock_in_front(&format!("http://{dead}")).await;
    let client = reqwest::Client::new();
    for _ in 0..3 {
        let response = client
            .get(format!("{}/org/app/users", server.uri()))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 502);
        let body: serde_json::Value =
            serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(body["error"], "mock_upstream_unreachable");
        let why = body["error_description"].as_str().unwrap();
        assert!(why.contains(&format!("upstream http://{dead}")), "{why}");
    }
    let injected = client
        .get(format!("{}/org/app/users", server.uri()))
        .header(MOCK_ERROR_HEADER, "token_expired")
        .send()
        .await
        .unwrap();
    assert_eq!(injected.status(), 401);
}
