//! The requests a server received, for a test's asserts (`MockServer::received_requests`).
//! Bounded: only the most recent requests are kept, so a long run does not grow memory.

use bytes::Bytes;
use http::{HeaderMap, Method};
use std::collections::VecDeque;
use std::sync::Mutex;

/// How the server answered a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// With the catalog entry `id`, at `status`.
    Fault {
        /// The catalog id.
        id: &'static str,
        /// The status sent.
        status: u16,
    },
    /// With the `200` success envelope.
    Success,
    /// Forwarded to the upstream, which answered `status` (`502`: it could not be reached).
    Forwarded {
        /// The status passed back.
        status: u16,
    },
    /// Refused by the mock itself (`400` for an unknown id in the header, `413` for a body
    /// over the limit).
    Refused {
        /// The status sent.
        status: u16,
    },
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct ReceivedRequest {
    /// The method.
    pub method: Method,
    /// The path, without the query.
    pub path: String,
    /// The query string, without `?`.
    pub query: Option<String>,
    /// The headers.
    pub headers: HeaderMap,
    /// The body (empty for forwarded requests: their bodies stream to the upstream and are
    /// not kept).
    pub body: Bytes,
    /// How it was answered.
    pub answer: Answer,
}

/// The most recent requests, at most `capacity` of them (0: none kept).
#[derive(Debug)]
pub(crate) struct Journal {
    capacity: usize,
    requests: Mutex<VecDeque<ReceivedRequest>>,
}

impl Journal {
    pub(crate) fn new(capacity: usize) -> Journal {
        Journal {
            capacity,
            requests: Mutex::new(VecDeque::new()),
        }
    }

    pub(crate) fn is_on(&self) -> bool {
        self.capacity > 0
    }

    pub(crate) fn record(&self, request: ReceivedRequest) {
        if !self.is_on() {
            return;
        }
        let mut requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        if requests.len() == self.capacity {
            requests.pop_front();
        }
        requests.push_back(request);
    }

    pub(crate) fn snapshot(&self) -> Vec<ReceivedRequest> {
        let requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        requests.iter().cloned().collect()
    }
}
