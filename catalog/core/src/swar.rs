//! Eight bytes at a time ("SIMD within a register"): a `u64` holds eight bytes, and each
//! function marks a property of every byte in that byte's high bit (0x80), so one arithmetic
//! step tests all eight. Used by the fold (lowercasing, dropping whitespace), the literal
//! search, and the body reader of `easemob-errors` (the end of a JSON string), which is why
//! it is public but hidden: it is not part of the API.
//!
//! For short strings, as error bodies hold, this beats `memchr` (the `stages` benchmark:
//! `from_response` 1.17× serde_json with it, 1.44× with `memchr::memchr2` and a control-byte
//! check).

/// `0x01` in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte: the mark bit of each lane.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// `b` in every byte.
pub const fn splat(b: u8) -> u64 {
    ONES * b as u64
}

/// Marks the zero bytes of a word; exact for the lowest zero byte only (a borrow can mark a
/// byte above it), which is all a search needs: the lowest mark of an OR of such words is
/// still exact.
#[inline]
pub fn zero_marks(v: u64) -> u64 {
    // Subtracting 1 from each lane borrows into a lane's high bit when the lane was zero;
    // `& !v` drops lanes whose high bit was already set.
    v.wrapping_sub(ONES) & !v & HIGH
}

/// The lane of the lowest mark (little-endian: lane `k` is bits `8k..8k+8`).
#[inline]
pub fn first_mark(m: u64) -> Option<usize> {
    (m != 0).then(|| (m.trailing_zeros() / 8) as usize)
}

/// Bytes equal to `b` (exact for every byte, not only the lowest).
#[inline]
pub fn eq(v: u64, b: u8) -> u64 {
    // Lanes equal to `b` become zero; adding 0x7f to a lane's low seven bits carries into
    // its high bit unless the lane is zero, so the high bits left clear mark the zero lanes.
    let x = v ^ splat(b);
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// Bytes at least `b`, for a word of ASCII bytes (`b` at most 0x80).
#[inline]
pub fn at_least(v: u64, b: u8) -> u64 {
    // Adding 0x80 - b to an ASCII lane sets its high bit exactly when the lane is >= b
    // (no lane overflows into the next, since ASCII lanes stay below 0x100).
    v.wrapping_add(splat(0x80 - b)) & HIGH
}

/// Whitespace bytes (`\t` to `\r` and space), for a word of ASCII bytes.
#[inline]
pub fn whitespace(v: u64) -> u64 {
    eq(v, b' ') | (at_least(v, 0x09) & !at_least(v, 0x0e))
}

/// The word with its ASCII capitals lowercased, for a word of ASCII bytes.
#[inline]
pub fn lowercase(v: u64) -> u64 {
    let upper = at_least(v, b'A') & !at_least(v, b'Z' + 1);
    // A capital's mark (0x80) shifted down two is 0x20, the bit that lowercases it.
    v | (upper >> 2)
}
