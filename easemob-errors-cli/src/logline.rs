//! Finding Easemob error bodies in one free-form log line, with the status and request the
//! line shows.
//!
//! A line may be a text log (`... status=403 body={"error":...}`), a JSON log whose field holds
//! the body as an escaped string (`{"msg":"...","resp":"{\"error\":...}"}`), or a line whose
//! own escaping split the body (`body: {\"error\": ...}`). A body is a JSON object with a
//! string `error_description` or `desc`, a numeric `error_code`, or a string `error` next to
//! the fields Easemob always sends (`exception`, `timestamp`, `duration`).

use easemob_errors::{ApiError, Classify};
use serde::de::IgnoredAny;
use std::sync::OnceLock;

/// A body found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The body's `error`.
    pub error: Option<String>,
    /// Its `error_description` (or `desc`).
    pub description: Option<String>,
    /// Its numeric `error_code`.
    pub error_code: Option<i64>,
}

/// What one line holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// Every body, in the order they appear.
    pub bodies: Vec<Found>,
    /// The HTTP status the line shows, if any.
    pub status: Option<u16>,
    /// The request the line shows, `"METHOD PATH"`, if any.
    pub request: Option<String>,
}

/// The status a line shows: `status=403`, `"status":403`, `statusCode: 403`, `HTTP 403`,
/// `HTTP/1.1 403`, `code 403` (the first one, case ignored). Hand-written rather than a regex:
/// it runs on every line with a body, and a few `memmem` searches are far cheaper.
fn status_in(line: &str) -> Option<u16> {
    static WORDS: OnceLock<[(memchr::memmem::Finder<'static>, usize, Sep); 3]> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        [
            ("status", Sep::Assign),
            ("http", Sep::Http),
            ("code", Sep::Space),
        ]
        .map(|(w, sep)| (memchr::memmem::Finder::new(w.as_bytes()), w.len(), sep))
    });
    let lower = line.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut best: Option<(usize, u16)> = None;
    for (finder, word_len, after) in words {
        for at in finder.find_iter(b) {
            if best.is_some_and(|(p, _)| p < at) {
                break;
            }
            // A whole word: not `error_code`, not `httpclient`.
            let starts_word = at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_');
            if starts_word && let Some(s) = after.status_after(b, at + word_len) {
                best = Some((at, s));
                break;
            }
        }
    }
    best.map(|(_, s)| s)
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

/// The request a line shows: a method word, then a path or URL. Found from the path's start
/// (` /`, ` http`), which a line has few of, then the word before it checked.
fn request_in(line: &str) -> Option<String> {
    static STARTS: OnceLock<[memchr::memmem::Finder<'static>; 2]> = OnceLock::new();
    let starts =
        STARTS.get_or_init(|| [" /", " http"].map(|s| memchr::memmem::Finder::new(s.as_bytes())));
    let b = line.as_bytes();
    let mut hits: Vec<usize> = starts.iter().flat_map(|f| f.find_iter(b)).collect();
    hits.sort_unstable();
    for at in hits {
        let before = line[..at].trim_end();
        let word_start = before
            .rfind(|c: char| !c.is_ascii_uppercase())
            .map_or(0, |i| i + 1);
        let method = &before[word_start..];
        if !matches!(method, "GET" | "POST" | "PUT" | "DELETE" | "PATCH") {
            continue;
        }
        let rest = line[at..].trim_start();
        if !(rest.starts_with('/') || rest.starts_with("http://") || rest.starts_with("https://")) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | '?'))
            .unwrap_or(rest.len());
        return Some(format!("{method} {}", &rest[..end]));
    }
    None
}

/// Reads a line.
pub fn read(line: &str) -> Line {
    // Escaped quotes: the body was written inside a string (a JSON log's field, a quoted
    // message). Reading the unescaped line first spares parsing the whole record around it.
    let escaped = memchr::memmem::find(line.as_bytes(), b"\\\"").is_some();
    let mut bodies = if escaped {
        bodies_in(&unescape(line))
    } else {
        Vec::new()
    };
    if bodies.is_empty() {
        bodies = bodies_in(line);
    }
    // A body's own numbers do not read as a status: `"error_code":14001` is not a word
    // `code` followed by a space.
    Line {
        bodies,
        status: status_in(line),
        request: request_in(line),
    }
}

/// One level of backslash escaping undone: `\"` to `"`, `\\` to `\`, `\/` to `/`; any other
/// escape is kept as written. Copies the runs between backslashes whole.
fn unescape(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\\', &b[from..]).map(|i| from + i) {
        out.extend_from_slice(&b[from..i]);
        match b.get(i + 1) {
            Some(&n @ (b'"' | b'\\' | b'/')) => {
                out.push(n);
                from = i + 2;
            }
            _ => {
                out.push(b'\\');
                from = i + 1;
            }
        }
    }
    out.extend_from_slice(&b[from..]);
    // Only ASCII bytes were dropped, each next to another ASCII byte: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Every body in `text`: each `{` starts a JSON object when it parses as one (skipped over
