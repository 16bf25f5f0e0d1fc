//! The dynamic programme: the cheapest monotone path of links through the (Chinese × English)
//! sentence grid, restricted to a band of allowed cells.
//!
//! This is the "corelib" of the aligner (in Bertalign's terms): it knows shapes and costs, not
//! languages. A cell (i, j) means "the first i Chinese and the first j English sentences are
//! aligned"; a link of shape (a, b) moves from (i-a, j-b) to (i, j).

use super::costing::{each_shape, Costing, LinkCosts, Shifted};
use super::params::SHAPES;
use std::ops::Range;

/// Which English positions each Chinese position may be paired with: row i allows
/// `lo[i]..=hi[i]`. Rows must overlap enough for every shape to connect them.
#[derive(Debug, Clone)]
pub struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    /// Every cell: for small documents.
    pub fn full(n: usize, m: usize) -> Band {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }

    /// Cells within `half_width` of the straight line from (0, 0) to (n, m).
    pub fn diagonal(n: usize, m: usize, half_width: usize) -> Band {
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        for i in 0..=n {
            let center = if n == 0 {
                m
            } else {
                (i as u128 * m as u128 / n as u128) as usize
            };
            lo.push(center.saturating_sub(half_width));
            hi.push((center + half_width).min(m));
        }
        Band::connected(lo, hi, m)
    }

    /// A band whose rows are made to connect: each row reaches back to the previous row's
    /// last cell and forward to the next row's first, and the corners (0, 0) and (n, m) are
    /// in. Every band the aligner searches goes through here, so a path always exists.
    fn connected(mut lo: Vec<usize>, mut hi: Vec<usize>, m: usize) -> Band {
        let n = lo.len() - 1;
        lo[0] = 0;
        hi[n] = m;
        for i in 1..=n {
            lo[i] = lo[i].min(hi[i - 1]);
            hi[i] = hi[i].max(lo[i - 1]).max(lo[i]);
        }
        for i in (0..n).rev() {
            hi[i] = hi[i].max(lo[i + 1]).min(m);
        }
        Band { lo, hi }
    }

    /// Row i from `lo[i]` to `hi[i]` (one entry per row, 0 to n), made to connect.
    pub fn from_rows(lo: Vec<usize>, hi: Vec<usize>, m: usize) -> Band {
        Band::connected(lo, hi, m)
    }

    /// The band without the cells from which no path inside it leads to (n, m): reachable
    /// perhaps, but leading nowhere, they can never be on the path found (the far side of
    /// rows opened whole, past where the band's later rows end). A row keeps its cells from
    /// its start to the last one some shape links to a kept cell of a later row; English
    /// omissions within the row reach every cell before that. The band as it is should a row
    /// keep none (a connected band's rows always keep some).
    pub fn trimmed(&self) -> Band {
        let n = self.lo.len() - 1;
        let mut hi = self.hi.clone();
        for i in (0..n).rev() {
            let reach = SHAPES
                .iter()
                .filter(|&&(a, _)| a >= 1 && i + a <= n)
                .filter_map(|&(a, b)| hi[i + a].checked_sub(b))
                .max();
            hi[i] = reach.map_or(hi[i], |r| hi[i].min(r));
        }
        if self.lo.iter().zip(&hi).any(|(l, h)| l > h) {
            return self.clone();
        }
        Band {
            lo: self.lo.clone(),
            hi,
        }
    }

    /// Cells near a chain of anchor points (each a sure (zh, en) pair): the band follows the
    /// straight lines between anchors, `half_width` wide at an anchor and wider away from
    /// one (by `slack` per sentence of distance), where the path is less certain.
    pub fn around(
        points: &[(usize, usize)],
        n: usize,
        m: usize,
        half_width: usize,
        slack: f64,
        max_half_width: usize,
    ) -> Band {
        let (lo, hi) = line_through(points, n, m)
            .into_iter()
            .map(|(center, distance)| {
                let half = (half_width as f64 + slack * distance as f64)
                    .min(max_half_width.max(half_width) as f64);
                (
                    (center - half).max(0.0).floor() as usize,
                    ((center + half).ceil() as usize).min(m),
                )
            })
            .unzip();
        Band::connected(lo, hi, m)
    }

    /// Cells within `half_width` of a path found before: a later pass, whose evidence differs
    /// from the first pass's only in detail, searches near the first pass's path rather than
    /// the whole anchor band again.
    pub fn along(path: &[Step], n: usize, m: usize, half_width: usize) -> Band {
        let corners: Vec<(usize, usize)> = path.iter().map(|s| (s.zh.end, s.en.end)).collect();
        Band::around(&corners, n, m, half_width, 0.0, half_width)
    }

    /// The part of the band between corners (i0, j0) and (i1, j1), shifted to start at (0, 0).
    pub fn slice(&self, (i0, j0): (usize, usize), (i1, j1): (usize, usize)) -> Band {
        let clip = |j: usize| j.clamp(j0, j1) - j0;
        let lo = (i0..=i1).map(|i| clip(self.lo[i])).collect();
        let hi = (i0..=i1).map(|i| clip(self.hi[i])).collect();
        Band::connected(lo, hi, j1 - j0)
    }

    /// Rows where a path runs along the band's edge (within `margin` of a side that is not the
    /// grid's own border): there the best path may lie outside.
    pub fn pressed_rows(&self, path: &[Step], margin: usize, m: usize) -> Vec<usize> {
        let mut rows = Vec::new();
        for s in path {
            let (i, j) = (s.zh.end, s.en.end);
            let low = self.lo[i] > 0 && j < self.lo[i] + margin;
            let high = self.hi[i] < m && j + margin > self.hi[i];
            if low || high {
                rows.push(i);
            }
        }
        rows
    }

    /// Widen the band by `by` on both sides in the rows within `reach` of the given rows.
    pub fn widen(&mut self, rows: &[usize], reach: usize, by: usize, m: usize) {
        let n = self.lo.len();
        for &r in rows {
            for i in r.saturating_sub(reach)..(r + reach + 1).min(n) {
                self.lo[i] = self.lo[i].saturating_sub(by);
                self.hi[i] = (self.hi[i] + by).min(m);
            }
        }
    }

    /// The cells of either band (same grid).
    pub fn union(&self, other: &Band) -> Band {
        let lo = self
            .lo
            .iter()
            .zip(&other.lo)
            .map(|(a, b)| *a.min(b))
            .collect();
        let hi = self
            .hi
            .iter()
            .zip(&other.hi)
            .map(|(a, b)| *a.max(b))
            .collect();
        Band { lo, hi }
    }

    /// True when every cell of `other` is in this band.
    pub fn covers(&self, other: &Band) -> bool {
        self.lo.iter().zip(&other.lo).all(|(a, b)| a <= b)
            && self.hi.iter().zip(&other.hi).all(|(a, b)| a >= b)
    }

    /// Number of cells in the band (memory is proportional to it).
    pub fn cells(&self) -> usize {
        self.lo.iter().zip(&self.hi).map(|(l, h)| h - l + 1).sum()
    }

    /// The English sentences a Chinese sentence i can be linked with inside the band: those
    /// between rows i and i+1, widened by the largest link.
    pub fn window(&self, i: usize) -> Range<usize> {
        let reach = super::params::MAX_LINK_SIDE;
        let lo = self.lo[i.min(self.lo.len() - 1)].saturating_sub(reach);
        let hi = self.hi[(i + 1).min(self.hi.len() - 1)] + reach;
        lo..hi
    }

    /// The English positions row i allows, `lo..=hi`.
    pub fn row(&self, i: usize) -> (usize, usize) {
        (self.lo[i], self.hi[i])
    }

    pub fn contains(&self, i: usize, j: usize) -> bool {
        i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i]
    }
}

