//! What the first pass measures for the next: the document's shape priors and its utterance
//! boundaries' costs.

use super::Ends;
use crate::align::dp::Step;
use crate::align::features::{clause_bucket, Features, Opening};
use crate::align::lexical::PairMasks;
use crate::align::params::{
    shape_prior, CLAUSE_BUCKETS, CLAUSE_PRIOR_WEIGHT, MAX_LINK_SIDE, SHAPES, SHAPE_PRIOR_WEIGHT,
    UTTERANCE_PRIOR_WEIGHT,
};
use std::ops::Range;

/// Utterance boundaries: what it costs, per side, to keep a sentence inside a link rather than
/// start a link with it, for a sentence that opens an utterance and for one that does not.
/// ln P(kind | starts a link) − ln P(kind | inside a link), measured on a first pass: in
/// Chinese dialogue a new turn ("韦小宝道：“…") nearly always starts a link, while English
/// translators split quotations freely, so the English rates come out near equal and cost
/// nearly nothing. Neutral (zero) until measured.
#[derive(Debug, Clone, Copy, Default)]
pub struct UtteranceModel {
    pub(super) zh: [f64; 2],
    pub(super) en: [f64; 2],
    /// By whether the link's first Chinese and first English sentence open an utterance: how
    /// much less (or more) likely that pair is as the start of one link than as two
    /// independent link starts, −PMI.
    pub(super) starts: [[f64; Opening::KINDS]; Opening::KINDS],
    /// By whether the link's last Chinese and last English sentence close an utterance: −PMI,
    /// as for `starts`. (Whether they end alike in a question or an exclamation was measured
    /// too and not kept: pooled punctuation already says it, and MAC-Dev fell 0.887 → 0.883.)
    pub(super) ends: [[f64; 2]; 2],
    /// The cost of a link whose first Chinese and first English sentence open alike (see
    /// [`open_alike`]): −ln P(alike | the two start one link) / P(alike | they are one
    /// sentence off that), −1 to −2 nats on MAC-Dev and the Bible. Links that do not open alike
    /// (most) get no term: theirs, ln(1 − p1) − ln(1 − p0), would be nearly the same for every
    /// link, a charge per link that the shape priors already set (charged too, it lowers
    /// MAC-Dev 0.915 → 0.912 and the Bible 0.985 → 0.983; leaving one chapter out, five folds
    /// of six prefer it left out, the sixth ties). Zero until measured.
    pub open_alike: f64,
}

/// Whether two sentences open alike: the first word of each (the first distinct word of its
/// bag, in order of occurrence) finds its translation in the other. Narration names its
/// subject first in both languages ("王琦瑶注意到……" / "Wang Qiyao was taking in
/// everything."), so a short English sentence opening with the subject that opens a Chinese
/// sentence tends to start that sentence's link, not end the previous one.
pub fn open_alike(masks: &PairMasks, i: usize, j: usize) -> bool {
    let (zh, en) = masks.get(i, j);
    zh & en & 1 != 0
}

impl UtteranceModel {
    pub fn from_path(path: &[Step], zh: &[Features], en: &[Features]) -> UtteranceModel {
        let side = |range: fn(&Step) -> Range<usize>, f: &[Features]| {
            // counts[inside][opens]
            let mut counts = [[0f64; 2]; 2];
            for s in path {
                for k in range(s) {
                    counts[usize::from(k > range(s).start)][usize::from(f[k].opens_utterance())] +=
                        1.0;
                }
            }
            role_costs(&counts)
        };
        // counts[zh first opens][en first opens] over two-sided links, from Jeffreys' half a
        // count per cell so that an empty cell is not infinitely unlikely.
        let mut pairs = [[0.5f64; Opening::KINDS]; Opening::KINDS];
        let mut ends = [[0.5f64; 2]; 2];
        for s in path.iter().filter(|s| !s.zh.is_empty() && !s.en.is_empty()) {
            pairs[zh[s.zh.start].opening.index()][en[s.en.start].opening.index()] += 1.0;
            ends[usize::from(zh[s.zh.end - 1].closes_utterance)]
                [usize::from(en[s.en.end - 1].closes_utterance)] += 1.0;
        }
        UtteranceModel {
            zh: side(|s| s.zh.clone(), zh),
            en: side(|s| s.en.clone(), en),
            starts: association_costs(&pairs),
            ends: association_costs(&ends),
            open_alike: 0.0,
        }
    }

