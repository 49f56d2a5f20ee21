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
//!
//! What is found goes into a [`Read`] the caller reuses, and the [`Reader`] reuses its own
//! buffers (the unescaped line, a long line's pending text): reading a line allocates only
//! for a string with escapes in a body, or a line that is not valid UTF-8.

use crate::found::{Read, Slice};
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
/// Bytes of an unescaped line the [`Reader`] keeps room for between lines.
const KEEP_UNESCAPED: usize = 64 * 1024;

/// Reads the lines of a log in order, windows of long lines included: what one window cut
/// is read with the next.
#[derive(Debug, Default)]
pub struct Reader {
    /// The unread end of the previous window: a body it cut, or the text before the next.
    pending: Vec<u8>,
    /// Where the next `pending` is put together (swapped with it), so neither is reallocated.
    spare: Vec<u8>,
    /// A window's bytes with the backslash the previous window held back.
    raw: Vec<u8>,
    /// A whole line with one level of escaping undone.
    unescaped: String,
    /// Whether a long line is being read (its first window has been).
    in_line: bool,
    /// Whether the long line being read is read unescaped (decided on its first window).
    escaped: bool,
    /// A backslash that ended the previous window, unescaped with what the next starts with.
    held_backslash: bool,
    /// The status from the lines before the long line being read.
    head_status: Option<u16>,
    /// The request from the lines before a body's line (empty: none).
    head_request: String,
    /// The line that opens the last body found spread over lines by `util.inspect`.
    spread_from: Option<usize>,
}

/// The status and request from the lines before a body's line; the request is kept in the
/// [`Read`] being filled.
#[derive(Debug, Default, Clone, Copy)]
struct Head {
    status: Option<u16>,
    request: Option<Slice>,
}

/// Looks at the lines before a body's line once, when a body needs them: what `around` asks.
type HeadOf<'h> = dyn FnMut(&mut Read) -> Head + 'h;

impl Reader {
    /// Reads one line, or one window of a long line, into `out` (emptied first).
    pub fn read(&mut self, line: input::Line<'_>, out: &mut Read) {
        out.clear();
        if line.part != Part::Whole {
            return self.read_window(line, out);
        }
        let text = lossy(line.bytes);
        let head = head_once(&mut self.head_request, line.before);
        // Moved into the call (`{ head }`): its borrow of `head_request` ends there.
        read_whole(&text, &mut self.unescaped, &mut { head }, out);
        if out.is_empty() && inspect::is_property(&text) {
            self.read_spread(&text, line, out);
        }
        if self.unescaped.capacity() > KEEP_UNESCAPED {
            self.unescaped = String::new();
        }
    }

    /// A body `util.inspect` spread over lines, read once: from the first of its property
    /// lines that completes it.
    fn read_spread(&mut self, text: &str, line: input::Line<'_>, out: &mut Read) {
        let Some(spread) = inspect::spread(text, line.before) else {
            return;
        };
        let opening = line.number - spread.lines_back;
        if self.spread_from == Some(opening) {
            return;
        }
        let before = &line.before[..spread.opening_at];
        let head = &mut head_once(&mut self.head_request, before);
        read_whole(&spread.text, &mut self.unescaped, head, out);
        if !out.is_empty() {
            self.spread_from = Some(opening);
        }
    }

