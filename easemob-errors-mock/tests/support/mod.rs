//! Servers and clients the integration tests share: an echo upstream written with hyper, and
//! raw TCP for requests no HTTP client would send.

#![allow(dead_code)]

use bytes::Bytes;
use http_body_util::channel::{Channel, Sender};
use http_body_util::{BodyExt, Either, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Where a streaming response waits: the test holds the sender of its second half.
pub type Held = Arc<Mutex<Option<Sender<Bytes, Infallible>>>>;

/// An upstream on 127.0.0.1 that answers `201`, echoes the request body back as it arrives,
/// and reports what it saw in headers: `x-saw` (`METHOD path?query`), `x-saw-host`,
/// `x-saw-client` (the request's `x-client`), `x-saw-connection`. On `/stream` it sends
/// `first,` and holds the rest until the test sends it through `held`.
pub async fn echo_upstream() -> (SocketAddr, Held) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let held: Held = Arc::default();
    let held_for_server = Arc::clone(&held);
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let held = Arc::clone(&held_for_server);
            let service = service_fn(move |request: Request<Incoming>| {
                let held = Arc::clone(&held);
                async move { Ok::<_, Infallible>(echo(request, held).await) }
            });
            tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), service));
        }
    });
    (address, held)
}

type EchoBody = Either<Incoming, Either<Channel<Bytes, Infallible>, Full<Bytes>>>;

async fn echo(request: Request<Incoming>, held: Held) -> Response<EchoBody> {
    let saw = format!(
        "{} {}",
        request.method(),
        request.uri().path_and_query().map_or("", |p| p.as_str())
    );
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .map_or_else(String::new, |v| v.to_str().unwrap().to_owned())
    };
    let (host, client, connection) = (header("host"), header("x-client"), header("connection"));
    let body = if request.uri().path() == "/stream" {
        let (mut sender, channel) = Channel::new(4);
        sender
            .send_data(Bytes::from_static(b"first,"))
            .await
            .unwrap();
        *held.lock().unwrap() = Some(sender);
        Either::Right(Either::Left(channel))
    } else if request.uri().path() == "/fixed" {
        Either::Right(Either::Right(Full::new(Bytes::from_static(b"fixed"))))
    } else {
        Either::Left(request.into_body())
    };
    Response::builder()
        .status(201)
        .header("x-saw", saw)
        .header("x-saw-host", host)
        .header("x-saw-client", client)
        .header("x-saw-connection", connection)
        .header("set-cookie", "a=1")
        .body(body)
        .unwrap()
}

/// Collects a body to bytes (for hyper bodies in tests).
pub async fn to_bytes<B: hyper::body::Body>(body: B) -> Bytes
where
    B::Error: std::fmt::Debug,
{
    body.collect().await.unwrap().to_bytes()
}

/// Sends raw bytes and reads until the server closes or answers; returns what came back.
pub async fn raw_exchange(address: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => {
                answer.extend_from_slice(&buf[..n]);
                if answer.windows(4).any(|w| w == b"\r\n\r\n") && answer.ends_with(b"}") {
                    break;
                }
            }
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}
