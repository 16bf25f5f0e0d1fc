//! Sentence alignment: orchestration.
//!
//! Following Bertalign's split, this module only orchestrates; [`dp`] is the dynamic
//! programme, [`score`] the cost of one link, [`features`] and [`numbers`] what each sentence
//! brings, [`params`] every constant.
//!
//! Two passes by default (`params::PASSES`): the first uses the dictionary, the document's raw
//! length ratio and default priors; the second re-measures the length model, shape priors, hit
//! rates and utterance model on the first pass's links and trains the learned lexicon on its
//! confident ones, so that the model follows the translator of this document rather than a
//! global guess.

pub mod anchors;
pub mod dp;
pub mod features;
pub mod lexical;
pub mod numbers;
pub mod params;
pub mod score;
pub mod stopwatch;
pub mod words;

use crate::model::{Link, Sentence};
use dp::{best_path_segmented, Band, Step};
use features::{document_features, Totals};
use lexical::{document_rates, updated_rates, DocumentRates, Lexical};
use params::*;
use rayon::prelude::*;
use score::{LengthModel, LinkScorer, ShapePriors, UtteranceModel};
use words::DocumentWords;

/// Which kinds of evidence the aligner uses. All on by default; switching them off one by one
/// gives the ablation in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    pub anchors: bool,
    pub paragraphs: bool,
    pub dictionary: bool,
    pub names: bool,
    pub learned: bool,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            anchors: true,
            paragraphs: true,
            dictionary: true,
            names: true,
            learned: true,
        }
    }
}

impl Evidence {
    /// Gale–Church alone.
    pub fn length_only() -> Self {
        Evidence {
            anchors: false,
            paragraphs: false,
            dictionary: false,
            names: false,
            learned: false,
        }
    }

    fn lexical(&self) -> bool {
        self.dictionary || self.names || self.learned
    }
}

/// Align two sentence lists with all evidence. Every sentence ends up in exactly one link, in
/// order; links with an empty side are omissions.
pub fn align(zh: &[Sentence], en: &[Sentence]) -> Vec<Link> {
    align_with(zh, en, Evidence::default())
}

/// Align with the chosen evidence, in the default number of passes.
pub fn align_with(zh: &[Sentence], en: &[Sentence], evidence: Evidence) -> Vec<Link> {
    align_in_passes(zh, en, evidence, PASSES)
}