/// One step of the best path: the link's ranges and its cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub zh: Range<usize>,
    pub en: Range<usize>,
    pub cost: f64,
}

const NO_SHAPE: u8 = u8::MAX;

/// The broken line from (0, 0) through `points` (those that increase) to (n, m): for every
/// row i from 0 to n, the English position on the line and the distance in rows to the
/// nearest point.
pub fn line_through(points: &[(usize, usize)], n: usize, m: usize) -> Vec<(f64, usize)> {
    let mut knots: Vec<(usize, usize)> = Vec::with_capacity(points.len() + 2);
    knots.push((0, 0));
    for &(i, j) in points {
        let &(pi, pj) = knots.last().expect("starts with the origin");
        if i > pi && j >= pj && i < n && j < m {
            knots.push((i, j));
        }
    }
    knots.push((n, m));
    let mut k = 0;
    (0..=n)
        .map(|i| {
            while k + 2 < knots.len() && knots[k + 1].0 <= i {
                k += 1;
            }
            let ((i0, j0), (i1, j1)) = (knots[k], knots[k + 1]);
            let t = if i1 > i0 {
                (i.clamp(i0, i1) - i0) as f64 / (i1 - i0) as f64
            } else {
                0.0
            };
            (
                j0 as f64 + t * (j1 as f64 - j0 as f64),
                (i - i0).min(i1.saturating_sub(i)),
            )
        })
        .collect()
}

