//! Reading the fields that make an Easemob error body out of one object written in a log.
//!
//! Logs write a body as JSON (`{"error":"reach_limit",…}`), as Node's `util.inspect` prints
//! it (`{ error: 'reach_limit', error_description: '…' }`: single quotes, bare keys), or cut
//! short (Guzzle keeps 120 bytes and appends ` (truncated...)`; a log line may end mid-body).
//! One forgiving reader takes all three: keys quoted either way or bare, strings in either
//! quote, nested values skipped, and, when the text runs out, the fields read so far.
//!
//! Only the top level's `error`, `error_description`, `desc` (strings) and `error_code`
//! (an integer) are kept; whether `exception`, `timestamp` or `duration` (the keys Easemob
//! always sends) were there is noted. The kept strings borrow the text they were read from
//! unless escapes had to be undone: reading a body allocates only for an escaped value.

use std::borrow::Cow;

/// Deepest nesting read; deeper objects are not bodies anyone logs.
const MAX_DEPTH: usize = 64;

/// The fields of one object, borrowing the text read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields<'a> {
    /// `error`.
    pub error: Option<Cow<'a, str>>,
    /// `error_description`, else `desc`.
    pub description: Option<Cow<'a, str>>,
    /// `error_code`.
    pub error_code: Option<i64>,
    /// Whether a key only Easemob bodies have was there (`exception`, `timestamp`,
    /// `duration`), or a description key whose value was cut.
    pub easemob_keys: bool,
}

impl Fields<'_> {
    /// Whether these fields make an Easemob error body: a description, a numeric
    /// `error_code`, or an `error` next to the keys Easemob always sends. A bare
    /// `{"error":"timeout"}` is some other service's.
    pub fn is_body(&self) -> bool {
        self.description.is_some()
            || self.error_code.is_some()
            || (self.error.is_some() && self.easemob_keys)
    }
}

