//! The one hash table every lookup of the matcher uses: open addressing over 64-bit keys.
//!
//! Decides nothing: it maps a key (a group number, or a group number mixed with the hash of a
//! description) to the index of what was stored under it, and hands each candidate to the
//! caller's check, which compares what the key was made from. Built once when the matcher is
//! built; a lookup hashes nothing itself and probes one or two slots (the table is at least
//! twice as long as its entries).

/// An open-addressing table of (key, index) pairs.
#[derive(Debug)]
pub(super) struct Table {
    /// (key, index + 1); index 0 marks an empty slot. The length is a power of two.
    slots: Box<[(u64, u32)]>,
}

impl Table {
    /// A table of `entries`, (key, index) pairs; among equal keys, the one given first is
    /// found first.
    pub(super) fn new(entries: impl IntoIterator<Item = (u64, usize)>) -> Table {
        let entries: Vec<(u64, usize)> = entries.into_iter().collect();
        let size = (entries.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![(0u64, 0u32); size].into_boxed_slice();
        for (key, index) in entries {
            let mut at = slot_of(key, size);
            while slots[at].1 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (key, index as u32 + 1);
        }
        Table { slots }
    }

    /// The first index stored under `key` that `fits`.
    #[inline]
    pub(super) fn find(&self, key: u64, fits: impl Fn(usize) -> bool) -> Option<usize> {
        self.candidates(key).find(|&i| fits(i))
    }

    /// Every index stored under `key`, in the order they were given (the one probe loop).
    #[inline]
    pub(super) fn candidates(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        let mask = self.slots.len() - 1;
        let mut at = slot_of(key, self.slots.len());
        core::iter::from_fn(move || {
            loop {
                let (k, slot) = self.slots[at];
                let index = (slot as usize).checked_sub(1)?;
                at = (at + 1) & mask;
                if k == key {
                    return Some(index);
                }
            }
        })
    }
}

/// Where a key starts probing in a table of `size` slots, a power of two (Fibonacci hashing).
///
/// The slot is the product's top bits: they are the only ones every bit of the key reaches.
/// Group numbers keep the status in their top 16 bits and leave the low 46 clear for the
/// code-agnostic groups, so bits taken from the middle of the product (as this once did)
/// ignored the status: the code-agnostic groups of every status started in one of two
/// slots, and a lookup in the catalog's group table could walk a run of 24.
#[inline]
fn slot_of(key: u64, size: usize) -> usize {
    // Multiplying by 2^64 / φ carries each key bit into every bit above it; the top
    // log2(size) bits are the slot.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - size.trailing_zeros())) as usize
}

/// A hash of bytes from their length and three eight-byte words (the first, the middle and
/// the last), whatever the length: keys are only ever compared with the text they were made
/// from, so a weak hash costs an extra comparison now and then, while hashing every byte cost
/// a multiply per eight bytes of every description.
#[inline]
pub(super) fn hash(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let word = |at: usize| {
        bytes
            .get(at..at + 8)
            .map_or(0, |w| u64::from_le_bytes(w.try_into().unwrap_or([0; 8])))
    };
    let (first, middle, last) = if n >= 8 {
        (word(0), word(n / 2 - 4), word(n - 8))
    } else {
        let mut w = [0u8; 8];
        w[..n].copy_from_slice(bytes);
        (u64::from_le_bytes(w), 0, 0)
    };
    // Three independent multiplies by odd constants (they overlap in the pipeline), folded
    // together with the length; the final shift brings high bits down to the slot bits.
    let h = (first ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95)
        ^ middle.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ last.rotate_left(23).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^ (h >> 29)
}

/// The key of a description within a group: the group's number (see
/// [`super::group::group_number`]) or index mixed with the hash of the text.
#[inline]
pub(super) fn text_key(group: u64, text: &[u8]) -> u64 {
    // The group number scrambled (Fibonacci multiply, then rotated so its spread bits reach
    // the low half) and xored with the text's hash: one 64-bit key for (group, text).
    group.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29) ^ hash(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::group::{CodeKey, group_number};

    /// How many slots a lookup of each key reads before finding it, at most.
    fn longest_probe(keys: &[u64]) -> usize {
        let table = Table::new(keys.iter().enumerate().map(|(i, &k)| (k, i)));
        let mask = table.slots.len() - 1;
        keys.iter()
            .map(|&key| {
                let home = slot_of(key, table.slots.len());
                let at = (0..table.slots.len())
                    .map(|d| (home + d) & mask)
                    .find(|&at| table.slots[at].0 == key)
                    .unwrap();
                ((at + table.slots.len() - home) & mask) + 1
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn group_numbers_that_differ_only_in_the_status_spread_out() {
        // The groups of the catalog's statuses without a code: their numbers share every bit
        // below the status's.
        let statuses = [
            400, 401, 403, 404, 405, 406, 408, 409, 410, 413, 415, 429, 500, 501, 502, 503, 504,
        ];
        let keys: Vec<u64> = statuses
            .iter()
            .flat_map(|&s| {
                [
                    group_number(s, CodeKey::AllRules),
                    group_number(s, CodeKey::Agnostic),
                    group_number(s, CodeKey::Code("illegal_argument")),
                ]
            })
            .collect();
        // Taken from the product's middle bits, all of them started in one of two slots and
        // the last found walked 34; from its top bits, 47 of the 51 start apart.
        let table = Table::new(keys.iter().map(|&k| (k, 0)));
        let homes: std::collections::BTreeSet<usize> = keys
            .iter()
            .map(|&k| slot_of(k, table.slots.len()))
            .collect();
        assert!(homes.len() >= 40, "{} slots", homes.len());
        assert!(
            longest_probe(&keys) <= 8,
            "{} slots read",
            longest_probe(&keys)
        );
    }

    #[test]
    fn equal_keys_are_found_in_the_order_given() {
        let table = Table::new([(7, 0), (9, 1), (7, 2), (7, 3)]);
        assert_eq!(table.candidates(7).collect::<Vec<_>>(), [0, 2, 3]);
        assert_eq!(table.find(7, |i| i > 0), Some(2));
        assert_eq!(table.candidates(8).count(), 0);
    }
}
