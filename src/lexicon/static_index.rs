//! A hash index over a fixed list of strings, built by `build.rs` and probed where it lies in
//! the binary: the dictionary's 195,000 headwords (with 83,000 beginnings of headwords) and
//! 36,000 stems are ready at start-up with nothing to index (hash maps built at start-up took
//! about 15 ms).
//!
//! `build.rs` includes this file as it includes `src/hash.rs`, so the writer and the reader
//! below are one definition, and both hash with FNV-1a, whose value is fixed by its published
//! constants whatever the machine.
//!
//! Layout: open addressing with linear probing over a power of two of u32 slots, at most half
//! full. A slot holds the string's index + 1 in its low `INDEX_BITS` (0 for an empty slot) and
//! the top bits of the string's hash above them, so that a probe meeting another string is
//! told apart without reading that string. The strings themselves are a text of one string a
//! line, with the byte offset where each starts.

use crate::hash::fnv1a_64;

/// Bits of a slot holding the index: up to a million strings.
const INDEX_BITS: u32 = 20;
const INDEX_MASK: u32 = (1 << INDEX_BITS) - 1;

fn tag(hash: u64) -> u32 {
    (hash >> (64 - (32 - INDEX_BITS))) as u32
}

/// Slots for `count` strings: twice as many, rounded up to a power of two.
fn slot_count(count: usize) -> usize {
    (count * 2).next_power_of_two().max(2)
}

fn u32_at(bytes: &[u8], index: usize) -> u32 {
    let b = &bytes[index * 4..index * 4 + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// The index's files for `keys` (distinct): the slots, and where each key starts in the text
/// of the keys one a line (one more offset for the end), both as little-endian u32.
pub fn build(keys: &[&str]) -> (Vec<u8>, Vec<u8>) {
    assert!(
        keys.len() < INDEX_MASK as usize,
        "too many strings for the index"
    );
    let n = slot_count(keys.len());
    let mut slots = vec![0u32; n];
    for (i, key) in keys.iter().enumerate() {
        let hash = fnv1a_64(key.as_bytes());
        let mut at = hash as usize & (n - 1);
        while slots[at] != 0 {
            at = (at + 1) & (n - 1);
        }
        slots[at] = (i as u32 + 1) | (tag(hash) << INDEX_BITS);
    }
    let mut starts = Vec::with_capacity(keys.len() + 1);
    let mut offset = 0u32;
    for key in keys {
        starts.push(offset);
        offset += key.len() as u32 + 1;
    }
    starts.push(offset);
    let bytes = |v: &[u32]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    (bytes(&slots), bytes(&starts))
}

/// An index as [`build`] wrote it, over `text` (the keys, one a line).
pub struct StaticIndex {
    slots: &'static [u8],
    starts: &'static [u8],
    text: &'static str,
}

impl StaticIndex {
    pub const fn new(
        slots: &'static [u8],
        starts: &'static [u8],
        text: &'static str,
    ) -> StaticIndex {
        StaticIndex {
            slots,
            starts,
            text,
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        (self.starts.len() / 4).saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Key i.
    pub fn key(&self, i: usize) -> &'static str {
        &self.text[u32_at(self.starts, i) as usize..u32_at(self.starts, i + 1) as usize - 1]
    }

    /// The index of `key`, if it is one of the keys.
    pub fn get(&self, key: &str) -> Option<u32> {
        self.get_hashed(key, fnv1a_64(key.as_bytes()))
    }

    /// [`StaticIndex::get`] for a caller that has the key's FNV-1a hash already (the
    /// segmenter extends one hash character by character).
    pub fn get_hashed(&self, key: &str, hash: u64) -> Option<u32> {
        let n = self.slots.len() / 4;
        if n == 0 {
            return None;
        }
        let mut at = hash as usize & (n - 1);
        loop {
            let slot = u32_at(self.slots, at);
            if slot == 0 {
                return None;
            }
            if slot >> INDEX_BITS == tag(hash) {
                let i = (slot & INDEX_MASK) as usize - 1;
                if self.key(i) == key {
                    return Some(i as u32);
                }
            }
            at = (at + 1) & (n - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaked(keys: &[&str]) -> StaticIndex {
        let (slots, starts) = build(keys);
        let text: String = keys.iter().map(|k| format!("{k}\n")).collect();
        StaticIndex::new(slots.leak(), starts.leak(), text.leak())
    }

    #[test]
    fn every_key_is_found_at_its_index_and_nothing_else_is() {
        let keys: Vec<String> = (0..5000).map(|k| format!("词{k}")).collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let index = leaked(&refs);
        assert_eq!(index.len(), 5000);
        for (i, k) in refs.iter().enumerate() {
            assert_eq!(index.get(k), Some(i as u32));
            assert_eq!(index.key(i), *k);
        }
        assert_eq!(index.get("词5000"), None);
        assert_eq!(index.get(""), None);
    }

    #[test]
    fn an_empty_index_finds_nothing() {
        let index = leaked(&[]);
        assert!(index.is_empty());
        assert_eq!(index.get("x"), None);
    }
}
