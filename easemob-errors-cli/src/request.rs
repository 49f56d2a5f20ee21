//! The request a piece of log text shows, as `"METHOD PATH"`: written together (`POST
//! /org/app/users`, Guzzle's `` `POST https://…` ``), or in separate keys, as structured
//! loggers write it (`"method":"GET","path":"/org/app/users/u1"`, `url`, `uri`, or
//! `method=GET path=/…`).

use std::fmt;
use std::sync::OnceLock;

/// A request as a log shows it: its method, and the path or URL borrowed from the log's text,
/// so finding one allocates nothing (it runs for every body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request<'a> {
    /// The method, uppercase.
    pub method: &'static str,
    /// The path or URL, without its query.
    pub path: &'a str,
}

impl Request<'_> {
    /// Appends `"METHOD PATH"` to `out`: how a request is kept, without formatting machinery.
    pub fn push_to(&self, out: &mut String) {
        out.push_str(self.method);
        out.push(' ');
        out.push_str(self.path);
    }
}

impl fmt::Display for Request<'_> {
    /// `"METHOD PATH"`, as `ApiError::with_request_line` reads it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// The request `text` shows.
pub fn find(text: &str) -> Option<Request<'_>> {
    method_then_path(text).or_else(|| in_keys(text))
}

/// The methods the REST API has.
fn method(word: &str) -> Option<&'static str> {
    ["GET", "POST", "PUT", "DELETE", "PATCH"]
        .into_iter()
        .find(|m| m.eq_ignore_ascii_case(word))
}

/// The keys a request is written in.
#[derive(Clone, Copy)]
enum Key {
    Method,
    Path,
    Url,
    Uri,
}

/// The value of the first `key` written as a key (`"key":"v"`, `key=v`, `key: 'v'`, escaped
/// quotes too): the text up to its closing quote, a space or a separator.
fn value_of(text: &str, key: Key) -> Option<&str> {
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 4]> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        ["method", "path", "url", "uri"].map(|k| memchr::memmem::Finder::new(k.as_bytes()))
    });
    let finder = &finders[key as usize];
    let b = text.as_bytes();
    for at in finder.find_iter(b) {
        let word_start = at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_');
        if !word_start {
            continue;
        }
        let mut i = at + finder.needle().len();
        let skip = |i: &mut usize| {
            while b
                .get(*i)
                .is_some_and(|c| matches!(c, b'"' | b'\'' | b'\\' | b' '))
            {
                *i += 1;
            }
        };
        skip(&mut i);
        if !matches!(b.get(i), Some(b':' | b'=')) {
            continue;
        }
        i += 1;
        skip(&mut i);
        let rest = &text[i..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | ',' | '}' | '?'))
            .unwrap_or(rest.len());
        if end > 0 {
            return Some(&rest[..end]);
        }
    }
    None
}

/// The request in separate keys: `method`, then `path`, `url` or `uri` holding a path or URL.
fn in_keys(text: &str) -> Option<Request<'_>> {
    let method = method(value_of(text, Key::Method)?)?;
    let path = [Key::Path, Key::Url, Key::Uri]
        .into_iter()
        .filter_map(|k| value_of(text, k))
        .find(|p| p.starts_with('/') || p.starts_with("http://") || p.starts_with("https://"))?;
    Some(Request { method, path })
}

/// A method word, then a path or URL. Found from the path's start (` /`, ` http`), which a
/// line has few of, then the word before it checked.
fn method_then_path(line: &str) -> Option<Request<'_>> {
    static STARTS: OnceLock<[memchr::memmem::Finder<'static>; 2]> = OnceLock::new();
    let [slash, http] =
        STARTS.get_or_init(|| [" /", " http"].map(|s| memchr::memmem::Finder::new(s.as_bytes())));
    let b = line.as_bytes();
    // Both kinds of start in the order they come, merged as found rather than collected.
    let mut slashes = slash.find_iter(b).peekable();
    let mut urls = http.find_iter(b).peekable();
    let hits = std::iter::from_fn(|| match (slashes.peek(), urls.peek()) {
        (Some(s), Some(u)) if u < s => urls.next(),
        (Some(_), _) => slashes.next(),
        (None, _) => urls.next(),
    });
    for at in hits {
        let before = line[..at].trim_end();
        let word_start = before
            .rfind(|c: char| !c.is_ascii_uppercase())
            .map_or(0, |i| i + 1);
        let Some(method) = method(&before[word_start..]) else {
            continue;
        };
        let rest = line[at..].trim_start();
        if !(rest.starts_with('/') || rest.starts_with("http://") || rest.starts_with("https://")) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | '?' | '`'))
            .unwrap_or(rest.len());
        let path = &rest[..end];
        return Some(Request { method, path });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_together_or_in_keys() {
        for (text, request) in [
            (
                "easemob call failed POST /org/app/chatgroups/1/users status=403",
                "POST /org/app/chatgroups/1/users",
            ),
            (
                "Client error: `POST https://a1.easemob.com/org/app/users` resulted in",
                "POST https://a1.easemob.com/org/app/users",
            ),
            (
                r#"{"level":"error","method":"GET","path":"/org/app/users/u1","status":404,"#,
                "GET /org/app/users/u1",
            ),
            (
                r#","method":"delete","url":"https://a1.easemob.com/org/app/users/u1?x=1","#,
                "DELETE https://a1.easemob.com/org/app/users/u1",
            ),
            (
                "method=PUT uri=/org/app/users/u1/password status=400",
                "PUT /org/app/users/u1/password",
            ),
            (
                r#"\"method\":\"POST\",\"path\":\"/org/app/messages/users\""#,
                "POST /org/app/messages/users",
            ),
        ] {
            assert_eq!(
                find(text).map(|r| r.to_string()).as_deref(),
                Some(request),
                "{text}"
            );
        }
        for text in [
            "GET",
            "method=GET",
            r#""method":"FETCH","path":"/x""#,
            r#""httpmethod":"GET","path":"/x""#,
            r#""method":"GET","path":"users""#,
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