/// unparsed: `serde::de::IgnoredAny` allocates nothing), and the object is a body when the
/// fields that matter say so; an object that is not a body is looked into from its next `{`.
fn bodies_in(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut covered_to = 0;
    for start in memchr::memchr_iter(b'{', bytes) {
        if start < covered_to {
            continue;
        }
        let Some(len) = object_len(&text[start..]) else {
            continue;
        };
        let object = &text[start..start + len];
        if let Some(body) = as_body(object) {
            found.push(body);
            covered_to = start + len;
        }
    }
    found
}

/// The length in bytes of the JSON object at the start of `text`.
fn object_len(text: &str) -> Option<usize> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<IgnoredAny>();
    stream.next()?.ok()?;
    Some(stream.byte_offset())
}

/// An enum of no causes: classifying into it only reads the body, with the library's own
/// reader (what it keeps is what classification reads), and costs no matching.
#[derive(Debug, Classify)]
enum Fields {
    #[easemob(unknown)]
    Any,
}

/// The body an object is.
fn as_body(object: &str) -> Option<Found> {
    let err = ApiError::<Fields>::classify_response(0, object.as_bytes());
    let description = err.description().map(str::to_owned);
    let error = err.code().map(str::to_owned);
    let error_code = err.error_code();
    let easemob_fields = ["\"exception\"", "\"timestamp\"", "\"duration\""]
        .iter()
        .any(|k| object.contains(k));
    let is_body =
        description.is_some() || error_code.is_some() || (error.is_some() && easemob_fields);
    is_body.then_some(Found {
        error,
        description,
        error_code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's status, request and bodies as (`error`, description) pairs.
    type Read = (
        Option<u16>,
        Option<String>,
        Vec<(Option<String>, Option<String>)>,
    );

    fn one(line: &str) -> Read {
        let l = read(line);
        let b = l
            .bodies
            .into_iter()
            .map(|f| (f.error, f.description))
            .collect();
        (l.status, l.request, b)
    }

    #[test]
    fn text_logs_with_status_and_request() {
        let (s, r, b) = one(
            r#"2024-05-01 WARN easemob call failed POST /org/app/chatgroups/1/users status=403 body={"error":"forbidden_op","error_description":"users [u1] are not members of this group!"}"#,
        );
        assert_eq!(s, Some(403));
        assert_eq!(r.as_deref(), Some("POST /org/app/chatgroups/1/users"));
        assert_eq!(
            b,
            [(
                Some("forbidden_op".into()),
                Some("users [u1] are not members of this group!".into())
            )]
        );
        for (line, status) in [
            (
                r#"HTTP/1.1 401 Unauthorized {"error":"unauthorized","error_description":"x"}"#,
                401,
            ),
            (r#"HTTP 404 {"error_description":"x"}"#, 404),
            (
                r#"code 429 response: {"error":"reach_limit","error_description":"x"}"#,
                429,
            ),
            (
                r#"{"status":503,"body":{"error":"e","error_description":"x"}}"#,
                503,
            ),
        ] {
            assert_eq!(one(line).0, Some(status), "{line}");
        }
    }

    #[test]
    fn json_logs_with_an_escaped_body() {
        let line = r#"{"level":"error","msg":"easemob","status":400,"resp":"{\"error\":\"illegal_argument\",\"error_description\":\"username [a b] is not legal\"}"}"#;
        let (s, _, b) = one(line);
        assert_eq!(s, Some(400));
        assert_eq!(
            b,
            [(
                Some("illegal_argument".into()),
                Some("username [a b] is not legal".into())
            )]
        );
    }

    #[test]
    fn a_body_split_by_the_logs_own_escaping() {
        let line = r#"ERROR c.e.Client - response: {\"error\":\"forbidden_op\",\"error_description\":\"users [u1] are not members of this group!\"} (status code 403)"#;
        let (s, _, b) = one(line);
        assert_eq!(s, Some(403));
        assert_eq!(b.len(), 1);
    }

    #[test]
    fn two_bodies_and_garbage() {
        let line = r#"a={"error":"e1","error_description":"d1"} b={"error":"e2","desc":"d2"}"#;
        assert_eq!(one(line).2.len(), 2);
        for garbage in [
            "",
            "{",
            "}{",
            r#"{"error":"timeout"}"#,
            "error error error",
            "{\"error_description\": 5}",
        ] {
            assert!(one(garbage).2.is_empty(), "{garbage}");
        }
        let streaming = r#"{"error_code":14035,"error":"message_send_error","error_description":"stream message has already finished"}"#;
        assert_eq!(one(streaming).0, None, "an error_code is not a status");
    }
}