    fn read_window(&mut self, line: input::Line<'_>, out: &mut Read) {
        if !self.in_line {
            self.in_line = true;
            self.escaped = escaped_object().find(line.bytes).is_some();
            self.head_status = head_before(line.before, &mut self.head_request);
        }
        if self.escaped {
            self.raw.clear();
            if std::mem::take(&mut self.held_backslash) {
                self.raw.push(b'\\');
            }
            self.raw.extend_from_slice(line.bytes);
            // An odd run of backslashes at the end escapes what the next window starts with.
            let run = self.raw.iter().rev().take_while(|&&c| c == b'\\').count();
            if run % 2 == 1 && line.part == Part::Window {
                self.raw.pop();
                self.held_backslash = true;
            }
            unescape_bytes(&self.raw, &mut self.pending);
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
        let text = lossy(&self.pending[..valid]);
        let scan = bodies_in(&text, complete, out);
        let (status, request) = (self.head_status, &self.head_request);
        around(&text, out, &mut |out: &mut Read| Head {
            status,
            request: (!request.is_empty()).then(|| out.keep(request)),
        });
        out.too_long = scan.too_long;
        if complete {
            self.end_line();
            return;
        }
        self.spare.clear();
        self.spare
            .extend_from_slice(&text.as_bytes()[scan.resume..]);
        self.spare.extend_from_slice(&self.pending[valid..]);
        std::mem::swap(&mut self.pending, &mut self.spare);
    }

    /// A long line read to its end: the next line starts afresh, the buffers kept.
    fn end_line(&mut self) {
        self.pending.clear();
        self.in_line = false;
        self.escaped = false;
        self.held_backslash = false;
        self.head_status = None;
        self.spread_from = None;
        for buffer in [&mut self.pending, &mut self.spare, &mut self.raw] {
            buffer.shrink_to(KEEP_UNESCAPED);
        }
    }
}

/// The lines before a body's line as [`around`] asks for them: looked at once, on the first
/// body that needs them, their request written to `request` and kept in the read.
fn head_once<'h>(request: &'h mut String, before: &'h [u8]) -> impl FnMut(&mut Read) -> Head + 'h {
    let mut head = None;
    move |out: &mut Read| {
        *head.get_or_insert_with(|| {
            let status = head_before(before, request);
            Head {
                status,
                request: (!request.is_empty()).then(|| out.keep(request)),
            }
        })
    }
}

/// The bodies of a whole line: read unescaped first when the line has an escaped object (the
/// body was written inside a string), as written when that finds none.
fn read_whole(line: &str, unescaped: &mut String, head: &mut HeadOf<'_>, out: &mut Read) {
    if escaped_object().find(line.as_bytes()).is_some() {
        unescaped.clear();
        unescape_str(line, unescaped);
        bodies_in(unescaped, true, out);
        if !out.is_empty() {
            around(unescaped, out, head);
            return;
        }
    }
    bodies_in(line, true, out);
    around(line, out, head);
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
/// escape is kept as written. Hands `piece` each range of `b` copied whole (up to the next
/// backslash) with the byte the escape there stands for (`None` after the last range).
fn unescape(b: &[u8], mut piece: impl FnMut(std::ops::Range<usize>, Option<u8>)) {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\\', &b[from..]).map(|i| from + i) {
        match b.get(i + 1) {
            Some(&n @ (b'"' | b'\\' | b'/')) => {
                piece(from..i, Some(n));
                from = i + 2;
            }
            _ => {
                piece(from..i, Some(b'\\'));
                from = i + 1;
            }
        }
    }
    piece(from..b.len(), None);
}

/// [`unescape`] of bytes, appended to `out`.
fn unescape_bytes(b: &[u8], out: &mut Vec<u8>) {
    unescape(b, |run, byte| {
        out.extend_from_slice(&b[run]);
        out.extend(byte);
    });
}

/// [`unescape`] of text, appended to `out`. Still text without a check: the runs end at
/// backslashes (ASCII, so on character boundaries) and the bytes put in are ASCII.
fn unescape_str(text: &str, out: &mut String) {
    unescape(text.as_bytes(), |run, byte| {
        out.push_str(&text[run]);
        out.extend(byte.map(char::from));
    });
}

/// Where [`bodies_in`] stopped, and what it could not read.
struct Scan {
    /// Where the next window should go on from (the text's length for a complete line).
    resume: usize,
    too_long: usize,
}

/// Every body in `text`, pushed to `out` (which holds no other text's bodies): each `{`
/// starts an object when it reads as one, and the object is a body when its fields say so;
/// an object that is not a body is looked into from its next `{`. `complete`: the text ends
/// where its line ends. Otherwise it is a window, and an object it cuts within [`MAX_BODY`]
/// of its end is left for the next window.
fn bodies_in(text: &str, complete: bool, out: &mut Read) -> Scan {
    let b = text.as_bytes();
    let mut covered = 0;
    let mut too_long = 0;
    let mut resume = None;
    for start in memchr::memchr_iter(b'{', b) {
        if start < covered {
            continue;
        }
        let read = object::read(&text[start..]);
        if let Object::Whole(len, fields) = &read {
            if fields.is_body() {
                covered = start + len;
                out.push(start, covered, fields, false);
            }
            continue;
        }
        if let Some((end, fields)) = truncated(text, start) {
            covered = end;
            out.push(start, end, &fields, true);
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
                out.push(start, covered, &fields, true);
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
    Scan { resume, too_long }
}

/// A body Guzzle cut (` (truncated...)` follows within [`TRUNCATED_REACH`] bytes of its `{`):
/// where it ends, with the marker, and its fields.
fn truncated(text: &str, start: usize) -> Option<(usize, object::Fields<'_>)> {
    let reach = &text.as_bytes()[start..text.len().min(start + TRUNCATED_REACH)];
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let at = FINDER
        .get_or_init(|| memchr::memmem::Finder::new(TRUNCATED))
        .find(reach)?;
    // The marker is ASCII: where it starts is a character boundary.
    let Object::Cut(fields) = object::read(&text[start..start + at]) else {
        return None;
    };
    (fields.error.is_some() && fields.easemob_keys).then(|| (start + at + TRUNCATED.len(), fields))
}

/// Each body of `out` (all found in `text`) given its status and request, read from the text
/// around it, else, when its line shows no status, from the lines before (`head`, looked at
/// only then).
fn around(text: &str, out: &mut Read, head: &mut HeadOf<'_>) {
    let count = out.len();
    let mut line_status = None;
    let mut line_request = None;
    for k in 0..count {
        let body = out.body(k);
        let before = &text[k.checked_sub(1).map_or(0, |p| out.body(p).end)..body.start];
        let after_end = if k + 1 < count {
            out.body(k + 1).start
        } else {
            text.len()
        };
        let after = &text[body.end..after_end];
        let mut status = status::last(before).or_else(|| status::first(after));
        let mut request = request::find(before)
            .or_else(|| request::find(after))
            .map(|r| out.keep_request(r));
        if count > 1 {
            status = status.or_else(|| *line_status.get_or_insert_with(|| status::first(text)));
            if request.is_none() {
                request = *line_request
                    .get_or_insert_with(|| request::find(text).map(|r| out.keep_request(r)));
            }
        }
        if status.is_none() {
            // The response head before the body's line: its request goes with its status.
            let head = head(out);
            status = head.status;
            request = request.or(head.request);
        }
        let body = out.body_mut(k);
        body.status = status;
        body.request = request;
    }
}

/// The status (and, in `request`, the request) of the response head printed on the lines
/// just before a body's line: the nearest line that shows a status, looking back over header
/// lines only (`< content-type: …` and `* …` from `curl -v`, `Content-Type: …` from OkHttp,
/// blank lines). A line that holds a body of its own stops the search: its status is its
/// body's; so does a line with a status below 400.
fn head_before(before: &[u8], request: &mut String) -> Option<u16> {
    request.clear();
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
            if status < 400 {
                return None;
            }
            if let Some(r) = request::find(line) {
                r.push_to(request);
            }
            return Some(status);
        }
        if !header_like(line) || start == 0 {
            break;
        }
        end = start - 1;
    }
    None
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

    /// A body as the tests compare it: error, description, error code, status, request,
    /// truncated.
    type Owned = (
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<u16>,
        Option<String>,
        bool,
    );

    fn owned(read: &Read) -> Vec<Owned> {
        let text = |t: Option<&str>| t.map(str::to_owned);
        read.bodies()
            .map(|f| {
                let (e, d, r) = (text(f.error), text(f.description), text(f.request));
                (e, d, f.error_code, f.status, r, f.truncated)
            })
            .collect()
    }

    /// The bodies of a whole line, with `before` as the lines before it.
    fn whole(line: &str, before: &[u8]) -> Vec<Owned> {
        let (mut read, mut unescaped, mut request) =
            (Read::default(), String::new(), String::new());
        read_whole(
            line,
            &mut unescaped,
            &mut head_once(&mut request, before),
            &mut read,
        );
        owned(&read)
    }

    fn one(line: &str) -> Seen {
        let bodies = whole(line, b"");
        let status = bodies.first().and_then(|b| b.3);
        let request = bodies.first().and_then(|b| b.4.clone());
        let b = bodies.into_iter().map(|f| (f.0, f.1)).collect();
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
    fn in_windows(line: &[u8], size: usize) -> Vec<Owned> {
        let mut reader = Reader::default();
        let mut read = Read::default();
        let mut found = Vec::new();
        let mut parts = line.chunks(size).peekable();
        let mut before: &[u8] = b"HTTP/1.1 401 Unauthorized\n";
        while let Some(bytes) = parts.next() {
            let part = if parts.peek().is_some() {
                Part::Window
            } else {
                Part::Last
            };
            let line = input::Line {
                number: 1,
                bytes,
                before,
                part,
            };
            reader.read(line, &mut read);
            assert_eq!(read.too_long, 0);
            found.extend(owned(&read));
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
            let whole = whole(&line, b"HTTP/1.1 401 Unauthorized\n");
            assert!(whole.len() >= 30, "{line:.80}");
            for size in [7, 64, 333, line.len()] {
                assert_eq!(
                    in_windows(line.as_bytes(), size),
                    whole,
                    "size {size}: {line:.80}"
                );
            }
        }
    }

    #[test]
    fn a_reused_read_holds_only_the_last_line() {
        let mut reader = Reader::default();
        let mut read = Read::default();
        let lines = [
            r#"status=403 POST /o/a/users a={"error":"e1","error_description":"d1"} b={"error":"e2","desc":"d2"}"#,
            r#"{"level":"error","status":404,"resp":"{\"error\":\"e3\",\"error_description\":\"d3\"}"}"#,
            "no body here: error",
            r#"x={"error":"e\"4","error_description":"d4"}"#,
        ];
        let mut got = Vec::new();
        for (n, text) in lines.iter().enumerate() {
            let line = input::Line {
                number: n + 1,
                bytes: text.as_bytes(),
                before: b"",
                part: Part::Whole,
            };
            reader.read(line, &mut read);
            got.push(owned(&read));
        }
        let body = |e: &str, d: &str, status, request: Option<&str>| {
            let request = request.map(str::to_owned);
            (
                Some(e.to_owned()),
                Some(d.to_owned()),
                None,
                status,
                request,
                false,
            )
        };
        let request = Some("POST /o/a/users");
        assert_eq!(
            got,
            [
                vec![
                    body("e1", "d1", Some(403), request),
                    body("e2", "d2", Some(403), request)
                ],
                vec![body("e3", "d3", Some(404), None)],
                vec![],
                vec![body("e\"4", "d4", None, None)],
            ]
        );
    }
}
