//! What aligning a document may cost, known from its sentence counts before anything is
//! allocated: the most cells any of its bands may hold, and the memory that bounds.
//!
//! Every band the aligner searches stays within [`max_band_cells`] (the first band is built
//! within it, and a widening that would pass it is not made), so time and memory are linear in
//! the document's length whatever its text; [`check`] refuses, with the figures, a document
//! whose bound exceeds the memory the caller allows.

use super::params::{
    ANCHOR_BAND_MAX, BAND_WIDENINGS, BAND_WIDEN_BY, FULL_MATRIX_CELLS, MAX_LINK_SIDE,
};

/// Most cells any band of an n × m document may hold. The whole grid up to
/// `FULL_MATRIX_CELLS`; beyond, the widest band the search was designed for on every row — an
/// anchor band at its widest (`ANCHOR_BAND_MAX` either side) widened `BAND_WIDENINGS` times by
/// `BAND_WIDEN_BY` — plus one cell per English sentence, as a row may reach across to the
/// next row's first cell. Linear in n + m.
pub fn max_band_cells(n: usize, m: usize) -> usize {
    let grid = (n + 1).saturating_mul(m + 1);
    if grid <= FULL_MATRIX_CELLS {
        return grid;
    }
    let per_row = 2 * (ANCHOR_BAND_MAX + BAND_WIDENINGS * BAND_WIDEN_BY) + 1;
    per_row
        .saturating_mul(n + 1)
        .saturating_add(m + 1)
        .max(FULL_MATRIX_CELLS)
        .min(grid)
}

/// Bytes per cell of a band: the dynamic programme's best cost (f64) and back-pointer (u8),
/// and the lexical model's pair masks (two u64) over a band as large.
const BYTES_PER_CELL: usize = 8 + 1 + 16;
/// Bytes per sentence for everything else: text, features, words, postings, Model 1's table,
/// running totals, bands' row bounds. The repeated Bible (200k × 160k sentences) peaks at
/// 683 MiB in all, 1.9 KiB a sentence with its bands: 2 KiB. With the cells, the bound held
/// above every peak measured less the process's start-up (16 MiB): the Bible pair 58 MiB
/// (bound 64), the Bible × 2 88 MiB (129), 12k × 12k repetitive sentences 44 MiB (128), the
/// 200k pair 667 MiB (2.0 GiB), a 20 MB repetitive article, 279k a side, 702 MiB (2.9 GiB).
/// It is an estimate, not a proof: the cell term is the loose one (bands are rarely a tenth as
/// wide as allowed), and it covers sentences that need more than 2 KiB.
const BYTES_PER_SENTENCE: usize = 2048;

/// An upper bound on the memory aligning an n × m document takes, in bytes.
pub fn memory_bound(n: usize, m: usize) -> usize {
    // The lexical model's band reaches `MAX_LINK_SIDE` further either side of each row.
    let window_cells = (2 * MAX_LINK_SIDE).saturating_mul(n + 1);
    max_band_cells(n, m)
        .saturating_add(window_cells)
        .saturating_mul(BYTES_PER_CELL)
        .saturating_add(n.saturating_add(m).saturating_mul(BYTES_PER_SENTENCE))
}

/// A document too large to align within the memory allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    pub zh: usize,
    pub en: usize,
    pub bytes: usize,
    pub budget: usize,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mib = |b: usize| b.div_ceil(1 << 20);
        write!(
            f,
            "too large to align: {} zh × {} en sentences may need {} MiB, over the {} MiB allowed (--max-memory)",
            self.zh,
            self.en,
            mib(self.bytes),
            mib(self.budget)
        )
    }
}

/// Whether an n × m document can be aligned within `budget` bytes.
pub fn check(n: usize, m: usize, budget: usize) -> Result<(), TooLarge> {
    let bytes = memory_bound(n, m);
    if bytes <= budget {
        Ok(())
    } else {
        Err(TooLarge {
            zh: n,
            en: m,
            bytes,
            budget,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_documents_may_use_the_whole_grid_and_long_ones_a_linear_band() {
        assert_eq!(max_band_cells(10, 20), 11 * 21);
        assert_eq!(max_band_cells(999, 999), 1_000_000);
        let (a, b) = (
            max_band_cells(10_000, 10_000),
            max_band_cells(20_000, 20_000),
        );
        assert!(b <= 2 * a + 1, "{a} {b}");
        // Very unequal sides: never more than the grid.
        assert!(max_band_cells(1, 5_000_000) <= 2 * 5_000_001);
    }

    #[test]
    fn the_memory_bound_grows_linearly_and_refuses_past_the_budget() {
        let (a, b) = (
            memory_bound(100_000, 100_000),
            memory_bound(200_000, 200_000),
        );
        assert!(b <= 2 * a, "{a} {b}");
        assert!(check(6_000, 5_000, 1 << 30).is_ok());
        let e = check(6_000, 5_000, 1 << 20).unwrap_err();
        assert_eq!((e.zh, e.en, e.budget), (6_000, 5_000, 1 << 20));
        assert!(e
            .to_string()
            .starts_with("too large to align: 6000 zh × 5000 en"));
        // Sizes that would overflow are refused, not wrapped.
        assert!(check(usize::MAX / 2, usize::MAX / 2, usize::MAX - 1).is_err());
    }
}
