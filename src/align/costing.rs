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
