//! The cost of one candidate link: length (Gale–Church), anchors, paragraph hints.
//!
//! Costs are negative log-probabilities: lower is better, and the dynamic programme adds them
//! along a path. The confidence written to the TSV is derived from the same cost (see
//! [`confidence`]), so users filter on exactly what the aligner believed.

mod priors;

use super::costing::Costing;
use super::features::{Features, Mark, Totals, PUNCT_CLASSES, PUNCT_LANES};
use super::lexical::Lexical;
use super::params::{
    HEADING_MISMATCH_COST, LATIN_MATCH_BONUS, LATIN_MISS_COST, LATIN_PER_HAN,
    LENGTH_VARIANCE_PRIOR, LEXICAL_SCALE, MAX_ANCHOR_BONUS, NUMBER_MATCH_BONUS, NUMBER_MISS_COST,
    PARAGRAPH_MISMATCH_COST, PUNCT_MATCH_BONUS, PUNCT_MISS_COST, QUOTE_BALANCE_COST,
    SCORE_MIDPOINT, SCORE_SCALE, SKIP_EXTRA_COST,
};
use super::Evidence;
pub use priors::{open_alike, ClauseModel, ShapePriors, UtteranceModel};
use std::ops::Range;

/// The length model of one document: English characters per Chinese unit, and the variance.
#[derive(Debug, Clone, Copy)]
pub struct LengthModel {
    pub ratio: f64,
    pub variance: f64,
}

impl LengthModel {
    /// The ratio estimated from the whole document (total English over total Chinese length),
    /// as Gale and Church did for each text; the variance from the prior.
    pub fn from_totals(zh: &[Features], en: &[Features]) -> LengthModel {
        let lz: f64 = zh.iter().map(|f| f.len).sum();
        let le: f64 = en.iter().map(|f| f.len).sum();
        let ratio = if lz > 0.0 && le > 0.0 {
            le / lz
        } else {
            LATIN_PER_HAN
        };
        LengthModel {
            ratio,
            variance: LENGTH_VARIANCE_PRIOR,
        }
    }

    /// Gale–Church's δ: how many standard deviations the English length lies from the length
    /// the Chinese predicts. The standard deviation grows with the square root of the (mean)
    /// length, as in Gale & Church (1993), eq. 1.
    pub fn delta(&self, zh_len: f64, en_len: f64) -> f64 {
        let (difference, scale) = self.delta_parts(zh_len, en_len);
        difference / scale.sqrt()
    }

    /// δ as (difference, variance): δ = difference / √variance. Comparing δ² through these
    /// needs neither the square root nor a division.
    pub fn delta_parts(&self, zh_len: f64, en_len: f64) -> (f64, f64) {
        let expected = self.ratio * zh_len;
        let mean = ((expected + en_len) / 2.0).max(1.0);
        (en_len - expected, self.variance * mean)
    }

    /// −log P(|δ| this large), the two-tailed probability under a standard normal.
    pub fn cost(&self, zh_len: f64, en_len: f64) -> f64 {
        length_cost(self.delta(zh_len, en_len).abs())
    }
}

/// Steps per unit of |δ| in the table of [`length_cost`], and how far it goes.
const LENGTH_TABLE_STEPS: f64 = 128.0;
const LENGTH_TABLE_END: f64 = 16.0;
/// Entries of the table: one per step from 0 to the end, both included.
const LENGTH_TABLE_LEN: usize = (LENGTH_TABLE_END * LENGTH_TABLE_STEPS) as usize + 1;

/// [`neg_log_two_tailed`] read off a table, linearly interpolated: the dynamic programme needs it
/// for most candidate links, and the exact form costs two divisions and a logarithm. The
/// function's second derivative stays below 1, so the error is under (1/128)²/8 ≈ 8e-6 nats
/// (checked by a test); past |δ| = 16 the exact form is used. The table has a fixed size so
/// that its bounds are constants, and the step is read as a u32 (the range is checked first).
#[inline(always)]
pub fn length_cost(z: f64) -> f64 {
    static TABLE: std::sync::OnceLock<[f64; LENGTH_TABLE_LEN]> = std::sync::OnceLock::new();
    let table = TABLE
        .get_or_init(|| std::array::from_fn(|k| neg_log_two_tailed(k as f64 / LENGTH_TABLE_STEPS)));
    let at = z * LENGTH_TABLE_STEPS;
    if at >= 0.0 && at < (LENGTH_TABLE_LEN - 1) as f64 {
        let k = at as u32;
        let frac = at - f64::from(k);
        let k = k as usize;
        if let (Some(a), Some(b)) = (table.get(k), table.get(k + 1)) {
            return a + frac * (b - a);
        }
    }
    far_length_cost(z)
}

