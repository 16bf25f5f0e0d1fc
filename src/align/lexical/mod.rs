//! Lexical evidence: how strongly the words of a link say its two sides translate each other.
//!
//! A naive-Bayes log-likelihood ratio over words. Every Chinese word with possible translations
//! (CC-CEDICT senses, pinyin of names, the document's own learned lexicon) and every English
//! content stem is evidence: finding its translation on the other side of the link is likely if
//! the link is right (p1, the hit rate measured on the document's first pass) and only as likely
//! as chance if it is not (p0, from how many sentences of the document the word finds a
//! translation in — so rare words say more than common ones, with no separate weighting). The
//! sum, scaled down for the words' dependence, is subtracted from the link's cost.
//!
//! Cost: which word of sentence i matches which stem of sentence j is worked out once per
//! sentence pair inside the band, as two 64-bit masks; a candidate link of any shape then only
//! ORs the masks of its sentence pairs and adds per-word gains. No string is touched inside the
//! dynamic programme.
//!
//! `matches.rs` finds which words match (bags, postings, the masks, the chance rates); this
//! file weighs them (the evidence of each sentence, the ratio of a link and its bound).

mod matches;

use super::params::HIT_RATE_MIN_WORDS;
pub use matches::*;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Largest link side the per-size tables cover: the longest side of any shape.
pub const MAX_SIDE: usize = super::params::MAX_LINK_SIDE;

/// One sentence's words as evidence: for each word, how much finding its translation on the
/// other side says, by the size of the other side (the gains, in its side's `Gains`).
#[derive(Debug, Clone, Default)]
pub struct SentenceEvidence {
    /// Where the sentence's words' gains start in its side's [`Gains`].
    at: usize,
    /// The mask bits of its words (bit k: the k-th word of the bag).
    words: u64,
    /// Σ ln((1−p1)/(1−p0)) over the sentence's words: its cost when nothing matches.
    pub base: [f32; MAX_SIDE],
    /// The most the sentence can contribute: every word that could gain, gaining.
    pub best: [f32; MAX_SIDE],
}

/// Turn match counts into per-word evidence. `f` is the share of nearby sentences of the
/// other side where the word finds a translation by chance (p0 for one sentence); `p1` the
/// share of words whose translation their true counterpart holds.
fn evidence(
    shares: &[Option<f32>],
    terms: &mut WordTerms,
) -> (SentenceEvidence, Vec<[f32; MAX_SIDE]>) {
    let mut e = SentenceEvidence {
        at: 0,
        words: u64::MAX
            .checked_shr(64 - shares.len().min(64) as u32)
            .unwrap_or(0),
        base: [0.0; MAX_SIDE],
        best: [0.0; MAX_SIDE],
    };
    let mut gains = Vec::with_capacity(shares.len());
    for share in shares {
        let mut gain = [0.0; MAX_SIDE];
        if let Some(f) = share {
            let (gains, misses) = terms.of(*f);
            gain = gains;
            for (base, miss) in e.base.iter_mut().zip(misses) {
                *base += miss;
            }
        }
        for (b, g) in e.best.iter_mut().zip(&gain) {
            *b += g.max(0.0);
        }
        gains.push(gain);
    }
    for (b, base) in e.best.iter_mut().zip(&e.base) {
        *b += base;
    }
    (e, gains)
}

/// The bits of a word mask: how many entries of [`Gains`] a mask can read from a sentence's start.
const MASK_BITS: usize = 64;

/// A side's word gains: per word (in bag order, sentence after sentence), ln(p1/p0) −
/// ln((1−p1)/(1−p0)) for other sides of 1..=MAX_SIDE sentences, the gain of finding the word's
/// translation. One table with `MASK_BITS` entries of padding at the end, so that the
/// `MASK_BITS` entries from any sentence's start are in it: the words of a mask are then read
/// off with one bounds check per sentence, not one per word (the search reads millions).
#[derive(Debug, Clone, Default)]
struct Gains {
    table: Vec<[f32; MAX_SIDE]>,
}

