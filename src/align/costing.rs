//! How the dynamic programme and the posterior lattice ask for the cost of a link, written so
//! that the compiler can specialise the scorer to each shape.
//!
//! Both loop over the shapes at every cell of their band, millions of times per document. Written
//! out shape by shape (`each_shape!`) with each shape's sides as constants, and the scorer's
//! costing inlined into each ([`Costing`]), the parts of a link's cost that depend on its shape
//! alone (its prior, whether a side is empty, the per-size tables it reads) are settled at
//! compile time instead of on every call.

use super::params::SHAPES;
use std::ops::Range;

/// The cost of one link for a search that only needs it when it is below `limit`: any value
/// not below `limit` may be returned for a link that cannot beat it (see
/// [`super::dp::best_path_bounded`]). Closures `|zh, en, limit| …` are costings; the scorer
/// implements it itself, inlined, so that each shape's copy knows its sides' sizes.
///
/// A costing that gives up on a link returns infinity; a finite value it returns for some limit
/// it returns for every higher one. That is what lets the posterior lattice take a cost the
/// search worked out ([`LinkCosts`]) instead of asking again with a limit at least as high.
pub trait Costing {
    fn cost_below(&self, zh: Range<usize>, en: Range<usize>, limit: f64) -> f64;
}

impl<F: Fn(Range<usize>, Range<usize>, f64) -> f64> Costing for F {
    #[inline(always)]
    fn cost_below(&self, zh: Range<usize>, en: Range<usize>, limit: f64) -> f64 {
        self(zh, en, limit)
    }
}

/// A costing read from the corner (i0, j0) on: a segment's search costs the document's links.
pub(super) struct Shifted<'c, C> {
    pub(super) cost: &'c C,
    pub(super) i0: usize,
    pub(super) j0: usize,
}

impl<C> Shifted<'_, C> {
    /// A segment's ranges as the document's.
    #[inline(always)]
    pub(super) fn shift(&self, zh: Range<usize>, en: Range<usize>) -> (Range<usize>, Range<usize>) {
        let (i0, j0) = (self.i0, self.j0);
        (zh.start + i0..zh.end + i0, en.start + j0..en.end + j0)
    }
}

impl<C: Costing> Costing for Shifted<'_, C> {
    #[inline(always)]
    fn cost_below(&self, zh: Range<usize>, en: Range<usize>, limit: f64) -> f64 {
        let (zh, en) = self.shift(zh, en);
        self.cost.cost_below(zh, en, limit)
    }
}

/// The two-sided links a search costed (finite costs, so worked out in full), handed to the
/// posterior lattice so that it need not cost them again: per cell of the search's band, in
/// whole-document coordinates, which shapes' links into it have a cost, and each one's cost
/// with the limit it was asked with. Asked again with a limit at least as high, the costing
/// returns the same (see [`Costing`]). Empty (the default) when the search kept none.
#[derive(Debug, Clone, Default)]
pub struct LinkCosts {
    /// Row i's first English position, and where its cells start in `cells` (row i holds
    /// `offsets[i]..offsets[i + 1]`).
    lo: Vec<usize>,
    offsets: Vec<usize>,
    /// Per cell: where its links' costs start, and which shapes' links have one (bit k for
    /// `SHAPES[k]`).
    cells: Vec<(u32, u16)>,
    /// (cost, limit asked with), cell by cell, each cell's in the order of `SHAPES`, in chunks
    /// of `CHUNK` so that neither a growing table nor the segments' joined are copied: cost e
    /// is `chunks[e / CHUNK][e % CHUNK]`.
    chunks: Vec<Vec<(f64, f64)>>,
    /// Where the next cost goes.
    next: usize,
}

/// Costs per chunk of a [`LinkCosts`] (64 KiB).
const CHUNK: usize = 1 << 12;

/// Where one cell's costs are in a [`LinkCosts`]: none when `shapes` is 0.
#[derive(Debug, Clone, Copy)]
pub(super) struct CellCosts {
    first: usize,
    shapes: u16,
}

/// The two-sided shapes: the most costs one cell keeps.
const TWO_SIDED: usize = SHAPES.len() - 2;

impl LinkCosts {
    /// An empty table for a search over rows starting at `lo` whose cells start at
    /// `offsets`, to be filled cell by cell in order; None when the costs of that many cells
    /// might not be counted in a `u32`.
    pub(super) fn over_rows(lo: &[usize], offsets: &[usize]) -> Option<LinkCosts> {
        let cells = *offsets.last()?;
        (cells.checked_mul(TWO_SIDED)? <= u32::MAX as usize).then(|| LinkCosts {
            lo: lo.to_vec(),
            offsets: offsets.to_vec(),
            cells: Vec::with_capacity(cells),
            chunks: Vec::new(),
            next: 0,
        })
    }