/// [`length_cost`] past the table (or of NaN): rare, kept out of the costings' code.
#[cold]
#[inline(never)]
fn far_length_cost(z: f64) -> f64 {
    neg_log_two_tailed(z)
}

/// −ln(2·(1 − Φ(z))) = −ln erfc(z/√2), computed in log space so that large z stays finite.
/// erfc by the Chebyshev fit of Numerical Recipes (erfcc, fractional error < 1.2e-7).
pub fn neg_log_two_tailed(z: f64) -> f64 {
    let x = z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398
                                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    -(t.ln() - x * x + poly)
}

/// Scores candidate links of one document.
pub struct LinkScorer<'a> {
    pub zh: &'a [Features],
    pub en: &'a [Features],
    pub zh_totals: &'a Totals,
    pub en_totals: &'a Totals,
    pub length: LengthModel,
    pub lexical: Option<&'a Lexical>,
    pub evidence: Evidence,
    pub priors: ShapePriors,
    pub utterances: UtteranceModel,
    pub clauses: ClauseModel,
}

/// A punctuation class's term in [`anchor_bonus`] by its matched and unmatched marks (each
/// counted up to two), at `3 · matched + missed`, read off inside the dynamic programme. Padded
/// to sixteen entries (never read past the ninth) so that a cell masked to four bits needs no
/// bounds check.
const PUNCT_TERMS: [f64; 16] = {
    let mut terms = [0.0; 16];
    let mut matched = 0;
    while matched < 3 {
        let mut missed = 0;
        while missed < 3 {
            terms[3 * matched + missed] =
                PUNCT_MATCH_BONUS * matched as f64 - PUNCT_MISS_COST * missed as f64;
            missed += 1;
        }
        matched += 1;
    }
    terms
};

/// Where each punctuation class's term of a link lies in [`PUNCT_TERMS`], for all lanes at
/// once (written lane by lane over sixteen-bit counts so that the compiler makes it a few
/// vector operations; the padding lanes come out 0 and are not read). Out of line: inlined,
/// the compiler drops the lanes not read and splits the rest into narrower, dearer pieces.
#[inline(never)]
fn punct_cells((zs, ze): Ends, (es, ee): Ends) -> [u16; PUNCT_LANES] {
    let mut cells = [0u16; PUNCT_LANES];
    for (k, cell) in cells.iter_mut().enumerate() {
        let cz = ze.punct[k].wrapping_sub(zs.punct[k]);
        let ce = ee.punct[k].wrapping_sub(es.punct[k]);
        *cell = 3 * cz.min(ce).min(2) + cz.abs_diff(ce).min(2);
    }
    cells
}

/// The marks at the start and at the end of one side of a link.
type Ends<'t> = (&'t Mark, &'t Mark);

/// Anchor evidence, positive when the two sides share numbers, Latin tokens and punctuation.
#[inline(always)]
fn anchor_bonus(
    s: &LinkScorer,
    zh: &Range<usize>,
    en: &Range<usize>,
    (zs, ze): Ends,
    (es, ee): Ends,
) -> f64 {
    let mut bonus = 0.0;
    let (zn, zl) = (ze.numbers - zs.numbers, ze.latin - zs.latin);
    let (en_numbers, el) = (ee.numbers - es.numbers, ee.latin - es.latin);
    if zn + zl + en_numbers + el > 0 {
        bonus += token_bonus(s, zh, en, (zn, zl), (en_numbers, el));
    }
    let cells = punct_cells((zs, ze), (es, ee));
    for &cell in &cells[..PUNCT_CLASSES] {
        bonus += PUNCT_TERMS[usize::from(cell) & 15];
    }
    let (qz, qe) = (ze.quote - zs.quote, ee.quote - es.quote);
    bonus -= QUOTE_BALANCE_COST * qz.abs_diff(qe).min(2) as f64;
    bonus.clamp(-MAX_ANCHOR_BONUS, MAX_ANCHOR_BONUS)
}

