//! Finding Easemob error bodies in the lines of a log, each with the status and request the
//! log shows for it.
//!
//! A line may be a text log (`... status=403 body={"error":...}`), a JSON log whose field holds
//! the body as an escaped string (`{"msg":"...","resp":"{\"error\":...}"}`), a line whose own
//! escaping split the body (`body: {\"error\": ...}`), Node's `util.inspect` of the body, a
//! body cut short (Guzzle's ` (truncated...)`), or one record of many on a line megabytes
//! long. What makes an object a body is in [`crate::object`].
//!
//! Each body's status and request are read from the text around it: between it and the body
//! before (or the line's start), else between it and the body after, else anywhere on its
//! line, else on the lines just before (the response head that OkHttp, `curl -v` and Guzzle
//! print on lines of their own).

use crate::input::{self, Part};
use crate::inspect;
use crate::object::{self, Object};
use crate::{request, status};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Bytes from a body's `{` within which Guzzle's ` (truncated...)` marks it cut.
const TRUNCATED_REACH: usize = 200;
const TRUNCATED: &[u8] = b" (truncated...)";
/// The longest body read in a long line's windows; a longer one is counted, not read.
pub const MAX_BODY: usize = input::WINDOW / 2;
/// Text kept from the end of one window for the next: the status or request before a body.
const TAIL: usize = 256;
/// Lines looked back over for a body's status (a response head and its headers).
const HEAD_LINES: usize = 40;

/// A body found in a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The body's `error`.
    pub error: Option<String>,
    /// Its `error_description` (or `desc`); `None` when cut.
    pub description: Option<String>,
    /// Its numeric `error_code`.
    pub error_code: Option<i64>,
    /// The HTTP status the log shows for it.
    pub status: Option<u16>,
    /// The request the log shows for it, `"METHOD PATH"`.
    pub request: Option<String>,
    /// Whether the log cut the body short.
    pub truncated: bool,
}

/// What a line (or one window of a long line) holds.
#[derive(Debug, Default)]
pub struct Read {
    /// Every body, in order.
    pub bodies: Vec<Found>,
    /// Objects that looked like bodies but were longer than [`MAX_BODY`] in a long line.
    pub too_long: usize,
}

/// Reads the lines of a log in order, windows of long lines included: what one window cut
/// is read with the next.
#[derive(Debug, Default)]
pub struct Reader {
    /// The unread end of the previous window: a body it cut, or the text before the next.
    pending: Vec<u8>,
    /// Whether a long line is being read (its first window has been).
    in_line: bool,
    /// Whether the long line being read is read unescaped (decided on its first window).
    escaped: bool,
    /// A backslash that ended the previous window, unescaped with what the next starts with.
    held_backslash: Vec<u8>,
    /// The status and request of the lines before the long line being read.
    head: Head,
    /// The line that opens the last body found spread over lines by `util.inspect`.
    spread_from: Option<usize>,
}

/// The status and request from the lines before a body's line.
#[derive(Debug, Default, Clone)]
struct Head {
    status: Option<u16>,
    request: Option<String>,
}

impl Reader {
    /// Reads one line, or one window of a long line.
    pub fn read(&mut self, line: input::Line<'_>) -> Read {
        if line.part == Part::Whole {
            let text = lossy(line.bytes);
            let mut head = None;
            let read = read_whole(&text, &mut || {
                head.get_or_insert_with(|| head_before(line.before)).clone()
            });
            if read.bodies.is_empty() && inspect::is_property(&text) {
                return self.read_spread(&text, line);
            }
            return read;
        }
        self.read_window(line)
    }

    /// A body `util.inspect` spread over lines, read once: from the first of its property
    /// lines that completes it.
    fn read_spread(&mut self, text: &str, line: input::Line<'_>) -> Read {
        let Some(spread) = inspect::spread(text, line.before) else {
            return Read::default();
        };
        let opening = line.number - spread.lines_back;
        if self.spread_from == Some(opening) {
            return Read::default();
        }
        let before = &line.before[..spread.opening_at];
        let mut head = None;
        let read = read_whole(&spread.text, &mut || {
            head.get_or_insert_with(|| head_before(before)).clone()
        });
        if !read.bodies.is_empty() {
            self.spread_from = Some(opening);
        }
        read
    }

