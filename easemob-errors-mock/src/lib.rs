//! A mock Easemob REST server answering any catalog error on demand, for testing clients' error handling.
//! Depended on by users' test suites (dev-dependency) and its own binary; nothing in the workspace depends on it.
//!
//! A mock Easemob (环信) REST server that makes any catalog error happen on demand, for the
//! tests of clients that must handle a token expiry, a rate limit with `Retry-After`, a burst
//! of 5xx or a request error.
//!
//! Replies are rendered from the `easemob-errors` catalog (the entry's status, `error`,
//! description and `error_code`) and each one classifies back to the entry it names through
//! [`easemob_errors::ApiError::from_response`]. A request is answered, in this order:
//!
//! 1. with the entry named by its `X-Easemob-Mock-Error: <id>` header ([`MOCK_ERROR_HEADER`]);
//! 2. by the first [`Rule`] that decides it (method, path pattern, header; `times`, `after`,
//!    `rate` drawn reproducibly from the seed);
//! 3. by the upstream when one is set (streamed both ways), else `200` with Easemob's success
//!    envelope.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use easemob_errors_mock::{Answer, MockServer, PathPattern, Rule, http::Method};
//!
//! let server = MockServer::start().await?;
//! let limited = server.add_rule(
//!     Rule::reply("api_rate_limited")?
//!         .method(Method::POST)
//!         .path(PathPattern::parse("/*/*/messages/users")?)
//!         .times(2),
//! );
//! // The client under test, pointed at server.uri():
//! let url = format!("{}/org/app/messages/users", server.uri());
//! let response = reqwest::Client::new().post(&url).body("{}").send().await?;
//! let err = easemob_errors::reqwest::error_for_status(response).await.unwrap_err();
//! assert_eq!(err.id(), Some("api_rate_limited"));
//! assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(1)));
//!
//! assert_eq!(limited.fired(), 1);
//! let received = server.received_requests();
//! assert_eq!((received[0].method.as_str(), received[0].body.as_ref()), ("POST", &b"{}"[..]));
//! assert_eq!(received[0].answer, Answer::Fault { id: "api_rate_limited", status: 429 });
//! # Ok(()) }
//! ```
//!
//! The `easemob-errors-mock` command serves the same from a shell:
//! `easemob-errors-mock --rules rules.yaml --upstream http://127.0.0.1:8080 --seed 7`.

#![deny(missing_docs)]

mod builder;
mod catalog;
mod chance;
mod envelope;
mod journal;
mod pattern;
mod rules;
mod rules_file;
mod server;
mod upstream;

pub use builder::{DEFAULT_JOURNAL, DEFAULT_MAX_BODY, MockServerBuilder};
pub use catalog::{DEFAULT_RETRY_AFTER, Fault, Rendered, UnknownId, all_ids, nearest_ids};
pub use journal::{Answer, ReceivedRequest};
pub use pattern::{PathPattern, PatternError};
pub use rules::{Rule, RuleHandle};
pub use rules_file::{RulesError, RulesProblem, load_rules, parse_rules};
pub use server::{MOCK_ERROR_HEADER, MockServer};
pub use upstream::{Upstream, UpstreamError};

/// The `http` crate the rules and recorded requests use (`Method`, `HeaderName`, `HeaderMap`).
pub use http;