    /// Measure [`UtteranceModel::open_alike`] on `path`'s two-sided links against the pairs one
    /// sentence off their first ones (each count from Jeffreys' half, as `starts`).
    pub fn measure_openers(&mut self, path: &[Step], masks: &PairMasks) {
        let (n, m) = (
            masks.rows(),
            path.iter().map(|s| s.en.end).max().unwrap_or(0),
        );
        let (mut same, mut near) = ([0.5f64; 2], [0.5f64; 2]);
        for s in path.iter().filter(|s| !s.zh.is_empty() && !s.en.is_empty()) {
            let (i, j) = (s.zh.start, s.en.start);
            same[usize::from(open_alike(masks, i, j))] += 1.0;
            let off = [
                (i, j + 1),
                (i + 1, j),
                (i, j.wrapping_sub(1)),
                (i.wrapping_sub(1), j),
            ];
            for (a, b) in off.into_iter().filter(|&(a, b)| a < n && b < m) {
                near[usize::from(open_alike(masks, a, b))] += 1.0;
            }
        }
        let rate = |c: [f64; 2]| c[1] / (c[0] + c[1]);
        self.open_alike = -(rate(same) / rate(near)).ln();
    }

    /// The cost of a side's range of `n` sentences, from the marks at its ends: its
    /// sentences after the first, by kind.
    pub(super) fn side_cost(costs: &[f64; 2], n: usize, (start, end): Ends) -> f64 {
        if n < 2 {
            return 0.0;
        }
        let opens = (end.utterances - start.utterances - u32::from(start.opens)) as f64;
        // Through u32 when it fits (always: a link's side), a cheaper conversion.
        let inside = u32::try_from(n - 1).map_or((n - 1) as f64, f64::from);
        let plain = inside - opens;
        costs[0] * plain + costs[1] * opens
    }
}

/// −ln P(a, b) / (P(a) P(b)) for each cell of a table of counts.
fn association_costs<const N: usize>(counts: &[[f64; N]; N]) -> [[f64; N]; N] {
    let all: f64 = counts.iter().flatten().sum();
    let row = |a: usize| counts[a].iter().sum::<f64>();
    let col = |b: usize| counts.iter().map(|r| r[b]).sum::<f64>();
    let mut cost = [[0.0; N]; N];
    for (a, r) in cost.iter_mut().enumerate() {
        for (b, c) in r.iter_mut().enumerate() {
            *c = -(counts[a][b] * all / (row(a) * col(b))).ln();
        }
    }
    cost
}

/// [cost of a plain sentence inside, cost of an opening one inside] from counts[inside][opens],
/// each role's rate smoothed towards the overall rate (a Dirichlet prior).
fn role_costs(counts: &[[f64; 2]; 2]) -> [f64; 2] {
    let all: f64 = counts.iter().flatten().sum();
    if all == 0.0 {
        return [0.0; 2];
    }
    let overall = (counts[0][1] + counts[1][1]) / all;
    let rate = |role: &[f64; 2], opens: usize| {
        let p = (role[1] + UTTERANCE_PRIOR_WEIGHT * overall)
            / (role[0] + role[1] + UTTERANCE_PRIOR_WEIGHT);
        if opens == 1 {
            p
        } else {
            1.0 - p
        }
    };
    let cost = |opens: usize| {
        let (start, inside) = (rate(&counts[0], opens), rate(&counts[1], opens));
        if start > 0.0 && inside > 0.0 {
            start.ln() - inside.ln()
        } else {
            0.0
        }
    };
    [cost(0), cost(1)]
}

/// −ln P(shape) for every shape the dynamic programme considers.
#[derive(Debug, Clone, Copy)]
pub struct ShapePriors {
    cost: [[f64; MAX_LINK_SIDE + 1]; MAX_LINK_SIDE + 1],
}

impl Default for ShapePriors {
    fn default() -> Self {
        let mut cost = [[f64::INFINITY; MAX_LINK_SIDE + 1]; MAX_LINK_SIDE + 1];
        for &(a, b) in SHAPES {
            cost[a][b] = -shape_prior(a, b).ln();
        }
        ShapePriors { cost }
    }
}

