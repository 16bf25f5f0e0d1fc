//! Strict and lax precision, recall and F1 of a test alignment against a gold alignment.
//!
//! Definitions: Sennrich & Volk (2010), "MT-based sentence alignment for OCR-generated parallel
//! texts", as implemented in Vecalign's `score.py` (`_precision`, `score_multiple`; Thompson &
//! Koehn 2019) and copied unchanged into Bertalign's `eval.py` (Liu & Zhu 2022). We follow that
//! code rather than the prose wherever the two could be read differently, so that our figures
//! compare with the published ones:
//!
//! * Links are compared as sets: a link repeated in a file counts once, and a link empty on both
//!   sides is ignored.
//! * A link is a strict hit when the identical link (same ids in the same order on both sides)
//!   is in the reference; otherwise a lax hit when some Chinese sentence of it is linked in the
//!   reference to some English sentence of it. A 0-n or n-0 link can therefore only be a strict
//!   hit.
//! * Precision runs over every test link (0-n and n-0 included) against the whole gold.
//! * Recall is the same count with the roles swapped, after dropping 0-n and n-0 links from
//!   both: each gold link with both sides, against the test links with both sides.
//! * Counts are summed over the documents of a set before dividing; F1 is the harmonic mean of
//!   the summed precision and recall; a 0/0 gives 0 (Vecalign's `value_for_div_by_0=0.0`).

use crate::model::IdLink;
// Fx hashing, several times faster than the default SipHash on links: the sets are only
// probed and counted, never read in order, so the hasher changes no figure.
use rustc_hash::FxHashSet;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

/// How many of a set of links hit a reference, strictly and laxly (lax includes strict).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub links: usize,
    pub strict: usize,
    pub lax: usize,
}

/// The raw counts of one or more documents: precision counts test links against the gold,
/// recall counts gold links against the test. Add them up over a set, then take [`Counts::scores`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub precision: Tally,
    pub recall: Tally,
}

/// Precision, recall and F1, each in [0, 1].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The two readings of the metric.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub strict: Prf,
    pub lax: Prf,
}

/// Count one document: `test` against `gold` for precision, and their 1-1/n-m links the other
/// way round for recall.
pub fn count(gold: &[IdLink], test: &[IdLink]) -> Counts {
    let pairs = |links: &[IdLink]| {
        links
            .iter()
            .filter(|l| l.is_pair())
            .cloned()
            .collect::<Vec<_>>()
    };
    Counts {
        precision: tally(gold, test),
        recall: tally(&pairs(test), &pairs(gold)),
    }
}

/// Vecalign's `_precision(goldalign=reference, testalign=candidates)`: how many distinct
/// candidates hit the reference.
fn tally(reference: &[IdLink], candidates: &[IdLink]) -> Tally {
    let reference: FxHashSet<&IdLink> = reference.iter().filter(|l| !is_void(l)).collect();
    let linked_pairs = sentence_pairs(reference.iter().copied());
    let candidates: FxHashSet<&IdLink> = candidates.iter().filter(|l| !is_void(l)).collect();
    let mut tally = Tally {
        links: candidates.len(),
        ..Tally::default()
    };
    for link in candidates {
        if reference.contains(link) {
            tally.strict += 1;
            tally.lax += 1;
        } else if shares_a_pair(link, &linked_pairs) {
            tally.lax += 1;
        }
    }
    tally
}

/// A link empty on both sides says nothing; Vecalign drops it.
fn is_void(link: &IdLink) -> bool {
    link.zh.is_empty() && link.en.is_empty()
}

/// Every (Chinese id, English id) pair that some link joins.
fn sentence_pairs<'a>(links: impl Iterator<Item = &'a IdLink>) -> FxHashSet<(usize, usize)> {
    links
        .flat_map(|l| {
            l.zh.iter()
                .flat_map(move |&z| l.en.iter().map(move |&e| (z, e)))
        })
        .collect()
}

/// The lax criterion: some Chinese sentence of `link` is joined to some English sentence of it.
fn shares_a_pair(link: &IdLink, linked_pairs: &FxHashSet<(usize, usize)>) -> bool {
    link.zh
        .iter()
        .any(|&z| link.en.iter().any(|&e| linked_pairs.contains(&(z, e))))
}

impl Add for Tally {
    type Output = Tally;
    fn add(self, o: Tally) -> Tally {
        Tally {
            links: self.links + o.links,
            strict: self.strict + o.strict,
            lax: self.lax + o.lax,
        }
    }
}

impl Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            precision: self.precision + o.precision,
            recall: self.recall + o.recall,
        }
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        *self = *self + o;
    }
}

impl Sum for Counts {
    fn sum<I: Iterator<Item = Counts>>(iter: I) -> Counts {
        iter.fold(Counts::default(), Add::add)
    }
}

impl<'a> Sum<&'a Counts> for Counts {
    fn sum<I: Iterator<Item = &'a Counts>>(iter: I) -> Counts {
        iter.copied().sum()
    }
}

impl Counts {
    /// Divide: strict and lax precision, recall and F1.
    pub fn scores(&self) -> Scores {
        let (p, r) = (self.precision, self.recall);
        Scores {
            strict: Prf::new(ratio(p.strict, p.links), ratio(r.strict, r.links)),
            lax: Prf::new(ratio(p.lax, p.links), ratio(r.lax, r.links)),
        }
    }
}

