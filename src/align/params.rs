//! Every tunable constant of the aligner, in one place, with the reason for its value.
//!
//! Costs are negative log-probabilities (nats), so a constant reads as "how unlikely".
//! Values come from the literature or from first principles, not from fitting the evaluation
//! chapters; where a value was checked against data, the comment says which and how.
//!
//! The lexicon's own constants (Model 1's training in `lexicon::model1`, the segmenter's
//! frequencies in `lexicon::unigram`) stay beside its code: the lexicon sits below the
//! aligner and does not read this module. Constants that only serve speed or numerical
//! accuracy (table steps, chunk and pool sizes) stay beside the code they size too.

/// The link shapes the dynamic programme considers, `(zh, en)`. Literary translation often joins
/// two or three Chinese sentences into one English sentence (and splits the other way), so the
/// set goes past Gale–Church's 2-2. Longer links exist (MAC-Dev's gold holds four 1-5 links: a
/// sentence of narration and speech broken into short exclamations); 1-5 and 5-1 were measured
/// and left out: +0.003 MAC-Dev strict F1 with three passes, nothing with two, for 10% more
/// time. Adding a shape here takes its line in `costing::each_shape!` too (a compile-time
/// check says so); the tables follow `MAX_LINK_SIDE`.
pub const SHAPES: &[(usize, usize)] = &[
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (4, 1),
    (1, 4),
    (2, 3),
    (3, 2),
];

/// The most sentences a link of `SHAPES` holds on one side: the size of the per-shape and
/// per-side tables (shape priors, lexical evidence) and how far the band's rows reach.
pub const MAX_LINK_SIDE: usize = longest_side(SHAPES);

const fn longest_side(shapes: &[(usize, usize)]) -> usize {
    let (mut k, mut longest) = (0, 0);
    while k < shapes.len() {
        let (a, b) = shapes[k];
        longest = if a > longest { a } else { longest };
        longest = if b > longest { b } else { longest };
        k += 1;
    }
    longest
}

/// Prior probability of each shape, before any evidence. Gale & Church (1993) measured
/// 0.89 / 0.0099 / 0.089 / 0.011 for 1-1 / 1-0 / 2-1 / 2-2 on European parliament text;
/// Chinese–English literary translation (as in Bertalign's MAC corpus statistics) has far more
/// many-to-one links, so 1-1 gives up mass to 2-1, 1-2 and 3-1/1-3.
pub fn shape_prior(zh: usize, en: usize) -> f64 {
    match (zh, en) {
        (1, 1) => 0.75,
        (1, 0) | (0, 1) => 0.01,
        (2, 1) | (1, 2) => 0.08,
        (2, 2) => 0.01,
        (3, 1) | (1, 3) => 0.02,
        (4, 1) | (1, 4) | (2, 3) | (3, 2) => 0.005,
        // 1-2, 1-3, 1-4 fall by a factor of four a step; one more step (if ever added).
        (5, 1) | (1, 5) => 0.00125,
        _ => 0.001,
    }
}

/// Alignment passes by default (`--passes` on `align` and `eval` changes it). The first pass
/// uses the dictionary and default models; each later pass re-measures the length model,
/// shape priors, hit rates and utterance model and re-trains the learned lexicon on the
/// previous pass's links. Two: strict F1 MAC-Dev / Bible by passes, one 0.880 / 0.956, two
/// 0.896 / 0.983, three 0.897 / 0.983 (the README has the time each takes).
pub const PASSES: usize = 2;
/// The most passes `--passes` accepts: past three nothing measured changes.
pub const MAX_PASSES: usize = 4;

/// Links of the first pass the learned lexicon trains on: those the model is at least this
/// confident about (the TSV score), as Moore (2002) trains on high-probability beads only.
pub const LEARN_MIN_CONFIDENCE: f64 = 0.5;

/// Weight of the default shape priors against the shapes counted on a document's first pass,
/// in links: a 300-sentence chapter mostly speaks for itself, a 20-sentence article mostly
/// keeps the defaults.
pub const SHAPE_PRIOR_WEIGHT: f64 = 50.0;

