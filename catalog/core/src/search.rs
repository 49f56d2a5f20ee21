//! Finding a folded literal inside a folded description: from its rarest byte, eight bytes
//! at a time. Literal pieces of templates are short, so this beats building a two-way
//! searcher per call (`memchr::memmem` is not used: the core has no dependencies).

use crate::swar;

/// How common a byte is in folded descriptions (lower: rarer). Searching for a literal starts
/// from its rarest byte, so a literal like `at[source:` is not tried at every `a`.
fn commonness(b: u8) -> u8 {
    match b {
        b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' | b'h' | b'l' => 3,
        b'a'..=b'z' => 2,
        b'0'..=b'9' => 1,
        _ => 0,
    }
}

/// The index of the byte [`find`] should look for first in `needle`: the rarest, the last of
/// equals (so a failed candidate skips furthest).
pub(crate) fn rarest(needle: &[u8]) -> usize {
    needle
        .iter()
        .enumerate()
        .rev()
        .min_by_key(|&(_, &b)| commonness(b))
        .map_or(0, |(i, _)| i)
}

/// The first index of `b` in `h`, eight bytes at a time.
#[inline]
fn find_byte(h: &[u8], b: u8) -> Option<usize> {
    let mut words = h.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let m = swar::eq(u64::from_le_bytes(w.try_into().unwrap_or([0; 8])), b);
        if m != 0 {
            // The lowest marked lane is the first match (little-endian: byte k is bits 8k..).
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&c| c == b)
        .map(|p| at + p)
}

/// Whether two byte strings are equal, compared eight bytes at a time in place: the literals
/// and descriptions compared here are short, and a call to the C library's `memcmp` cost
/// more than the comparison (it was 40% of the description-alone search in a profile).
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
    // Every whole word, then the last eight bytes as one more word (overlapping the last whole
    // one when the length is not a multiple of eight): no byte loop for the tail.
    a.chunks_exact(8)
        .zip(b.chunks_exact(8))
        .all(|(x, y)| word(x) == word(y))
        && word(&a[n - 8..]) == word(&b[n - 8..])
}

/// Finds the first occurrence of `needle` in `haystack` (both folded), looking for its byte at
/// `rare` (see [`rarest`]) and comparing the rest. Literal pieces are short, so this beats
/// building a two-way searcher per call.
#[inline]
pub(crate) fn find(haystack: &[u8], needle: &[u8], rare: usize) -> Option<usize> {
    let last_start = haystack.len().checked_sub(needle.len())?;
    let &r = needle.get(rare)?;
    // Candidate starts are tried in increasing order, so the first hit is the leftmost.
    let mut start = 0;
    while start <= last_start {
        let p = find_byte(&haystack[start + rare..=last_start + rare], r)?;
        let at = start + p;
        if same(&haystack[at..at + needle.len()], needle) {
            return Some(at);
        }
        start = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
            for rare in 0..n.len() {
                assert_eq!(find(h.as_bytes(), n.as_bytes(), rare), h.find(n), "{h} {n}");
            }
            assert!(rarest(n.as_bytes()) < n.len().max(1));
            assert_eq!(same(h.as_bytes(), n.as_bytes()), h == n);
        }
    }

    proptest::proptest! {
        /// Comparing in place is `==`, for every length (whole words, overlapping tail, short).
        #[test]
        fn same_is_eq(a in "[ab]{0,20}", b in "[ab]{0,20}") {
            proptest::prop_assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b);
            proptest::prop_assert!(same(a.as_bytes(), a.as_bytes()));
        }

        /// Searching from the rarest byte finds the leftmost occurrence, as `str::find` does.
        #[test]
        fn find_agrees_with_str_find(h in "[ab:\\[]{0,40}", n in "[ab:\\[]{1,4}") {
            let rare = rarest(n.as_bytes());
            proptest::prop_assert_eq!(find(h.as_bytes(), n.as_bytes(), rare), h.find(&n));
        }
    }
}
