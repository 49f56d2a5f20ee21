//! Settings of a server before it starts.

use crate::journal::Journal;
use crate::rules::{Rule, RuleSet};
use crate::server::{MockServer, Shared, accept_loop};
use crate::upstream::Upstream;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// How many requests a server started from code remembers by default.
pub const DEFAULT_JOURNAL: usize = 1_000;

/// The largest request body read by default (bigger ones are answered `413`); forwarded
/// bodies stream and are not limited.
pub const DEFAULT_MAX_BODY: usize = 1024 * 1024;

/// Builds a [`MockServer`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use easemob_errors_mock::{MockServer, Rule};
/// let server = MockServer::builder()
///     .rule(Rule::reply("api_rate_limited")?.times(2))
///     .seed(42)
///     .start()
///     .await?;
/// assert_eq!(server.seed(), 42);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct MockServerBuilder {
    listen: SocketAddr,
    rules: Vec<Rule>,
    upstream: Option<Upstream>,
    seed: u64,
    journal: usize,
    log_faults: bool,
    max_body: usize,
}

impl Default for MockServerBuilder {
    fn default() -> MockServerBuilder {
        MockServerBuilder {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            rules: Vec::new(),
            upstream: None,
            seed: 0,
            journal: DEFAULT_JOURNAL,
            log_faults: false,
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

impl MockServerBuilder {
    /// Where to listen (default `127.0.0.1:0`, an ephemeral port).
    pub fn listen(mut self, address: SocketAddr) -> Self {
        self.listen = address;
        self
    }

    /// Adds a rule after the others.
    pub fn rule(mut self, rule: Rule) -> Self {
        self.rules.push(rule);
        self
    }

    /// Adds rules after the others.
    pub fn rules(mut self, rules: impl IntoIterator<Item = Rule>) -> Self {
        self.rules.extend(rules);
        self
    }

    /// Forward requests no rule chose to this server instead of answering them `200`.
    pub fn upstream(mut self, upstream: Upstream) -> Self {
        self.upstream = Some(upstream);
        self
    }

    /// The seed `rate` draws from (default 0).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// How many recent requests to remember (0: none, as the command does).
    pub fn journal(mut self, capacity: usize) -> Self {
        self.journal = capacity;
        self
    }

    /// Print one line on stderr per injected fault: method, path, id, status.
    pub fn log_faults(mut self, on: bool) -> Self {
        self.log_faults = on;
        self
    }

    /// The largest request body read (default [`DEFAULT_MAX_BODY`]).
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Binds and starts serving on the current tokio runtime.
    pub async fn start(self) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind(self.listen).await?;
        let address = listener.local_addr()?;
        let rules = RuleSet::default();
        for rule in self.rules {
            rules.push(rule);
        }
        let shared = Arc::new(Shared {
            rules,
            seed: self.seed,
            upstream: self.upstream,
            journal: Journal::new(self.journal),
            log_faults: self.log_faults,
            max_body: self.max_body,
            address,
        });
        let (shutdown, receiver) = watch::channel(false);
        tokio::spawn(accept_loop(listener, Arc::clone(&shared), receiver));
        Ok(MockServer { shared, shutdown })
    }
}
