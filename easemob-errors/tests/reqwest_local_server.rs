//! `reqwest::error_for_status` against a real HTTP server on 127.0.0.1 that answers with real
//! Easemob error bodies, a gateway HTML page, an empty body and an oversized body.
#![cfg(feature = "reqwest")]

use easemob_errors::reqwest::{MAX_ERROR_BODY, error_for_status};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// The canned answer for a path: status line, extra headers, body.
fn answer(path: &str) -> (&'static str, Vec<(&'static str, String)>, Vec<u8>) {
    match path {
        "/ok" => ("200 OK", vec![("Content-Type", "application/json".into())], br#"{"entities":[]}"#.to_vec()),
        "/org/app/chatrooms/9/users/hxtest100" => (
            "403 Forbidden",
            vec![("Content-Type", "application/json".into()), ("X-Request-Id", "req-42".into())],
            br#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"users [hxtest100] are not members of this group!"}"#.to_vec(),
        ),
        "/limited" => (
            "429 Too Many Requests",
            vec![("Retry-After", "2".into())],
            br#"{"error":"reach_limit","error_description":"This request has reached api limit"}"#.to_vec(),
        ),
        "/gateway" => (
            "502 Bad Gateway",
            vec![("Content-Type", "text/html".into())],
            b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>".to_vec(),
        ),
        "/empty" => ("415 Unsupported Media Type", vec![], Vec::new()),
        "/huge" => {
            let mut body = br#"{"error":"service_resource_not_found","error_description":"Service resource not found","exception":""#.to_vec();
            body.resize(4 * MAX_ERROR_BODY, b'x');
            body.extend_from_slice(b"\"}");
            ("404 Not Found", vec![], body)
        }
        _ => ("404 Not Found", vec![], Vec::new()),
    }
}

fn serve(stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let (status, headers, body) = answer(path);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&body);
}

/// Starts the server on an ephemeral loopback port; it answers `n` connections and stops.
fn start(n: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n).flatten() {
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            serve(stream);
        }
    });
    format!("http://{addr}")
}

async fn get(client: &reqwest::Client, base: &str, path: &str) -> reqwest::Response {
    client.get(format!("{base}{path}")).send().await.unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn success_passes_through_and_failures_are_classified() {
    let base = start(6);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();

    let ok = error_for_status(get(&client, &base, "/ok").await)
        .await
        .unwrap();
    assert_eq!(
        ok.text().await.unwrap(),
        r#"{"entities":[]}"#,
        "the body is untouched"
    );

    let err = error_for_status(get(&client, &base, "/org/app/chatrooms/9/users/hxtest100").await)
        .await
        .unwrap_err();
    assert_eq!(err.id(), Some("users_not_group_members"));
    // The URL's path places the call in its area, whose cause then applies.
    assert_eq!(
        err.request(),
        Some(("", "/org/app/chatrooms/9/users/hxtest100"))
    );
    assert_eq!(err.area(), Some("chatrooms"));
    assert!(err.en().contains("chat room"), "{}", err.en());
    assert_eq!(err.fields(), [("users", "hxtest100")]);
    assert_eq!(err.request_id(), Some("req-42"));

    let err = error_for_status(get(&client, &base, "/limited").await)
        .await
        .unwrap_err();
    assert_eq!(err.id(), Some("api_rate_limited"));
    assert!(err.is_retryable());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(2)));

    let err = error_for_status(get(&client, &base, "/gateway").await)
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.is_known(), err.should_alert()),
        (502, false, true)
    );
    assert!(err.body_excerpt().unwrap().contains("502 Bad Gateway"));

    let err = error_for_status(get(&client, &base, "/empty").await)
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.code(), err.body_excerpt()),
        (415, None, None)
    );

    let err = error_for_status(get(&client, &base, "/huge").await)
        .await
        .unwrap_err();
    assert_eq!(err.status(), 404);
    assert_eq!(
        err.id(),
        Some("resource_not_found"),
        "the fields before the cap are kept"
    );
}