impl Prf {
    /// F1 is the harmonic mean of precision and recall, 0 when both are 0.
    pub fn new(precision: f64, recall: f64) -> Prf {
        let sum = precision + recall;
        let f1 = if sum == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / sum
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// `hits / total`, 0 when there is nothing to count.
fn ratio(hits: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn l(zh: &[usize], en: &[usize]) -> IdLink {
        IdLink::new(zh, en)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    /// Gold: [0]:[0]  [1,2]:[1]  [3]:[2,3]  []:[4]
    pub(crate) fn gold() -> Vec<IdLink> {
        vec![
            l(&[0], &[0]),
            l(&[1, 2], &[1]),
            l(&[3], &[2, 3]),
            l(&[], &[4]),
        ]
    }

    /// Test:  [0]:[0]  strict hit
    ///        [1]:[1]  lax (gold joins zh 1 and en 1)
    ///        [2]:[]   miss (an omission that is not in the gold cannot be a lax hit)
    ///        [3]:[2]  lax (gold joins zh 3 and en 2)
    ///        []:[3]   miss
    ///        []:[4]   strict hit: omissions count in precision
    pub(crate) fn test() -> Vec<IdLink> {
        vec![
            l(&[0], &[0]),
            l(&[1], &[1]),
            l(&[2], &[]),
            l(&[3], &[2]),
            l(&[], &[3]),
            l(&[], &[4]),
        ]
    }

    #[test]
    fn precision_counts_every_test_link_including_omissions() {
        // 6 test links; strict: [0]:[0], []:[4]; lax adds [1]:[1] and [3]:[2].
        assert_eq!(
            count(&gold(), &test()).precision,
            Tally {
                links: 6,
                strict: 2,
                lax: 4
            }
        );
    }

    #[test]
    fn recall_counts_gold_pairs_against_test_pairs_only() {
        // Gold pairs: [0]:[0] (strict), [1,2]:[1] (lax via [1]:[1]), [3]:[2,3] (lax via [3]:[2]).
        // []:[4] is not counted, although the test has it too.
        assert_eq!(
            count(&gold(), &test()).recall,
            Tally {
                links: 3,
                strict: 1,
                lax: 3
            }
        );
    }

    #[test]
    fn scores_divide_the_counts_and_take_the_harmonic_mean() {
        let s = count(&gold(), &test()).scores();
        // strict: P = 2/6, R = 1/3, F1 = 1/3.
        assert!(close(s.strict.precision, 1.0 / 3.0) && close(s.strict.recall, 1.0 / 3.0));
        assert!(close(s.strict.f1, 1.0 / 3.0));
        // lax: P = 4/6, R = 3/3, F1 = 2·(2/3)·1 / (2/3 + 1) = 0.8.
        assert!(
            close(s.lax.precision, 2.0 / 3.0) && close(s.lax.recall, 1.0) && close(s.lax.f1, 0.8)
        );
    }

    #[test]
    fn the_gold_against_itself_scores_one_everywhere() {
        let s = count(&gold(), &gold()).scores();
        assert_eq!(
            s,
            Scores {
                strict: Prf::new(1.0, 1.0),
                lax: Prf::new(1.0, 1.0)
            }
        );
    }

    #[test]
    fn a_strict_hit_needs_the_identical_link() {
        // [0,1]:[0] against gold [0]:[0] + [1]:[0]: shares pairs, so lax only.
        let t = count(&[l(&[0], &[0]), l(&[1], &[0])], &[l(&[0, 1], &[0])]).precision;
        assert_eq!(
            t,
            Tally {
                links: 1,
                strict: 0,
                lax: 1
            }
        );
    }

    #[test]
    fn sharing_a_sentence_on_one_side_only_is_not_a_lax_hit() {
        // Test [0]:[1] shares zh 0 and en 1 with the gold, but the gold never joins them.
        let t = count(&[l(&[0], &[0]), l(&[1], &[1])], &[l(&[0], &[1])]).precision;
        assert_eq!(
            t,
            Tally {
                links: 1,
                strict: 0,
                lax: 0
            }
        );
    }

    #[test]
    fn repeated_and_empty_links_are_ignored_as_in_vecalign() {
        let t = count(
            &[l(&[0], &[0])],
            &[l(&[0], &[0]), l(&[0], &[0]), l(&[], &[])],
        )
        .precision;
        assert_eq!(
            t,
            Tally {
                links: 1,
                strict: 1,
                lax: 1
            }
        );
    }

    #[test]
    fn counts_are_summed_over_documents_before_dividing() {
        // Doc A: 1 test link, strict hit. Doc B: 3 test links, none hit.
        // Summed precision is 1/4, not the mean of 1/1 and 0/3 (= 1/2).
        let a = count(&[l(&[0], &[0])], &[l(&[0], &[0])]);
        let b = count(
            &[l(&[0], &[0])],
            &[l(&[0], &[]), l(&[], &[0]), l(&[1], &[1])],
        );
        assert!(close(
            [a, b].iter().sum::<Counts>().scores().strict.precision,
            0.25
        ));
    }

    #[test]
    fn nothing_to_count_scores_zero_instead_of_dividing_by_zero() {
        let s = Counts::default().scores();
        assert_eq!(s, Scores::default());
        // All omissions: precision counts them, recall has nothing to count.
        let s = count(&[l(&[], &[0])], &[l(&[], &[0])]).scores();
        assert_eq!(
            (s.strict.precision, s.strict.recall, s.strict.f1),
            (1.0, 0.0, 0.0)
        );
    }
}
