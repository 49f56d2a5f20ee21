//! How descriptions are compared: the tolerance rules, in one place.
//!
//! The server's wording drifts between versions and the docs print it differently from what is
//! sent: curly quotes instead of ASCII ones, a trailing newline or period, a capital first
//! letter, a double space or a missing space after a comma. Two texts are treated as equal
//! when they are equal after *folding*:
//!
//! - whitespace (spaces, tabs, newlines) is ignored wherever it occurs;
//! - ASCII letters compare without case;
//! - curly quotes compare equal to ASCII quotes;
//! - trailing sentence punctuation (`.`, `!`, `。`) and surrounding whitespace are ignored.
//!
//! Folding never allocates: it is an iterator over the original text that also yields each
//! character's byte offset, so a match can hand back verbatim slices of what the server sent.

use core::cmp::Ordering;

/// Folds one character: `None` for characters that are ignored (whitespace).
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{2033}' => '"',
        c => c.to_ascii_lowercase(),
    })
}

/// Whether `c` is dropped from the end of a text before comparing.
#[inline]
fn is_trailing_noise(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '!' | '。')
}

/// Trims what folding ignores at both ends: whitespace at the start; whitespace and trailing
/// sentence punctuation at the end.
///
/// ```
/// use easemob_errors_catalog::fold::trim;
/// assert_eq!(trim("  Service resource not found.\n"), "Service resource not found");
/// ```
pub fn trim(text: &str) -> &str {
    text.trim_start().trim_end_matches(is_trailing_noise)
}

/// The folded characters of `text` (not trimmed), each with its byte offset in `text`.
pub fn folded(text: &str) -> Folded<'_> {
    Folded {
        text,
        front: 0,
        back: text.len(),
    }
}

/// Iterator over folded characters with their byte offsets; see [`folded`].
///
/// ASCII (nearly every Easemob description) takes a byte-at-a-time fast path; other characters
/// are decoded and folded with [`fold_char`].
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    text: &'a str,
    front: usize,
    back: usize,
}

#[inline]
fn ascii_fold(b: u8) -> Option<char> {
    match b {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => None,
        b => Some(b.to_ascii_lowercase() as char),
    }
}

impl Iterator for Folded<'_> {
    type Item = (usize, char);

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while self.front < self.back {
            let at = self.front;
            let b = bytes[at];
            if b < 0x80 {
                self.front += 1;
                if let Some(c) = ascii_fold(b) {
                    return Some((at, c));
                }
            } else {
                let c = self.text[at..].chars().next()?;
                self.front += c.len_utf8();
                if let Some(f) = fold_char(c) {
                    return Some((at, f));
                }
            }
        }
        None
    }
}

impl DoubleEndedIterator for Folded<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while self.back > self.front {
            let b = bytes[self.back - 1];
            if b < 0x80 {
                self.back -= 1;
                if let Some(c) = ascii_fold(b) {
                    return Some((self.back, c));
                }
            } else {
                let c = self.text[self.front..self.back].chars().next_back()?;
                self.back -= c.len_utf8();
                if let Some(f) = fold_char(c) {
                    return Some((self.back, f));
                }
            }
        }
        None
    }
}

/// Compares two texts by their trimmed, folded characters.
///
/// ```
/// use easemob_errors_catalog::fold::cmp;
/// use core::cmp::Ordering;
/// assert_eq!(cmp("users [a] are not members!", "Users [a]  are not members"), Ordering::Equal);
/// ```
pub fn cmp(a: &str, b: &str) -> Ordering {
    folded(trim(a))
        .map(|(_, c)| c)
        .cmp(folded(trim(b)).map(|(_, c)| c))
}

/// Whether two texts are equal after trimming and folding.
pub fn eq(a: &str, b: &str) -> bool {
    cmp(a, b) == Ordering::Equal
}

/// The folded form of a text as an owned string: for keys and messages built once, never on
/// the classification path.
pub fn to_folded_string(text: &str) -> String {
    folded(trim(text)).map(|(_, c)| c).collect()
}

/// If `text[from..]` starts with the folded characters `lit` (ignoring whitespace in `text`),
/// returns the byte offset just past the last matched character.
#[inline]
pub fn match_at(text: &str, from: usize, lit: &[char]) -> Option<usize> {
    let mut end = from;
    let mut chars = folded(&text[from..]);
    for &want in lit {
        let (at, got) = chars.next()?;
        if got != want {
            return None;
        }
        end = from + at + got_len(text, from + at);
    }
    Some(end)
}

/// If `text` ends with the folded characters `lit`, returns the byte offset where the match
/// starts (at its first non-whitespace character).
#[inline]
pub fn match_suffix(text: &str, lit: &[char]) -> Option<usize> {
    let mut start = text.len();
    let mut chars = folded(text).rev();
    for &want in lit.iter().rev() {
        let (at, got) = chars.next()?;
        if got != want {
            return None;
        }
        start = at;
    }
    Some(start)
}

/// Finds the leftmost position at or after `from` where `lit` matches; returns the match's
/// (start, end) byte offsets. `lit` must not be empty.
#[inline]
pub fn find(text: &str, from: usize, lit: &[char]) -> Option<(usize, usize)> {
    let first = *lit.first()?;
    for (at, c) in folded(&text[from..]) {
        if c == first {
            let start = from + at;
            if let Some(end) = match_at(text, start, lit) {
                return Some((start, end));
            }
        }
    }
    None
}

/// The UTF-8 length of the character that starts at `at`.
#[inline]
fn got_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_after_folding() {
        assert!(eq(
            "Service resource not found",
            "service resource not found.\n"
        ));
        assert!(eq("a,b", "a, b"));
        assert!(eq(
            "\u{201C}client_id does not match\u{201D}",
            "\"client_id does not match\""
        ));
        assert!(!eq("user a", "user b"));
    }

    #[test]
    fn match_at_skips_whitespace_and_reports_end() {
        let lit: Vec<char> = "ab".chars().collect();
        assert_eq!(match_at("a bc", 0, &lit), Some(3));
        assert_eq!(match_at("xab", 0, &lit), None);
        assert_eq!(match_at("a", 0, &lit), None);
    }

    #[test]
    fn suffix_and_find() {
        let lit: Vec<char> = "exists".chars().collect();
        assert_eq!(match_suffix("value of x exists", &lit), Some(11));
        assert_eq!(match_suffix("exist", &lit), None);
        let lit: Vec<char> = "]".chars().collect();
        assert_eq!(find("users [a] are", 0, &lit), Some((8, 9)));
        assert_eq!(find("用户 ]", 0, &lit), Some((7, 8)));
    }
}