    fn read_window(&mut self, line: input::Line<'_>) -> Read {
        if !self.in_line {
            self.in_line = true;
            self.escaped = escaped_object().find(line.bytes).is_some();
            self.head = head_before(line.before);
        }
        if self.escaped {
            let mut raw = std::mem::take(&mut self.held_backslash);
            raw.extend_from_slice(line.bytes);
            // An odd run of backslashes at the end escapes what the next window starts with.
            let run = raw.iter().rev().take_while(|&&c| c == b'\\').count();
            if run % 2 == 1 && line.part == Part::Window {
                raw.pop();
                self.held_backslash.push(b'\\');
            }
            self.pending.extend_from_slice(&unescape(&raw));
        } else {
            self.pending.extend_from_slice(line.bytes);
        }
        let complete = line.part == Part::Last;
        // A window may end inside a character: its bytes wait for the next window.
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() && !complete => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let rest = self.pending.split_off(valid);
        let text = lossy(&self.pending).into_owned();
        let scan = bodies_in(&text, complete);
        let head = self.head.clone();
        let bodies = around(&text, scan.found, &mut || head.clone());
        self.pending.clear();
        if !complete {
            self.pending
                .extend_from_slice(&text.as_bytes()[scan.resume..]);
            self.pending.extend_from_slice(&rest);
        } else {
            *self = Reader::default();
        }
        Read {
            bodies,
            too_long: scan.too_long,
        }
    }
}

/// The bodies of a whole line: read unescaped first when the line has an escaped object (the
/// body was written inside a string), as written when that finds none.
fn read_whole(line: &str, head: &mut dyn FnMut() -> Head) -> Read {
    if escaped_object().find(line.as_bytes()).is_some() {
        let unescaped = unescape_str(line);
        let scan = bodies_in(&unescaped, true);
        if !scan.found.is_empty() {
            return Read {
                bodies: around(&unescaped, scan.found, head),
                too_long: 0,
            };
        }
    }
    let scan = bodies_in(line, true);
    Read {
        bodies: around(line, scan.found, head),
        too_long: 0,
    }
}

/// Bytes as text, invalid UTF-8 replaced. Checked by `from_utf8` first: far faster than
/// `from_utf8_lossy` on the valid text nearly every log is.
fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// `{\"`: an object written inside a string. A bare `\"` is not enough: a body read as it
/// is written may hold one in its description (`Entity \"user\" requires…`).
fn escaped_object() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(br#"{\""#))
}

/// One level of backslash escaping undone: `\"` to `"`, `\\` to `\`, `\/` to `/`; any other
/// escape is kept as written. Copies the runs between backslashes whole.
fn unescape(b: &[u8]) -> Vec<u8> {
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
    out
}