/// Variance of the English length per unit of (ratio-scaled) Chinese length, Gale–Church's s².
/// They measured 6.8 for English–German characters; Chinese–English is looser (different
/// scripts, freer translation), so the first pass starts wider and the second pass uses the
/// variance measured on the document's own confident 1-1 links.
pub const LENGTH_VARIANCE_PRIOR: f64 = 12.0;
/// Bounds on the re-estimated variance, so that a document with very few confident links
/// cannot collapse or explode the length model.
pub const LENGTH_VARIANCE_RANGE: (f64, f64) = (4.0, 40.0);
/// The length model is re-measured on 1-1 links within this many standard deviations (|δ|)
/// of the first model, so that misalignments do not inflate the variance; a tighter cut would
/// shrink it (cutting a normal at 2σ loses a quarter of its variance, at 3σ under 3%).
pub const REESTIMATE_MAX_DELTA: f64 = 3.0;
/// ...and only when at least this many such links are there: fewer say next to nothing, and
/// the document's raw ratio is kept.
pub const REESTIMATE_MIN_LINKS: usize = 5;

/// English characters per Chinese character: defined with the script helpers, which the
/// layers below the aligner use too.
pub use crate::model::script::LATIN_PER_HAN;

/// Cost of leaving a sentence unmatched (1-0 or 0-1), on top of the shape prior: omissions do
/// happen (translators drop or add asides, web pages carry navigation lines) but should lose
/// against any plausible match.
pub const SKIP_EXTRA_COST: f64 = 1.0;

/// Anchor evidence. A number or a Latin token found on both sides is strong evidence that the
/// two sides belong together; found on one side only, it is evidence against.
pub const NUMBER_MATCH_BONUS: f64 = 2.0;
pub const NUMBER_MISS_COST: f64 = 1.0;
pub const LATIN_MATCH_BONUS: f64 = 2.0;
pub const LATIN_MISS_COST: f64 = 1.0;
/// Matching punctuation (question and exclamation marks, quotes, parentheses, colons): weaker
/// evidence, as translators move and drop them.
pub const PUNCT_MATCH_BONUS: f64 = 0.5;
pub const PUNCT_MISS_COST: f64 = 0.5;
/// Cost per quotation a link leaves open (or closes) on one side but not on the other.
pub const QUOTE_BALANCE_COST: f64 = 1.5;
/// Cap on the anchor bonus of one link so that anchors decide between near candidates but never
/// outweigh a grossly wrong length.
pub const MAX_ANCHOR_BONUS: f64 = 8.0;

/// Cost when a heading is linked with a non-heading, or merged with another sentence: titles
/// and section headings translate one for one.
pub const HEADING_MISMATCH_COST: f64 = 2.5;

/// Lexical evidence enters as a naive-Bayes log-likelihood ratio summed over words. Words of a
/// sentence are not independent (a phrase's words match together), so the sum overstates the
/// evidence; it is scaled down by this factor.
pub const LEXICAL_SCALE: f64 = 0.5;
/// Share of words with a possible translation nearby that find it in their true counterpart,
/// before the first pass measures it on the document.
pub const HIT_RATE_PRIOR: f32 = 0.5;
/// The hit rates are measured on a pass's 1-1 links only when each side has more than this
/// many words with evidence there: the standard error of a share measured on 50 words is at
/// most 0.07 (√(0.25/50)); on fewer, noise would move the rates, and the prior is kept.
pub const HIT_RATE_MIN_WORDS: u32 = 50;

/// Cost when a link's boundary disagrees with a paragraph boundary: in news translation
/// paragraphs are translated one for one, so a link that starts a paragraph on one side but not
/// the other is unlikely.
pub const PARAGRAPH_MISMATCH_COST: f64 = 2.5;

