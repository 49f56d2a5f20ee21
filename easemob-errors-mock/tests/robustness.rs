//! Many requests at once, and requests no well-behaved client sends: every one is answered
//! correctly or its connection closed, and the server keeps serving.

mod support;

use easemob_errors::ApiError;
use easemob_errors_mock::{
    Answer, DEFAULT_JOURNAL, MOCK_ERROR_HEADER, MockServer, PathPattern, Rule,
};
use std::sync::Arc;
use support::raw_exchange;

/// What request `i` of the load asks for, and the id it must get back (`None`: success).
fn case(i: usize) -> (Option<&'static str>, &'static str, Option<&'static str>) {
    match i % 4 {
        0 => (
            Some("api_rate_limited"),
            "/o/a/messages/users",
            Some("api_rate_limited"),
        ),
        1 => (
            None,
            "/o/a/chatgroups/9/users/u1",
            Some("users_not_group_members"),
        ),
        2 => (
            Some("token_expired"),
            "/o/a/users/u2",
            Some("token_expired"),
        ),
        _ => (None, "/o/a/users/u3", None),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_requests_at_concurrency_64_all_answered_correctly() {
    let rule = Rule::reply("users_not_group_members")
        .unwrap()
        .path(PathPattern::parse("/*/*/chatgroups/*/users/*").unwrap());
    let server = Arc::new(MockServer::builder().rule(rule).start().await.unwrap());
    let client = reqwest::Client::new();
    const TOTAL: usize = 10_000;
    const CONCURRENCY: usize = 64;
    let mut tasks = Vec::new();
    for worker in 0..CONCURRENCY {
        let (client, base) = (client.clone(), server.uri());
        tasks.push(tokio::spawn(async move {
            let mut wrong = Vec::new();
            for i in (worker..TOTAL).step_by(CONCURRENCY) {
                let (header, path, want) = case(i);
                let mut request = client.get(format!("{base}{path}"));
                if let Some(id) = header {
                    request = request.header(MOCK_ERROR_HEADER, id);
                }
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                let body = response.bytes().await.unwrap();
                let got = (status != 200).then(|| ApiError::from_response(status, &body).id());
                if got != want.map(Some) {
                    wrong.push(format!("request {i}: {status} {got:?}"));
                }
            }
            (
                wrong,
                TOTAL
                    .div_ceil(CONCURRENCY)
                    .min((TOTAL - worker).div_ceil(CONCURRENCY)),
            )
        }));
    }
    let mut answered = 0;
    for task in tasks {
        let (wrong, count) = task.await.unwrap();
        assert!(wrong.is_empty(), "{wrong:?}");
        answered += count;
    }
    assert_eq!(answered, TOTAL);
    // The journal is bounded: memory does not grow with the number of requests.
    assert_eq!(server.received_requests().len(), DEFAULT_JOURNAL);
}

/// After a bad request, a good one is still answered.
async fn still_serving(server: &MockServer) {
    let response = reqwest::Client::new()
        .get(format!("{}/o/a/users", server.uri()))
        .header(MOCK_ERROR_HEADER, "token_expired")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn a_10_mb_body_is_refused_or_cut_off() {
    let server = MockServer::start().await.unwrap();
    let result = reqwest::Client::new()
        .post(format!("{}/o/a/messages/users", server.uri()))
        .body(vec![b'x'; 10 * 1024 * 1024])
        .send()
        .await;
    match result {
        Ok(response) => {
            assert_eq!(response.status(), 413);
            let text = response.text().await.unwrap();
            assert!(text.contains("mock_body_too_large"), "{text}");
        }
        // The server answered and closed while the body was still being sent.
        Err(e) => assert!(e.is_request() || e.is_body(), "{e:?}"),
    }
    still_serving(&server).await;
    let answers: Vec<Answer> = server
        .received_requests()
        .into_iter()
        .map(|r| r.answer)
        .collect();
    assert_eq!(answers[0], Answer::Refused { status: 413 });
}

#[tokio::test]
async fn an_invalid_path_or_header_gets_400_or_a_closed_connection() {
    let server = MockServer::start().await.unwrap();
    let bad: [&[u8]; 5] = [
        b"GET nopath HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /o/a/users HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
        b"GET /o/a/\x01users HTTP/1.1\r\nHost: x\r\n\r\n",
        b"BREW /pot HTCPCP/1.0\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    ];
    for request in bad {
        let answer = raw_exchange(server.address(), request).await;
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 400"),
            "{:?} -> {answer:?}",
            String::from_utf8_lossy(request)
        );
        still_serving(&server).await;
    }
    // Only the target that hyper could parse reached the mock, and is recorded as refused.
    let refused: Vec<String> = server
        .received_requests()
        .into_iter()
        .filter(|r| r.answer == Answer::Refused { status: 400 })
        .map(|r| r.path)
        .collect();
    assert_eq!(refused, [""]);
}

#[tokio::test]
async fn a_header_id_that_is_not_text_is_refused() {
    let server = MockServer::start().await.unwrap();
    let request = b"GET /o/a/users HTTP/1.1\r\nHost: x\r\nX-Easemob-Mock-Error: \xff\xfe\r\n\r\n";
    let answer = raw_exchange(server.address(), request).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("mock_unknown_error_id"), "{answer}");
    still_serving(&server).await;
}

#[tokio::test]
async fn a_client_that_disconnects_mid_body_does_not_stop_the_server() {
    use tokio::io::AsyncWriteExt;
    let server = MockServer::start().await.unwrap();
    for _ in 0..20 {
        let mut stream = tokio::net::TcpStream::connect(server.address())
            .await
            .unwrap();
        let head = b"POST /o/a/messages/users HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{\"from\":";
        stream.write_all(head).await.unwrap();
        drop(stream);
    }
    still_serving(&server).await;
    let kept = server.received_requests();
    assert!(
        kept.iter().all(|r| r.path == "/o/a/users"),
        "half-sent requests are not recorded"
    );
}