/// What the text at a `{` holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Object<'a> {
    /// A whole object of this many bytes.
    Whole(usize, Fields<'a>),
    /// An object the text ended inside, with the fields read before the end.
    Cut(Fields<'a>),
    /// Not an object.
    Bad,
}

/// Reads the object `text` starts with (at its `{`).
pub fn read(text: &str) -> Object<'_> {
    let mut reader = Reader {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    let mut fields = Fields::default();
    match reader.object(0, Some(&mut fields)) {
        Ok(()) => Object::Whole(reader.i, fields),
        Err(Stop::End) => Object::Cut(fields),
        Err(Stop::Bad) => Object::Bad,
    }
}

/// Why reading stopped early.
#[derive(Debug)]
enum Stop {
    /// The text ended.
    End,
    /// Something no object holds there.
    Bad,
}

/// The keys kept, or noted.
enum Key {
    Error,
    ErrorDescription,
    Desc,
    ErrorCode,
    Easemob,
    Other,
}

impl Key {
    fn of(name: &[u8]) -> Key {
        match name {
            b"error" => Key::Error,
            b"error_description" => Key::ErrorDescription,
            b"desc" => Key::Desc,
            b"error_code" => Key::ErrorCode,
            b"exception" | b"timestamp" | b"duration" => Key::Easemob,
            _ => Key::Other,
        }
    }
}

struct Reader<'a> {
    /// The text, for the strings kept: sliced at quotes, which are ASCII, so on character
    /// boundaries, and so not checked for UTF-8 again.
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn peek(&mut self) -> Result<u8, Stop> {
        while let Some(&c) = self.b.get(self.i) {
            if !c.is_ascii_whitespace() {
                return Ok(c);
            }
            self.i += 1;
        }
        Err(Stop::End)
    }

    /// An object at `{`; the top level's fields go to `fields`.
    fn object(&mut self, depth: usize, mut fields: Option<&mut Fields<'a>>) -> Result<(), Stop> {
        if depth > MAX_DEPTH {
            return Err(Stop::Bad);
        }
        self.i += 1;
        loop {
            if self.peek()? == b'}' {
                self.i += 1;
                return Ok(());
            }
            let key = self.key()?;
            if self.peek()? != b':' {
                return Err(Stop::Bad);
            }
            self.i += 1;
            match fields.as_deref_mut() {
                Some(f) => self.field(key, f)?,
                None => self.skip_value(depth)?,
            }
            match self.peek()? {
                // A trailing comma (JavaScript allows one) is met by the `}` check above.
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Bad),
            }
        }
    }

    /// A top-level value, kept when its key is one of the body's.
    fn field(&mut self, key: Key, f: &mut Fields<'a>) -> Result<(), Stop> {
        let quoted = matches!(self.peek()?, b'"' | b'\'');
        match key {
            Key::Error | Key::ErrorDescription | Key::Desc if quoted => {
                let cut = matches!(key, Key::ErrorDescription | Key::Desc);
                let value = match self.string(true) {
                    Ok(v) => v,
                    Err(Stop::End) if cut => {
                        // The text ends inside the description: a body, cut.
                        f.easemob_keys = true;
                        return Err(Stop::End);
                    }
                    Err(e) => return Err(e),
                };
                match key {
                    Key::Error => f.error = value,
                    Key::ErrorDescription => f.description = value,
                    _ => {
                        if f.description.is_none() {
                            f.description = value;
                        }
                    }
                }
            }
            Key::ErrorCode if !quoted => {
                let word = self.word()?;
                // Only an integer is an `error_code`; `null` or `1.5` are not.
                f.error_code = std::str::from_utf8(word).ok().and_then(|w| w.parse().ok());
            }
            Key::Easemob => {
                f.easemob_keys = true;
                self.skip_value(0)?;
            }
            _ => self.skip_value(0)?,
        }
        Ok(())
    }

    /// A key: a string in either quote, or a bare word.
    fn key(&mut self) -> Result<Key, Stop> {
        match self.peek()? {
            b'"' | b'\'' => {
                let start = self.i + 1;
                self.string(false)?;
                Ok(Key::of(&self.b[start..self.i - 1]))
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' => {
                let start = self.i;
                while self
                    .b
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$'))
                {
                    self.i += 1;
                }
                Ok(Key::of(&self.b[start..self.i]))
            }
            _ => Err(Stop::Bad),
        }
    }

    /// Any value, skipped.
    fn skip_value(&mut self, depth: usize) -> Result<(), Stop> {
        match self.peek()? {
            b'{' => self.object(depth + 1, None),
            b'[' => self.array(depth + 1),
            b'"' | b'\'' => self.string(false).map(drop),
            _ => self.word().map(drop),
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Stop> {
        if depth > MAX_DEPTH {
            return Err(Stop::Bad);
        }
        self.i += 1;
        loop {
            if self.peek()? == b']' {
                self.i += 1;
                return Ok(());
            }
            self.skip_value(depth)?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Bad),
            }
        }
    }

    /// A number or a word (`true`, `null`, `undefined`): up to the next delimiter.
    fn word(&mut self) -> Result<&'a [u8], Stop> {
        let start = self.i;
        while let Some(&c) = self.b.get(self.i) {
            if matches!(c, b',' | b'}' | b']' | b':' | b'"' | b'\'' | b'{' | b'[')
                || c.is_ascii_whitespace()
            {
                break;
            }
            self.i += 1;
        }
        match self.b.get(self.i) {
            None => Err(Stop::End),
            Some(_) if self.i == start => Err(Stop::Bad),
            Some(_) => Ok(&self.b[start..self.i]),
        }
    }

    /// A string in `"` or `'`, its escapes undone when `keep`; `None` when not kept. Borrowed
    /// when it holds no escape, as nearly every body's strings do.
    fn string(&mut self, keep: bool) -> Result<Option<Cow<'a, str>>, Stop> {
        let quote = self.b[self.i];
        self.i += 1;
        let start = self.i;
        // The plain case: no escape before the closing quote, borrowed whole.
        loop {
            let rest = &self.b[self.i..];
            let at = memchr::memchr2(quote, b'\\', rest).ok_or(Stop::End)?;
            if rest[at] == quote {
                let raw: &'a str = &self.text[start..self.i + at];
                self.i += at + 1;
                return Ok(keep.then_some(Cow::Borrowed(raw)));
            }
            if !keep {
                // Skip the escaped byte: a quote after a backslash does not end the string.
                self.i += at + 2;
                if self.i > self.b.len() {
                    return Err(Stop::End);
                }
                continue;
            }
            self.i = start;
            return self.escaped_string(quote).map(|s| Some(Cow::Owned(s)));
        }
    }

    /// A string with escapes, decoded: JSON's (`\n`, `\uXXXX` with surrogate pairs) and
    /// JavaScript's (`\'`, `\xHH`); any other escaped character stands for itself.
    fn escaped_string(&mut self, quote: u8) -> Result<String, Stop> {
        let mut out = Vec::new();
        loop {
            let rest = &self.b[self.i..];
            let at = memchr::memchr2(quote, b'\\', rest).ok_or(Stop::End)?;
            out.extend_from_slice(&rest[..at]);
            self.i += at + 1;
            if rest[at] == quote {
                return Ok(text(out));
            }
            let c = *self.b.get(self.i).ok_or(Stop::End)?;
            self.i += 1;
            let plain = match c {
                b'n' => b'\n',
                b't' => b'\t',
                b'r' => b'\r',
                b'b' => 8,
                b'f' => 12,
                b'u' => {
                    let ch = self.unicode()?;
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                    continue;
                }
                b'x' => {
                    let ch = char::from(self.hex(2)? as u8);
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                    continue;
                }
                other => other,
            };
            out.push(plain);
        }
    }

    /// The character of a `\uXXXX` escape (the `\u` read), a surrogate pair joined.
    fn unicode(&mut self) -> Result<char, Stop> {
        let high = self.hex(4)?;
        if (0xD800..0xDC00).contains(&high) && self.b[self.i..].starts_with(b"\\u") {
            let at = self.i;
            self.i += 2;
            let low = self.hex(4)?;
            if (0xDC00..0xE000).contains(&low) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            self.i = at;
        }
        Ok(char::from_u32(high).unwrap_or('\u{FFFD}'))
    }

    fn hex(&mut self, digits: usize) -> Result<u32, Stop> {
        let text = self.b.get(self.i..self.i + digits).ok_or(Stop::End)?;
        let text = std::str::from_utf8(text).map_err(|_| Stop::Bad)?;
        let value = u32::from_str_radix(text, 16).map_err(|_| Stop::Bad)?;
        self.i += digits;
        Ok(value)
    }
}

