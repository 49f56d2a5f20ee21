//! The HTTP server: accepts connections on a tokio listener, answers each request by the
//! precedence the crate documents (the `X-Easemob-Mock-Error` header, then the rules, then the
//! upstream or the success envelope), and records what it received.

use crate::catalog::Fault;
use crate::envelope::success_body;
use crate::journal::{Answer, Journal, ReceivedRequest};
use crate::rules::{Rule, RuleHandle, RuleSet};
use crate::upstream::Upstream;
use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited, combinators::BoxBody};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// The request header that makes a request fail with the catalog entry it names.
pub const MOCK_ERROR_HEADER: &str = "x-easemob-mock-error";

/// Errors a response body can end with.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Every response body: a whole reply or an upstream's stream.
pub(crate) type Body = BoxBody<Bytes, BoxError>;

/// How long a client may take to send a request's headers before the connection is closed.
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// State every connection shares.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) rules: RuleSet,
    pub(crate) seed: u64,
    pub(crate) upstream: Option<Upstream>,
    pub(crate) journal: Journal,
    pub(crate) log_faults: bool,
    pub(crate) max_body: usize,
    pub(crate) address: SocketAddr,
}

/// What decides a request.
enum Decision {
    Fault(&'static Fault, Option<u64>),
    UnknownHeaderId(String),
    Pass,
}

/// Accepts connections until `shutdown` changes, each served on its own task.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(serve_connection(stream, Arc::clone(&shared), shutdown.clone()));
                }
                // Out of file descriptors or a connection reset while queued: wait a moment
                // rather than spin, and keep serving.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
        }
    }
}

async fn serve_connection(
    stream: TcpStream,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(answer(&shared, request).await) }
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        // A broken or malformed connection only ends itself.
        _ = connection.as_mut() => {}
        _ = shutdown.changed() => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// Answers one request.
async fn answer(shared: &Shared, request: Request<Incoming>) -> Response<Body> {
    // Authority-form (`GET host:80`) and asterisk-form targets have no path to answer for.
    if !request.uri().path().starts_with('/') {
        let why = format!(
            "`{}` is not a request path; paths start with `/`",
            request.uri()
        );
        let response = mock_error(StatusCode::BAD_REQUEST, "mock_bad_path", &why);
        record(
            shared,
            request.into_parts().0,
            Bytes::new(),
            Answer::Refused { status: 400 },
        );
        return response;
    }
    let decision = decide(shared, &request);
    if let (Decision::Pass, Some(upstream)) = (&decision, &shared.upstream) {
        let head = shared.journal.is_on().then(|| head_of(&request));
        let response = upstream.forward(request).await;
        if let Some(head) = head {
            let status = response.status().as_u16();
            record(shared, head, Bytes::new(), Answer::Forwarded { status });
        }
        return response;
    }
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, shared.max_body).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            let why = format!(
                "the request body is over the mock's limit of {} bytes",
                shared.max_body
            );
            record(shared, parts, Bytes::new(), Answer::Refused { status: 413 });
            return mock_error(StatusCode::PAYLOAD_TOO_LARGE, "mock_body_too_large", &why);
        }
        // The client went away or sent a broken body: nobody reads this answer.
        Err(e) => return mock_error(StatusCode::BAD_REQUEST, "mock_bad_body", &e.to_string()),
    };
    let (response, answer) = reply_here(shared, &parts, decision);
    record(shared, parts, body, answer);
    response
}

/// The reply of a request the mock answers itself: a fault, a refusal or the envelope.
fn reply_here(
    shared: &Shared,
    parts: &http::request::Parts,
    decision: Decision,
) -> (Response<Body>, Answer) {
    let path = parts.uri.path();
    match decision {
        Decision::Fault(fault, retry_after) => {
            let rendered = fault.render(path, retry_after, now_ms());
            let (id, status) = (fault.id(), rendered.status);
            if shared.log_faults {
                eprintln!("{} {path} {id} {status}", parts.method);
            }
            let response = json_response(status, rendered.body, rendered.retry_after);
            (response, Answer::Fault { id, status })
        }
        Decision::UnknownHeaderId(why) => {
            let response = mock_error(StatusCode::BAD_REQUEST, "mock_unknown_error_id", &why);
            (response, Answer::Refused { status: 400 })
        }
        Decision::Pass => {
            let host = parts.headers.get(header::HOST);
            let host = host.and_then(|h| h.to_str().ok());
            let host = host.map_or_else(|| shared.address.to_string(), str::to_owned);
            let body = success_body(&parts.method, &host, path, now_ms());
            (json_response(200, body, None), Answer::Success)
        }
    }
}