    /// The next cell of the band, in row order.
    #[inline(always)]
    pub(super) fn open_cell(&mut self) {
        // `over_rows` made sure the count fits.
        self.cells.push((self.next as u32, 0));
    }

    /// The cost of the link of shape `k` into the cell last opened, asked for below `limit`.
    #[inline(always)]
    pub(super) fn add(&mut self, k: usize, cost: f64, limit: f64) {
        let Some(cell) = self.cells.last_mut() else {
            return;
        };
        cell.1 |= 1 << k;
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < CHUNK => chunk.push((cost, limit)),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push((cost, limit));
                self.chunks.push(chunk);
            }
        }
        self.next += 1;
    }

    /// The tables of the segments of a search, each from its corner (i0, j0) on, as one table
    /// of the document. A segment's first row is the previous segment's last: the previous
    /// segment's cells end at the corner and the segment's start there (the band's rows are
    /// made to connect), and the corner's links are the previous segment's. Empty should the
    /// segments not join so, a segment have kept none, or the costs not be counted in a `u32`.
    pub(super) fn joined(pieces: Vec<(LinkCosts, (usize, usize))>) -> LinkCosts {
        let mut whole = LinkCosts::default();
        for (piece, (i0, j0)) in pieces {
            // The piece's costs start at a chunk of their own.
            let base = whole.chunks.len() * CHUNK;
            let complete = !piece.lo.is_empty() && piece.offsets.last() == Some(&piece.cells.len());
            if !complete || base + piece.next > u32::MAX as usize {
                return LinkCosts::default();
            }
            let skip = match whole.corner() {
                None if (i0, j0) == (0, 0) => 0,
                Some(corner)
                    if corner == (i0, j0)
                        && piece.lo[0] == 0
                        && piece.cells.first().map(|c| c.1) == Some(0) =>
                {
                    whole.offsets.pop();
                    1
                }
                _ => return LinkCosts::default(),
            };
            let start = whole.cells.len();
            for r in skip..piece.lo.len() {
                whole.lo.push(piece.lo[r] + j0);
                whole.offsets.push(start + piece.offsets[r] - skip);
            }
            whole.offsets.push(start + piece.cells.len() - skip);
            let cells = piece.cells[skip..].iter();
            let base = base as u32;
            whole
                .cells
                .extend(cells.map(|&(first, shapes)| (first + base, shapes)));
            whole.chunks.extend(piece.chunks);
            whole.next = base as usize + piece.next;
        }
        whole
    }

    /// The last cell of the last row.
    fn corner(&self) -> Option<(usize, usize)> {
        let last = self.lo.len().checked_sub(1)?;
        let width = self.offsets.get(last + 1)? - self.offsets[last];
        Some((last, (self.lo[last] + width).checked_sub(1)?))
    }

    /// Where the costs of the links into cell (i, j) are (none outside the band).
    #[inline]
    pub(super) fn cell(&self, i: usize, j: usize) -> CellCosts {
        let none = CellCosts {
            first: 0,
            shapes: 0,
        };
        let (Some(&lo), Some(&start), Some(&end)) =
            (self.lo.get(i), self.offsets.get(i), self.offsets.get(i + 1))
        else {
            return none;
        };
        match j.checked_sub(lo).map(|d| start + d).filter(|&at| at < end) {
            Some(at) => {
                let (first, shapes) = self.cells[at];
                CellCosts {
                    first: first as usize,
                    shapes,
                }
            }
            None => none,
        }
    }

    /// The cost of the link of shape `k` into `cell`, if the search costed it with a limit no
    /// higher than `limit`: what the costing would return for `limit`.
    #[inline(always)]
    pub(super) fn cost(&self, cell: CellCosts, k: usize, limit: f64) -> Option<f64> {
        let bit = 1u16 << k;
        if cell.shapes & bit == 0 {
            return None;
        }
        let e = cell.first + (cell.shapes & (bit - 1)).count_ones() as usize;
        let &(cost, asked) = self.chunks.get(e / CHUNK)?.get(e % CHUNK)?;
        (limit >= asked).then_some(cost)
    }
}

/// `$shape!(k)` for every index k of [`SHAPES`], in order, each k a literal (so that
/// `SHAPES[k]` can be read into constants). A shape added to `SHAPES` needs its line here:
/// the check below fails to compile until it has one.
macro_rules! each_shape {
    ($shape:ident) => {
        $shape!(0);
        $shape!(1);
        $shape!(2);
        $shape!(3);
        $shape!(4);
        $shape!(5);
        $shape!(6);
        $shape!(7);
        $shape!(8);
        $shape!(9);
        $shape!(10);
        $shape!(11);
    };
}
pub(super) use each_shape;

const _: () = assert!(SHAPES.len() == 12, "each_shape! lists every shape");
