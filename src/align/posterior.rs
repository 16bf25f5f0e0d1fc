//! How sure the lattice is of each link of the best path: posterior link probabilities by
//! forward–backward, and the margin to the best competing link.
//!
//! The dynamic programme keeps only the cheapest path; a link with a nearly-as-cheap
//! alternative (a 2-1 where a 1-1 and a skip cost as much) looks as good there as one without.
//! Read as a distribution over paths, P(path) ∝ exp(−cost / T), the lattice the final pass
//! searched says more: the probability of a link is the sum over the paths through it against
//! the sum over all paths (the forward–backward algorithm, Rabiner 1989; for bitext, the
//! link posteriors of Brown et al. 1991 and of Vecalign's / Bertalign's confidence-free DP
//! taken the probabilistic way). All of it in log space (costs in nats), inside the band.
//!
//! The costs are those of the final pass, asked for with a limit as the search does: a link
//! whose way into a cell costs more than `PRUNE_NATS × T` above the best way found so far adds
//! less than e^−PRUNE_NATS of that cell's sum and is not costed in full. They are costed once,
//! on the way forward, and kept for the way back; a link the final search costed in full with a
//! limit no higher is not costed again (the search hands those costs over, see [`LinkCosts`]).
//! A long document's lattice is cut where the final search was cut (corners the path passes
//! through), and the pieces run in parallel.

use super::costing::{each_shape, Costing, LinkCosts, Shifted};
use super::dp::{prune_row, Band, Step};
use super::params::{MAX_LINK_SIDE, SHAPES};
use rayon::prelude::*;

/// A way into a cell costing this many temperatures above the best is left out of its sum
/// (it would add under e^−20 ≈ 2e-9 of it).
/// A way into a cell costing this many temperatures above the best way found so far is left
/// out of its sum (it would add under e^−5 ≈ 0.7% of it); a cell this many temperatures above a
/// cell further along the English in its row starts no link (the search's beam, see
/// `dp::prune_row`). Measured on MAC-Dev and the Bible against 20: the calibrated score's
/// AUROC and ECE move by under 0.003, and the lattice costs a third as much.
const PRUNE_NATS: f64 = 5.0;

/// The lattice holds the cells within this many sentences of the final path that are inside
/// the band the final pass searched (`PATH_BAND` = 6 around the previous path, or more): the
/// competitors of a link lie next to it. Against the whole band: the same AUROC and ECE to
/// 0.002 on MAC-Dev and the Bible, at half the cost.
const POSTERIOR_BAND: usize = 2;

/// The margin given to a link no other link competes with (in nats); also the most any margin
/// is said to be, since alternatives dearer than the pruning bound are not costed.
pub const MARGIN_CAP: f64 = 20.0;

/// What the lattice says about one link of the best path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkPosterior {
    /// The paths through the link against all paths, P(path) ∝ exp(−cost / T).
    pub posterior: f64,
    /// How much dearer (nats) the best path is that uses, instead of this link, another one
    /// starting or ending where it does; [`MARGIN_CAP`] at most.
    pub margin: f64,
}