/// The numbers' and Latin tokens' share of [`anchor_bonus`], given how many of each either
/// side holds (kept out of the costings' code: most links hold none).
#[inline(never)]
fn token_bonus(
    s: &LinkScorer,
    zh: &Range<usize>,
    en: &Range<usize>,
    (zn, zl): (u32, u32),
    (en_numbers, el): (u32, u32),
) -> f64 {
    let (z, e) = (&s.zh[zh.clone()], &s.en[en.clone()]);
    // A kind one side lacks matches nothing: its items are all misses.
    let (nm, nmiss) = if zn == 0 || en_numbers == 0 {
        (0, (zn + en_numbers) as usize)
    } else {
        overlap(z, e, |f| f.numbers.as_slice())
    };
    let (lm, lmiss) = if zl == 0 || el == 0 {
        (0, (zl + el) as usize)
    } else {
        overlap(z, e, |f| f.latin.as_slice())
    };
    NUMBER_MATCH_BONUS * nm as f64 - NUMBER_MISS_COST * nmiss as f64 + LATIN_MATCH_BONUS * lm as f64
        - LATIN_MISS_COST * lmiss as f64
}

/// Matched and unmatched items between two multisets: the sorted lists `field` gives for each
/// sentence of either side, pooled per side.
fn overlap<T: Ord + Copy + Default>(
    zh: &[Features],
    en: &[Features],
    field: impl Fn(&Features) -> &[T],
) -> (usize, usize) {
    let na: usize = zh.iter().map(|f| field(f).len()).sum();
    let nb: usize = en.iter().map(|f| field(f).len()).sum();
    // Most sentences hold no number and no Latin token: nothing to pool or sort.
    if na == 0 || nb == 0 {
        return (0, na + nb);
    }
    let matched = if zh.len() == 1 && en.len() == 1 {
        sorted_matches(field(&zh[0]), field(&en[0]))
    } else if na <= FEW && nb <= FEW {
        few_matches(zh, en, &field)
    } else if na <= POOL && nb <= POOL {
        // Pooled on the stack: this runs inside the dynamic programme.
        let (mut a, mut b) = ([T::default(); POOL], [T::default(); POOL]);
        let (a, b) = (pool(zh, &field, &mut a), pool(en, &field, &mut b));
        sorted_matches(a, b)
    } else {
        let mut a: Vec<T> = zh.iter().flat_map(|f| field(f).iter().copied()).collect();
        let mut b: Vec<T> = en.iter().flat_map(|f| field(f).iter().copied()).collect();
        a.sort_unstable();
        b.sort_unstable();
        sorted_matches(&a, &b)
    };
    (matched, na + nb - 2 * matched)
}

/// Items a link's side pools on the stack; more go to the heap.
const POOL: usize = 32;

/// Items per side that [`few_matches`] pairs one by one rather than pooling and sorting.
const FEW: usize = 8;

/// Size of the multiset intersection of the items of two sides with few items each: each
/// item of the first side takes the first equal item of the second not taken yet (equal
/// items are interchangeable, so this pairs as many as sorting would).
fn few_matches<T: Ord>(
    zh: &[Features],
    en: &[Features],
    field: &impl Fn(&Features) -> &[T],
) -> usize {
    let mut taken = 0u64;
    let mut matched = 0;
    for x in zh.iter().flat_map(field) {
        let mut k = 0;
        'find: for f in en {
            for y in field(f) {
                if taken & (1 << k) == 0 && y == x {
                    taken |= 1 << k;
                    matched += 1;
                    break 'find;
                }
                k += 1;
            }
        }
    }
    matched
}

/// The items of a side's sentences, copied into `buffer` and sorted.
fn pool<'b, T: Ord + Copy>(
    side: &[Features],
    field: &impl Fn(&Features) -> &[T],
    buffer: &'b mut [T; POOL],
) -> &'b [T] {
    let mut n = 0;
    for f in side {
        for &x in field(f) {
            buffer[n] = x;
            n += 1;
        }
    }
    buffer[..n].sort_unstable();
    &buffer[..n]
}

/// Size of the multiset intersection of two sorted lists.
fn sorted_matches<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut matched) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                matched += 1;
                i += 1;
                j += 1;
            }
        }
    }
    matched
}

/// Paragraph boundaries a link disagrees with: it starts a paragraph on one side only, or it
/// runs across a paragraph boundary on either side.
fn paragraph_mismatches((zs, ze): Ends, (es, ee): Ends) -> u32 {
    let inner = |s: &Mark, e: &Mark| {
        e.paragraph_starts - s.paragraph_starts - u32::from(s.starts_paragraph)
    };
    u32::from(zs.starts_paragraph != es.starts_paragraph) + inner(zs, ze) + inner(es, ee)
}

/// A heading linked with a sentence that is not one, or merged with other sentences.
fn heading_mismatches(zh: &Range<usize>, en: &Range<usize>, (zs, ze): Ends, (es, ee): Ends) -> u32 {
    let (hz, he) = (ze.headings - zs.headings, ee.headings - es.headings);
    if hz + he == 0 {
        return 0;
    }
    let merged = |h: u32, r: &Range<usize>| u32::from(h > 0 && r.len() > 1);
    u32::from((hz > 0) != (he > 0)) + merged(hz, zh) + merged(he, en)
}