impl ShapePriors {
    pub fn cost(&self, zh: usize, en: usize) -> f64 {
        self.cost
            .get(zh)
            .and_then(|r| r.get(en))
            .copied()
            .unwrap_or(f64::INFINITY)
    }

    /// Priors that follow the document: the shapes of a first pass, smoothed towards the
    /// default priors with `SHAPE_PRIOR_WEIGHT` pseudo-links (a Dirichlet prior), so that a
    /// short document cannot rule a shape out.
    pub fn from_path(path: &[Step]) -> ShapePriors {
        let mut counts = [[0usize; MAX_LINK_SIDE + 1]; MAX_LINK_SIDE + 1];
        for s in path {
            counts[s.zh.len().min(MAX_LINK_SIDE)][s.en.len().min(MAX_LINK_SIDE)] += 1;
        }
        Self::from_counts(&counts)
    }

    fn from_counts(counts: &[[usize; MAX_LINK_SIDE + 1]; MAX_LINK_SIDE + 1]) -> ShapePriors {
        let total: usize = counts.iter().flatten().sum();
        let mut cost = [[f64::INFINITY; MAX_LINK_SIDE + 1]; MAX_LINK_SIDE + 1];
        for &(a, b) in SHAPES {
            let p = (counts[a][b] as f64 + SHAPE_PRIOR_WEIGHT * shape_prior(a, b))
                / (total as f64 + SHAPE_PRIOR_WEIGHT);
            cost[a][b] = -p.ln();
        }
        ShapePriors { cost }
    }
}

/// How many sentences of one side a sentence of the other becomes, by its clauses: for a link
/// of one Chinese sentence and k English ones, −ln P(k | its clauses) + ln P(k), and the same
/// for one English sentence and k Chinese ones, measured on a first pass's confident links
/// (−PMI, as the utterance starts). A translator splits or joins sentences at clause
/// boundaries, so a one-clause sentence is nearly always one sentence on the other side, and
/// one of seven clauses as often three or four as one (MAC-Dev's gold: 185 of 188 one-clause
/// Chinese sentences are 1-1, 12 of 62 six-clause ones). The length model sees some of this,
/// but a short sentence ("People stared at her.") weighs little in a link's length. Neutral
/// (zero) until measured.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClauseModel {
    zh: ClauseTable,
    en: ClauseTable,
}

impl ClauseModel {
    pub fn from_path(path: &[Step], zh: &[Features], en: &[Features]) -> ClauseModel {
        let zh_table = ClauseTable::from_links(
            path.iter()
                .filter(|s| s.zh.len() == 1 && !s.en.is_empty())
                .map(|s| (zh[s.zh.start].clauses, s.en.len())),
        );
        let en_table = ClauseTable::from_links(
            path.iter()
                .filter(|s| s.en.len() == 1 && !s.zh.is_empty())
                .map(|s| (en[s.en.start].clauses, s.zh.len())),
        );
        ClauseModel {
            zh: zh_table,
            en: en_table,
        }
    }

    /// The cost of a link of `zh` Chinese and `en` English sentences whose first sentences'
    /// clauses fall in the buckets `zh_bucket` and `en_bucket` ([`clause_bucket`]): 0 unless
    /// one side is one sentence and the other is not empty.
    #[inline]
    pub fn cost(&self, (zh, en): (usize, usize), (zh_bucket, en_bucket): (u8, u8)) -> f64 {
        let (zh, en) = (zh.min(MAX_LINK_SIDE), en.min(MAX_LINK_SIDE));
        self.zh.cost[usize::from(zh_bucket)][zh][en] + self.en.cost[usize::from(en_bucket)][en][zh]
    }
}

/// One side's [`ClauseModel`]: the cost by the bucket of a sentence's clauses, the number of
/// sentences on its side (a cost only for one) and on the other side (up to `MAX_LINK_SIDE`),
/// laid out so that a link's cost is one lookup.
#[derive(Debug, Clone, Copy, Default)]
struct ClauseTable {
    cost: [[[f64; MAX_LINK_SIDE + 1]; MAX_LINK_SIDE + 1]; CLAUSE_BUCKETS + 1],
}

