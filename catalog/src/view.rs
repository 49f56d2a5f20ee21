//! A description folded once, for matching: the folded text as UTF-8 bytes.
//!
//! Folding follows [`crate::fold`] exactly (whitespace dropped, ASCII lowercased, curly quotes
//! straightened); after that, exact descriptions compare with `==`, literal pieces of templates
//! are found with `str::find`, and placeholder values are mapped back to verbatim slices of the
//! original. Building the view is one pass over the text into stack buffers; only a description
//! whose folded form exceeds [`STACK`] bytes (none the docs show comes close) uses the heap.
//! Offsets back into the original are computed only when a template matched.

use crate::fold::fold_char;

/// Folded bytes held on the stack.
pub const STACK: usize = 256;

/// Appends the folded form of `text` to `out`. Returns `false` (leaving partial output) when
/// `out` is full.
fn fold_into(text: &str, out: &mut impl Sink) -> bool {
    for c in text.chars() {
        if let Some(f) = fold_char(c) {
            let mut buf = [0u8; 4];
            for &fb in f.encode_utf8(&mut buf).as_bytes() {
                if !out.push(fb) {
                    return false;
                }
            }
        }
    }
    true
}

trait Sink {
    fn push(&mut self, b: u8) -> bool;
}

struct Fixed<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl Sink for Fixed<'_> {
    #[inline]
    fn push(&mut self, b: u8) -> bool {
        match self.buf.get_mut(self.len) {
            Some(slot) => {
                *slot = b;
                self.len += 1;
                true
            }
            None => false,
        }
    }
}

impl Sink for Vec<u8> {
    fn push(&mut self, b: u8) -> bool {
        Vec::push(self, b);
        true
    }
}

