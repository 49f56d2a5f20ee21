//! A body printed over several lines: Node's `util.inspect`, as `console.error(data)` prints
//! any object wider than 80 columns, or JSON pretty-printed (Jackson, `json.dumps(indent=2)`):
//!
//! ```text
//! Easemob error: {
//!   error: 'reach_limit',
//!   error_description: 'This request has reached api limit'
//! }
//! ```
//!
//! Only lines that hold `error` reach the scanner, so the object is put back together from a
//! property line that does (`  error_description: '…'`) and the lines before it, up to the
//! line that opens it.

use std::borrow::Cow;

/// Lines looked back over for the line that opens the object.
const MAX_PROPERTIES: usize = 40;

/// An object put back together.
pub struct Spread {
    /// The opening line, the properties up to the current line's, and a closing `}`.
    pub text: String,
    /// How many lines before the current one the object opens.
    pub lines_back: usize,
    /// Where the opening line starts in the bytes before the current line.
    pub opening_at: usize,
}

/// Whether `line` is one property of an object spread over lines: indented, then a bare or
/// quoted key and `:` (`  error: 'x',` from `util.inspect`, `  "error" : "x",` from a JSON
/// pretty-printer such as Jackson's or Python's `json.dumps(indent=2)`).
pub fn is_property(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("  ") else {
        return false;
    };
    let rest = rest.trim_start();
    let key_end = match rest.as_bytes().first() {
        Some(&q @ (b'\'' | b'"')) => rest[1..].find(char::from(q)).map(|i| i + 2),
        _ => {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(rest.len());
            (end > 0).then_some(end)
        }
    };
    key_end.is_some_and(|e| rest[e..].trim_start_matches(' ').starts_with(':'))
}

/// The object whose property `line` is, from the lines `before` it (which end with the
/// newline before `line`), when every line between the opening one and `line` is a property.
pub fn spread(line: &str, before: &[u8]) -> Option<Spread> {
    let mut end = before.strip_suffix(b"\n").unwrap_or(before).len();
    let mut properties: Vec<String> = Vec::new();
    for back in 1..=MAX_PROPERTIES {
        let start = memchr::memrchr(b'\n', &before[..end]).map_or(0, |i| i + 1);
        let text = String::from_utf8_lossy(&before[start..end]);
        let text = match text {
            Cow::Borrowed(t) => t.strip_suffix('\r').unwrap_or(t).to_owned(),
            Cow::Owned(t) => t.trim_end_matches('\r').to_owned(),
        };
        if text.trim_end().ends_with('{') {
            properties.reverse();
            let mut object = text;
            for p in properties {
                object.push('\n');
                object.push_str(&p);
            }
            object.push('\n');
            object.push_str(line);
            object.push_str("\n}");
            return Some(Spread {
                text: object,
                lines_back: back,
                opening_at: start,
            });
        }
        // The first line of `before` may be cut, so it cannot be trusted as a property.
        if !is_property(&text) || start == 0 {
            return None;
        }
        properties.push(text);
        end = start - 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_and_the_opening_line() {
        assert!(is_property("  error: 'reach_limit',"));
        assert!(is_property("    'error-x': 1"));
        assert!(is_property(r#"  "error" : "forbidden_op","#));
        assert!(!is_property(r#"  "error forbidden_op""#));
        assert!(!is_property("error: 'reach_limit'"));
        assert!(!is_property("  ERROR something happened"));
        let before = b"noise\nEasemob error: {\n  error: 'reach_limit',\n  exception: 'E',\n";
        let s = spread(
            "  error_description: 'This request has reached api limit'",
            before,
        )
        .unwrap();
        assert_eq!(s.lines_back, 3);
        assert_eq!(&before[s.opening_at..s.opening_at + 5], b"Easem");
        assert!(
            s.text
                .starts_with("Easemob error: {\n  error: 'reach_limit',\n")
        );
        assert!(s.text.ends_with("limit'\n}"));
        assert!(spread("  error: 'x'", b"a\nnot a property\n  b: 1,\n").is_none());
    }
}
