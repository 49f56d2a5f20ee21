// The fingerprint of the catalog's YAML files. This file is also `include!`d by the crate's
// build script, which checks that `compiled_data.rs` was made from the YAML as it is now; so
// it uses nothing but `core` and holds only this function.

/// FNV-1a (64-bit) over each file's name and bytes, in the order given (the build script and
/// `cargo xtask regen` both give `status.yaml`, `areas.yaml`, then `errors/*.yaml` sorted).
pub fn source_hash(files: &[(&str, &[u8])]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, bytes) in files {
        for &b in name.as_bytes().iter().chain([0u8].iter()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        for &b in bytes.iter().chain([0xffu8].iter()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}