/// The folded form of a (literal) text, as a string: for patterns, built once.
pub fn folded_string(text: &str) -> String {
    let mut out = Vec::new();
    fold_into(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// A folded description, with the original it came from.
#[derive(Debug, Clone, Copy)]
pub struct View<'v, 't> {
    /// The original (trimmed) description.
    pub text: &'t str,
    /// The folded description.
    pub folded: &'v str,
    /// For the ASCII fast path: the offset in `text` of each folded byte (texts there are
    /// shorter than 256 bytes). `None`: [`View::sources`] walks the text instead.
    offsets: Option<&'v [u8]>,
}

impl View<'_, '_> {
    /// Maps folded byte positions (ascending) to the byte offsets in the original text where
    /// the characters they came from start (`text.len()` for positions at the end). One walk
    /// over the text; done only when a template matched, to slice out its values.
    pub fn sources(&self, positions: &mut [usize]) {
        if let Some(offsets) = self.offsets {
            for p in positions.iter_mut() {
                *p = offsets.get(*p).map_or(self.text.len(), |&o| usize::from(o));
            }
            return;
        }
        let bytes = self.text.as_bytes();
        if bytes.is_ascii() {
            let mut folded_at = 0usize;
            let mut next = 0usize;
            for (at, &b) in bytes.iter().enumerate() {
                let keep = usize::from(KEEP[usize::from(b)]);
                while next < positions.len() && positions[next] < folded_at + keep {
                    positions[next] = at;
                    next += 1;
                }
                if next == positions.len() {
                    return;
                }
                folded_at += keep;
            }
            for p in &mut positions[next..] {
                *p = self.text.len();
            }
            return;
        }
        let mut folded_at = 0usize;
        let mut next = 0usize;
        let mut at = 0usize;
        while at < bytes.len() && next < positions.len() {
            let b = bytes[at];
            let (width, folded_width) = if b < 0x80 {
                (1, usize::from(KEEP[usize::from(b)]))
            } else {
                let c = self.text[at..].chars().next().unwrap_or(' ');
                (c.len_utf8(), fold_char(c).map_or(0, char::len_utf8))
            };
            while next < positions.len() && positions[next] < folded_at + folded_width {
                positions[next] = at;
                next += 1;
            }
            folded_at += folded_width;
            at += width;
        }
        for p in &mut positions[next..] {
            *p = self.text.len();
        }
    }
}

/// Per byte: what ASCII folding makes of it (lowercase), and whether it is kept (1) or
/// dropped as whitespace (0). Indexed by `u8`, so lookups need no bounds checks.
const fn ascii_tables() -> ([u8; 256], [u8; 256]) {
    let mut lower = [0u8; 256];
    let mut keep = [1u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        lower[i] = b.to_ascii_lowercase();
        i += 1;
    }
    keep[b' ' as usize] = 0;
    keep[b'\t' as usize] = 0;
    keep[b'\n' as usize] = 0;
    keep[b'\r' as usize] = 0;
    keep[0x0b] = 0;
    keep[0x0c] = 0;
    (lower, keep)
}
const TABLES: ([u8; 256], [u8; 256]) = ascii_tables();
static LOWER: [u8; 256] = TABLES.0;
static KEEP: [u8; 256] = TABLES.1;

/// The fast path: an ASCII text of fewer than [`STACK`] bytes. Every byte is written and the
/// length advances past the kept ones; a `u8` length indexes the 256-byte buffer without
/// bounds checks.
fn fold_ascii(bytes: &[u8], out: &mut [u8; STACK], offsets: &mut [u8; STACK]) -> Option<usize> {
    if bytes.len() >= STACK || !bytes.is_ascii() {
        return None;
    }
    let mut len: u8 = 0;
    for (i, &b) in bytes.iter().enumerate() {
        out[usize::from(len)] = LOWER[usize::from(b)];
        offsets[usize::from(len)] = i as u8;
        len += KEEP[usize::from(b)];
    }
    Some(usize::from(len))
}

/// Builds the view of `text` and hands it to `f`.
pub fn with_view<'t, R>(text: &'t str, f: impl for<'v> FnOnce(View<'v, 't>) -> R) -> R {
    let mut bytes = [0u8; STACK];
    let mut offsets = [0u8; STACK];
    if let Some(n) = fold_ascii(text.as_bytes(), &mut bytes, &mut offsets)
        && let Ok(folded) = core::str::from_utf8(&bytes[..n])
    {
        return f(View {
            text,
            folded,
            offsets: Some(&offsets[..n]),
        });
    }
    let mut out = Fixed {
        buf: &mut bytes,
        len: 0,
    };
    if fold_into(text, &mut out) {
        let n = out.len;
        if let Ok(folded) = core::str::from_utf8(&bytes[..n]) {
            return f(View {
                text,
                folded,
                offsets: None,
            });
        }
    }
    let mut out = Vec::with_capacity(text.len());
    fold_into(text, &mut out);
    let folded = String::from_utf8(out).unwrap_or_default();
    f(View {
        text,
        folded: &folded,
        offsets: None,
    })
}

/// Finds `needle` in `haystack` (both folded): a scan for the first byte, then a compare.
/// Literal pieces are short, so this beats building a two-way searcher per call.
#[inline]
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let (&first, rest) = n.split_first()?;
    let last_start = h.len().checked_sub(n.len())?;
    let mut i = 0;
    while i <= last_start {
        let p = h[i..=last_start].iter().position(|&b| b == first)? + i;
        if &h[p + 1..p + n.len()] == rest {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_agrees_with_fold_char() {
        for b in 0u8..0x80 {
            let c = b as char;
            assert_eq!(
                folded_string(&c.to_string()),
                fold_char(c).map(String::from).unwrap_or_default(),
                "{b}"
            );
        }
    }

    #[test]
    fn sources_point_into_the_original() {
        with_view("Users \u{2018}A\u{2019} x", |v| {
            assert_eq!(v.folded, "users'a'x");
            let mut at = [0, 5, 6, 7, 8, 9];
            v.sources(&mut at);
            assert_eq!(at, [0, 6, 9, 10, 14, v.text.len()]);
        });
        with_view("ab  c d", |v| {
            assert_eq!(v.folded, "abcd");
            let mut at = [0, 1, 2, 3, 4];
            v.sources(&mut at);
            assert_eq!(at, [0, 1, 4, 6, 7]);
        });
        with_view("\u{5f20}\u{4e09} b", |v| {
            let mut at = [3, 6];
            v.sources(&mut at);
            assert_eq!(at, [3, 7]);
        });
    }

    #[test]
    fn find_is_str_find() {
        for (h, n) in [
            ("abcabd", "abd"),
            ("aaa", "aa"),
            ("abc", "d"),
            ("ab", "abc"),
            ("x]y", "]"),
            ("", "a"),
        ] {
            assert_eq!(find(h, n), h.find(n), "{h} {n}");
        }
    }

    #[test]
    fn long_texts_use_the_heap_path() {
        let long = "ab ".repeat(STACK);
        with_view(&long, |v| assert_eq!(v.folded.len(), 2 * STACK));
    }
}