/// Align with the chosen evidence in `passes` passes (at least one).
///
/// The first pass runs on the document's raw length ratio, default shape priors and hit
/// rates, and the dictionary alone. Its links then teach the next pass: the length ratio and
/// variance, the shape priors, the hit rates and the utterance model are measured on them, and
/// the learned lexicon is trained on its confident links; and so on.
pub fn align_in_passes(
    zh: &[Sentence],
    en: &[Sentence],
    evidence: Evidence,
    passes: usize,
) -> Vec<Link> {
    let mut watch = stopwatch::Stopwatch::start();
    // Features and words are independent of each other: worked out side by side, so that
    // the sequential parts of each (numbering Latin words, interning words) overlap.
    let ((zf, ef), mut words) = rayon::join(
        || document_features(zh, en),
        || {
            evidence
                .lexical()
                .then(|| DocumentWords::new(zh, en, evidence.dictionary, evidence.names))
        },
    );
    let (zt, et) = (Totals::new(&zf), Totals::new(&ef));
    watch.lap(|| {
        format!(
            "features and words of {} × {} sentences",
            zh.len(),
            en.len()
        )
    });
    let (mut band, mut cuts) = choose_band(zh.len(), en.len(), words.as_ref());
    watch.lap(|| format!("band of {} cells, {} cuts", band.cells(), cuts.len()));
    let mut rates = (HIT_RATE_PRIOR, HIT_RATE_PRIOR);
    let mut chance = words.as_ref().map(chance_rates).unwrap_or_default();
    // The cells the lexical model covers: the search band, and later a superset of it.
    let mut lexical_band = band.clone();
    let mut lexical = words
        .as_ref()
        .map(|w| lexical_model(w, &chance, &lexical_band, rates));
    watch.lap(|| "lexical model, pass 0".into());
    let mut length = LengthModel::from_totals(&zf, &ef);
    let mut priors = ShapePriors::default();
    let mut utterances = UtteranceModel::default();
    let mut path = Vec::new();
    for pass in 0..passes.max(1) {
        if pass > 0 {
            let scorer = LinkScorer {
                zh: &zf,
                en: &ef,
                zh_totals: &zt,
                en_totals: &et,
                length,
                lexical: lexical.as_ref(),
                evidence,
                priors,
                utterances,
            };
            length = reestimate(&scorer, &path).unwrap_or(length);
            // The previous path's scores, read by the cuts, the utterance model and the
            // learned lexicon.
            let scores: Vec<f64> = path
                .par_iter()
                .map(|s| scorer.score(s.zh.clone(), s.en.clone()))
                .collect();
            if !cuts.is_empty() {
                cuts = sure_corners(&path, &scores, SEGMENT_ROWS);
            }
            priors = ShapePriors::from_path(&path);
            // Measured on the links the pass is sure of: where it merged a new utterance
            // into the previous link, it was usually wrong, and should not teach that.
            let confident: Vec<Step> = path
                .iter()
                .zip(&scores)
                .filter(|(_, &score)| score >= LEARN_MIN_CONFIDENCE)
                .map(|(s, _)| s.clone())
                .collect();
            utterances = UtteranceModel::from_path(&confident, &zf, &ef);
            let mut learned = Vec::new();
            if let (true, Some(w)) = (evidence.learned, words.as_mut()) {
                learned = w.learn_from(&path, |k| scores[k] >= LEARN_MIN_CONFIDENCE);
                watch.lap(|| format!("learned lexicon: {} words", learned.len()));
                chance = updated_rates(
                    chance,
                    &w.zh_bags,
                    &w.en_bags,
                    &w.en_postings,
                    &w.senses,
                    &learned,
                );
                watch.lap(|| "chance rates".into());
            }
            // The masks of the first pass stay; only what the learned senses reveal is added.
            lexical = match (lexical.take(), words.as_ref()) {
                (Some(old), Some(w)) => Some(old.with_new_senses(
                    &w.zh_bags,
                    &w.en_bags,
                    &w.en_postings,
                    &w.senses,
                    &learned,
                    &chance,
                    rates,
                )),
                _ => None,
            };
            watch.lap(|| format!("lexical model, pass {pass}"));
            // A later pass searches only near the previous path. The lexical model keeps the
            // first pass's band, so that which words count as evidence is judged as before.
            band = Band::along(&path, zh.len(), en.len(), PATH_BAND);
            if let Some(lex) = lexical.as_mut() {
                if let Some(measured) = lex.hit_rates(one_to_one(&path)) {
                    rates = measured;
                    lex.set_hit_rates(rates);
                }
            }
        }
        let beam = if pass == 0 {
            FIRST_PASS_BEAM
        } else {
            PATH_BEAM
        };
        let search = |band: &Band, lexical: Option<&Lexical>| {
            let scorer = LinkScorer {
                zh: &zf,
                en: &ef,
                zh_totals: &zt,
                en_totals: &et,
                length,
                lexical,
                evidence,
                priors,
                utterances,
            };
            best_path_segmented(zh.len(), en.len(), band, &cuts, beam, |z, e, limit| {
                scorer.cost_below(z, e, limit)
            })
        };
        path = search(&band, lexical.as_ref());
        watch.lap(|| format!("search of {} cells, pass {pass}", band.cells()));
        // Where the path runs along the band's edge, the band was too narrow: widen it there
        // and search again (the band only ever grows, so this ends).
        for _ in 0..BAND_WIDENINGS {
            let pressed = band.pressed_rows(&path, BAND_EDGE_MARGIN, en.len());
            if pressed.is_empty() {
                break;
            }
            band.widen(&pressed, BAND_WIDEN_REACH, BAND_WIDEN_BY, en.len());
            if !lexical_band.covers(&band) {
                lexical_band = lexical_band.union(&band);
                lexical = words
                    .as_ref()
                    .map(|w| lexical_model(w, &chance, &lexical_band, rates));
            }
            path = search(&band, lexical.as_ref());
            watch.lap(|| {
                format!(
                    "search of {} cells after widening, pass {pass}",
                    band.cells()
                )
            });
        }
    }
    let scorer = LinkScorer {
        zh: &zf,
        en: &ef,
        zh_totals: &zt,
        en_totals: &et,
        length,
        lexical: lexical.as_ref(),
        evidence,
        priors,
        utterances,
    };
    path.into_par_iter()
        .map(|Step { zh, en, .. }| {
            let score = scorer.score(zh.clone(), en.clone());
            Link { zh, en, score }
        })
        .collect()
}

fn lexical_model(
    words: &DocumentWords,
    chance: &DocumentRates,
    band: &Band,
    rates: (f32, f32),
) -> Lexical {
    Lexical::new(
        &words.zh_bags,
        &words.en_bags,
        &words.en_postings,
        &words.senses,
        chance,
        |i| band.window(i),
        rates,
    )
}

fn chance_rates(words: &DocumentWords) -> DocumentRates {
    document_rates(
        &words.zh_bags,
        &words.en_bags,
        &words.en_postings,
        &words.senses,
    )
}

/// The sentence pairs of a path's 1-1 links.
fn one_to_one(path: &[Step]) -> impl Iterator<Item = (usize, usize)> + '_ {
    path.iter()
        .filter(|s| s.zh.len() == 1 && s.en.len() == 1)
        .map(|s| (s.zh.start, s.en.start))
}

