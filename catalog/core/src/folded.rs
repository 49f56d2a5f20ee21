//! A description folded once, for matching: the folded text as UTF-8 bytes.
//!
//! Folding follows [`crate::fold`] exactly (whitespace dropped, ASCII lowercased, curly quotes
//! straightened); after that, exact descriptions compare with `==`, literal pieces of templates
//! are found with [`crate::search::find`], and placeholder values are mapped back to verbatim slices of the
//! original. Building the view is one pass over the text into a stack buffer, eight ASCII bytes
//! at a time; only a description whose folded form exceeds [`STACK`] bytes (none the docs show
//! comes close) uses the heap. Offsets back into the original are computed only when a template
//! matched.

use crate::fold::fold_char;
use crate::swar;

/// Folded bytes held on the stack.
pub(crate) const STACK: usize = 256;

/// Appends the folded form of `text` to `out`. Returns `false` (leaving partial output) when
/// `out` is full.
fn fold_into(text: &str, out: &mut impl Sink) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // ASCII (most of any description, even one with a full-width colon) through the
        // tables, as the fast path folds it; other characters decoded and folded one by one.
        if b < 0x80 {
            if KEEP[usize::from(b)] == 1 && !out.push(LOWER[usize::from(b)]) {
                return false;
            }
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += c.len_utf8();
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
pub(crate) fn folded_string(text: &str) -> String {
    let mut out = Vec::new();
    fold_into(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// A folded description, with the original it came from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FoldedText<'v, 't> {
    /// The original (trimmed) description.
    pub(crate) text: &'t str,
    /// The folded description (UTF-8).
    pub(crate) folded: &'v [u8],
    /// For an ASCII text folded on the fast path: for each eight-byte word of `text`, the
    /// folded length at its start and which of its bytes were kept (bit `k` for byte `k`), so
    /// [`FoldedText::sources`] finds a position without walking the text.
    words: Option<&'v [(u8, u8)]>,
}

impl FoldedText<'_, '_> {
    /// Maps folded byte positions (ascending) to the byte offsets in the original text where
    /// the characters they came from start (`text.len()` for positions at the end). Done only
    /// when a template matched, to slice out its values: on the ASCII fast path through the
    /// per-word kept-byte masks, otherwise by one walk over the text.
    pub(crate) fn sources(&self, positions: &mut [usize]) {
        let bytes = self.text.as_bytes();
        if let Some(words) = self.words {
            let mut w = 0;
            for p in positions.iter_mut() {
                if *p >= self.folded.len() {
                    *p = self.text.len();
                    continue;
                }
                // The last word starting at or before `p` holds the kept byte numbered `p`. A
                // word of eight bytes folds to at most eight, so it is word `p / 8` or a later
                // one (and word `p / 8` starts at or before `p`): the search starts there.
                w = w.max(*p / 8);
                while words.get(w + 1).is_some_and(|&(s, _)| usize::from(s) <= *p) {
                    w += 1;
                }
                let (start, mut kept) = words[w];
                // Clear the lowest set bit once per kept byte before `p` in this word; the
                // lowest bit left is the byte `p` came from.
                for _ in 0..*p - usize::from(start) {
                    kept &= kept.wrapping_sub(1);
                }
                *p = (8 * w + kept.trailing_zeros() as usize).min(self.text.len());
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

/// The fast path: an ASCII text of fewer than [`STACK`] bytes, folded eight bytes at a time:
/// each word is lowercased, its whitespace bytes are shifted out, and it is written whole (the
/// length advances past the kept bytes only). `None` when the text is not ASCII or too long.
fn fold_ascii(
    bytes: &[u8],
    out: &mut [u8; STACK + 8],
    words_out: &mut [(u8, u8); STACK / 8 + 1],
) -> Option<usize> {
    if bytes.len() >= STACK {
        return None;
    }
    let mut len = 0usize;
    let mut words = bytes.chunks_exact(8);
    for (i, w) in (&mut words).enumerate() {
        let v = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        if v & swar::HIGH != 0 {
            return None;
        }
        let mut folded = swar::lowercase(v);
        let mut dropped = swar::whitespace(v);
        // Gathers the high bit of each byte into one bit per byte.
        let kept_bits =
            ((((!dropped & swar::HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56) as u8;
        // Below STACK, so it fits a byte.
        words_out[i] = (len as u8, kept_bits);
        let mut kept = 8;
        // Take out each whitespace byte, highest first (so lower ones keep their place): the
        // bytes above it move down one.
        while dropped != 0 {
            // The highest marked byte, and a mask of the bytes below it.
            let k = (63 - dropped.leading_zeros()) / 8;
            let below = (1u64 << (8 * k)) - 1;
            folded = (folded & below) | ((folded >> 8) & !below);
            dropped &= below;
            kept -= 1;
        }
        // `len` never passes the text's length, so eight bytes from it fit.
        out.get_mut(len..len + 8)?
            .copy_from_slice(&folded.to_le_bytes());
        len += kept;
    }
    let start = len as u8;
    let mut kept_bits = 0u8;
    for (k, &b) in words.remainder().iter().enumerate() {
        if b >= 0x80 {
            return None;
        }
        *out.get_mut(len)? = LOWER[usize::from(b)];
        len += usize::from(KEEP[usize::from(b)]);
        kept_bits |= KEEP[usize::from(b)] << k;
    }
    words_out[bytes.len() / 8] = (start, kept_bits);
    Some(len)
}

/// Builds the view of `text` and hands it to `f`.
pub(crate) fn with_folded<'t, R>(
    text: &'t str,
    f: impl for<'v> FnOnce(FoldedText<'v, 't>) -> R,
) -> R {
    let mut bytes = [0u8; STACK + 8];
    let mut words = [(0u8, 0u8); STACK / 8 + 1];
    if let Some(n) = fold_ascii(text.as_bytes(), &mut bytes, &mut words) {
        return f(FoldedText {
            text,
            folded: &bytes[..n],
            words: Some(&words[..=text.len() / 8]),
        });
    }
    let mut out = Fixed {
        buf: &mut bytes[..STACK],
        len: 0,
    };
    if fold_into(text, &mut out) {
        let n = out.len;
        return f(FoldedText {
            text,
            folded: &bytes[..n],
            words: None,
        });
    }
    let mut out = Vec::with_capacity(text.len());
    fold_into(text, &mut out);
    f(FoldedText {
        text,
        folded: &out,
        words: None,
    })
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
        with_folded("Users \u{2018}A\u{2019} x", |v| {
            assert_eq!(v.folded, b"users'a'x");
            let mut at = [0, 5, 6, 7, 8, 9];
            v.sources(&mut at);
            assert_eq!(at, [0, 6, 9, 10, 14, v.text.len()]);
        });
        with_folded("ab  c d", |v| {
            assert_eq!(v.folded, b"abcd");
            let mut at = [0, 1, 2, 3, 4];
            v.sources(&mut at);
            assert_eq!(at, [0, 1, 4, 6, 7]);
        });
        with_folded("\u{5f20}\u{4e09} b", |v| {
            let mut at = [3, 6];
            v.sources(&mut at);
            assert_eq!(at, [3, 7]);
        });
    }

    /// The folded form of `text` the slow way: one character at a time.
    fn folded_by_chars(text: &str) -> Vec<u8> {
        text.chars()
            .filter_map(fold_char)
            .collect::<String>()
            .into_bytes()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The word-at-a-time fold gives what folding each character gives, for any ASCII
        /// (every control character, capitals, whitespace runs at word edges) and any length.
        #[test]
        fn word_fold_agrees_with_char_fold(text in "[\\x00-\\x7f]{0,300}") {
            let folded = with_folded(&text, |v| v.folded.to_vec());
            proptest::prop_assert_eq!(folded, folded_by_chars(&text));
        }

        /// And on text mixing ASCII with other characters (the slow path, or the fast path up
        /// to the first of them).
        #[test]
        fn fold_agrees_on_mixed_text(text in "[ a-zA-Z\\t\\n：，Ａ’中é]{0,40}") {
            let folded = with_folded(&text, |v| v.folded.to_vec());
            proptest::prop_assert_eq!(folded, folded_by_chars(&text));
        }

        /// Positions map back to the same offsets on the fast path as on the character walk.
        #[test]
        fn sources_agree_on_both_paths(text in "[ a-zA-Z\\t\\n.]{0,120}", picks in proptest::collection::vec(0usize..130, 0..6)) {
            let (fast, slow) = with_folded(&text, |v| {
                let mut positions: Vec<usize> = picks.iter().map(|&p| p.min(v.folded.len())).collect();
                positions.sort_unstable();
                let mut fast = positions.clone();
                v.sources(&mut fast);
                let slow_text = FoldedText { words: None, ..v };
                slow_text.sources(&mut positions);
                (fast, positions)
            });
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn long_texts_use_the_heap_path() {
        let long = "ab ".repeat(STACK);
        with_folded(&long, |v| assert_eq!(v.folded.len(), 2 * STACK));
    }
}
