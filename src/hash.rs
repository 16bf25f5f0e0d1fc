//! Stable hashes: FNV-1a, written out here rather than taken from std.
//!
//! Shards must be the same on every machine of a job array and across Rust versions, and the
//! dictionary's index, hashed by `build.rs` (which includes this file) and probed at run time,
//! must agree with itself; std's hashers promise neither (`RandomState` is seeded per process,
//! `DefaultHasher`'s algorithm may change). FNV-1a is a dozen lines, fixed by its published constants, and good enough to
//! spread file names over shards. Deduplication uses the 128-bit variant so that collisions
//! stay negligible on corpora of billions of pairs (a 64-bit hash would already expect one).

const FNV64_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV64_PRIME: u64 = 0x0000_0100_0000_01b3;
const FNV128_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const FNV128_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// 64-bit FNV-1a of the bytes.
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    fnv1a_64_extend(FNV1A_64_EMPTY, bytes)
}

/// The 64-bit FNV-1a of nothing, to extend from.
pub const FNV1A_64_EMPTY: u64 = FNV64_OFFSET;

/// The 64-bit FNV-1a of a string's bytes followed by `bytes`, from the string's hash: a word
/// can be hashed character by character as it grows.
pub fn fnv1a_64_extend(hash: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV64_PRIME))
}

/// 128-bit FNV-1a of the bytes.
pub fn fnv1a_128(bytes: &[u8]) -> u128 {
    bytes.iter().fold(FNV128_OFFSET, |h, &b| {
        (h ^ u128::from(b)).wrapping_mul(FNV128_PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_test_vectors_hold() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a_64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a_64(b"foobar"), 0x85944171f73967e8);
        assert_eq!(
            fnv1a_64_extend(fnv1a_64(b"foo"), b"bar"),
            fnv1a_64(b"foobar")
        );
        assert_eq!(fnv1a_128(b""), FNV128_OFFSET);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }
}