/// Corners of a path, at least `spacing` Chinese sentences apart, where the links on both
/// sides are 1-1 links the model is sure of (`scores`, one per link): a later pass, searching near this path, can be
/// cut there into segments aligned in parallel at little risk (a wrong cut costs a link or
/// two), as the first pass is cut at anchors.
fn sure_corners(path: &[Step], scores: &[f64], spacing: usize) -> Vec<(usize, usize)> {
    let sure = |k: usize| {
        path[k].zh.len() == 1 && path[k].en.len() == 1 && scores[k] >= CUT_MIN_CONFIDENCE
    };
    let n = path.last().map_or(0, |s| s.zh.end);
    let mut corners: Vec<(usize, usize)> = Vec::new();
    for k in 1..path.len() {
        let (i, j) = (path[k - 1].zh.end, path[k - 1].en.end);
        if i >= corners.last().map_or(0, |c| c.0) + spacing
            && i + spacing / 2 <= n
            && sure(k - 1)
            && sure(k)
        {
            corners.push((i, j));
        }
    }
    corners
}

/// The cells the dynamic programme searches: all of them for documents of ordinary size; for
/// long ones a narrow band around a chain of anchors (or, without lexical evidence to find
/// anchors, around the diagonal), so that time and memory grow linearly. Also the corners
/// where a long document is cut into segments aligned in parallel: anchors at least
/// `SEGMENT_ROWS` apart.
fn choose_band(n: usize, m: usize, words: Option<&DocumentWords>) -> (Band, Vec<(usize, usize)>) {
    if (n + 1).saturating_mul(m + 1) <= FULL_MATRIX_CELLS {
        return (Band::full(n, m), Vec::new());
    }
    match words {
        Some(w) => {
            // Rounds of shrinking reach: near the diagonal first, for a rough chain; then
            // nearer and nearer the previous chain, where more words are rare enough to anchor
            // and passages repeated elsewhere in the document are out of reach.
            let stems = anchors::stem_postings(&w.zh_tokens, &w.en_postings, &w.senses);
            let find = |center: &(dyn Fn(usize) -> usize + Sync), reach: usize| {
                anchors::prune(
                    anchors::chain(anchors::candidates(&stems, m, center, reach), m),
                    n,
                    m,
                )
            };
            let mut reach =
                ((n.max(m) as f64 * BAND_SHARE) as usize).max(BAND_MIN) + n.abs_diff(m) / 10;
            let mut chain = find(&|i| i * m / n.max(1), reach);
            // A round that would narrow the reach by less than half finds nearly the same
            // anchors as the last: the rounds stop there.
            while reach >= 2 * ANCHOR_REACH {
                reach = (reach / ANCHOR_REACH_SHRINK).max(ANCHOR_REACH);
                let centers = anchors::interpolate(&chain, n, m);
                chain = find(&|i| centers[i], reach);
            }
            let points: Vec<(usize, usize)> = chain.iter().map(|a| (a.zh, a.en)).collect();
            // A cut between two anchors on consecutive sentences of both sides: the first is then
            // a 1-1 link, and the corner after it lies on the path.
            let mut cuts: Vec<(usize, usize)> = Vec::new();
            for w in points.windows(2) {
                let (i, j) = w[1];
                if w[0].0 + 1 == i
                    && w[0].1 + 1 == j
                    && i >= cuts.last().map_or(0, |c| c.0) + SEGMENT_ROWS
                    && i + SEGMENT_ROWS / 2 <= n
                {
                    cuts.push((i, j));
                }
            }
            (
                Band::around(
                    &points,
                    n,
                    m,
                    ANCHOR_BAND,
                    ANCHOR_BAND_SLACK,
                    ANCHOR_BAND_MAX,
                ),
                cuts,
            )
        }
        None => {
            let width =
                ((n.max(m) as f64 * BAND_SHARE) as usize).max(BAND_MIN) + n.abs_diff(m) / 10;
            (Band::diagonal(n, m, width), Vec::new())
        }
    }
}

/// Ratio and variance measured on the 1-1 links of a first pass. Links whose length is far off
/// (|δ| > 3 under the first model) are left out, so that misalignments do not inflate the
/// variance; a tighter cut would shrink it (cutting a normal at 2σ loses a quarter of its
/// variance, at 3σ under 3%). Needs a handful of links to say anything.
fn reestimate(scorer: &LinkScorer, path: &[Step]) -> Option<LengthModel> {
    const MIN_LINKS: usize = 5;
    let pairs: Vec<(f64, f64)> = path
        .iter()
        .filter(|s| s.zh.len() == 1 && s.en.len() == 1)
        .map(|s| (scorer.zh[s.zh.start].len, scorer.en[s.en.start].len))
        .filter(|&(lz, le)| lz > 0.0 && le > 0.0 && scorer.length.delta(lz, le).abs() <= 3.0)
        .collect();
    if pairs.len() < MIN_LINKS {
        return None;
    }
    let ratio = pairs.iter().map(|p| p.1).sum::<f64>() / pairs.iter().map(|p| p.0).sum::<f64>();
    let variance = pairs
        .iter()
        .map(|&(lz, le)| {
            let expected = ratio * lz;
            (le - expected).powi(2) / ((expected + le) / 2.0).max(1.0)
        })
        .sum::<f64>()
        / pairs.len() as f64;
    let (lo, hi) = LENGTH_VARIANCE_RANGE;
    Some(LengthModel {
        ratio,
        variance: variance.clamp(lo, hi),
    })
}
