//! How descriptions are compared: the tolerance rules, in one place.
//!
//! The server's wording drifts between versions and the docs print it differently from what is
//! sent: curly quotes instead of ASCII ones, a trailing newline or period, a capital first
//! letter, a double space or a missing space after a comma. Two texts are treated as equal
//! when they are equal after *folding*:
//!
//! - whitespace (spaces, tabs, newlines) is ignored wherever it occurs;
//! - ASCII letters compare without case;
//! - curly quotes compare equal to ASCII quotes, and full-width forms (`：`, `，`, `！`,
//!   `Ａ`) to their ASCII characters (Chinese pages print `reason：user`);
//! - trailing punctuation (`.`, `!`, `,` and their full-width forms, `。`) and surrounding
//!   whitespace are ignored.
//!
//! Folding never allocates: [`folded_chars`] is an iterator over the original text that also yields
//! each character's byte offset. The matcher's fast form of the same rules is
//! the crate-private `folded` module.

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
        // Full-width ASCII variants (U+FF01..=U+FF5E) sit 0xFEE0 above their ASCII forms.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)
            .unwrap_or(c)
            .to_ascii_lowercase(),
        c => c.to_ascii_lowercase(),
    })
}

/// Whether `c` is dropped from the end of a text before comparing.
#[inline]
fn is_trailing_noise(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '!' | ',' | '。' | '！' | '．' | '，')
}

/// Trims what folding ignores at both ends: whitespace at the start; whitespace and trailing
/// sentence punctuation at the end.
///
/// ```
/// use easemob_errors_core::fold::trim;
/// assert_eq!(trim("  Service resource not found.\n"), "Service resource not found");
/// ```
pub fn trim(text: &str) -> &str {
    // ASCII ends (nearly every description) without decoding characters.
    let b = text.as_bytes();
    let mut start = 0;
    while start < b.len() && matches!(b[start], b' ' | b'\t' | b'\n' | b'\r') {
        start += 1;
    }
    let mut end = b.len();
    while end > start
        && matches!(
            b[end - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'.' | b'!' | b','
        )
    {
        end -= 1;
    }
    // Visible ASCII at both ends of what is left (the loops stopped at bytes they do not drop,
    // and no other visible ASCII byte is whitespace or trailing noise): nothing more to trim.
    let visible = |c: u8| c > b' ' && c.is_ascii();
    if end > start && visible(b[start]) && visible(b[end - 1]) {
        // Both ends are next to ASCII bytes, so they are character boundaries.
        return text.get(start..end).unwrap_or(text);
    }
    text.trim_start().trim_end_matches(is_trailing_noise)
}

/// The folded characters of `text` (not trimmed), each with its byte offset in `text`.
pub fn folded_chars(text: &str) -> FoldedChars<'_> {
    FoldedChars {
        text,
        front: 0,
        back: text.len(),
    }
}

/// Iterator over folded characters with their byte offsets; see [`folded_chars`].
///
/// ASCII bytes (nearly every Easemob description) are folded without UTF-8 decoding; other
/// characters are decoded first. Both go through [`fold_char`].
#[derive(Debug, Clone)]
pub struct FoldedChars<'a> {
    text: &'a str,
    front: usize,
    back: usize,
}

impl Iterator for FoldedChars<'_> {
    type Item = (usize, char);

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while self.front < self.back {
            let at = self.front;
            let b = bytes[at];
            if b < 0x80 {
                self.front += 1;
                if let Some(c) = fold_char(char::from(b)) {
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

impl DoubleEndedIterator for FoldedChars<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while self.back > self.front {
            let b = bytes[self.back - 1];
            if b < 0x80 {
                self.back -= 1;
                if let Some(c) = fold_char(char::from(b)) {
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
/// use easemob_errors_core::fold::cmp;
/// use core::cmp::Ordering;
/// assert_eq!(cmp("users [a] are not members!", "Users [a]  are not members"), Ordering::Equal);
/// ```
pub fn cmp(a: &str, b: &str) -> Ordering {
    folded_chars(trim(a))
        .map(|(_, c)| c)
        .cmp(folded_chars(trim(b)).map(|(_, c)| c))
}

/// Whether two texts are equal after trimming and folding.
pub fn eq(a: &str, b: &str) -> bool {
    cmp(a, b) == Ordering::Equal
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_agrees_with_its_definition() {
        fn reference(t: &str) -> &str {
            t.trim_start().trim_end_matches(is_trailing_noise)
        }
        for t in [
            "",
            " ",
            "a",
            " a. ",
            "\u{b}a\u{c}",
            "a\u{3000}",
            "。a。",
            "a!,.\n",
            "\u{c}.",
            "é.",
            ".é",
            "  Service resource not found.\n",
            "a\u{b}.",
            "\u{3000} x",
            "x！",
            "x，",
            "x\u{85}",
        ] {
            assert_eq!(trim(t), reference(t), "{t:?}");
        }
    }

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
    fn folded_iterates_both_ways_with_offsets() {
        let f: Vec<(usize, char)> = folded_chars("A b\u{2019}").collect();
        assert_eq!(f, [(0, 'a'), (2, 'b'), (3, '\'')]);
        let r: Vec<(usize, char)> = folded_chars("A b\u{2019}").rev().collect();
        assert_eq!(r, [(3, '\''), (2, 'b'), (0, 'a')]);
    }
}