impl Gains {
    /// The sentences' evidence, each told where its gains start, and the table of them all.
    fn gather(
        sentences: Vec<(SentenceEvidence, Vec<[f32; MAX_SIDE]>)>,
    ) -> (Vec<SentenceEvidence>, Gains) {
        let words: usize = sentences.iter().map(|(_, g)| g.len()).sum();
        let mut table = Vec::with_capacity(words + MASK_BITS);
        let evidence = sentences
            .into_iter()
            .map(|(mut e, gains)| {
                e.at = table.len();
                table.extend(gains);
                e
            })
            .collect();
        table.extend([[0.0; MAX_SIDE]; MASK_BITS]);
        (evidence, Gains { table })
    }
}

/// A word's gain and miss terms for each size of the other side, by its chance share, for one
/// hit rate p1. Shares are counts over the document, so a few hundred values recur across all
/// the words: each is worked out once.
struct WordTerms {
    p1: f32,
    known: FxHashMap<u32, ([f32; MAX_SIDE], [f32; MAX_SIDE])>,
}

impl WordTerms {
    fn new(p1: f32) -> WordTerms {
        WordTerms {
            p1,
            known: FxHashMap::default(),
        }
    }

    fn of(&mut self, f: f32) -> ([f32; MAX_SIDE], [f32; MAX_SIDE]) {
        let p1 = self.p1;
        *self.known.entry(f.to_bits()).or_insert_with(|| {
            let (mut gain, mut misses) = ([0.0; MAX_SIDE], [0.0; MAX_SIDE]);
            for k in 0..MAX_SIDE {
                // Chance of a match somewhere in k+1 sentences, kept off 0 and 1 so that both
                // logarithms below stay finite: with p1 = 0.5, no word's gain or miss term
                // exceeds about 9.2 nats either way, whatever its count.
                let p0 = (1.0 - (1.0 - f).powi(k as i32 + 1)).clamp(P0_MIN, P0_MAX);
                let miss = ((1.0 - p1) / (1.0 - p0)).ln();
                gain[k] = (p1 / p0).ln() - miss;
                misses[k] = miss;
            }
            (gain, misses)
        })
    }
}

/// The sum of the gains (for other sides of side+1 sentences) of the words of sentence `e` in
/// `mask`, in the order of their bits.
#[inline]
fn gained(mask: u64, gains: &Gains, e: &SentenceEvidence, side: usize) -> f32 {
    let window: Option<&[[f32; MAX_SIDE]; MASK_BITS]> = gains
        .table
        .get(e.at..e.at + MASK_BITS)
        .and_then(|w| w.try_into().ok());
    let Some(window) = window else {
        return 0.0;
    };
    let side = side.min(MAX_SIDE - 1);
    // Bits past the sentence's words (none are set) would read the next sentence's.
    let mut m = mask & e.words;
    let mut sum = 0.0;
    while m != 0 {
        sum += window[m.trailing_zeros() as usize % MASK_BITS][side];
        m &= m - 1;
    }
    sum
}

/// Whether every pair `earlier` covers has the same masks in `later`.
fn agree(later: &PairMasks, earlier: &PairMasks) -> bool {
    earlier.rows() <= later.rows()
        && (0..earlier.rows()).all(|i| {
            let (start, cells) = earlier.row(i);
            (start..).zip(cells).all(|(j, &m)| later.get(i, j) == m)
        })
}

/// The lexical model of one document.
pub struct Lexical {
    pub masks: PairMasks,
    /// The hit rates the evidence was worked out for.
    hit_rates: HitRates,
    zh_shares: Shares,
    en_shares: Shares,
    pub zh_evidence: Vec<SentenceEvidence>,
    pub en_evidence: Vec<SentenceEvidence>,
    zh_gains: Gains,
    en_gains: Gains,
    /// Running totals of the sentences' bests, by the size of the other side, so that the
    /// bound on a link's ratio is two subtractions.
    zh_best: [Vec<f64>; MAX_SIDE],
    en_best: [Vec<f64>; MAX_SIDE],
    /// Which words find a translation over the whole grid, when the model is judged over it
    /// whatever band its masks cover (see [`Lexical::over_grid`]); None when it is judged
    /// over the masks' own band.
    grid_near: Option<Near>,
}

/// Running totals of the sentences' best contributions, one list per size of the other side.
fn running_bests(evidence: &[SentenceEvidence]) -> [Vec<f64>; MAX_SIDE] {
    std::array::from_fn(|k| {
        let mut sum = 0.0;
        std::iter::once(0.0)
            .chain(evidence.iter().map(|e| {
                sum += e.best[k] as f64;
                sum
            }))
            .collect()
    })
}

