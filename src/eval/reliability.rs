//! How well the score tells right links from wrong: the measures `eval` prints beside F1.
//!
//! A link is right when it is exactly a gold link (the strict reading of [`super::metric`];
//! with verses, when the merged link it went into is). Over every link of a set, scored and
//! judged so:
//!
//! * AUROC: the chance that a right link scores above a wrong one (ties count half), the
//!   Mann–Whitney U statistic over both counts;
//! * ECE, expected calibration error over 10 equal-width bins (Naeini et al. 2015; Guo et al.
//!   2017): the links' share in each bin times |mean score − share right|, summed;
//! * at a threshold t: the precision of the links scoring ≥ t and the share of links kept.

use super::Verses;
use crate::model::IdLink;
// Fx hashing, several times faster than the default SipHash on links: the sets are only
// probed and counted, never read in order, so the hasher changes no figure.
use rustc_hash::FxHashSet;

/// Bins of the expected calibration error.
pub const ECE_BINS: usize = 10;

/// The thresholds `eval` reports precision and share kept at.
pub const THRESHOLDS: [f64; 2] = [0.5, 0.9];

/// For each test link, whether it is right: exactly a gold link, or, with `verses`, part of a
/// merged link that is exactly a gold link.
pub fn strict_verdicts(gold: &[IdLink], test: &[IdLink], verses: Option<&Verses>) -> Vec<bool> {
    let gold: FxHashSet<&IdLink> = gold.iter().collect();
    match verses {
        Some(v) => {
            let (merged, groups) = v.merge_grouped(test);
            let right: Vec<bool> = merged.iter().map(|l| gold.contains(l)).collect();
            groups.into_iter().map(|g| right[g]).collect()
        }
        None => test.iter().map(|l| gold.contains(l)).collect(),
    }
}

/// Precision and share kept at one threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kept {
    pub threshold: f64,
    /// Right links among those scoring ≥ threshold (0 when none does).
    pub precision: f64,
    /// Links scoring ≥ threshold among all.
    pub share: f64,
    /// Right links scoring ≥ threshold among right links.
    pub right_share: f64,
}

/// The reliability of a set of (score, right) judgements.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    pub links: usize,
    /// Right links among all.
    pub precision: f64,
    pub auroc: f64,
    pub ece: f64,
    pub kept: Vec<Kept>,
}

impl Reliability {
    pub fn of(judged: &[(f64, bool)]) -> Reliability {
        let right = judged.iter().filter(|j| j.1).count();
        Reliability {
            links: judged.len(),
            precision: ratio(right, judged.len()),
            auroc: auroc(judged),
            ece: ece(judged, ECE_BINS),
            kept: THRESHOLDS.iter().map(|&t| kept(judged, t)).collect(),
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Mann–Whitney: the average rank of the right links against the wrong ones, ties at their
/// mean rank. 0.5 when either kind is missing (nothing to tell apart).
pub fn auroc(judged: &[(f64, bool)]) -> f64 {
    let mut sorted: Vec<(f64, bool)> = judged.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut k) = (0.0, 0);
    while k < sorted.len() {
        let tied = sorted[k..]
            .iter()
            .take_while(|x| x.0 == sorted[k].0)
            .count();
        // Ranks k+1 ..= k+tied, their mean for each.
        let mean_rank = k as f64 + (tied as f64 + 1.0) / 2.0;
        rank_sum += mean_rank * sorted[k..k + tied].iter().filter(|x| x.1).count() as f64;
        k += tied;
    }
    let pos = judged.iter().filter(|j| j.1).count() as f64;
    let neg = judged.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return 0.5;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// Expected calibration error over `bins` equal-width bins of the score (a score of 1 falls
/// in the last bin).
pub fn ece(judged: &[(f64, bool)], bins: usize) -> f64 {
    // Per bin: summed scores, right links, links.
    let mut sum = vec![(0.0f64, 0.0f64, 0usize); bins];
    for &(score, right) in judged {
        let b = ((score * bins as f64) as usize).min(bins - 1);
        sum[b].0 += score;
        sum[b].1 += f64::from(u8::from(right));
        sum[b].2 += 1;
    }
    let n = judged.len().max(1) as f64;
    sum.iter()
        .filter(|b| b.2 > 0)
        .map(|&(s, r, _)| (s - r).abs() / n)
        .sum()
}

fn kept(judged: &[(f64, bool)], threshold: f64) -> Kept {
    let above: Vec<bool> = judged
        .iter()
        .filter(|j| j.0 >= threshold)
        .map(|j| j.1)
        .collect();
    let right_above = above.iter().filter(|&&r| r).count();
    Kept {
        threshold,
        precision: ratio(right_above, above.len()),
        share: ratio(above.len(), judged.len()),
        right_share: ratio(right_above, judged.iter().filter(|j| j.1).count()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auroc_is_one_when_every_right_link_scores_higher_and_a_half_for_ties() {
        let sorted = [(0.9, true), (0.8, true), (0.2, false), (0.1, false)];
        assert_eq!(auroc(&sorted), 1.0);
        let reversed = [(0.1, true), (0.9, false)];
        assert_eq!(auroc(&reversed), 0.0);
        let tied = [(0.5, true), (0.5, false)];
        assert_eq!(auroc(&tied), 0.5);
        // Right 0.9 beats both wrong; right 0.3 beats 0.2 only: 3 of 4 pairs.
        let mixed = [(0.9, true), (0.3, true), (0.2, false), (0.6, false)];
        assert_eq!(auroc(&mixed), 0.75);
    }

    #[test]
    fn ece_is_zero_when_each_bin_is_right_as_often_as_it_says() {
        let calibrated = [(0.75, true), (0.75, true), (0.75, true), (0.75, false)];
        assert!(ece(&calibrated, 10).abs() < 1e-12);
        // Everything at 0.95, half right: off by 0.45.
        let over = [(0.95, true), (0.95, false)];
        assert!((ece(&over, 10) - 0.45).abs() < 1e-12);
        // Bins weigh by their links: a perfect bin of 3 and a bin of 1 off by 0.15.
        let two = [(0.05, false), (0.05, false), (0.05, false), (0.85, true)];
        assert!((ece(&two, 10) - (0.15 + 3.0 * 0.05) / 4.0).abs() < 1e-12);
    }

    #[test]
    fn kept_counts_the_links_at_or_above_the_threshold() {
        let judged = [(0.95, true), (0.9, false), (0.6, true), (0.1, false)];
        let r = Reliability::of(&judged);
        assert_eq!(r.precision, 0.5);
        assert_eq!(r.kept[0].threshold, 0.5);
        assert_eq!((r.kept[0].precision, r.kept[0].share), (2.0 / 3.0, 0.75));
        assert_eq!((r.kept[1].precision, r.kept[1].share), (0.5, 0.5));
        assert_eq!(r.kept[1].right_share, 0.5);
    }

    #[test]
    fn with_verses_each_link_takes_the_verdict_of_its_merged_link() {
        // Verses zh A A B, en A B: [0]:[0] and [1]:[] merge into the gold [0,1]:[0].
        let verses = Verses::parse("A\nA\nB\n", "A\nB\n");
        let gold = [IdLink::new([0, 1], [0]), IdLink::new([2], [1])];
        let test = [
            IdLink::new([0], [0]),
            IdLink::new([1], []),
            IdLink::new([2], [1]),
        ];
        assert_eq!(
            strict_verdicts(&gold, &test, Some(&verses)),
            vec![true, true, true]
        );
        assert_eq!(
            strict_verdicts(&gold, &test, None),
            vec![false, false, true]
        );
    }
}
