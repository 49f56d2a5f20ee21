//! Reading the fields that matter out of a response body, whatever the body is.
//!
//! Easemob answers errors with a JSON object (`error`, `error_description`, sometimes `desc`
//! or a numeric `error_code`, plus `exception`, `timestamp`, `duration`); gateways answer with
//! HTML, an empty body or anything else. This reader takes the string fields it recognises,
//! ignores fields of other types, survives a parse error part-way (keeping what it read
//! before it) and never panics. serde_json's nesting limit bounds the recursion.
//!
//! Nearly every real body is a flat object of plain strings and numbers. Those are read by a
//! single forward scan that borrows the kept strings ([`read_flat`]); anything else — an escape
//! in a string, a nested value, a syntax error, a body that is not an object — goes to the
//! serde_json reader, which decides. The scan gives up rather than guess, so both readers agree
//! on every body the scan accepts (a property test checks this). The scan recognises the keys
//! Easemob sends by comparing a few words, without looking for their closing quote, and finds
//! the end of any other string sixteen bytes at a time: under callgrind this took reading a
//! body from about 1,400 instructions to about 940 (the `error` removed corpus).

use easemob_errors_core::swar;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The recognised fields of a body, borrowed from it where possible.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct BodyFields<'a> {
    pub error: Option<Cow<'a, str>>,
    pub error_description: Option<Cow<'a, str>>,
    pub desc: Option<Cow<'a, str>>,
    pub error_code: Option<i64>,
    /// Whether the body was a JSON object (even if it broke off later).
    pub object: bool,
}

impl<'a> BodyFields<'a> {
    /// The description: `error_description`, else `desc`.
    pub fn description(&self) -> Option<&str> {
        self.error_description.as_deref().or(self.desc.as_deref())
    }
}

/// Reads a body. Never fails: what cannot be read is simply absent.
pub(crate) fn read(body: &[u8]) -> BodyFields<'_> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    read_flat(body).unwrap_or_else(|| read_serde(body))
}

/// A body that is neither JSON nor markup, read as the description itself (some servers and
/// proxies answer with the bare text): trimmed, at most `cap` characters. `None` for JSON
/// values, HTML/XML, empty bodies and bytes that are not UTF-8.
pub(crate) fn bare_text(body: &[u8], cap: usize) -> Option<&str> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = std::str::from_utf8(body).ok()?.trim();
    let first = text.chars().next()?;
    if matches!(first, '<' | '{' | '[') || serde_json::from_str::<IgnoredAny>(text).is_ok() {
        return None;
    }
    let end = text.char_indices().nth(cap).map_or(text.len(), |(i, _)| i);
    Some(text[..end].trim_end())
}

/// The serde_json reader: any body.
fn read_serde(body: &[u8]) -> BodyFields<'_> {
    let mut fields = BodyFields::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    // Errors are deliberately dropped: the fields read before the error are kept, and trailing
    // bytes after the object are not our concern.
    let _ = BodySeed(&mut fields).deserialize(&mut de);
    fields
}

/// JSON whitespace. Bodies rarely hold any between tokens, so a byte above the space is
/// answered first, with one comparison.
#[inline]
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    if b.get(i).is_some_and(|&c| c > b' ') {
        return i;
    }
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// Marks (as [`swar::zero_marks`] does: exact for the lowest) the bytes of a word that end
/// a plain JSON string: `"`, `\\` and control characters.
#[inline]
fn stops(v: u64) -> u64 {
    // Xor with 2 turns `"` (0x22) into 0x20 and keeps every control character below 0x20, so
    // those are exactly the lanes below 0x21. Subtracting 0x21 from such a lane borrows into
    // its high bit; `& !x` drops lanes whose high bit was set already.
    let x = v ^ swar::splat(0x02);
    (x.wrapping_sub(swar::splat(0x21)) & !x & swar::HIGH) | swar::zero_marks(v ^ swar::splat(b'\\'))
}

