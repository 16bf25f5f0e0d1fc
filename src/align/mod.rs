//! Sentence alignment: orchestration.
//!
//! Following Bertalign's split, this module only orchestrates; [`dp`] is the dynamic
//! programme, [`score`] the cost of one link, [`features`] and [`numbers`] what each sentence
//! brings, [`params`] every constant.
//!
//! Two passes: the first uses the document's raw length ratio and a prior variance; the second
//! re-estimates ratio and variance from the first pass's 1-1 links, so that the length model
//! follows the translator of this document rather than a global guess.

pub mod dp;
pub mod features;
pub mod numbers;
pub mod params;
pub mod score;

use crate::model::{Link, Sentence};
use dp::{best_path, Band, Step};
use features::{document_features, Features};
use params::*;
use score::{confidence, LengthModel, LinkScorer};

/// Align two sentence lists. Every sentence ends up in exactly one link, in order; links with
/// an empty side are omissions.
pub fn align(zh: &[Sentence], en: &[Sentence]) -> Vec<Link> {
    let (zf, ef) = document_features(zh, en);
    align_features(&zf, &ef)
}

/// Align sentences already turned into features.
pub fn align_features(zh: &[Features], en: &[Features]) -> Vec<Link> {
    let band = choose_band(zh.len(), en.len());
    let mut scorer = LinkScorer { zh, en, length: LengthModel::from_totals(zh, en) };
    let first = best_path(zh.len(), en.len(), &band, |z, e| scorer.cost(z, e));
    if let Some(model) = reestimate(&scorer, &first) {
        scorer.length = model;
    }
    let path = best_path(zh.len(), en.len(), &band, |z, e| scorer.cost(z, e));
    path.into_iter()
        .map(|Step { zh, en, .. }| {
            let score = if zh.is_empty() || en.is_empty() { 0.0 } else { confidence(scorer.evidence_cost(zh.clone(), en.clone())) };
            Link { zh, en, score }
        })
        .collect()
}

fn choose_band(n: usize, m: usize) -> Band {
    if (n + 1).saturating_mul(m + 1) <= FULL_MATRIX_CELLS {
        Band::full(n, m)
    } else {
        let width = ((n.max(m) as f64 * BAND_SHARE) as usize).max(BAND_MIN) + n.abs_diff(m) / 10;
        Band::diagonal(n, m, width)
    }
}

/// Ratio and variance measured on the 1-1 links of a first pass. Links whose length is far off
/// (|δ| > 2 under the first model) are left out, so that misalignments do not inflate the
/// variance. Needs a handful of links to say anything.
fn reestimate(scorer: &LinkScorer, path: &[Step]) -> Option<LengthModel> {
    const MIN_LINKS: usize = 5;
    let pairs: Vec<(f64, f64)> = path
        .iter()
        .filter(|s| s.zh.len() == 1 && s.en.len() == 1)
        .map(|s| (scorer.zh[s.zh.start].len, scorer.en[s.en.start].len))
        .filter(|&(lz, le)| lz > 0.0 && le > 0.0 && scorer.length.delta(lz, le).abs() <= 2.0)
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
    Some(LengthModel { ratio, variance: variance.clamp(lo, hi) })
}