/// Bounds on a word's chance rate p0 (see `WordTerms::of`).
const P0_MIN: f32 = 1e-4;
const P0_MAX: f32 = 0.999;

/// Slack added to the bound from running totals: they are summed in f64 and the ratio in
/// f32, so the bound could otherwise fall short of the ratio by rounding (about 1e-5 here).
const BOUND_SLACK: f64 = 1e-3;

impl Lexical {
    /// Build the model: masks near the band, chance rates from the masks, evidence per word
    /// for hit rates `p1`.
    pub fn new(
        words: &WordBags,
        rates: &DocumentRates,
        window: impl Fn(usize) -> Range<usize>,
        p1: HitRates,
    ) -> Lexical {
        let masks = PairMasks::build(words, &window);
        let shares = masks.near(words.en.len()).chance_shares(words, rates);
        Lexical::with(masks, shares, p1, None)
    }

    /// The model of the whole grid (every sentence pair), with masks worked out only in
    /// `window` (where it will be read): which words count as evidence is judged over the
    /// grid, from the words alone, so that every link inside the window costs exactly what it
    /// does in [`Lexical::new`] over the grid, without the masks of the pairs no search reaches.
    pub fn over_grid(
        words: &WordBags,
        rates: &DocumentRates,
        window: impl Fn(usize) -> Range<usize>,
        p1: HitRates,
    ) -> Lexical {
        let near = Near::whole(words, rates);
        let shares = near.chance_shares(words, rates);
        Lexical::with(PairMasks::build(words, &window), shares, p1, Some(near))
    }

    /// The model from its masks and chance shares, its evidence worked out for `p1`.
    fn with(
        masks: PairMasks,
        (zh_shares, en_shares): (Shares, Shares),
        p1: HitRates,
        grid_near: Option<Near>,
    ) -> Lexical {
        let mut lexical = Lexical {
            masks,
            hit_rates: p1,
            zh_shares,
            en_shares,
            zh_evidence: Vec::new(),
            en_evidence: Vec::new(),
            zh_gains: Gains::default(),
            en_gains: Gains::default(),
            zh_best: Default::default(),
            en_best: Default::default(),
            grid_near,
        };
        lexical.set_hit_rates(p1);
        lexical
    }

    /// For a model judged over the grid ([`Lexical::over_grid`]): its masks worked out again in
    /// a new `window`, nothing else changing. A model judged over its masks' band is left as
    /// it is (it would change with them: build it again with [`Lexical::new`]).
    pub fn remask(&mut self, words: &WordBags, window: impl Fn(usize) -> Range<usize>) {
        if self.grid_near.is_some() {
            let masks = PairMasks::build(words, &window);
            // A pair's masks are worked out from its two sentences alone: the pairs the masks
            // covered before keep theirs (what a search made before read stays so).
            debug_assert!(
                agree(&masks, &self.masks),
                "remasking changes no pair covered"
            );
            self.masks = masks;
        }
    }

    /// The model of a later pass: the same band, words with the senses learned since
    /// (`learned`, as for [`PairMasks::add_senses`]), the chance rates that follow from them
    /// (`rates`, counted with those senses), and the hit rates measured on `links` with them
    /// (see [`Lexical::measure_hit_rates`]), or the same hit rates when the links hold too few
    /// words. The evidence is worked out once, for the rates the model ends with.
    pub fn add_senses(
        &mut self,
        words: &WordBags,
        learned: &[(u32, usize)],
        rates: &DocumentRates,
        links: impl Iterator<Item = (usize, usize)>,
    ) {
        self.masks.add_senses(words, learned);
        (self.zh_shares, self.en_shares) = match &mut self.grid_near {
            Some(near) => {
                near.add_senses(words, learned, rates);
                near.chance_shares(words, rates)
            }
            None => self.masks.near(words.en.len()).chance_shares(words, rates),
        };
        let p1 = self.measure_hit_rates(links).unwrap_or(self.hit_rates);
        self.set_hit_rates(p1);
    }

    /// The hit rates the evidence is worked out for.
    pub fn hit_rates(&self) -> HitRates {
        self.hit_rates
    }