/// The index of the first `"`, `\\` or control character in `b`, sixteen bytes at a time
/// (two words of `easemob_errors_core::swar`; faster than `memchr` on strings this short).
fn string_end(b: &[u8]) -> Option<usize> {
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().unwrap_or([b'a'; 8]));
    // The first stop in the sixteen bytes `w`, which start at `at`.
    let first = |w: &[u8], at: usize| {
        let (m0, m1) = (stops(word(&w[..8])), stops(word(&w[8..])));
        match (m0, m1) {
            (0, 0) => None,
            (0, m) => Some(at + 8 + (m.trailing_zeros() / 8) as usize),
            (m, _) => Some(at + (m.trailing_zeros() / 8) as usize),
        }
    };
    let mut chunks = b.chunks_exact(16);
    for (n, w) in (&mut chunks).enumerate() {
        if let Some(found) = first(w, 16 * n) {
            return Some(found);
        }
    }
    if chunks.remainder().is_empty() {
        return None;
    }
    // The last bytes: the final sixteen of `b`, overlapping bytes already scanned (which hold
    // no stop), or, for a shorter `b`, its bytes padded with a byte that stops nothing.
    if let Some(at) = b.len().checked_sub(16) {
        return first(&b[at..], at);
    }
    let mut tail = [b'a'; 16];
    tail[..b.len()].copy_from_slice(b);
    first(&tail, 0).filter(|&k| k < b.len())
}

/// A string starting at `s[i] == '"'` with no escapes or control characters: its contents
/// and the index after the closing quote. `None` for anything else.
fn plain_string(s: &str, i: usize) -> Option<(&str, usize)> {
    let start = i + 1;
    let end = start + string_end(s.as_bytes().get(start..)?)?;
    if s.as_bytes()[end] != b'"' {
        return None;
    }
    // Both ends are at ASCII quotes, so the slice is on character boundaries.
    Some((s.get(start..end)?, end + 1))
}

/// What a key says about its value: which field it fills, if any.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Error,
    Description,
    Desc,
    ErrorCode,
    Other,
}

/// The key starting at `s[i] == '"'` and the index after its closing quote; `None` when it is
/// not a plain string.
///
/// The keys Easemob sends are recognised by comparing the bytes after the opening quote with
/// the name and its closing quote (a few word compares), without scanning for the quote. Any
/// other key is scanned as a string and fills no field: a plain key equal to a field's name
/// always matches one of the comparisons, so no name is compared again.
#[inline]
fn key(s: &str, i: usize) -> Option<(Key, usize)> {
    let rest = s.as_bytes().get(i + 1..)?;
    let known: Option<(Key, usize)> = match rest.first() {
        Some(b'e') if rest.starts_with(b"error\"") => Some((Key::Error, 6)),
        Some(b'e') if rest.starts_with(b"exception\"") => Some((Key::Other, 10)),
        Some(b'e') if rest.starts_with(b"error_description\"") => Some((Key::Description, 18)),
        Some(b'e') if rest.starts_with(b"error_code\"") => Some((Key::ErrorCode, 11)),
        Some(b't') if rest.starts_with(b"timestamp\"") => Some((Key::Other, 10)),
        Some(b'd') if rest.starts_with(b"duration\"") => Some((Key::Other, 9)),
        Some(b'd') if rest.starts_with(b"desc\"") => Some((Key::Desc, 5)),
        _ => None,
    };
    match known {
        Some((key, len)) => Some((key, i + 1 + len)),
        None => Some((Key::Other, plain_string(s, i)?.1)),
    }
}

