//! Anchors: sentence pairs so clearly translations of each other that the full alignment can
//! be searched in a narrow band around the chain they form.
//!
//! This is what makes long documents linear. A pair is a candidate when the two sentences
//! share rare words (a dictionary or learned translation of a word that occurs in few
//! sentences of the document); the best increasing chain of candidates (a weighted longest
//! increasing subsequence, O(P log P)) is the rough path; the dynamic programme then only
//! looks at cells near it.

use super::dp::line_through;
use super::features::Features;
use super::lexical::{Postings, Senses};
use super::numbers::Number;
use super::params::{
    CANDIDATES_PER_SENTENCE, MAX_OFFSET_DEPARTURE, MAX_STEM_SENTENCES, MIN_SHARED_RARE_WORDS,
    NUMBER_VOTES, PRUNE_NEIGHBOURS,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// One candidate anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    pub zh: usize,
    pub en: usize,
    pub weight: f32,
}

/// For each Chinese sentence, the English sentences holding each translation stem of its
/// words (the first stem of each sense, once per word): looked up once, read by every round
/// of [`candidates`]. A word's lists are looked up once for all its occurrences.
pub fn stem_postings<'p>(
    zh_tokens: &[Vec<u32>],
    postings: &'p Postings,
    senses: &Senses,
) -> Vec<Vec<&'p [u32]>> {
    let word_lists: Vec<Vec<&'p [u32]>> = senses
        .par_iter()
        .map(|word_senses| {
            let mut lists = Vec::new();
            let mut seen_stems: Vec<u32> = Vec::new();
            for sense in word_senses {
                let Some(&stem) = sense.first() else { continue };
                if seen_stems.contains(&stem) {
                    continue;
                }
                seen_stems.push(stem);
                if let Some(list) = postings.get(&stem) {
                    lists.push(list.as_slice());
                }
            }
            lists
        })
        .collect();
    zh_tokens
        .par_iter()
        .map(|tokens| {
            let mut lists = Vec::new();
            let mut seen_words: Vec<u32> = Vec::new();
            for &w in tokens {
                if seen_words.contains(&w) {
                    continue;
                }
                seen_words.push(w);
                lists.extend_from_slice(word_lists.get(w as usize).map_or(&[][..], Vec::as_slice));
            }
            lists
        })
        .collect()
}

/// For each number written in the English sentences, the sentences holding it, in order.
pub fn number_index(en: &[Features]) -> FxHashMap<Number, Vec<u32>> {
    let mut index: FxHashMap<Number, Vec<u32>> = FxHashMap::default();
    for (j, f) in en.iter().enumerate() {
        for &x in &f.numbers {
            let list = index.entry(x).or_default();
            if list.last() != Some(&(j as u32)) {
                list.push(j as u32);
            }
        }
    }
    index
}

/// For each Chinese sentence, the English sentences holding each of its numbers (once per
/// distinct number), as [`stem_postings`] gives them for words.
pub fn number_postings<'p>(
    zh: &[Features],
    index: &'p FxHashMap<Number, Vec<u32>>,
) -> Vec<Vec<&'p [u32]>> {
    zh.iter()
        .map(|f| {
            let mut numbers = f.numbers.clone();
            numbers.dedup();
            numbers
                .iter()
                .filter_map(|x| index.get(x).map(Vec::as_slice))
                .collect()
        })
        .collect()
}

