//! The draws behind a rule's `rate`, reproducible with `--seed`.
//!
//! A draw is a pure function of the seed, the rule's position and the number of the matching
//! request (1 for the first request the rule's `when` matched, 2 for the second, …), hashed
//! with SplitMix64. So the same seed gives the same decisions for the n-th matching request
//! whatever the order in which concurrent requests arrive, and no generator state is shared
//! between connections.

/// SplitMix64's output function (Steele, Lea and Flood, 2014): a bijective mix of 64 bits.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    // Two xor-shift-multiply rounds spread every input bit over every output bit.
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Whether the `n`-th matching request of rule `rule` is chosen, with probability `rate`.
pub(crate) fn chosen(seed: u64, rule: usize, n: u64, rate: f64) -> bool {
    let mixed = splitmix64(splitmix64(seed ^ (rule as u64).rotate_left(32)) ^ n);
    // The top 53 bits as a fraction in [0, 1): every such value is exact in an f64.
    let unit = (mixed >> 11) as f64 / (1u64 << 53) as f64;
    unit < rate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_is_met_and_reproducible() {
        let hits = (1..=10_000).filter(|&n| chosen(7, 0, n, 0.25)).count();
        assert!((2_300..2_700).contains(&hits), "{hits}");
        let a: Vec<bool> = (1..100).map(|n| chosen(7, 1, n, 0.5)).collect();
        let b: Vec<bool> = (1..100).map(|n| chosen(7, 1, n, 0.5)).collect();
        let c: Vec<bool> = (1..100).map(|n| chosen(8, 1, n, 0.5)).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!((1..100).all(|n| chosen(1, 0, n, 1.0) && !chosen(1, 0, n, 0.0)));
    }
}