/// Bytes as a string, invalid UTF-8 replaced.
fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Fields<'_> {
        match read(text) {
            Object::Whole(len, f) => {
                assert_eq!(len, text.len(), "{text}");
                f
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn json_bodies() {
        let f = fields(
            r#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"users [hxtest100] are not members of this group!"}"#,
        );
        assert_eq!(f.error.as_deref(), Some("forbidden_op"));
        assert_eq!(
            f.description.as_deref(),
            Some("users [hxtest100] are not members of this group!")
        );
        assert!(f.easemob_keys && f.is_body());
        let f = fields(
            r#"{"error":"a\"b\u00e9\ud83d\ude00","desc":"x\\y","error_code":14035,"n":{"error":"inner"},"l":[1,{"a":[]}]}"#,
        );
        assert_eq!(f.error.as_deref(), Some("a\"bé😀"));
        assert_eq!(f.description.as_deref(), Some("x\\y"));
        assert_eq!(f.error_code, Some(14035));
        assert!(!fields(r#"{"error":"timeout"}"#).is_body());
        assert!(!fields(r#"{"error_description":5,"error":null}"#).is_body());
    }

    #[test]
    fn node_inspect_bodies() {
        let f = fields(
            "{ error: 'reach_limit', error_description: 'This request has reached api limit', }",
        );
        assert_eq!(f.error.as_deref(), Some("reach_limit"));
        assert_eq!(
            f.description.as_deref(),
            Some("This request has reached api limit")
        );
        let f = fields(r"{ error: 'x', desc: 'it\'s gone', data: [Object] }");
        assert_eq!(f.description.as_deref(), Some("it's gone"));
    }

    #[test]
    fn cut_and_bad_objects() {
        let cut = r#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_descr"#;
        match read(cut) {
            Object::Cut(f) => {
                assert_eq!(f.error.as_deref(), Some("forbidden_op"));
                assert!(f.description.is_none() && f.easemob_keys);
            }
            other => panic!("{other:?}"),
        }
        for bad in ["{", "{}x", "{a b}", "{\"a\" 1}", "{,}", "{:1}", "{'a':1 2}"] {
            assert!(
                !matches!(read(bad), Object::Whole(_, ref f) if f.is_body()),
                "{bad}"
            );
        }
        assert!(matches!(read("{a b}"), Object::Bad));
        assert!(matches!(read("{\"a\":"), Object::Cut(_)));
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(matches!(read(&format!("{{\"a\":{deep}}}")), Object::Bad));
    }
}