/// The index of the first byte at or after `i` that is not an ASCII digit, eight bytes at a
/// time (timestamps have thirteen digits).
fn digits_end(b: &[u8], mut i: usize) -> usize {
    const LOW: u64 = 0x0606_0606_0606_0606;
    const TOP: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    while let Some(word) = b.get(i..i + 8) {
        let v = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        // Zero exactly in the digit bytes: the top nibble is 3, and stays 3 after adding 6.
        // A carry out of a byte only comes from a byte that is not a digit, so the lowest
        // non-zero byte is the first non-digit.
        let other = ((v & TOP) ^ ZEROS) | ((v.wrapping_add(LOW) & TOP) ^ ZEROS);
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// A number starting at `b[i]` in strict JSON syntax: the index after it, and whether it is
/// an integer (no fraction or exponent).
fn number(b: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let digits = |b: &[u8], i: usize| {
        let end = digits_end(b, i);
        (end > i).then_some(end)
    };
    let negative = b.get(i) == Some(&b'-');
    if negative {
        i += 1;
    }
    // serde_json reads `-0` as the float -0.0, not an integer: so must this reader.
    let negative_zero = negative && b.get(i) == Some(&b'0');
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(b, i)?,
        _ => return None,
    }
    let integer = i;
    if b.get(i) == Some(&b'.') {
        i = digits(b, i + 1)?;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        i = digits(b, i)?;
    }
    Some((i, integer == i && !negative_zero))
}

/// The single-scan reader for a flat object of plain strings, numbers, `true`, `false` and
/// `null` in a body that is UTF-8 throughout; `None` for any other body (the serde_json reader
/// takes it).
fn read_flat(body: &[u8]) -> Option<BodyFields<'_>> {
    let s = core::str::from_utf8(body).ok()?;
    let b = s.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut fields = BodyFields {
        object: true,
        ..BodyFields::default()
    };
    i = skip_ws(b, i + 1);
    if b.get(i) == Some(&b'}') {
        return Some(fields);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let (key, after) = key(s, i)?;
        i = skip_ws(b, after);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        match *b.get(i)? {
            b'"' => {
                let (value, after) = plain_string(s, i)?;
                let slot = match key {
                    Key::Error => Some(&mut fields.error),
                    Key::Description => Some(&mut fields.error_description),
                    Key::Desc => Some(&mut fields.desc),
                    Key::ErrorCode | Key::Other => None,
                };
                if let Some(slot) = slot {
                    *slot = Some(Cow::Borrowed(value));
                }
                i = after;
            }
            b'-' | b'0'..=b'9' => {
                let (after, integer) = number(b, i)?;
                if key == Key::ErrorCode
                    && integer
                    && let Some(v) = s.get(i..after).and_then(|t| t.parse::<i64>().ok())
                {
                    fields.error_code = Some(v);
                }
                i = after;
            }
            b't' if b[i..].starts_with(b"true") => i += 4,
            b'f' if b[i..].starts_with(b"false") => i += 5,
            b'n' if b[i..].starts_with(b"null") => i += 4,
            _ => return None,
        }
        i = skip_ws(b, i);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b'}') => return Some(fields),
            _ => return None,
        }
    }
}

struct BodySeed<'f, 'a>(&'f mut BodyFields<'a>);

impl<'de, 'f> DeserializeSeed<'de> for BodySeed<'f, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'f> Visitor<'de> for BodySeed<'f, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Easemob error object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.object = true;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match key.0.as_deref() {
                Some("error") => {
                    if let Some(v) = map.next_value::<Text<'de>>()?.0 {
                        self.0.error = Some(v);
                    }
                }
                Some("error_description") => {
                    if let Some(v) = map.next_value::<Text<'de>>()?.0 {
                        self.0.error_description = Some(v);
                    }
                }
                Some("desc") => {
                    if let Some(v) = map.next_value::<Text<'de>>()?.0 {
                        self.0.desc = Some(v);
                    }
                }
                Some("error_code") => {
                    if let Some(v) = map.next_value::<Number>()?.0 {
                        self.0.error_code = Some(v);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
    // Anything that is not an object carries none of the fields.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// A string if the value is one; any other JSON value is skipped.
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(v))))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Text<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// An integer if the value is one that fits `i64`; any other JSON value is skipped.
struct Number(Option<i64>);

