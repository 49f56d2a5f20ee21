//! Forwarding requests no rule chose to a real server (`--upstream`): method, path, query,
//! headers and body stream through, and the upstream's status, headers and body stream back.
//! Hop-by-hop headers are dropped both ways and `Host` names the upstream, as a reverse proxy
//! does. Only `http://` upstreams: put a TLS-terminating proxy in front of an `https://` one.

use crate::server::{Body, mock_error};
use http::header::{self, HeaderMap, HeaderValue};
use http::uri::{Authority, Uri};
use http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::fmt;
use std::time::Duration;

/// How long a connection to the upstream may take before the request is answered `502`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Headers that belong to one connection, not to the request (RFC 9110, section 7.6.1).
const HOP_BY_HOP: [header::HeaderName; 7] = [
    header::CONNECTION,
    header::PROXY_AUTHENTICATE,
    header::PROXY_AUTHORIZATION,
    header::TE,
    header::TRAILER,
    header::TRANSFER_ENCODING,
    header::UPGRADE,
];

/// A server to forward to.
#[derive(Debug, Clone)]
pub struct Upstream {
    authority: Authority,
    /// Path prefix of the URL, without a trailing `/` (`""` for none).
    prefix: String,
    client: Client<HttpConnector, Incoming>,
}

/// An upstream URL that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamError {
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for UpstreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UpstreamError {}

impl Upstream {
    /// An `http://host[:port][/prefix]` URL.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use easemob_errors_mock::Upstream;
    /// assert!(Upstream::parse("http://127.0.0.1:8080").is_ok());
    /// let err = Upstream::parse("https://a1.easemob.com").unwrap_err();
    /// assert!(err.message.contains("http://"));
    /// # }
    /// ```
    pub fn parse(url: &str) -> Result<Upstream, UpstreamError> {
        let uri: Uri = url.parse().map_err(|e| UpstreamError {
            message: format!("`{url}` is not a URL ({e}); write http://HOST:PORT"),
        })?;
        if uri.scheme_str() != Some("http") {
            return Err(UpstreamError {
                message: format!(
                    "`{url}`: only http:// upstreams are supported; for an https:// server run \
                     a TLS-terminating proxy and give its http:// address"
                ),
            });
        }
        let authority = uri.authority().cloned().ok_or_else(|| UpstreamError {
            message: format!("`{url}` has no host; write http://HOST:PORT"),
        })?;
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(CONNECT_TIMEOUT));
        connector.set_nodelay(true);
        Ok(Upstream {
            authority,
            prefix: uri.path().trim_end_matches('/').to_owned(),
            client: Client::builder(TokioExecutor::new()).build(connector),
        })
    }

    /// The upstream as `http://host:port/prefix`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.authority, self.prefix)
    }

    /// Sends the request on and streams the answer back; `502` with a body that says why
    /// when the upstream cannot be reached or breaks off.
    pub(crate) async fn forward(&self, request: Request<Incoming>) -> Response<Body> {
        let (mut parts, body) = request.into_parts();
        let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let target = format!("http://{}{}{}", self.authority, self.prefix, path_and_query);
        parts.uri = match target.parse() {
            Ok(uri) => uri,
            Err(e) => return mock_error(StatusCode::BAD_REQUEST, "mock_bad_path", &e.to_string()),
        };
        // HTTP/1.1 to the upstream whatever the client spoke.
        parts.version = http::Version::HTTP_11;
        strip_hop_by_hop(&mut parts.headers);
        if let Ok(host) = HeaderValue::from_str(self.authority.as_str()) {
            parts.headers.insert(header::HOST, host);
        }
        match self.client.request(Request::from_parts(parts, body)).await {
            Ok(response) => {
                let (mut parts, body) = response.into_parts();
                strip_hop_by_hop(&mut parts.headers);
                let body = body.map_err(|e| Box::new(e) as crate::server::BoxError);
                Response::from_parts(parts, Body::new(body))
            }
            Err(e) => {
                let why = format!(
                    "easemob-errors-mock could not get an answer from the upstream {}: {}",
                    self.url(),
                    error_chain(&e)
                );
                mock_error(StatusCode::BAD_GATEWAY, "mock_upstream_unreachable", &why)
            }
        }
    }
}

/// Removes hop-by-hop headers, including those `Connection` names.
fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let named: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(',').map(|s| s.trim().to_ascii_lowercase()))
        .collect();
    for name in named {
        headers.remove(name.as_str());
    }
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
    headers.remove("keep-alive");
}

/// An error and its sources on one line (the client's own message is only "client error").
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