/// Candidate pairs from shared words and numbers that are rare near where a counterpart is
/// expected: `center(i)` is the English position expected for Chinese sentence i, `reach` how
/// far from it a counterpart may lie. `stems` are the sentences' [`stem_postings`] and
/// `numbers` their [`number_postings`] (empty when numbers are not evidence), in `m` English
/// sentences.
pub fn candidates(
    stems: &[Vec<&[u32]>],
    numbers: &[Vec<&[u32]>],
    m: usize,
    center: impl Fn(usize) -> usize + Sync,
    reach: usize,
) -> Vec<Anchor> {
    let window = (2 * reach + 1) as f32;
    // Each Chinese sentence's candidates are independent: found in parallel, kept in order.
    let per_sentence: Vec<Vec<Anchor>> = stems
        .par_iter()
        .enumerate()
        .map_init(
            || Votes::new(2 * reach + 1),
            |votes, (i, lists)| {
                let c = center(i);
                let (lo, hi) = (
                    c.saturating_sub(reach) as u32,
                    (c + reach + 1).min(m) as u32,
                );
                let words = lists.iter().map(|l| (*l, 1));
                let values = numbers.get(i).into_iter().flatten();
                for (list, n) in words.chain(values.map(|l| (*l, NUMBER_VOTES))) {
                    // The sentences from `lo` on, then those before `hi` among the next few: a
                    // stem in more than `MAX_STEM_SENTENCES` of them is skipped anyway.
                    let from = list.partition_point(|&j| j < lo);
                    let next = &list[from..list.len().min(from + MAX_STEM_SENTENCES + 1)];
                    let near = &next[..next.partition_point(|&j| j < hi)];
                    if near.is_empty() || near.len() > MAX_STEM_SENTENCES {
                        continue;
                    }
                    let idf = (window / near.len() as f32).ln().max(0.0);
                    for &j in near {
                        votes.add((j - lo) as usize, idf, n);
                    }
                }
                // Nearer the expected position is likelier: the weight fades linearly to nothing
                // at the edge of the reach, so that of two copies of a repeated passage the one
                // where the path should be wins.
                let near_weight = |j: u32| 1.0 - (j as f32 - c as f32).abs() / (reach as f32 + 1.0);
                let mut best: Vec<(u32, f32)> = votes
                    .drain()
                    .filter(|&(_, _, n)| n >= MIN_SHARED_RARE_WORDS)
                    .map(|(k, w, _)| (lo + k as u32, w))
                    .map(|(j, w)| (j, w * near_weight(j)))
                    .collect();
                best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                best.into_iter()
                    .take(CANDIDATES_PER_SENTENCE)
                    .map(|(j, w)| Anchor {
                        zh: i,
                        en: j as usize,
                        weight: w,
                    })
                    .collect()
            },
        )
        .collect();
    per_sentence.concat()
}

/// One Chinese sentence's votes for the English sentences of its window: weight and count per
/// position, and the positions voted for, in the order of their first vote. An array over the
/// window rather than a map: every shared word's sentences are added, the document over.
struct Votes {
    tally: Vec<(f32, u32)>,
    voted: Vec<usize>,
}

impl Votes {
    fn new(window: usize) -> Votes {
        Votes {
            tally: vec![(0.0, 0); window],
            voted: Vec::new(),
        }
    }

    /// A vote of `n` words, each weighing `idf`, for position `k` of the window.
    fn add(&mut self, k: usize, idf: f32, n: u32) {
        let Some(t) = self.tally.get_mut(k) else {
            return;
        };
        if t.1 == 0 {
            self.voted.push(k);
        }
        t.0 += idf * n as f32;
        t.1 += n;
    }

    /// Each position voted for, with its weight and count, the tally emptied for the next
    /// sentence.
    fn drain(&mut self) -> impl Iterator<Item = (usize, f32, u32)> + '_ {
        let tally = &mut self.tally;
        self.voted
            .drain(..)
            .map(move |k| (k, std::mem::take(&mut tally[k])))
            .map(|(k, (w, n))| (k, w, n))
    }
}