impl ClauseTable {
    /// From (clauses of the one sentence, sentences on the other side) per link: each
    /// bucket's rates smoothed towards the overall rates with `CLAUSE_PRIOR_WEIGHT`
    /// pseudo-links (a Dirichlet prior), so that a handful of links cannot make the evidence
    /// strong.
    fn from_links(links: impl Iterator<Item = (u8, usize)>) -> ClauseTable {
        let mut counts = [[0f64; MAX_LINK_SIDE + 1]; CLAUSE_BUCKETS + 1];
        for (clauses, k) in links {
            counts[usize::from(clause_bucket(clauses))][k.min(MAX_LINK_SIDE)] += 1.0;
        }
        let mut table = ClauseTable::default();
        let all: f64 = counts.iter().flatten().sum();
        if all == 0.0 {
            return table;
        }
        let overall = |k: usize| counts.iter().map(|r| r[k]).sum::<f64>() / all;
        for (bucket, seen) in table.cost.iter_mut().zip(&counts) {
            let n: f64 = seen.iter().sum();
            for (k, cell) in bucket[1].iter_mut().enumerate().skip(1) {
                let p = overall(k);
                if p > 0.0 {
                    let given = (seen[k] + CLAUSE_PRIOR_WEIGHT * p) / (n + CLAUSE_PRIOR_WEIGHT);
                    *cell = -(given / p).ln();
                }
            }
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: std::ops::Range<usize>, en: std::ops::Range<usize>) -> Step {
        Step { zh, en, cost: 0.0 }
    }

    #[test]
    fn one_clause_sentences_split_in_two_cost_more_than_long_ones() {
        // 40 one-clause Chinese sentences, all 1-1; 40 four-clause ones, half 1-1, half 1-2.
        let mut zh = Vec::new();
        let mut path = Vec::new();
        let mut e = 0;
        for k in 0..80 {
            let clauses = if k < 40 { 1 } else { 4 };
            zh.push(Features {
                clauses,
                ..Features::default()
            });
            let n = if k >= 40 && k % 2 == 0 { 2 } else { 1 };
            path.push(link(k..k + 1, e..e + n));
            e += n;
        }
        let en = vec![Features::default(); e];
        let model = ClauseModel::from_path(&path, &zh, &en);
        let cost = |clauses, k| model.cost((1, k), (clause_bucket(clauses), 1));
        assert!(cost(1, 2) > 1.0, "{}", cost(1, 2));
        assert!(cost(4, 2) < 0.0 && cost(1, 1) < 0.0);
        // Links with several sentences on both sides, and omissions, cost nothing.
        assert_eq!(model.cost((2, 2), (3, 3)), 0.0);
        assert_eq!(model.cost((1, 0), (5, 0)), 0.0);
        // A document without links says nothing.
        let empty = ClauseModel::from_path(&[], &zh, &en);
        assert_eq!(empty.cost((1, 2), (1, 1)), 0.0);
    }

    #[test]
    fn links_whose_first_sentences_open_alike_cost_less_once_measured() {
        use crate::align::lexical::{positions, postings, Bag, WordBags};
        // Sentence k opens with name k on both sides (Chinese word k, English stem 100 + k)
        // and holds a word translated everywhere (Chinese 10, English 200) after it.
        let n = 6;
        let bag = |words: Vec<u32>| Bag { words };
        let zh: Vec<Bag> = (0..n).map(|k| bag(vec![k, 10])).collect();
        let en: Vec<Bag> = (0..n).map(|k| bag(vec![100 + k, 200])).collect();
        let mut senses = vec![Vec::new(); 11];
        for k in 0..n {
            senses[k as usize] = vec![vec![100 + k]];
        }
        senses[10] = vec![vec![200]];
        let words = WordBags {
            en_postings: postings(&en),
            en_positions: positions(&en),
            zh,
            en,
            senses,
        };
        let masks = PairMasks::build(&words, &|_| 0..n as usize);
        assert!(open_alike(&masks, 2, 2));
        assert!(!open_alike(&masks, 2, 3) && !open_alike(&masks, 3, 2));
        let path: Vec<Step> = (0..n as usize).map(|k| link(k..k + 1, k..k + 1)).collect();
        let mut model = UtteranceModel::default();
        assert_eq!(model.open_alike, 0.0);
        model.measure_openers(&path, &masks);
        assert!(model.open_alike < -1.0, "{}", model.open_alike);
        // Without links nothing is measured: no term.
        model.measure_openers(&[], &masks);
        assert_eq!(model.open_alike, 0.0);
    }
}