/// Utterances as link boundaries: how much more often a sentence that opens an utterance
/// ("韦小宝道：“…") starts a link than sits inside one is measured on the document's first pass
/// (see `score::UtteranceModel`). The rates are smoothed towards the document's overall rate
/// of such sentences with this many pseudo-sentences per role, so that a handful of links
/// cannot make the evidence strong, and a document without dialogue gets none (ratio 1).
/// Not tuned: the order of SHAPE_PRIOR_WEIGHT's reasoning ("a few dozen sentences speak for
/// themselves"), at a fifth of it because each sentence is one observation, not one link.
pub const UTTERANCE_PRIOR_WEIGHT: f64 = 10.0;

/// Clauses as evidence of how many English sentences a Chinese sentence becomes (see
/// `score::ClauseModel`): sentences of this many clauses or more share one bucket (MAC-Dev's
/// gold holds few Chinese sentences past eight clauses: 23 of 1,300 linked one-to-k), and the
/// buckets' rates are smoothed towards the document's overall rates with
/// `CLAUSE_PRIOR_WEIGHT` pseudo-links each, as the utterance rates are, for the same reason.
pub const CLAUSE_BUCKETS: usize = 8;
pub const CLAUSE_PRIOR_WEIGHT: f64 = UTTERANCE_PRIOR_WEIGHT;

/// Score calibration: the TSV `score` is `1 / (1 + exp((cost - SCORE_MIDPOINT) / SCORE_SCALE))`,
/// a logistic over the link's cost, so that a typical good 1-1 (cost ≈ 1) scores near 0.95 and
/// a link costing as much as two omissions scores below 0.1.
pub const SCORE_MIDPOINT: f64 = 4.0;
pub const SCORE_SCALE: f64 = 1.0;

/// Half-width of the band the dynamic programme explores around the diagonal, as a share of
/// the longer side, and its minimum. Documents smaller than `FULL_MATRIX_CELLS` are searched
/// whole.
pub const BAND_SHARE: f64 = 0.05;
pub const BAND_MIN: usize = 200;
pub const FULL_MATRIX_CELLS: usize = 1_000_000;
/// Half-width of the band around the anchor chain of a long document, in sentences, at an
/// anchor; it grows by `ANCHOR_BAND_SLACK` per sentence away from the nearest anchor, since
/// between anchors the path may stray from the straight line (an omitted passage, a run of
/// 1-3 links).
pub const ANCHOR_BAND: usize = 12;
pub const ANCHOR_BAND_SLACK: f64 = 0.5;
/// The band never grows wider than this either side from slack alone (widening may pass it):
/// memory stays linear in the document's length whatever the anchors.
pub const ANCHOR_BAND_MAX: usize = 64;
/// A long document is cut into segments of about this many Chinese sentences, aligned in
/// parallel; short enough that two threads get even work (a 6,301-sentence Bible makes a dozen
/// segments, not three). The first pass cuts after an anchor followed by an anchor on the next
/// sentence of both sides (the first is then a 1-1 link, so the corner between them is on the
/// path); later passes cut between two sure 1-1 links of the previous path. A wrong cut would
/// cost a link or two; on the Bible, MAC-Dev and the seeds, the links are those of cuts every
/// 2,000 sentences.
pub const SEGMENT_ROWS: usize = 500;