/// Keeps the request in the journal (when it is on).
fn record(shared: &Shared, parts: http::request::Parts, body: Bytes, answer: Answer) {
    if !shared.journal.is_on() {
        return;
    }
    shared.journal.record(ReceivedRequest {
        query: parts.uri.query().map(str::to_owned),
        path: parts.uri.path().to_owned(),
        method: parts.method,
        headers: parts.headers,
        body,
        answer,
    });
}

/// The header first, then the rules.
fn decide(shared: &Shared, request: &Request<Incoming>) -> Decision {
    if let Some(value) = request.headers().get(MOCK_ERROR_HEADER) {
        let id = String::from_utf8_lossy(value.as_bytes());
        return match Fault::get(id.trim()) {
            Ok(fault) => Decision::Fault(fault, None),
            Err(e) => Decision::UnknownHeaderId(format!("{MOCK_ERROR_HEADER}: {e}")),
        };
    }
    let (method, path, headers) = (request.method(), request.uri().path(), request.headers());
    match shared.rules.decide(shared.seed, method, path, headers) {
        Some(active) => Decision::Fault(active.rule.fault(), active.rule.retry_after_secs()),
        None => Decision::Pass,
    }
}

/// The request line and headers of a request whose body goes on to the upstream.
fn head_of(request: &Request<Incoming>) -> http::request::Parts {
    let mut head = Request::new(());
    *head.method_mut() = request.method().clone();
    *head.uri_mut() = request.uri().clone();
    *head.headers_mut() = request.headers().clone();
    head.into_parts().0
}

fn json_response(status: u16, body: String, retry_after: Option<u64>) -> Response<Body> {
    let mut response = Response::new(full(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    if let Some(seconds) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// An answer about the mock itself (not a catalog entry): `error` starts with `mock_`, so it
/// cannot be taken for Easemob's.
pub(crate) fn mock_error(status: StatusCode, error: &str, description: &str) -> Response<Body> {
    let body = serde_json::json!({
        "error": error,
        "error_description": description,
        "timestamp": now_ms(),
        "duration": 0,
    });
    json_response(status.as_u16(), body.to_string(), None)
}

fn full(body: String) -> Body {
    Full::new(Bytes::from(body))
        .map_err(|never| match never {})
        .boxed()
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// A running mock server; dropping it stops it (connections in flight finish their request).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use easemob_errors_mock::{MockServer, Rule};
/// let server = MockServer::start().await?;
/// server.add_rule(Rule::reply("token_expired")?.times(1));
/// assert!(server.uri().starts_with("http://127.0.0.1:"));
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct MockServer {
    pub(crate) shared: Arc<Shared>,
    pub(crate) shutdown: watch::Sender<bool>,
}

impl MockServer {
    /// Starts a server on `127.0.0.1` with an ephemeral port, no rules, no upstream, seed 0,
    /// keeping the last [`DEFAULT_JOURNAL`](crate::DEFAULT_JOURNAL) requests.
    pub async fn start() -> std::io::Result<MockServer> {
        crate::MockServerBuilder::default().start().await
    }

    /// A builder for the other settings.
    pub fn builder() -> crate::MockServerBuilder {
        crate::MockServerBuilder::default()
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.shared.address
    }

    /// `http://HOST:PORT`, without a trailing slash.
    pub fn uri(&self) -> String {
        format!("http://{}", self.shared.address)
    }

    /// The seed `rate` draws from.
    pub fn seed(&self) -> u64 {
        self.shared.seed
    }

    /// Adds a rule after those already there; the handle counts its matches.
    pub fn add_rule(&self, rule: Rule) -> RuleHandle {
        self.shared.rules.push(rule)
    }

    /// Removes every rule.
    pub fn clear_rules(&self) {
        self.shared.rules.clear();
    }

    /// The requests received, oldest first (at most the journal's capacity, the most recent).
    pub fn received_requests(&self) -> Vec<ReceivedRequest> {
        self.shared.journal.snapshot()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