/// The posterior and margin of every link of `path`, the best path through `band` (n × m
/// sentences) under `cost(zh, en, limit)` (which may return infinity for a link costing at
/// least `limit`, as [`super::dp::best_path_bounded`]'s cost does). `cuts` are the corners the
/// final search was cut at; those the path goes through cut the lattice too. `known` are the
/// links the final search costed under the same `cost` (empty if none): the lattice takes
/// their costs where `cost` would return them.
#[allow(clippy::too_many_arguments)]
pub fn path_posteriors<C>(
    n: usize,
    m: usize,
    band: &Band,
    cuts: &[(usize, usize)],
    path: &[Step],
    temperature: f64,
    cost: &C,
    known: &LinkCosts,
) -> Vec<LinkPosterior>
where
    C: Costing + Sync,
{
    // Where each link of the path ends, and which of the cuts lie on it.
    let ends: Vec<(usize, usize)> = path.iter().map(|s| (s.zh.end, s.en.end)).collect();
    let mut corners = vec![(0, 0)];
    for &c in cuts {
        let &(pi, pj) = corners.last().expect("starts with the origin");
        if c.0 > pi && c.1 > pj && c.0 < n && c.1 < m && ends.binary_search(&c).is_ok() {
            corners.push(c);
        }
    }
    corners.push((n, m));
    let lattice_band = Band::along(path, n, m, POSTERIOR_BAND);
    let pieces: Vec<Vec<LinkPosterior>> = corners
        .par_windows(2)
        .map(|w| {
            let ((i0, j0), (i1, j1)) = (w[0], w[1]);
            let steps: Vec<Step> = path
                .iter()
                .filter(|s| s.zh.start >= i0 && s.en.start >= j0)
                .filter(|s| s.zh.end <= i1 && s.en.end <= j1)
                .map(|s| Step {
                    zh: s.zh.start - i0..s.zh.end - i0,
                    en: s.en.start - j0..s.en.end - j0,
                    cost: s.cost,
                })
                .collect();
            let rows = inside(
                &lattice_band.slice((i0, j0), (i1, j1)),
                &band.slice((i0, j0), (i1, j1)),
                i1 - i0,
            );
            let shifted = Shifted { cost, i0, j0 };
            let lattice = Lattice::new(i1 - i0, j1 - j0, rows, temperature, &shifted, known);
            steps.iter().map(|s| lattice.of_link(s)).collect()
        })
        .collect();
    pieces.concat()
}

/// The rows of `near` (cells near the path) that are inside `band` (the cells the search
/// had); a row they do not share (which the path's bands never give) keeps `near`'s.
fn inside(near: &Band, band: &Band, n: usize) -> Vec<(usize, usize)> {
    (0..=n)
        .map(|i| {
            let ((a, b), (c, d)) = (near.row(i), band.row(i));
            if a.max(c) <= b.min(d) {
                (a.max(c), b.min(d))
            } else {
                (a, b)
            }
        })
        .collect()
}

/// The forward and backward sums (−T·ln Σ exp(−cost/T)) and minima of a band's cells, with
/// every link's cost as costed on the way forward.
struct Lattice {
    offsets: Vec<usize>,
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Per cell and shape: the cost of the link of that shape ending at the cell.
    costs: Vec<f64>,
    forward: Vec<f64>,
    forward_min: Vec<f64>,
    backward: Vec<f64>,
    backward_min: Vec<f64>,
    temperature: f64,
}

const NSHAPES: usize = SHAPES.len();

/// The rows a cell's links reach: itself and `MAX_LINK_SIDE` more.
const REACH: usize = MAX_LINK_SIDE + 1;

/// A row of the lattice: where it starts in the cell arrays, its first and last column.
type Row = (usize, usize, usize);

/// Terms of a soft minimum this many temperatures above its best add under e^−30 of it.
const SOFT_MIN_REACH: f64 = 30.0;

/// −T·ln Σ exp(−c/T) over `costs` (infinite ones add nothing).
fn soft_min(costs: &[f64], t: f64) -> f64 {
    let best = costs.iter().copied().fold(f64::INFINITY, f64::min);
    if !best.is_finite() {
        return f64::INFINITY;
    }
    // The best term is 1; terms far above it (or infinite) add nothing worth an exp.
    let mut sum = 1.0;
    let mut best_seen = false;
    for &c in costs {
        let d = c - best;
        if d == 0.0 && !best_seen {
            best_seen = true;
        } else if d < SOFT_MIN_REACH * t {
            sum += (-d / t).exp();
        }
    }
    if sum == 1.0 {
        best
    } else {
        best - t * sum.ln()
    }
}

