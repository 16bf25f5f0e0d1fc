//! The score written for a link: the probability that it is right, from what the lattice and
//! the link itself say, through a small logistic model fitted on gold alignments.
//!
//! What predicts that a link is wrong, besides its posterior ([`super::posterior`]): how close
//! the best competing link came (the margin), its shape (most errors are in the rarer shapes),
//! its sentences' lengths (very short sentences are where length says least and a merge costs
//! least), dialogue (utterances are split and joined freely by translators), its word evidence
//! and its whole evidence cost, and how far its lengths are from the document's ratio.
//! Omissions are scored by the same model through features of their own: whether an omission
//! is right depends on other things (how long the sentence is, which side it is on).
//!
//! The weights were fitted by `scripts/calibrate.sh`, which reads `../shared/eval`, writes every
//! link's features with `zhen-align eval --calibration-data`, and fits a logistic regression
//! (L2 penalty, Newton's method) on MAC-Dev, reporting leave-one-chapter-out figures; the
//! Bible is left out of the fit and measures it. Refit whenever a change to the costs or the
//! features lands: the weights below are only as good as the costs they were fitted to.

use super::costing::LinkCosts;
use super::dp::{Band, Step};
use super::params::LEXICAL_SCALE;
use super::posterior::{LinkPosterior, MARGIN_CAP};
use super::score::LinkScorer;
use crate::model::Link;
use rayon::prelude::*;

/// The temperature of the lattice's distribution over paths, P(path) ∝ exp(−cost / T). The
/// costs add up evidence terms that are not independent (length and words say much the same
/// thing), so that at T = 1 nearly every posterior is 0 or 1. Chosen by the fit's
/// cross-validated log loss on MAC-Dev (nats per link): T = 1 0.255, 2 0.253, 3 0.250,
/// 5 0.249, 8 0.252; AUROC 0.853 to 0.866 across them.
pub const TEMPERATURE: f64 = 3.0;

/// A side of at most this many length units (Han characters; English non-space characters
/// divided by the document's ratio) is very short: "嗯。", "Yes."
const SHORT_SIDE: f64 = 4.0;

/// The features, in the order of [`WEIGHTS`]; also the column names of the calibration data.
pub const FEATURES: [&str; 16] = [
    "bias",
    "logit_posterior",
    "logit_neighbour",
    "margin",
    "shape_1_1",
    "shape_1_2_or_2_1",
    "ln_zh_len",
    "ln_en_len",
    "short",
    "dialogue",
    "words",
    "evidence",
    "abs_delta",
    "omission",
    "omission_logit_posterior",
    "omission_ln_len",
];

/// Logistic weights of [`FEATURES`]; see the module's doc for how they were obtained.
pub const WEIGHTS: [f64; FEATURES.len()] = [
    2.1425,  // bias
    0.8613,  // logit_posterior
    0.2587,  // logit_neighbour
    0.2474,  // margin
    0.8063,  // shape_1_1
    0.4625,  // shape_1_2_or_2_1
    0.0999,  // ln_zh_len
    -0.3646, // ln_en_len
    0.4647,  // short
    -0.6513, // dialogue
    -0.7147, // words
    -0.4725, // evidence
    -0.2054, // abs_delta
    -0.2723, // omission
    0.6305,  // omission_logit_posterior
    -1.0427, // omission_ln_len
];

/// An alignment and what its scores were worked out from, link by link.
#[derive(Debug, Clone, Default)]
pub struct Explained {
    pub links: Vec<Link>,
    pub signals: Vec<Signals>,
    /// The document's score, from these links (see [`super::doc_score`]).
    pub doc_score: super::doc_score::DocScore,
}

/// The links of `refined` (the final pass's `searched` path after refinement), each scored
/// with the probability that it is right: the posteriors over the lattice the final pass
/// searched (`band`, cut at `cuts`), under the final pass's `scorer`, then the calibration. A
/// link refinement made by joining searched links takes the lowest posterior and margin of
/// those it joined. `known`: the links the final search costed under `scorer` (see
/// [`super::posterior::path_posteriors`]).
pub fn scored_links(
    scorer: &LinkScorer,
    band: &Band,
    cuts: &[(usize, usize)],
    known: &LinkCosts,
    searched: &[Step],
    refined: Vec<Step>,
) -> Explained {
    let (n, m) = searched.last().map_or((0, 0), |s| (s.zh.end, s.en.end));
    let found =
        super::posterior::path_posteriors(n, m, band, cuts, searched, TEMPERATURE, scorer, known);
    let posteriors = joined(searched, &found, &refined);
    // The lower posterior of the links on either side: errors come in runs (a wrong link
    // pushes its neighbours off too).
    let neighbour = |k: usize| {
        let before = k.checked_sub(1).map_or(1.0, |b| posteriors[b].posterior);
        let after = posteriors.get(k + 1).map_or(1.0, |a| a.posterior);
        before.min(after)
    };
    let signals: Vec<Signals> = refined
        .par_iter()
        .enumerate()
        .map(|(k, step)| Signals::of(scorer, step, posteriors[k], neighbour(k)))
        .collect();
    let links = refined
        .into_iter()
        .zip(&signals)
        .map(|(Step { zh, en, .. }, s)| Link {
            zh,
            en,
            score: s.probability(),
        })
        .collect();
    Explained {
        links,
        signals,
        doc_score: Default::default(),
    }
}