    /// Recompute the evidence for new hit rates (p1) of each side.
    pub fn set_hit_rates(&mut self, p1: HitRates) {
        self.hit_rates = p1;
        // Sentence by sentence in parallel, each thread with its own cache of terms (a term
        // depends on the share and p1 alone, so the cache changes nothing but the time).
        let side = |shares: &Shares, p1: f32| -> (Vec<SentenceEvidence>, Gains) {
            Gains::gather(
                shares
                    .par_iter()
                    .map_init(|| WordTerms::new(p1), |terms, s| evidence(s, terms))
                    .collect(),
            )
        };
        let ((zh, zh_gains), (en, en_gains)) = rayon::join(
            || side(&self.zh_shares, p1.zh),
            || side(&self.en_shares, p1.en),
        );
        (self.zh_best, self.en_best) = (running_bests(&zh), running_bests(&en));
        (self.zh_evidence, self.en_evidence) = (zh, en);
        (self.zh_gains, self.en_gains) = (zh_gains, en_gains);
    }

    /// Log-likelihood ratio of the link being a translation against chance, from the words
    /// each side finds translated on the other (naive Bayes over words).
    pub fn log_ratio(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        self.log_ratio_inline(zh, en)
    }

    /// [`Lexical::log_ratio`], inlined where the search costs a shape's links: with the sides'
    /// sizes known, its loops over them are unrolled.
    #[inline(always)]
    pub fn log_ratio_inline(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        if zh.is_empty() || en.is_empty() {
            return 0.0;
        }
        if en.len() > MAX_SIDE {
            return self.long_log_ratio(zh, en);
        }
        let (nz, ne) = (zh.len().min(MAX_SIDE) - 1, en.len() - 1);
        let mut total = 0f32;
        let mut en_masks = [0u64; MAX_SIDE];
        for i in zh.clone() {
            let mut zm = 0u64;
            let (start, row) = self.masks.row(i);
            for (k, em) in en_masks.iter_mut().enumerate().take(en.len()) {
                // Outside the row nothing matches.
                if let Some(&(a, b)) = row.get((en.start + k).wrapping_sub(start)) {
                    zm |= a;
                    *em |= b;
                }
            }
            let ev = &self.zh_evidence[i];
            total += ev.base[ne] + gained(zm, &self.zh_gains, ev, ne);
        }
        for (k, j) in en.clone().enumerate() {
            let ev = &self.en_evidence[j];
            total += ev.base[nz] + gained(en_masks[k], &self.en_gains, ev, nz);
        }
        total as f64
    }

    /// [`Lexical::log_ratio`] of a link with more English sentences than the search's shapes
    /// hold (refinement makes such links): every English sentence counts, each by its own
    /// words, and a side longer than the per-size tables is read as the longest they have (its
    /// chance rates a little low, so its words' evidence a little strong). The fixed table of
    /// masks inside the search would have dropped the sentences past the `MAX_SIDE`th.
    fn long_log_ratio(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let (nz, ne) = (zh.len().min(MAX_SIDE) - 1, en.len().min(MAX_SIDE) - 1);
        let mut total = 0f32;
        for i in zh.clone() {
            let mask = en.clone().fold(0, |m, j| m | self.masks.get(i, j).0);
            let ev = &self.zh_evidence[i];
            total += ev.base[ne] + gained(mask, &self.zh_gains, ev, ne);
        }
        for j in en {
            let mask = zh.clone().fold(0, |m, i| m | self.masks.get(i, j).1);
            let ev = &self.en_evidence[j];
            total += ev.base[nz] + gained(mask, &self.en_gains, ev, nz);
        }
        total as f64
    }

    /// One Chinese sentence's share of [`Lexical::log_ratio`] in a link whose English side is
    /// `en`: how much its own words, found or not among those English sentences' words, say
    /// that it belongs with them rather than with unrelated ones. Positive when they say so.
    pub fn zh_sentence_ratio(&self, i: usize, en: Range<usize>) -> f64 {
        let ne = en.len().clamp(1, MAX_SIDE) - 1;
        let mask = en.fold(0, |m, j| m | self.masks.get(i, j).0);
        let ev = &self.zh_evidence[i];
        (ev.base[ne] + gained(mask, &self.zh_gains, ev, ne)) as f64
    }