/// The heaviest chain of candidates increasing in both coordinates (weighted longest
/// increasing subsequence with a Fenwick tree of prefix maxima over English positions).
pub fn chain(mut candidates: Vec<Anchor>, m: usize) -> Vec<Anchor> {
    // By Chinese position, and within one, English positions descending so that two
    // candidates of one Chinese sentence never chain. `candidates` gives them by Chinese
    // position already: then each sentence's few are put in order (stably, as the sort of
    // the whole would), not the whole list sorted again.
    let by_en = |a: &Anchor, b: &Anchor| b.en.cmp(&a.en);
    if candidates.windows(2).all(|w| w[0].zh <= w[1].zh) {
        for run in candidates.chunk_by_mut(|a, b| a.zh == b.zh) {
            run.sort_by(by_en);
        }
    } else {
        candidates.sort_by(|a, b| a.zh.cmp(&b.zh).then(by_en(a, b)));
    }
    let size = m + 1;
    let mut tree: Vec<(f32, usize)> = vec![(0.0, usize::MAX); size + 1];
    let mut best = vec![(0.0f32, usize::MAX); candidates.len()];
    for (k, c) in candidates.iter().enumerate() {
        // Best chain ending at an English position < c.en.
        let (mut value, mut from) = (0.0f32, usize::MAX);
        let mut x = c.en; // prefix [0, c.en) in 1-based Fenwick terms
        while x > 0 {
            if tree[x].0 > value {
                (value, from) = tree[x];
            }
            x &= x - 1;
        }
        best[k] = (value + c.weight, from);
        let mut x = c.en + 1;
        while x <= size {
            if best[k].0 > tree[x].0 {
                tree[x] = (best[k].0, k);
            }
            x += x & x.wrapping_neg();
        }
    }
    let Some(mut k) =
        (0..candidates.len()).max_by(|&a, &b| best[a].0.total_cmp(&best[b].0).then(b.cmp(&a)))
    else {
        return Vec::new();
    };
    let mut out = vec![candidates[k]];
    while best[k].1 != usize::MAX {
        k = best[k].1;
        out.push(candidates[k]);
    }
    out.reverse();
    out
}

/// The English position a chain of anchors expects for each Chinese sentence: the straight
/// lines between anchors (and the corners (0, 0), (n, m)).
pub fn interpolate(chain: &[Anchor], n: usize, m: usize) -> Vec<usize> {
    let points: Vec<(usize, usize)> = chain.iter().map(|a| (a.zh, a.en)).collect();
    line_through(&points, n, m)
        .into_iter()
        .map(|(j, _)| j.round().clamp(0.0, m as f64) as usize)
        .collect()
}

