//! The HTTP status a piece of log text shows.
//!
//! After a keyword: `status=403`, `"status":403`, `statusCode: "403"`, `HTTP/1.1 403`,
//! `HTTP 404`, `< HTTP/2 429` (curl -v), `code 400`. Or, failing that, before its reason phrase
//! as clients print it: `403 Forbidden: [{…}]` (Spring's `HttpClientErrorException`),
//! `400 Client Error: Bad Request for url: …` (Python requests), `` `400 Bad Request` ``
//! (Guzzle), `<-- 401 Unauthorized https://…` and `<-- 429 https://…` (OkHttp's logging
//! interceptor, which shows no reason over HTTP/2).

use std::sync::OnceLock;

/// The first status `text` shows.
pub fn first(text: &str) -> Option<u16> {
    find(text, false)
}

/// The last status `text` shows.
pub fn last(text: &str) -> Option<u16> {
    find(text, true)
}

fn find(text: &str, last: bool) -> Option<u16> {
    // Most text around a body shows no number at all: spared the lowercase copy.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    LOWER.with_borrow_mut(|lower| {
        lower.clear();
        lower.extend(text.bytes().map(|c| c.to_ascii_lowercase()));
        after_keyword(lower, last)
            .or_else(|| before_reason(lower, last))
            .map(|(_, s)| s)
    })
}

thread_local! {
    /// The text being searched, lowercase: one buffer per thread, reused, since a status is
    /// looked for around every body and a fresh copy each time was an allocation per body.
    /// It keeps the size of the longest text searched: a long line's window at most.
    static LOWER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reason phrases of the error statuses, lowercase, and the two classes Python requests
/// names (`400 Client Error`, `500 Server Error`).
const REASONS: [&str; 34] = [
    "bad request",
    "unauthorized",
    "payment required",
    "forbidden",
    "not found",
    "method not allowed",
    "not acceptable",
    "proxy authentication required",
    "request timeout",
    "conflict",
    "gone",
    "length required",
    "precondition failed",
    "payload too large",
    "request entity too large",
    "uri too long",
    "unsupported media type",
    "range not satisfiable",
    "expectation failed",
    "unprocessable entity",
    "unprocessable content",
    "locked",
    "too many requests",
    "request header fields too large",
    "unavailable for legal reasons",
    "internal server error",
    "not implemented",
    "bad gateway",
    "service unavailable",
    "gateway timeout",
    "http version not supported",
    "insufficient storage",
    "client error",
    "server error",
];

/// A status from 400 to 599 followed by its reason phrase, or after OkHttp's `<-- `.
fn before_reason(b: &[u8], last: bool) -> Option<(usize, u16)> {
    let mut best = None;
    let mut i = 0;
    while i + 3 <= b.len() {
        let Some(at) = memchr::memchr2(b'4', b'5', &b[i..]).map(|at| i + at) else {
            break;
        };
        i = at + 1;
        let digits = &b[at..(at + 3).min(b.len())];
        let whole_number = digits.len() == 3
            && digits.iter().all(u8::is_ascii_digit)
            && (at == 0 || !b[at - 1].is_ascii_alphanumeric())
            && b.get(at + 3) == Some(&b' ');
        if !whole_number {
            continue;
        }
        let rest = &b[at + 4..];
        let okhttp = b[..at].ends_with(b"<-- ");
        if okhttp || REASONS.iter().any(|r| rest.starts_with(r.as_bytes())) {
            let status = (digits[0] - b'0') as u16 * 100
                + (digits[1] - b'0') as u16 * 10
                + (digits[2] - b'0') as u16;
            best = Some((at, status));
            if !last {
                break;
            }
        }
    }
    best
}

/// The status a keyword gives: `status=403`, `"status":403`, `statusCode: 403`, `HTTP 403`,
/// `HTTP/1.1 403`, `code 403` (case ignored), with where it is; the first or, with `last`, the
/// last. Hand-written rather than a regex: it runs on every line with a body, and a few
/// `memmem` searches are far cheaper.
fn after_keyword(lower: &[u8], last: bool) -> Option<(usize, u16)> {
    static WORDS: OnceLock<[(memchr::memmem::Finder<'static>, usize, Sep); 3]> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        [
            ("status", Sep::Assign),
            ("http", Sep::Http),
            ("code", Sep::Space),
        ]
        .map(|(w, sep)| (memchr::memmem::Finder::new(w.as_bytes()), w.len(), sep))
    });
    let b = lower;
    let mut best: Option<(usize, u16)> = None;
    for (finder, word_len, after) in words {
        for at in finder.find_iter(b) {
            if !last && best.is_some_and(|(p, _)| p < at) {
                break;
            }
            // A whole word: not `error_code`, not `httpclient`.
            let starts_word = at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_');
            if starts_word && let Some(s) = after.status_after(b, at + word_len) {
                if !last || best.is_none_or(|(p, _)| p < at) {
                    best = Some((at, s));
                }
                if !last {
                    break;
                }
            }
        }
    }
    best
}