/// Find the cheapest path from (0, 0) to (n, m) inside `band`. `cost(zh, en)` gives the cost
/// of one link; it is called once per reachable cell and shape. Returns the links in order.
pub fn best_path<F>(n: usize, m: usize, band: &Band, cost: F) -> Vec<Step>
where
    F: Fn(Range<usize>, Range<usize>) -> f64,
{
    best_path_bounded(n, m, band, EXACT, &|z, e, _| cost(z, e))
}

/// No beam: every cell of the band is a possible way in.
pub const EXACT: f64 = f64::INFINITY;

/// [`best_path_bounded`] run independently, in parallel, between cut corners the path is
/// taken to pass through (sure anchors of a long document): each segment's dynamic programme
/// is on its own thread, and the paths are joined. Cuts must increase in both coordinates.
///
/// With `keep`, also the two-sided links the searches whose paths it returns costed in full,
/// in the document's coordinates (for the posterior lattice, which would cost them again);
/// else an empty table.
pub fn best_path_segmented<C>(
    n: usize,
    m: usize,
    band: &Band,
    cuts: &[(usize, usize)],
    beam: f64,
    cost: &C,
    keep: bool,
) -> (Vec<Step>, LinkCosts)
where
    C: Costing + Sync,
{
    use rayon::prelude::*;
    let mut corners = vec![(0, 0)];
    for &(i, j) in cuts {
        let &(pi, pj) = corners.last().expect("starts with the origin");
        if i > pi && j > pj && i < n && j < m && band.contains(i, j) {
            corners.push((i, j));
        }
    }
    corners.push((n, m));
    let (pieces, costs): (Vec<Vec<Step>>, Vec<_>) = corners
        .par_windows(2)
        .map(|w| {
            let ((i0, j0), (i1, j1)) = (w[0], w[1]);
            let sub = band.slice((i0, j0), (i1, j1));
            let shifted = Shifted { cost, i0, j0 };
            let (n, m) = (i1 - i0, j1 - j0);
            let (path, filled, _) = if keep {
                resumed::<_, true>(n, m, &sub, beam, &shifted, None)
            } else {
                resumed::<_, false>(n, m, &sub, beam, &shifted, None)
            };
            let path = path
                .into_iter()
                .map(|s| {
                    let (zh, en) = shifted.shift(s.zh, s.en);
                    Step {
                        zh,
                        en,
                        cost: s.cost,
                    }
                })
                .collect();
            (path, (filled.costs, (i0, j0)))
        })
        .unzip();
    let costs = if keep {
        LinkCosts::joined(costs)
    } else {
        LinkCosts::default()
    };
    (pieces.concat(), costs)
}

/// [`best_path`] where the cost function is told what the link must cost less than to matter
/// (`cost(zh, en, limit)`, the best way into its cell found so far): it may return any value
/// not below `limit` for a link it can tell early will lose, and skip costing it in full.
///
/// With `beam` = [`EXACT`] the result is exactly that of [`best_path`] with the full costs.
/// A finite `beam` prunes: once a row is done, a cell costing more than `beam` above some cell
/// further along the English in the same row is no longer a way into later rows (see
/// `prune_row`). Should the pruned search find no path, the search is run again exactly.
pub fn best_path_bounded<C>(n: usize, m: usize, band: &Band, beam: f64, cost: &C) -> Vec<Step>
where
    C: Costing,
{
    best_path_resumed(n, m, band, beam, cost, None).0
}