    /// One English sentence's share of [`Lexical::log_ratio`] in a link whose Chinese side is
    /// `zh`: as [`Lexical::zh_sentence_ratio`], the other way round.
    pub fn en_sentence_ratio(&self, j: usize, zh: Range<usize>) -> f64 {
        let nz = zh.len().clamp(1, MAX_SIDE) - 1;
        let mask = zh.fold(0, |m, i| m | self.masks.get(i, j).1);
        let ev = &self.en_evidence[j];
        (ev.base[nz] + gained(mask, &self.en_gains, ev, nz)) as f64
    }

    /// Which words of Chinese sentence `i` and of English sentence `j` translate each other
    /// (bit k: the sentence's k-th distinct word), as the link costs read them.
    pub fn found(&self, i: usize, j: usize) -> (u64, u64) {
        self.masks.get(i, j)
    }

    /// Each word's chance of finding its translation in one unrelated sentence of the other
    /// side (None for a word that can tell nothing), for Chinese sentence `i`.
    pub fn zh_chance(&self, i: usize) -> &[Option<f32>] {
        &self.zh_shares[i]
    }

    /// As [`Lexical::zh_chance`], for English sentence `j`.
    pub fn en_chance(&self, j: usize) -> &[Option<f32>] {
        &self.en_shares[j]
    }

    /// An upper bound on [`Lexical::log_ratio`] for the link, from per-sentence bests.
    #[inline]
    pub fn log_ratio_bound(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        if zh.is_empty() || en.is_empty() {
            return 0.0;
        }
        let (nz, ne) = (zh.len().min(MAX_SIDE) - 1, en.len().min(MAX_SIDE) - 1);
        let z = self.zh_best[ne][zh.end] - self.zh_best[ne][zh.start];
        let e = self.en_best[nz][en.end] - self.en_best[nz][en.start];
        z + e + BOUND_SLACK
    }

    /// Share of the words with evidence that found their translation, on each side, over the
    /// given links: the p1 of the next pass.
    pub fn measure_hit_rates(
        &self,
        links: impl Iterator<Item = (usize, usize)>,
    ) -> Option<HitRates> {
        // The words with evidence: those whose gain (for one sentence, at the current hit
        // rates) is not 0, as [`evidence`] works it out, read off the shares so that the
        // evidence need not be up to date.
        let with_evidence = |shares: &[Option<f32>], terms: &mut WordTerms| {
            shares
                .iter()
                .flatten()
                .filter(|&&f| terms.of(f).0[0] != 0.0)
                .count() as u32
        };
        // Counts, link by link in parallel (whole numbers: their sum is the same in any order),
        // each thread with its own cache of terms.
        let links: Vec<(usize, usize)> = links.collect();
        let (zh_hits, zh_all, en_hits, en_all) = links
            .par_iter()
            .map_init(
                || {
                    (
                        WordTerms::new(self.hit_rates.zh),
                        WordTerms::new(self.hit_rates.en),
                    )
                },
                |(zh_terms, en_terms), &(i, j)| {
                    let (a, b) = self.masks.get(i, j);
                    (
                        a.count_ones(),
                        with_evidence(&self.zh_shares[i], zh_terms),
                        b.count_ones(),
                        with_evidence(&self.en_shares[j], en_terms),
                    )
                },
            )
            .reduce(
                || (0, 0, 0, 0),
                |x, y| (x.0 + y.0, x.1 + y.1, x.2 + y.2, x.3 + y.3),
            );
        (zh_all > HIT_RATE_MIN_WORDS && en_all > HIT_RATE_MIN_WORDS).then(|| HitRates {
            zh: share(zh_hits, zh_all),
            en: share(en_hits, en_all),
        })
    }
}

/// `hits` of `all` as a rate that is never 0 or 1: a count of none or all is taken as half a
/// word short of it (the Krichevsky–Trofimov estimate for that count, (hits + ½) / (all + 1)).
/// A rate of exactly 1, measured on a document whose links' words all match (the same
/// paragraph repeated with a different number), would make a miss impossible: its log
/// term infinite and every link's ratio ∞ − ∞ = NaN, which lost every pair of such documents.
/// Counts strictly between the two keep their plain share.
fn share(hits: u32, all: u32) -> f32 {
    let (hits, all) = (hits as f32, all as f32);
    let edge = 0.5 / (all + 1.0);
    (hits / all).clamp(edge, 1.0 - edge)
}

#[cfg(test)]
mod tests;