impl<'de> de::Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(i64::try_from(v).ok()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Number, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Number(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Number, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Number(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_real_body() {
        let f = read(br#"{"error":"forbidden_op","exception":"x","timestamp":1,"duration":0,"error_description":"users [u1] are not members of this group!"}"#);
        assert_eq!(f.error.as_deref(), Some("forbidden_op"));
        assert_eq!(
            f.description(),
            Some("users [u1] are not members of this group!")
        );
        assert!(matches!(f.error, Some(Cow::Borrowed(_))));
    }

    #[test]
    fn negative_zero_is_no_error_code_as_for_serde_json() {
        // proptest found it: serde_json reads `-0` as the float -0.0.
        let body = br#"{"error_code":-0,"z":0}"#;
        assert_eq!(read_flat(body).map(|f| f.error_code), Some(None));
        assert_eq!(read_serde(body).error_code, None);
        assert_eq!(read(br#"{"error_code":0}"#).error_code, Some(0));
    }

    #[test]
    fn unescapes_and_reads_desc_and_error_code() {
        let f = read(br#"{"error_code":14035,"desc":"a\nb","error":"message_send_error"}"#);
        assert_eq!(f.description(), Some("a\nb"));
        assert_eq!(f.error_code, Some(14035));
    }

    #[test]
    fn bare_text_is_what_is_neither_json_nor_markup() {
        assert_eq!(
            bare_text(b"  Service resource not found\n", 512),
            Some("Service resource not found")
        );
        assert_eq!(
            bare_text("\u{feff}用户不存在".as_bytes(), 512),
            Some("用户不存在")
        );
        assert_eq!(bare_text(b"abcdef", 3), Some("abc"));
        for not_text in [
            &b"<html>502</html>"[..],
            b"{\"error\":1",
            b"[1]",
            b"\"quoted\"",
            b"42",
            b"true",
            b"",
            b"  ",
            b"\xff\xfe",
        ] {
            assert_eq!(
                bare_text(not_text, 512),
                None,
                "{:?}",
                String::from_utf8_lossy(not_text)
            );
        }
    }

    #[test]
    fn keeps_what_it_read_before_a_parse_error() {
        let f = read(br#"{"error":"e","error_description":"d","exception":[[[[["#);
        assert_eq!(
            (f.error.as_deref(), f.description()),
            (Some("e"), Some("d"))
        );
    }

    #[test]
    fn wrong_types_are_skipped_not_fatal() {
        let f =
            read(br#"{"error":5,"error_description":{"a":[1]},"error_code":"x","desc":"kept"}"#);
        assert_eq!((f.error.as_deref(), f.description()), (None, Some("kept")));
    }

    #[test]
    fn the_flat_scan_takes_real_bodies_and_leaves_the_rest_to_serde() {
        let real = br#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"users [u1] are not members of this group!"}"#;
        let f = read_flat(real).expect("a real body is flat");
        assert_eq!(f, read_serde(real));
        let streaming =
            br#"{ "error" : "message_send_error", "error_code": 14035, "ok": true, "x": null,
            "duration": 1.5e3, "error_description": "stream message has already finished" }"#;
        assert_eq!(
            read_flat(streaming).map(|f| f.error_code),
            Some(Some(14035))
        );
        assert_eq!(read_flat(streaming), Some(read_serde(streaming)));
        for other in [
            &br#"{"error_description":"a
b"}"#[..],
            br#"{"error":"e","exception":{"a":1}}"#,
            br#"{"error":"e","n":01}"#,
            br#"{"error":"e","n":1.}"#,
            br#"{"error":"e" "x":1}"#,
            b"[1]",
            b"<html>",
            b"{\"error\":\"\xff\"}",
            b"{\"error\":\"tab\there\"}",
        ] {
            assert_eq!(read_flat(other), None, "{}", String::from_utf8_lossy(other));
        }
        assert_eq!(read_flat(b"{}"), Some(read_serde(b"{}")));
        assert_eq!(
            read_flat(br#"{"error_code":-7,"error_code":99999999999999999999}"#)
                .map(|f| f.error_code),
            Some(Some(-7)),
            "a later value that does not fit keeps the earlier one, as serde does"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whenever the scan accepts a body, it reads what serde_json reads.
        #[test]
        fn flat_scan_agrees_with_serde_json(body in proptest::string::string_regex(
            r#"[ ]?\{[ ]?("(error|error_description|desc|error_code|exception|x)"[ ]?:[ ]?("[a-z \[\]!:]{0,12}"|-?[0-9]{1,20}(\.[0-9]{1,2})?([eE][-+]?[0-9]{1,2})?|true|false|null|01|"\\n")[ ]?,[ ]?){0,6}"z":0\}[ ]?.{0,2}"#
        ).unwrap()) {
            let bytes = body.as_bytes();
            if let Some(fast) = read_flat(bytes) {
                proptest::prop_assert_eq!(fast, read_serde(bytes));
            }
        }

        /// And on arbitrary bytes.
        #[test]
        fn flat_scan_agrees_on_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            if let Some(fast) = read_flat(&bytes) {
                proptest::prop_assert_eq!(fast, read_serde(&bytes));
            }
        }
    }

    /// The first byte that ends a plain string, one byte at a time.
    fn string_end_bytewise(b: &[u8]) -> Option<usize> {
        b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The sixteen-bytes-at-a-time scan finds what a byte loop finds: at every length
        /// (whole chunks, the overlapping last sixteen, a short padded tail), after bytes that
        /// are not ASCII, and with several stops in one word (only the first counts).
        #[test]
        fn string_end_is_the_first_stop(b in proptest::collection::vec(
            proptest::prop_oneof![
                6 => proptest::strategy::Strategy::prop_map(proptest::prelude::any::<u8>(), |c| c | 0x20),
                1 => proptest::sample::select(vec![b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff]),
            ],
            0..70,
        )) {
            proptest::prop_assert_eq!(string_end(&b), string_end_bytewise(&b));
        }
    }

    #[test]
    fn known_keys_are_read_without_scanning_and_others_with() {
        let body = br#"{"errorx":"a","error":"e","error_codes":"b","desc":"d","descr":"x","error_code":7}"#;
        let f = read_flat(body).expect("flat");
        assert_eq!(f, read_serde(body));
        assert_eq!(
            (f.error.as_deref(), f.desc.as_deref(), f.error_code),
            (Some("e"), Some("d"), Some(7))
        );
    }

    #[test]
    fn ignored_strings_that_are_not_utf8_are_left_to_serde() {
        let body = b"{\"exception\":\"\xff\",\"error\":\"e\"}";
        assert_eq!(read_flat(body), None);
        // Whatever serde_json makes of it is the answer.
        let _ = read(body);
    }

    #[test]
    fn digit_runs_end_at_the_first_other_byte() {
        for text in [
            "",
            "1",
            "1644402553845",
            "12345678x",
            "1234567/",
            "123456789:",
            "0a",
            "\u{ff}9",
        ] {
            for from in 0..=text.len() {
                let slow = from
                    + text.as_bytes()[from..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                assert_eq!(
                    digits_end(text.as_bytes(), from),
                    slow,
                    "{text:?} from {from}"
                );
            }
        }
        for b in 0..=255u8 {
            let word = [b'1', b'2', b, b'4', b'5', b'6', b'7', b'8', b'9'];
            let expect = if b.is_ascii_digit() { 9 } else { 2 };
            assert_eq!(digits_end(&word, 0), expect, "{b}");
        }
    }

    #[test]
    fn non_objects_carry_nothing() {
        for body in [
            &b""[..],
            b"<html>502</html>",
            b"[1,2]",
            b"\"text\"",
            b"null",
            b"\xff\xfe",
            b"\xEF\xBB\xBF",
        ] {
            let f = read(body);
            assert_eq!(f, BodyFields::default(), "{body:?}");
        }
        assert!(read(b"\xEF\xBB\xBF{\"error\":\"e\"}").error.is_some());
    }
}