/// Drop anchors whose offset from the diagonal departs from their neighbours' (a coincidental
/// match pulling the path sideways, or a stretch matched in another copy of a repeated
/// passage): each anchor's offset is compared with the median offset of the anchors around it,
/// which follows real drift but not a few stray anchors.
pub fn prune(chain: Vec<Anchor>, n: usize, m: usize) -> Vec<Anchor> {
    let ratio = m as f64 / n.max(1) as f64;
    let offsets: Vec<f64> = chain
        .iter()
        .map(|a| a.en as f64 - a.zh as f64 * ratio)
        .collect();
    let mut window: Vec<f64> = Vec::with_capacity(2 * PRUNE_NEIGHBOURS + 1);
    let keep: Vec<bool> = (0..chain.len())
        .map(|k| {
            window.clear();
            window.extend_from_slice(
                &offsets[k.saturating_sub(PRUNE_NEIGHBOURS)
                    ..(k + PRUNE_NEIGHBOURS + 1).min(offsets.len())],
            );
            window.sort_by(f64::total_cmp);
            let median = window[window.len() / 2];
            (offsets[k] - median).abs() <= MAX_OFFSET_DEPARTURE
        })
        .collect();
    chain
        .into_iter()
        .zip(keep)
        .filter_map(|(a, k)| k.then_some(a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::lexical::{postings, Bag};

    fn a(zh: usize, en: usize, weight: f32) -> Anchor {
        Anchor { zh, en, weight }
    }

    #[test]
    fn the_chain_is_increasing_and_heaviest() {
        let c = chain(
            vec![
                a(0, 0, 1.0),
                a(1, 5, 1.0),
                a(1, 1, 1.0),
                a(2, 2, 1.0),
                a(3, 1, 5.0),
                a(4, 4, 1.0),
            ],
            10,
        );
        let got: Vec<(usize, usize)> = c.iter().map(|x| (x.zh, x.en)).collect();
        assert_eq!(got, [(0, 0), (3, 1), (4, 4)]);
    }

    #[test]
    fn candidates_in_any_order_make_the_same_chain() {
        // Three candidates per sentence, in weight order as `candidates` gives them; the same
        // list in another order takes the sort of the whole list instead.
        let grouped: Vec<Anchor> = (0..40)
            .flat_map(|i| {
                let w = |k: usize| ((i * 7 + k * 13) % 11) as f32 + 1.0;
                let mut three = [a(i, i + 2, w(0)), a(i, i, w(1)), a(i, i + 1, w(2))];
                three.sort_by(|x, y| y.weight.total_cmp(&x.weight));
                three
            })
            .collect();
        let mut shuffled = grouped.clone();
        shuffled.reverse();
        shuffled.rotate_left(17);
        let (c1, c2) = (chain(grouped, 50), chain(shuffled, 50));
        assert!(c1.len() > 10);
        assert_eq!(c1, c2);
    }

    #[test]
    fn one_chinese_sentence_anchors_once() {
        let c = chain(vec![a(0, 0, 1.0), a(0, 1, 1.0), a(0, 2, 1.0)], 5);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn interpolation_follows_the_chain() {
        let centers = interpolate(&[a(10, 20, 1.0)], 20, 30);
        assert_eq!(
            (
                centers[0],
                centers[5],
                centers[10],
                centers[15],
                centers[20]
            ),
            (0, 10, 20, 25, 30)
        );
    }

    #[test]
    fn an_anchor_far_off_the_slope_is_dropped() {
        let chain = vec![
            a(10, 10, 1.0),
            a(20, 20, 1.0),
            a(30, 90, 1.0),
            a(40, 40, 1.0),
            a(50, 50, 1.0),
        ];
        let kept: Vec<(usize, usize)> = prune(chain, 100, 100)
            .iter()
            .map(|x| (x.zh, x.en))
            .collect();
        assert_eq!(kept, [(10, 10), (20, 20), (40, 40), (50, 50)]);
    }

    #[test]
    fn sentences_sharing_rare_words_are_candidates() {
        // Words 0 and 1 translate to stems 10 and 11, which occur only in English sentence 2.
        let senses: Senses = vec![vec![vec![10]], vec![vec![11]]];
        let zh = vec![vec![], vec![0, 1]];
        let en: Vec<Bag> = [vec![12], vec![12], vec![10, 11, 12]]
            .into_iter()
            .map(|words| Bag { words })
            .collect();
        let en_postings = postings(&en);
        let c = candidates(
            &stem_postings(&zh, &en_postings, &senses),
            &[],
            en.len(),
            |i| i,
            10,
        );
        assert_eq!(c.iter().map(|x| (x.zh, x.en)).collect::<Vec<_>>(), [(1, 2)]);
    }

    #[test]
    fn a_rare_number_shared_is_a_candidate_alone() {
        // Every word is everywhere (no stem can anchor); only the numbers differ.
        let with = |numbers: Vec<Number>| Features {
            numbers,
            ..Features::default()
        };
        let zh: Vec<Features> = (0..6).map(|k| with(vec![k * 100])).collect();
        let en: Vec<Features> = (0..6).map(|k| with(vec![k * 100])).collect();
        let index = number_index(&en);
        let numbers = number_postings(&zh, &index);
        let stems = vec![Vec::new(); zh.len()];
        let c = chain(candidates(&stems, &numbers, en.len(), |i| i, 10), en.len());
        let got: Vec<(usize, usize)> = c.iter().map(|x| (x.zh, x.en)).collect();
        assert_eq!(got, (0..6).map(|k| (k, k)).collect::<Vec<_>>());
        // Without numbers as evidence, nothing anchors.
        assert!(candidates(&stems, &[], en.len(), |i| i, 10).is_empty());
    }
}