/// Anchors (see `anchors`). A stem occurring in more English sentences than this (within the
/// round's reach) cannot anchor anything: it would match everywhere. Rare words are what
/// tells one sentence from its neighbours.
pub const MAX_STEM_SENTENCES: usize = 8;
/// Candidate anchors kept per Chinese sentence, the best weighted (rarer shared words, nearer
/// where the path should run): the chain picks among them.
pub const CANDIDATES_PER_SENTENCE: usize = 3;
/// A candidate anchor needs at least this many rare words in common: one shared word alone is
/// more often a coincidence (a name mentioned twice) than a pair to narrow the search on.
pub const MIN_SHARED_RARE_WORDS: u32 = 2;
/// A rare number both sentences hold counts as this many rare words: it is matched as the
/// value itself, not through a dictionary gloss that may be a wrong sense, so one is as
/// telling as two rare words. In a repetitive document (the same paragraph repeated with a
/// different number: lists, tables, clauses, templated pages) every word recurs in every
/// paragraph and the numbers are what tells the paragraphs apart and holds the path to them.
pub const NUMBER_VOTES: u32 = 2;
/// Anchors on either side of an anchor that vote (by their median offset) on where the path
/// runs when the chain is pruned.
pub const PRUNE_NEIGHBOURS: usize = 5;
/// How far (in sentences) an anchor may lie off its neighbours' median offset and stay in
/// the chain; one further off would pull the band away from the path.
pub const MAX_OFFSET_DEPARTURE: f64 = 25.0;

/// Each round of anchor finding looks this many times less far from the previous round's
/// chain, down to `ANCHOR_REACH` sentences.
pub const ANCHOR_REACH_SHRINK: usize = 4;
pub const ANCHOR_REACH: usize = 100;
/// A path within this many sentences of the band's edge is pressing against it.
pub const BAND_EDGE_MARGIN: usize = 2;
/// A document searched whole is first searched in the band around its anchors (see
/// `align::band::trial_band`); a path within this many sentences of that band's edge sends the search
/// to the whole grid. Wider than `BAND_EDGE_MARGIN`: here a press is not mended by widening
/// but means the grid is searched, so the check errs towards the grid.
pub const TRIAL_EDGE_MARGIN: usize = 4;
/// ...and only when that band holds at most this share (one in so many) of the grid's cells:
/// finding the anchors costs about as much as searching a narrow band, so a band not much
/// smaller than the grid saves nothing.
pub const TRIAL_MAX_SHARE: usize = 2;
/// Rounds in which the trial band opens to whole rows where the path pressed, before the whole
/// grid is searched: as many as a band is widened (`BAND_WIDENINGS`).
pub const TRIAL_OPENINGS: usize = BAND_WIDENINGS;
/// Where it presses, the band grows by this much on both sides, over this many rows either
/// side, up to this many times per pass.
pub const BAND_WIDEN_BY: usize = 24;
pub const BAND_WIDEN_REACH: usize = 32;
pub const BAND_WIDENINGS: usize = 3;
/// Half-width of the band a later pass searches around the previous pass's path, in
/// sentences: the longest link side, so that any link of the previous path can be regrouped
/// with its neighbours, plus `BAND_EDGE_MARGIN`, so that a path that needs more room presses
/// on the edge and the band is widened there as usual. (With links of up to 4 a side, 4, 6
/// and 8 gave the same links on MAC-Dev, the Bible and the seeds, and so did the whole grid.)
pub const PATH_BAND: usize = MAX_LINK_SIDE + BAND_EDGE_MARGIN;
/// Sure 1-1 links, between which a later pass may be cut: the TSV score at least this.
pub const CUT_MIN_CONFIDENCE: f64 = 0.9;

/// Beams of the dynamic programme, in nats of path cost (see `dp::prune_row`): a cell costing
/// this much more than a cell further along the English in its row is not extended. A
/// skipped sentence costs about 5.6 nats (prior 0.01, plus `SKIP_EXTRA_COST`); a whole link
/// usually a few.
///
/// The first pass looks for the path in the wide anchor band, so its beam is wide. Measured
/// on the Bible with blocks of untranslated sentences inserted (8 blocks of 3 to 40 sentences,
/// on either side), against the exact search: English blocks of any size give the same links
/// with any beam from 20 up; Chinese blocks of 15 do from 50 up, of 25 from 60 up, of 40 from
/// 100 up. 100 prunes a quarter of the first pass's link costings on the Bible.
pub const FIRST_PASS_BEAM: f64 = 100.0;
/// A later pass searches near a path it already has, and 20 gave the exact links on all the
/// sets above; 30 leaves room.
pub const PATH_BEAM: f64 = 30.0;