/// A finished search's table: the band it filled, its beam, and each cell's best cost (after
/// its row's pruning) and shape. A search of the same grid with the same costing and beam
/// whose band differs only from some row on starts from there: a row's cells depend on the
/// rows before it alone, so those rows are what the search would fill again.
pub struct Filled {
    band: Band,
    beam: f64,
    offsets: Vec<usize>,
    best: Vec<f64>,
    back: Vec<u8>,
    /// The two-sided links costed in full, for a search asked to keep them.
    costs: LinkCosts,
}

impl Filled {
    fn index(&self, i: usize, j: usize) -> usize {
        self.offsets[i] + (j - self.band.lo[i])
    }

    /// The first row at which `band` differs from the band filled (`band`'s row count when it
    /// does not).
    fn first_changed_row(&self, band: &Band) -> usize {
        if self.band.lo.len() != band.lo.len() {
            return 0;
        }
        (0..band.lo.len())
            .find(|&i| self.band.lo[i] != band.lo[i] || self.band.hi[i] != band.hi[i])
            .unwrap_or(band.lo.len())
    }
}

/// [`best_path_bounded`], given the table of an earlier search of the same grid with the same
/// costing (`previous`): the rows before the first one the bands differ in are taken from it
/// rather than filled again. Returns the path, the table (for a next search), and the row
/// from which this search filled its table.
pub fn best_path_resumed<C>(
    n: usize,
    m: usize,
    band: &Band,
    beam: f64,
    cost: &C,
    previous: Option<Filled>,
) -> (Vec<Step>, Filled, usize)
where
    C: Costing,
{
    resumed::<C, false>(n, m, band, beam, cost, previous)
}

/// [`best_path_resumed`], keeping the costs of the search whose path it returns when `KEEP`
/// (and it fills the whole table).
fn resumed<C, const KEEP: bool>(
    n: usize,
    m: usize,
    band: &Band,
    beam: f64,
    cost: &C,
    previous: Option<Filled>,
) -> (Vec<Step>, Filled, usize)
where
    C: Costing,
{
    let previous = previous.filter(|p| p.beam.to_bits() == beam.to_bits());
    let from = previous.as_ref().map_or(0, |p| p.first_changed_row(band));
    let filled = fill::<C, KEEP>(n, band, beam, cost, previous, from);
    if beam < EXACT
        && band.contains(n, m)
        && filled.back[filled.index(n, m)] == NO_SHAPE
        && (n, m) != (0, 0)
    {
        return resumed::<C, KEEP>(n, m, band, EXACT, cost, None);
    }
    (trace(n, m, band, &filled), filled, from)
}

/// The dynamic programme's table over `band`, rows `from` on filled (the rows before taken
/// from `previous`, whose band has the same rows up to `from`). With `KEEP`, a table filled
/// whole keeps the two-sided links it costs in full: those with a finite cost.
fn fill<C, const KEEP: bool>(
    n: usize,
    band: &Band,
    beam: f64,
    cost: &C,
    previous: Option<Filled>,
    from: usize,
) -> Filled
where
    C: Costing,
{
    let mut offsets = Vec::with_capacity(n + 2);
    let mut total = 0usize;
    for i in 0..=n {
        offsets.push(total);
        total += band.hi[i] - band.lo[i] + 1;
    }
    offsets.push(total);
    let index = |i: usize, j: usize| offsets[i] + (j - band.lo[i]);
    let from = from.min(n + 1);
    let mut best = vec![f64::INFINITY; total];
    let mut back = vec![NO_SHAPE; total];
    let mut kept = (KEEP && from == 0)
        .then(|| LinkCosts::over_rows(&band.lo, &offsets))
        .flatten();
    best[index(0, 0)] = 0.0;
    if let Some(p) = previous.filter(|_| from > 0) {
        let kept = offsets[from];
        best[..kept].copy_from_slice(&p.best[..kept]);
        back[..kept].copy_from_slice(&p.back[..kept]);
    }
    // The rows the shapes reach back to, i − MAX_LINK_SIDE ..= i: where each starts in `best`,
    // and its columns, read once per row rather than once per cell and shape.
    const REACH: usize = super::params::MAX_LINK_SIDE + 1;
    for i in from..=n {
        let rows: [(usize, usize, usize); REACH] =
            std::array::from_fn(|a| match i.checked_sub(a) {
                Some(r) => (offsets[r], band.lo[r], band.hi[r]),
                None => (0, 1, 0),
            });
        for j in band.lo[i]..=band.hi[i] {
            if KEEP {
                if let Some(kept) = kept.as_mut() {
                    kept.open_cell();
                }
            }
            if i == 0 && j == 0 {
                continue;
            }
            let mut cell_best = f64::INFINITY;
            let mut cell_shape = NO_SHAPE;
            // Shape by shape, each with its sides' sizes as constants (see `Costing`), in the
            // order of `SHAPES`: the first of equal costs wins.
            macro_rules! shape {
                ($k:literal) => {{
                    const A: usize = SHAPES[$k].0;
                    const B: usize = SHAPES[$k].1;
                    let (base, lo, hi) = rows[A];
                    if let Some(from_j) = j.checked_sub(B) {
                        if from_j >= lo && from_j <= hi {
                            let from = best[base + from_j - lo];
                            if from.is_finite() {
                                let limit = cell_best - from;
                                let link = cost.cost_below(i - A..i, from_j..j, limit);
                                if KEEP && A > 0 && B > 0 && link.is_finite() {
                                    if let Some(kept) = kept.as_mut() {
                                        kept.add($k, link, limit);
                                    }
                                }
                                let c = from + link;
                                if c < cell_best {
                                    cell_best = c;
                                    cell_shape = $k;
                                }
                            }
                        }
                    }
                }};
            }
            each_shape!(shape);
            let at = index(i, j);
            best[at] = cell_best;
            back[at] = cell_shape;
        }
        if beam < EXACT && i < n {
            prune_row(&mut best[offsets[i]..offsets[i + 1]], beam);
        }
    }
    Filled {
        band: band.clone(),
        beam,
        offsets,
        best,
        back,
        costs: kept.unwrap_or_default(),
    }
}