impl Lattice {
    /// The lattice over `rows` of the grid from the corner `cost` reads from on (`known` is in
    /// the document's coordinates).
    fn new<C>(
        n: usize,
        m: usize,
        rows: Vec<(usize, usize)>,
        temperature: f64,
        cost: &Shifted<C>,
        known: &LinkCosts,
    ) -> Lattice
    where
        C: Costing,
    {
        let (lo, hi): (Vec<usize>, Vec<usize>) = rows.into_iter().unzip();
        let mut offsets = Vec::with_capacity(n + 2);
        let mut total = 0;
        for i in 0..=n {
            offsets.push(total);
            total += hi[i] - lo[i] + 1;
        }
        offsets.push(total);
        let mut lattice = Lattice {
            offsets,
            lo,
            hi,
            costs: vec![f64::INFINITY; total * NSHAPES],
            forward: vec![f64::INFINITY; total],
            forward_min: vec![f64::INFINITY; total],
            backward: vec![f64::INFINITY; total],
            backward_min: vec![f64::INFINITY; total],
            temperature,
        };
        lattice.run_forward(n, cost, known);
        lattice.run_backward(n, m);
        lattice
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        (i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i])
            .then(|| self.offsets[i] + j - self.lo[i])
    }

    /// Where row `r` starts in the cell arrays, and its columns; a row outside 0..=n (none
    /// there) holds no column (`lo` > `hi`).
    fn row_at(&self, r: Option<usize>) -> Row {
        match r.filter(|&r| r < self.lo.len()) {
            Some(r) => (self.offsets[r], self.lo[r], self.hi[r]),
            None => (0, 1, 0),
        }
    }

    // The last shape's update of the best way in is not read: the shapes are written out.
    #[allow(unused_assignments)]
    fn run_forward<C>(&mut self, n: usize, cost: &Shifted<C>, known: &LinkCosts)
    where
        C: Costing,
    {
        let t = self.temperature;
        self.forward[0] = 0.0;
        self.forward_min[0] = 0.0;
        // The finite ways into a cell, in shape order (the soft minimum sums them in order).
        let mut totals = [0.0; NSHAPES];
        for i in 0..=n {
            // The rows the shapes reach back to, i − MAX_LINK_SIDE ..= i, read once per row
            // rather than once per cell and shape.
            let rows: [Row; REACH] = std::array::from_fn(|a| self.row_at(i.checked_sub(a)));
            for j in self.lo[i]..=self.hi[i] {
                if i == 0 && j == 0 {
                    continue;
                }
                let at = self.offsets[i] + j - self.lo[i];
                let (mut best, mut best_min) = (f64::INFINITY, f64::INFINITY);
                let mut ways = 0;
                let searched = known.cell(i + cost.i0, j + cost.j0);
                // Shape by shape, each with its sides' sizes as constants (see `Costing`).
                macro_rules! shape {
                    ($k:literal) => {{
                        const A: usize = SHAPES[$k].0;
                        const B: usize = SHAPES[$k].1;
                        let (base, lo, hi) = rows[A];
                        if let Some(fj) = j.checked_sub(B).filter(|&fj| fj >= lo && fj <= hi) {
                            let from = base + fj - lo;
                            let f = self.forward[from];
                            if f.is_finite() {
                                let limit = best + PRUNE_NATS * t - f;
                                let reused = if A > 0 && B > 0 {
                                    known.cost(searched, $k, limit)
                                } else {
                                    None
                                };
                                let c = match reused {
                                    Some(c) => {
                                        debug_assert_eq!(
                                            c.to_bits(),
                                            cost.cost_below(i - A..i, fj..j, limit).to_bits(),
                                            "a cost handed over is what the costing returns"
                                        );
                                        c
                                    }
                                    None => cost.cost_below(i - A..i, fj..j, limit),
                                };
                                self.costs[at * NSHAPES + $k] = c;
                                if c.is_finite() {
                                    totals[ways] = f + c;
                                    ways += 1;
                                    best = best.min(f + c);
                                    best_min = best_min.min(self.forward_min[from] + c);
                                }
                            }
                        }
                    }};
                }
                each_shape!(shape);
                self.forward[at] = soft_min(&totals[..ways], t);
                self.forward_min[at] = best_min;
            }
            if i < n {
                prune_row(
                    &mut self.forward[self.offsets[i]..self.offsets[i + 1]],
                    PRUNE_NATS * t,
                );
            }
        }
    }

    fn run_backward(&mut self, n: usize, m: usize) {
        let t = self.temperature;
        let Some(last) = self.index(n, m) else {
            return;
        };
        self.backward[last] = 0.0;
        self.backward_min[last] = 0.0;
        let mut totals = [0.0; NSHAPES];
        for i in (0..=n).rev() {
            // The rows the shapes reach forward to, i ..= i + MAX_LINK_SIDE.
            let rows: [Row; REACH] = std::array::from_fn(|a| self.row_at(Some(i + a)));
            for j in (self.lo[i]..=self.hi[i]).rev() {
                if (i, j) == (n, m) {
                    continue;
                }
                let at = self.offsets[i] + j - self.lo[i];
                let mut best_min = f64::INFINITY;
                let mut ways = 0;
                macro_rules! shape {
                    ($k:literal) => {{
                        const A: usize = SHAPES[$k].0;
                        const B: usize = SHAPES[$k].1;
                        let (base, lo, hi) = rows[A];
                        let tj = j + B;
                        if tj >= lo && tj <= hi {
                            let to = base + tj - lo;
                            let c = self.costs[to * NSHAPES + $k];
                            if c.is_finite() && self.backward[to].is_finite() {
                                totals[ways] = c + self.backward[to];
                                ways += 1;
                                best_min = best_min.min(c + self.backward_min[to]);
                            }
                        }
                    }};
                }
                each_shape!(shape);
                self.backward[at] = soft_min(&totals[..ways], t);
                self.backward_min[at] = best_min;
            }
        }
    }

    /// The posterior and margin of one link of the best path.
    fn of_link(&self, s: &Step) -> LinkPosterior {
        let shape = SHAPES.iter().position(|&sh| sh == (s.zh.len(), s.en.len()));
        let (Some(start), Some(end), Some(shape)) = (
            self.index(s.zh.start, s.en.start),
            self.index(s.zh.end, s.en.end),
            shape,
        ) else {
            return LinkPosterior {
                posterior: 0.0,
                margin: 0.0,
            };
        };
        // (n, m) is the last cell of the last row.
        let total = self.forward[self.forward.len() - 1];
        let stored = self.costs[end * NSHAPES + shape];
        let c = if stored.is_finite() { stored } else { s.cost };
        let through = self.forward[start] + c + self.backward[end];
        let posterior = (-(through - total) / self.temperature).exp();
        let best = self.forward_min[self.forward_min.len() - 1];
        let mut rival = f64::INFINITY;
        for (k, &(a, b)) in SHAPES.iter().enumerate() {
            if k == shape {
                continue;
            }
            // Another link out of the same corner…
            if let Some(to) = self.index(s.zh.start + a, s.en.start + b) {
                let c = self.costs[to * NSHAPES + k];
                rival = rival.min(self.forward_min[start] + c + self.backward_min[to]);
            }
            // …or into the same corner.
            if let (Some(fi), Some(fj)) = (s.zh.end.checked_sub(a), s.en.end.checked_sub(b)) {
                if let Some(from) = self.index(fi, fj) {
                    let c = self.costs[end * NSHAPES + k];
                    rival = rival.min(self.forward_min[from] + c + self.backward_min[end]);
                }
            }
        }
        LinkPosterior {
            posterior: if posterior.is_finite() {
                posterior.clamp(0.0, 1.0)
            } else {
                0.0
            },
            margin: (rival - best).clamp(0.0, MARGIN_CAP),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::dp::best_path;
    use std::ops::Range;

    /// Chinese 3 has no counterpart; the other Chinese i translates English i (i − 1 after
    /// 3), each such 1-1 costing 1. Chinese 2 and 3 may also be joined to English 2 as a 2-1
    /// costing `merge`; a skip costs 5.6 and anything else 20.
    fn cost(merge: f64) -> impl Fn(Range<usize>, Range<usize>, f64) -> f64 + Sync {
        let counterpart = |i: usize| if i < 3 { Some(i) } else { i.checked_sub(1) };
        move |z: Range<usize>, e: Range<usize>, _| match (z.len(), e.len()) {
            (1, 1) if z.start != 3 && counterpart(z.start) == Some(e.start) => 1.0,
            (2, 1) if z.start == 2 && e.start == 2 => merge,
            (0, 1) | (1, 0) => 5.6,
            _ => 20.0,
        }
    }

    fn posteriors(merge: f64) -> (Vec<Step>, Vec<LinkPosterior>) {
        let band = Band::full(6, 5);
        let c = cost(merge);
        let path = best_path(6, 5, &band, |z, e| c(z, e, f64::INFINITY));
        let p = path_posteriors(6, 5, &band, &[], &path, 1.0, &c, &LinkCosts::default());
        (path, p)
    }

    #[test]
    fn the_costs_a_search_hands_over_give_the_same_posteriors_bit_for_bit() {
        use crate::align::dp::best_path_segmented;
        use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        // Links cost by how far they stray from the diagonal, their size and a pattern over
        // their corner (so that a cost read for the wrong link shows); like the scorer, the
        // costing gives up with infinity on a link costing its limit or more.
        let asked = AtomicUsize::new(0);
        let cost = |z: Range<usize>, e: Range<usize>, limit: f64| {
            asked.fetch_add(1, Relaxed);
            let c = if z.is_empty() || e.is_empty() {
                5.6
            } else {
                let stray = (z.start as f64 * 1.2 - e.start as f64).abs();
                let pattern = ((z.start * 7 + e.start * 3 + z.len()) % 5) as f64;
                0.4 * stray + 0.6 * (z.len() + e.len()) as f64 + 0.3 * pattern
            };
            if c < limit {
                c
            } else {
                f64::INFINITY
            }
        };
        let (n, m) = (30, 36);
        let band = Band::diagonal(n, m, 5);
        // Cut into segments, as a long document's search is.
        let cuts = [(15, 18)];
        let (path, known) = best_path_segmented(n, m, &band, &cuts, 8.0, &cost, true);
        // The path's links were costed in full, in either segment: the table holds their costs
        // where they end in the document.
        for s in path.iter().filter(|s| !s.zh.is_empty() && !s.en.is_empty()) {
            let k = SHAPES.iter().position(|&sh| sh == (s.zh.len(), s.en.len()));
            let kept = known.cost(known.cell(s.zh.end, s.en.end), k.unwrap(), f64::INFINITY);
            assert_eq!(kept, Some(cost(s.zh.clone(), s.en.clone(), f64::INFINITY)));
        }
        let posteriors = |known: &LinkCosts| {
            asked.store(0, Relaxed);
            let p = path_posteriors(n, m, &band, &cuts, &path, 3.0, &cost, known);
            let bits: Vec<(u64, u64)> = p
                .iter()
                .map(|l| (l.posterior.to_bits(), l.margin.to_bits()))
                .collect();
            (bits, asked.load(Relaxed))
        };
        let (alone, asked_alone) = posteriors(&LinkCosts::default());
        let (reusing, asked_reusing) = posteriors(&known);
        assert_eq!(alone, reusing);
        // (A debug build asks again for every cost it takes, to check it.)
        if !cfg!(debug_assertions) {
            assert!(asked_reusing < asked_alone, "{asked_reusing} {asked_alone}");
        }
    }

    #[test]
    fn a_link_with_no_rival_is_sure_and_one_with_a_close_rival_is_not() {
        // 1-1 then a skip of Chinese 3 (1 + 5.6) against the 2-1 at 7: close, neither sure.
        let (path, close) = posteriors(7.0);
        assert_eq!(path.len(), 6);
        assert!(
            close[0].posterior > 0.99 && close[0].margin > 5.0,
            "{close:?}"
        );
        assert!(
            close[2].posterior < 0.9 && close[2].margin < 1.0,
            "{close:?}"
        );
        // A cheap 2-1 (2 against 6.6): sure.
        let (path, clear) = posteriors(2.0);
        assert_eq!((path[2].zh.clone(), path[2].en.clone()), (2..4, 2..3));
        assert!(
            clear[2].posterior > 0.98 && clear[2].margin > 4.0,
            "{clear:?}"
        );
        assert!(clear.iter().all(|p| (0.0..=1.0).contains(&p.posterior)));
    }
}
