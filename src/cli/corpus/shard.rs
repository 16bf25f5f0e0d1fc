//! `--shard K/N`: which documents a job of an array processes.

use crate::hash::fnv1a_64;
use std::str::FromStr;

/// `--shard K/N`: the files whose document name hashes to K-1 modulo N.
///
/// The document name (the path relative to the input root) is hashed with FNV-1a, which is the
/// same on every machine and every build, so N jobs given the same inputs and K = 1..N process
/// every file exactly once. Hashing the name rather than taking every N-th file keeps a file in
/// its shard when others are added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u64,
    pub n: u64,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 1/4")?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("shard number {k:?} is not a whole number"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard count {n:?} is not a whole number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("K must be between 1 and N in K/N, got {k}/{n}"));
        }
        Ok(Shard { k, n })
    }
}

impl Shard {
    pub fn contains(&self, doc: &str) -> bool {
        fnv1a_64(doc.as_bytes()) % self.n == self.k - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_is_k_of_n_counted_from_one() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { k: 2, n: 4 }));
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "-1/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_document_is_in_exactly_one_shard() {
        let docs: Vec<String> = (0..200).map(|i| format!("folder/{i}.txt")).collect();
        for n in 1..6 {
            for doc in &docs {
                let owners = (1..=n).filter(|&k| Shard { k, n }.contains(doc)).count();
                assert_eq!(owners, 1, "{doc} in {owners} of {n} shards");
            }
        }
    }

    #[test]
    fn shards_do_not_depend_on_the_machine() {
        // FNV-1a of "a.txt" is 0x7ed582b5571bbd5a, fixed by its constants: 2 modulo 4, so shard
        // 3/4 everywhere. A change here would reshuffle every job array.
        assert!(Shard { k: 3, n: 4 }.contains("a.txt"));
        assert!(Shard { k: 1, n: 1 }.contains("anything"));
    }
}