/// The posterior of each `refined` link: that of the `searched` link it is, or the lowest of
/// those it is made of (both paths run through the same corners where they differ).
fn joined(searched: &[Step], found: &[LinkPosterior], refined: &[Step]) -> Vec<LinkPosterior> {
    let mut k = 0;
    refined
        .iter()
        .map(|r| {
            let mut joined: Option<LinkPosterior> = None;
            while k < searched.len()
                && searched[k].zh.end <= r.zh.end
                && searched[k].en.end <= r.en.end
            {
                let p = found[k];
                joined = Some(match joined {
                    None => p,
                    Some(q) => LinkPosterior {
                        posterior: q.posterior.min(p.posterior),
                        margin: q.margin.min(p.margin),
                    },
                });
                k += 1;
            }
            joined.unwrap_or(LinkPosterior {
                posterior: 0.0,
                margin: 0.0,
            })
        })
        .collect()
}

/// What is known of one link of the best path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signals {
    pub posterior: LinkPosterior,
    /// The lower posterior of the links before and after it (1 at the document's ends).
    pub neighbour: f64,
    pub zh_sentences: usize,
    pub en_sentences: usize,
    /// Length units of each side (see [`super::features::Features::len`]), English divided by
    /// the document's ratio.
    pub zh_len: f64,
    pub en_len: f64,
    /// The link's first sentence on either side opens an utterance, or its last closes one.
    pub dialogue: bool,
    /// Word evidence, −cost (nats): positive when the words agree.
    pub words: f64,
    /// The link's whole evidence cost (nats), shape prior excluded.
    pub evidence: f64,
    /// Gale–Church |δ|.
    pub abs_delta: f64,
}

impl Signals {
    pub fn of(
        scorer: &LinkScorer,
        step: &Step,
        posterior: LinkPosterior,
        neighbour: f64,
    ) -> Signals {
        let (zh, en) = (step.zh.clone(), step.en.clone());
        let zh_len = scorer.zh_totals.len(&zh);
        let en_len = scorer.en_totals.len(&en) / scorer.length.ratio.max(1e-9);
        let opens = |f: &[super::features::Features], r: &std::ops::Range<usize>| {
            !r.is_empty() && (f[r.start].opens_utterance() || f[r.end - 1].closes_utterance)
        };
        let pair = !zh.is_empty() && !en.is_empty();
        Signals {
            posterior,
            neighbour,
            zh_sentences: zh.len(),
            en_sentences: en.len(),
            zh_len,
            en_len,
            dialogue: opens(scorer.zh, &zh) || opens(scorer.en, &en),
            words: match (pair, scorer.lexical) {
                (true, Some(l)) => LEXICAL_SCALE * l.log_ratio(zh.clone(), en.clone()),
                _ => 0.0,
            },
            evidence: scorer.evidence_cost(zh.clone(), en.clone()),
            abs_delta: if pair {
                scorer.length.delta(zh_len, scorer.en_totals.len(&en)).abs()
            } else {
                0.0
            },
        }
    }

    /// The feature vector of [`FEATURES`].
    pub fn features(&self) -> [f64; FEATURES.len()] {
        let logit = logit(self.posterior.posterior);
        let shape = (self.zh_sentences, self.en_sentences);
        let omission = shape.0 == 0 || shape.1 == 0;
        let pair = f64::from(u8::from(!omission));
        let flag = |b: bool| f64::from(u8::from(b));
        let short = !omission && (self.zh_len <= SHORT_SIDE || self.en_len <= SHORT_SIDE);
        [
            1.0,
            pair * logit,
            super::calibration::logit(self.neighbour),
            self.posterior.margin / MARGIN_CAP,
            flag(shape == (1, 1)),
            flag(shape == (1, 2) || shape == (2, 1)),
            pair * self.zh_len.ln_1p(),
            pair * self.en_len.ln_1p(),
            flag(short),
            flag(self.dialogue),
            pair * self.words.clamp(-30.0, 30.0) / 10.0,
            pair * self.evidence.clamp(-30.0, 30.0) / 10.0,
            pair * self.abs_delta.min(6.0),
            flag(omission),
            flag(omission) * logit,
            flag(omission) * (self.zh_len + self.en_len).ln_1p(),
        ]
    }

    /// The probability that the link is right.
    pub fn probability(&self) -> f64 {
        let z: f64 = self
            .features()
            .iter()
            .zip(WEIGHTS)
            .map(|(x, w)| x * w)
            .sum();
        let p = 1.0 / (1.0 + (-z).exp());
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// ln(p / (1 − p)), kept within ±12 (a posterior of 1 − 6e-6 or more is as good as certain).
fn logit(p: f64) -> f64 {
    const BOUND: f64 = 12.0;
    let p = p.clamp(1e-300, 1.0);
    (p.ln() - (-p).ln_1p()).clamp(-BOUND, BOUND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logit_is_bounded_and_odd() {
        assert_eq!(logit(0.5), 0.0);
        assert_eq!(logit(1.0), 12.0);
        assert_eq!(logit(0.0), -12.0);
        assert!((logit(0.8) + logit(0.2)).abs() < 1e-12);
    }
}