impl LinkScorer<'_> {
    /// The marks at the ends of each side of a two-sided link.
    fn ends(&self, zh: &Range<usize>, en: &Range<usize>) -> (Ends<'_>, Ends<'_>) {
        (self.zh_totals.ends(zh), self.en_totals.ends(en))
    }

    /// Cost of the evidence alone (length, anchors, paragraphs, words), without the shape prior.
    pub fn evidence_cost(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        if zh.is_empty() || en.is_empty() {
            return SKIP_EXTRA_COST + self.omission_layout_cost(&zh, &en);
        }
        let ends = self.ends(&zh, &en);
        self.sure_cost(&zh, &en, ends) + self.other_evidence_cost(zh, en, ends)
    }

    /// The evidence cost that is cheap to know exactly: length and utterance boundaries
    /// (which can be negative, so it cannot be bounded away).
    fn sure_cost(&self, zh: &Range<usize>, en: &Range<usize>, ends: (Ends, Ends)) -> f64 {
        let ((zs, ze), (es, ee)) = ends;
        self.length.cost(ze.len - zs.len, ee.len - es.len)
            + self.clause_cost(zh, en, ends)
            + self.utterance_cost(zh, en, ends)
    }

    /// How many sentences the other side makes of a side's one sentence, by its clauses
    /// ([`ClauseModel`]; neutral when `Evidence::paragraphs` is off).
    #[inline(always)]
    fn clause_cost(&self, zh: &Range<usize>, en: &Range<usize>, (z, e): (Ends, Ends)) -> f64 {
        self.clauses
            .cost((zh.len(), en.len()), (z.0.clauses, e.0.clauses))
    }

    /// Utterance boundaries: sentences opening an utterance kept inside the link, whether its
    /// first sentences open one (and how) together, whether its last ones close one, and
    /// whether its first ones open alike (with the word evidence on).
    #[inline(always)]
    fn utterance_cost(&self, zh: &Range<usize>, en: &Range<usize>, (z, e): (Ends, Ends)) -> f64 {
        if !self.evidence.paragraphs {
            return 0.0;
        }
        let u = &self.utterances;
        UtteranceModel::side_cost(&u.zh, zh.len(), z)
            + UtteranceModel::side_cost(&u.en, en.len(), e)
            + u.starts[usize::from(z.0.opening)][usize::from(e.0.opening)]
            + u.ends[usize::from(z.1.closes_before)][usize::from(e.1.closes_before)]
            + self.opener_cost(zh.start, en.start)
    }

    /// Whether the link's first sentences open alike ([`UtteranceModel::open_alike`]).
    #[inline(always)]
    fn opener_cost(&self, i: usize, j: usize) -> f64 {
        match self.lexical {
            Some(l) if open_alike(&l.masks, i, j) => self.utterances.open_alike,
            _ => 0.0,
        }
    }

    /// The evidence cost of a two-sided link beyond its length cost.
    fn other_evidence_cost(&self, zh: Range<usize>, en: Range<usize>, ends: (Ends, Ends)) -> f64 {
        let mut cost = self.structure_cost(&zh, &en, ends);
        if let Some(lexical) = self.lexical {
            cost -= LEXICAL_SCALE * lexical.log_ratio(zh, en);
        }
        cost
    }

    /// Anchors, paragraphs and headings: the evidence read off the running totals.
    #[inline]
    fn structure_cost(&self, zh: &Range<usize>, en: &Range<usize>, (z, e): (Ends, Ends)) -> f64 {
        let mut cost = 0.0;
        if self.evidence.anchors {
            cost -= anchor_bonus(self, zh, en, z, e);
        }
        cost + self.layout_at(zh, en, z, e)
    }

    /// Paragraphs and headings the link disagrees with.
    pub fn layout_cost(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
        let (z, e) = self.ends(zh, en);
        self.layout_at(zh, en, z, e)
    }

    fn layout_at(&self, zh: &Range<usize>, en: &Range<usize>, z: Ends, e: Ends) -> f64 {
        if self.reads_layout() {
            PARAGRAPH_MISMATCH_COST * paragraph_mismatches(z, e) as f64
                + HEADING_MISMATCH_COST * heading_mismatches(zh, en, z, e) as f64
        } else {
            0.0
        }
    }

    /// Whether paragraphs and headings are read: presplit text has neither, nothing to mismatch.
    #[inline(always)]
    fn reads_layout(&self) -> bool {
        self.evidence.paragraphs
            && (self.zh_totals.has_structure() || self.en_totals.has_structure())
    }

    /// An omitted sentence that opens a paragraph on its side, left where the other side is
    /// inside a paragraph, puts a paragraph boundary on one side only, as a two-sided link
    /// starting a paragraph on one side only does, and costs the same. A translator who leaves
    /// out a whole paragraph leaves it out between two of the other side's paragraphs; of two
    /// copies of a repeated paragraph, the one dropped is then the one whose paragraph has no
    /// counterpart, not its neighbour's first sentence (a first-order search sees the omission
    /// only with the position it is left at on the other side).
    #[inline]
    fn omission_layout_cost(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
        if !self.reads_layout() {
            return 0.0;
        }
        let (own, other, at) = if en.is_empty() {
            (&self.zh_totals, &self.en_totals, (zh.start, en.start))
        } else {
            (&self.en_totals, &self.zh_totals, (en.start, zh.start))
        };
        if own.starts_paragraph(at.0) && other.inside_paragraph(at.1) {
            PARAGRAPH_MISMATCH_COST
        } else {
            0.0
        }
    }

    /// The link's score, as written to the TSV: the confidence its evidence gives, and 0 for
    /// an omission.
    pub fn score(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        if zh.is_empty() || en.is_empty() {
            0.0
        } else {
            confidence(self.evidence_cost(zh, en))
        }
    }

    /// The full cost the dynamic programme minimises.
    pub fn cost(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        self.priors.cost(zh.len(), en.len()) + self.evidence_cost(zh, en)
    }

    /// [`LinkScorer::cost`] for a link that matters only if it costs less than `limit`. The
    /// cost is built up from its cheapest parts, and as soon as what is known, less the most
    /// the rest could give back, reaches `limit`, infinity is returned instead: first the
    /// prior, the utterance cost and a lower bound on the length cost (δ²/2, since
    /// erfc(z) ≤ e^(−z²)); then the exact length cost; then anchors and paragraphs; the words,
    /// dearest, last. Each bound is compared with `limit` (the first through a room that grows
    /// with it), and the cost returned does not depend on it: a cost returned for one limit is
    /// returned for any higher one (see [`Costing`]).
    #[inline(always)]
    pub fn cost_below(&self, zh: Range<usize>, en: Range<usize>, limit: f64) -> f64 {
        let prior = self.priors.cost(zh.len(), en.len());
        if zh.is_empty() || en.is_empty() {
            return prior + SKIP_EXTRA_COST + self.omission_layout_cost(&zh, &en);
        }
        let anchors_best = if self.evidence.anchors {
            MAX_ANCHOR_BONUS
        } else {
            0.0
        };
        let words_best = self.lexical.map_or(0.0, |l| {
            LEXICAL_SCALE * l.log_ratio_bound(zh.clone(), en.clone())
        });
        let ends = self.ends(&zh, &en);
        let ((zs, ze), (es, ee)) = ends;
        let fixed = prior + self.clause_cost(&zh, &en, ends) + self.utterance_cost(&zh, &en, ends);
        // δ²/2 ≥ room, i.e. difference² ≥ 2·room·variance.
        let (difference, scale) = self.length.delta_parts(ze.len - zs.len, ee.len - es.len);
        let room = limit - fixed + anchors_best + words_best;
        if difference * difference >= 2.0 * room * scale {
            return f64::INFINITY;
        }
        let sure = fixed + length_cost((difference / scale.sqrt()).abs());
        if sure - anchors_best - words_best >= limit {
            return f64::INFINITY;
        }
        let sure = sure + self.structure_cost(&zh, &en, ends);
        if sure - words_best >= limit {
            return f64::INFINITY;
        }
        match self.lexical {
            Some(lexical) => sure - LEXICAL_SCALE * lexical.log_ratio_inline(zh, en),
            None => sure,
        }
    }
}

impl Costing for LinkScorer<'_> {
    #[inline(always)]
    fn cost_below(&self, zh: Range<usize>, en: Range<usize>, limit: f64) -> f64 {
        LinkScorer::cost_below(self, zh, en, limit)
    }
}

/// The confidence written to the TSV: a logistic over the evidence cost.
pub fn confidence(evidence_cost: f64) -> f64 {
    let s = 1.0 / (1.0 + ((evidence_cost - SCORE_MIDPOINT) / SCORE_SCALE).exp());
    if s.is_finite() {
        s.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests;