fn unescape_str(text: &str) -> String {
    // Only ASCII bytes were dropped, each next to another ASCII byte: still UTF-8.
    String::from_utf8(unescape(text.as_bytes()))
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A body's place in the text and its fields.
struct Span {
    start: usize,
    end: usize,
    fields: object::Fields,
    truncated: bool,
}

/// What [`bodies_in`] found.
struct Scan {
    found: Vec<Span>,
    /// Where the next window should go on from (the text's length for a complete line).
    resume: usize,
    too_long: usize,
}

/// Every body in `text`: each `{` starts an object when it reads as one, and the object is a
/// body when its fields say so; an object that is not a body is looked into from its next
/// `{`. `complete`: the text ends where its line ends. Otherwise it is a window, and an
/// object it cuts within [`MAX_BODY`] of its end is left for the next window.
fn bodies_in(text: &str, complete: bool) -> Scan {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut covered = 0;
    let mut too_long = 0;
    let mut resume = None;
    for start in memchr::memchr_iter(b'{', b) {
        if start < covered {
            continue;
        }
        let read = object::read(&b[start..]);
        if let Object::Whole(len, fields) = read {
            if fields.is_body() {
                covered = start + len;
                found.push(Span {
                    start,
                    end: covered,
                    fields,
                    truncated: false,
                });
            }
            continue;
        }
        if let Some(span) = truncated(b, start) {
            covered = span.end;
            found.push(span);
            continue;
        }
        let Object::Cut(fields) = read else {
            continue;
        };
        let body_like = fields.error.is_some() && fields.easemob_keys;
        if complete {
            if body_like {
                // The line ends inside a body: cut by whoever wrote the log.
                covered = b.len();
                found.push(Span {
                    start,
                    end: b.len(),
                    fields,
                    truncated: true,
                });
            }
        } else if b.len() - start < MAX_BODY {
            resume = Some(start);
            break;
        } else if body_like || fields.description.is_some() {
            too_long += 1;
        }
    }
    // The next window goes on from the body this one cut, or from its end, with the text
    // before (where that body's status and request are) but no body already found.
    let mut resume = match resume {
        _ if complete => b.len(),
        Some(cut) => covered.max(cut.saturating_sub(TAIL)),
        None => covered.max(b.len().saturating_sub(TAIL)),
    };
    while !text.is_char_boundary(resume) {
        resume += 1;
    }
    Scan {
        found,
        resume,
        too_long,
    }
}

/// A body Guzzle cut (` (truncated...)` follows within [`TRUNCATED_REACH`] bytes of its `{`).
fn truncated(b: &[u8], start: usize) -> Option<Span> {
    let reach = &b[start..b.len().min(start + TRUNCATED_REACH)];
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let at = FINDER
        .get_or_init(|| memchr::memmem::Finder::new(TRUNCATED))
        .find(reach)?;
    let Object::Cut(fields) = object::read(&reach[..at]) else {
        return None;
    };
    (fields.error.is_some() && fields.easemob_keys).then(|| Span {
        start,
        end: start + at + TRUNCATED.len(),
        fields,
        truncated: true,
    })
}

/// Each body with its status and request, read from the text around it, else, when its line
/// shows no status, from the lines before (`head`, looked at only then).
fn around(text: &str, spans: Vec<Span>, head: &mut dyn FnMut() -> Head) -> Vec<Found> {
    let mut line_status = None;
    let mut line_request = None;
    let mut found = Vec::with_capacity(spans.len());
    for (k, span) in spans.iter().enumerate() {
        let before = &text[k.checked_sub(1).map_or(0, |p| spans[p].end)..span.start];
        let after = &text[span.end..spans.get(k + 1).map_or(text.len(), |n| n.start)];
        let mut status = status::last(before).or_else(|| status::first(after));
        let mut request = request::find(before).or_else(|| request::find(after));
        if spans.len() > 1 {
            status = status.or_else(|| *line_status.get_or_insert_with(|| status::first(text)));
            if request.is_none() {
                request = line_request
                    .get_or_insert_with(|| request::find(text))
                    .clone();
            }
        }
        if status.is_none() {
            // The response head before the body's line: its request goes with its status.
            let head = head();
            status = head.status;
            request = request.or(head.request);
        }
        found.push(Found {
            status,
            request,
            truncated: span.truncated,
            error: None,
            description: None,
            error_code: span.fields.error_code,
        });
    }
    for (f, span) in found.iter_mut().zip(spans) {
        f.error = span.fields.error;
        f.description = span.fields.description;
    }
    found
}

/// The status (and request) of the response head printed on the lines just before a body's
/// line: the nearest line that shows a status, looking back over header lines only
/// (`< content-type: …` and `* …` from `curl -v`, `Content-Type: …` from OkHttp, blank lines).
/// A line that holds a body of its own stops the search: its status is its body's; so does a
/// line with a status below 400.
fn head_before(before: &[u8]) -> Head {
    // `before` ends with the newline that ends the line before; its first line may be cut.
    let mut end = before.strip_suffix(b"\n").unwrap_or(before).len();
    for _ in 0..HEAD_LINES {
        let start = memchr::memrchr(b'\n', &before[..end]).map_or(0, |i| i + 1);
        let line = lossy(&before[start..end]);
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if line.contains('{') && (line.contains("error") || line.contains("\"desc")) {
            break;
        }
        if let Some(status) = status::first(line) {
            // A success status there belongs to some other call, not to this error body.
            return Head {
                status: (status >= 400).then_some(status),
                request: request::find(line).filter(|_| status >= 400),
            };
        }
        if !header_like(line) || start == 0 {
            break;
        }
        end = start - 1;
    }
    Head::default()
}

/// A line of a response head that shows no status: a header, curl's `<`/`*` lines, or blank.
fn header_like(line: &str) -> bool {
    // Android's logcat puts its own prefix before each line OkHttp logs.
    let line = line.split_once("OkHttp: ").map_or(line, |(_, m)| m).trim();
    if line.is_empty() || line == "<" || line.starts_with("< ") || line.starts_with("* ") {
        return true;
    }
    let Some((name, _)) = line.split_once(": ") else {
        return false;
    };
    !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's status, request and bodies as (`error`, description) pairs.
    type Seen = (
        Option<u16>,
        Option<String>,
        Vec<(Option<String>, Option<String>)>,
    );

    fn one(line: &str) -> Seen {
        let l = read_whole(line, &mut Head::default);
        let status = l.bodies.first().and_then(|b| b.status);
        let request = l.bodies.first().and_then(|b| b.request.clone());
        let b = l
            .bodies
            .into_iter()
            .map(|f| (f.error, f.description))
            .collect();
        (status, request, b)
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

    /// The bodies of `line` handed to a [`Reader`] in windows of `size` bytes.
    fn in_windows(line: &[u8], size: usize) -> Vec<Found> {
        let mut reader = Reader::default();
        let mut found = Vec::new();
        let mut parts = line.chunks(size).peekable();
        let mut before: &[u8] = b"HTTP/1.1 401 Unauthorized\n";
        while let Some(bytes) = parts.next() {
            let part = if parts.peek().is_some() {
                Part::Window
            } else {
                Part::Last
            };
            let read = reader.read(input::Line {
                number: 1,
                bytes,
                before,
                part,
            });
            assert_eq!(read.too_long, 0);
            found.extend(read.bodies);
            before = b"";
        }
        found
    }

    #[test]
    fn windows_find_what_the_whole_line_holds() {
        let record = |i: usize| {
            format!(
                r#"{{"status":{},"method":"DELETE","path":"/o/a/chatgroups/{i}/users/用户","body":{{"error":"forbidden_op","error_description":"用户 [u{i}] 不在群里"}}}}"#,
                400 + i % 3
            )
        };
        let raw: Vec<String> = (0..40).map(record).collect();
        let raw = format!("[{}]", raw.join(","));
        // The same records as escaped strings in a JSON log, and bodies with no status of their
        // own (the line before has one).
        let escaped = raw.replace('"', r#"\""#);
        let bare = r#"x={"error":"e","error_description":"d"} "#.repeat(20)
            + &r#"y={"error":"duplicate_unique_property_exists","error_description":"Entity \"user\" requires that property named \"username\" be unique, value of bob exists"} "#.repeat(10);
        for line in [raw, escaped, bare] {
            let whole = read_whole(&line, &mut || head_before(b"HTTP/1.1 401 Unauthorized\n"));
            assert!(whole.bodies.len() >= 30, "{line:.80}");
            for size in [7, 64, 333, line.len()] {
                assert_eq!(
                    in_windows(line.as_bytes(), size),
                    whole.bodies,
                    "size {size}: {line:.80}"
                );
            }
        }
    }
}
