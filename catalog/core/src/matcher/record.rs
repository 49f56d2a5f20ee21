//! Records of bytes laid one after another in one arena, read in place: what the fast paths'
//! table slots lead to (a slot holds a record's offset).
//!
//! Decides nothing. It exists because a lookup that starts from cold caches (a service
//! classifies one answer between much other work) waits for each memory read that depends on
//! the one before it: a slot, then a key, then the key's strings, each in a heap block of its
//! own. A record holds what a lookup compares side by side, so the slot and one run of bytes
//! are all it reads. Numbers are little-endian; lengths that do not fit their field keep the
//! record out, and the lookups find those descriptions the slow way.

/// The `u16` at `at`.
#[inline]
pub(super) fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at + 2)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

/// The `u32` at `at`.
#[inline]
pub(super) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Appends `n` as a byte; `None` when it does not fit in one.
pub(super) fn push_u8(out: &mut Vec<u8>, n: usize) -> Option<()> {
    out.push(u8::try_from(n).ok()?);
    Some(())
}

/// Appends `n` as a little-endian `u16`; `None` when it does not fit.
pub(super) fn push_u16(out: &mut Vec<u8>, n: usize) -> Option<()> {
    out.extend_from_slice(&u16::try_from(n).ok()?.to_le_bytes());
    Some(())
}

/// Appends `n` as a little-endian `u32`; `None` when it does not fit.
pub(super) fn push_u32(out: &mut Vec<u8>, n: usize) -> Option<()> {
    out.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_written() {
        let mut out = Vec::new();
        push_u8(&mut out, 200).unwrap();
        push_u16(&mut out, 0xBEEF).unwrap();
        push_u32(&mut out, 0xDEAD_BEEF).unwrap();
        assert_eq!(out[0], 200);
        assert_eq!(u16_at(&out, 1), Some(0xBEEF));
        assert_eq!(u32_at(&out, 3), Some(0xDEAD_BEEF));
        assert_eq!(u32_at(&out, 4), None, "past the end");
        assert_eq!(push_u8(&mut out, 256), None);
        assert_eq!(push_u16(&mut out, 1 << 16), None);
    }
}