/// What may stand between a status word and its number.
#[derive(Clone, Copy)]
enum Sep {
    /// `status=403`, `"status": 403`, `status_code=403`, `statusCode: "403"`.
    Assign,
    /// `HTTP 403`, `HTTP/1.1 403`.
    Http,
    /// `code 403`.
    Space,
}

impl Sep {
    fn status_after(self, b: &[u8], mut i: usize) -> Option<u16> {
        let skip = |i: &mut usize, set: &[u8]| {
            while b.get(*i).is_some_and(|c| set.contains(c)) {
                *i += 1;
            }
        };
        match self {
            Sep::Assign => {
                if b[i..].starts_with(b"_code") {
                    i += 5;
                } else if b[i..].starts_with(b"code") {
                    i += 4;
                }
                skip(&mut i, b"\\\"' ");
                if !matches!(b.get(i), Some(b':' | b'=')) {
                    return None;
                }
                i += 1;
                skip(&mut i, b"\\\"' ");
            }
            Sep::Http => {
                if b.get(i) == Some(&b'/') {
                    i += 1;
                    skip(&mut i, b"0123456789.");
                }
                if b.get(i) != Some(&b' ') {
                    return None;
                }
                skip(&mut i, b" ");
            }
            Sep::Space => {
                if b.get(i) != Some(&b' ') {
                    return None;
                }
                skip(&mut i, b" ");
            }
        }
        let digits = b.get(i..i + 3)?;
        let after_ok = b.get(i + 3).is_none_or(|c| !c.is_ascii_digit());
        if digits.iter().all(u8::is_ascii_digit) && (b'1'..=b'5').contains(&digits[0]) && after_ok {
            std::str::from_utf8(digits).ok()?.parse().ok()
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_reason_phrases() {
        for (text, status) in [
            ("status=403 body=", 403),
            (r#"{"status":503,"body":"#, 503),
            ("HTTP/1.1 401 Unauthorized", 401),
            ("< HTTP/2 429", 429),
            ("code 429 response:", 429),
            (r#"\"statusCode\":\"404\""#, 404),
            (
                "org.springframework.web.client.HttpClientErrorException$Forbidden: 403 Forbidden: ",
                403,
            ),
            (
                "requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: https://a1.easemob.com/org/app/users",
                400,
            ),
            ("resulted in a `429 Too Many Requests` response:", 429),
            (
                "<-- 401 Unauthorized https://a1.easemob.com/org/app/token (85ms)",
                401,
            ),
            (
                "<-- 429 https://a1.easemob.com/org/app/messages/users (40ms)",
                429,
            ),
        ] {
            assert_eq!(first(text), Some(status), "{text}");
        }
        for text in [
            "took 404 ms",
            "error_code 500",
            "id 4031 forbidden",
            "user 403forbidden",
            "",
            "500",
        ] {
            assert_eq!(first(text), None, "{text}");
        }
        assert_eq!(first("status=400 then status=429"), Some(400));
        assert_eq!(last("status=400 then status=429"), Some(429));
        assert_eq!(
            last("400 Bad Request, then 503 Service Unavailable"),
            Some(503)
        );
    }
}
