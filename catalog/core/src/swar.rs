//! Eight bytes at a time ("SIMD within a register"): a `u64` holds eight bytes, and each
//! function marks a property of every byte in that byte's high bit (0x80), so one arithmetic
//! step tests all eight. Used by the fold (lowercasing, dropping whitespace) and the literal
//! search.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte: the mark bit of each lane.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// `b` in every byte.
pub(crate) const fn splat(b: u8) -> u64 {
    ONES * b as u64
}

/// Bytes equal to `b` (exact for every byte, not only the lowest).
#[inline]
pub(crate) fn eq(v: u64, b: u8) -> u64 {
    // Lanes equal to `b` become zero; adding 0x7f to a lane's low seven bits carries into
    // its high bit unless the lane is zero, so the high bits left clear mark the zero lanes.
    let x = v ^ splat(b);
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// Bytes at least `b`, for a word of ASCII bytes (`b` at most 0x80).
#[inline]
pub(crate) fn at_least(v: u64, b: u8) -> u64 {
    // Adding 0x80 - b to an ASCII lane sets its high bit exactly when the lane is >= b
    // (no lane overflows into the next, since ASCII lanes stay below 0x100).
    v.wrapping_add(splat(0x80 - b)) & HIGH
}

/// Whitespace bytes (`\t` to `\r` and space), for a word of ASCII bytes.
#[inline]
pub(crate) fn whitespace(v: u64) -> u64 {
    eq(v, b' ') | (at_least(v, 0x09) & !at_least(v, 0x0e))
}

/// The word with its ASCII capitals lowercased, for a word of ASCII bytes.
#[inline]
pub(crate) fn lowercase(v: u64) -> u64 {
    let upper = at_least(v, b'A') & !at_least(v, b'Z' + 1);
    // A capital's mark (0x80) shifted down two is 0x20, the bit that lowercases it.
    v | (upper >> 2)
}