/// The path a filled table holds, from (n, m) back to (0, 0).
fn trace(n: usize, m: usize, band: &Band, filled: &Filled) -> Vec<Step> {
    let Filled { best, back, .. } = filled;
    let index = |i: usize, j: usize| filled.index(i, j);
    if !band.contains(n, m) || back[index(n, m)] == NO_SHAPE && (n, m) != (0, 0) {
        // Cannot happen for bands built here (they are connected by construction); should it,
        // every sentence is left unmatched rather than searching the whole grid.
        return (0..n)
            .map(|i| Step {
                zh: i..i + 1,
                en: 0..0,
                cost: f64::INFINITY,
            })
            .chain((0..m).map(|j| Step {
                zh: n..n,
                en: j..j + 1,
                cost: f64::INFINITY,
            }))
            .collect();
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while (i, j) != (0, 0) {
        let (a, b) = SHAPES[back[index(i, j)] as usize];
        let c = best[index(i, j)] - best[index(i - a, j - b)];
        steps.push(Step {
            zh: i - a..i,
            en: j - b..j,
            cost: c,
        });
        i -= a;
        j -= b;
    }
    steps.reverse();
    steps
}

/// The beam of a finished row (its cells' best costs, in English order): a cell costing more
/// than `beam` above the cheapest cell to its right is marked unreachable, so that no later
/// row starts a link there.
///
/// Why only cells to the right (further along the English) count: a row holds the paths that
/// have used the same Chinese sentences. The path that has skipped a block of English
/// sentences the Chinese lacks has paid for every skip already, while the paths to its left
/// still owe those sentences; compared with the row's cheapest cell it would be pruned after
/// a few skips, compared with cells to its right it is not. Untranslated Chinese blocks run
/// down through rows instead, where what a wrong path saves grows slowly (a wrong 1-1 link
/// costs only a few nats less than a skip).
///
/// A pruned cell never has a kept cell after it in the same row reached from it by an English
/// skip (skips cost something, so that cell costs more, and it sees the same cells to its
/// right), so the path found never runs through a pruned cell.
pub(super) fn prune_row(row: &mut [f64], beam: f64) {
    let mut cheapest_right = f64::INFINITY;
    for cell in row.iter_mut().rev() {
        let cost = *cell;
        if cost > cheapest_right + beam {
            *cell = f64::INFINITY;
        }
        cheapest_right = cheapest_right.min(cost);
    }
}

#[cfg(test)]
#[path = "dp_tests.rs"]
mod tests;
