//! Which words of two sentences translate each other: the documents' word bags and postings,
//! the 64-bit masks of the matches of each sentence pair in the band, and the chance rates
//! (in how many sentences a word finds a translation at all) the evidence is weighed against.

use crate::model::filled::filled;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Words beyond this many distinct ones in a sentence are left out (they would not fit the
/// 64-bit masks). Sentences that long are rare and carry enough evidence in their first 64.
pub const MAX_WORDS: usize = 64;

/// One sentence as the lexical model sees it: its distinct word ids (Chinese vocabulary ids or
/// English stem ids), at most `MAX_WORDS`, first occurrences first.
#[derive(Debug, Clone, Default)]
pub struct Bag {
    pub words: Vec<u32>,
}

/// Distinct words of each sentence, first occurrences first, capped.
pub fn distinct(tokens: &[u32]) -> Vec<u32> {
    let mut seen = Vec::with_capacity(tokens.len().min(MAX_WORDS));
    for &t in tokens {
        if !seen.contains(&t) {
            seen.push(t);
            if seen.len() == MAX_WORDS {
                break;
            }
        }
    }
    seen
}

/// For each English stem, the sentences holding it, in order.
pub type Postings = FxHashMap<u32, Vec<u32>>;

/// The postings of a side's bags: built once per document, read by the masks, the chance rates
/// and the anchors.
pub fn postings(en: &[Bag]) -> Postings {
    let mut postings: Postings = FxHashMap::default();
    for (j, bag) in en.iter().enumerate() {
        for &s in &bag.words {
            postings.entry(s).or_default().push(j as u32);
        }
    }
    postings
}

/// For each English stem, where it stands in each sentence of its postings (its bit in that
/// sentence's masks), in the postings' order.
pub type Positions = FxHashMap<u32, Vec<u8>>;

/// The positions that go with [`postings`] of the same bags (a bag holds at most `MAX_WORDS`
/// words, so a position fits a byte).
pub fn positions(en: &[Bag]) -> Positions {
    let mut positions: Positions = FxHashMap::default();
    for bag in en {
        for (k, &s) in (0u8..).zip(&bag.words) {
            positions.entry(s).or_default().push(k);
        }
    }
    positions
}

/// The translation table of a document: for each Chinese vocabulary id, its senses, each a
/// sorted set of English stem ids that must all be present.
pub type Senses = Vec<Vec<Vec<u32>>>;

/// A document's words as the lexical model reads them: each sentence's distinct words, where
/// each English stem occurs, and what each Chinese word may translate to.
#[derive(Debug, Default)]
pub struct WordBags {
    /// Per Chinese sentence, its distinct vocabulary ids.
    pub zh: Vec<Bag>,
    /// Per English sentence, its distinct stem ids.
    pub en: Vec<Bag>,
    /// For each English stem, the sentences holding it.
    pub en_postings: Postings,
    /// For each English stem, where it stands in each of those sentences.
    pub en_positions: Positions,
    /// Vocabulary id → its senses (from the dictionary and names; the learned lexicon adds
    /// more).
    pub senses: Senses,
}

impl WordBags {
    /// The distinct vocabulary ids of the Chinese side, sorted.
    pub fn zh_vocabulary(&self) -> Vec<u32> {
        // Vocabulary ids are dense (numbered from 0 in order of first occurrence): marked in a
        // table and read off in order, rather than every occurrence collected and sorted.
        let words = || self.zh.iter().flat_map(|b| b.words.iter().copied());
        let bound = words().max().map_or(0, |w| w as usize + 1);
        let mut present = vec![false; bound];
        for w in words() {
            present[w as usize] = true;
        }
        (0u32..)
            .zip(present)
            .filter(|&(_, p)| p)
            .map(|(w, _)| w)
            .collect()
    }
}

/// The hit rates p1 of each side: the share of words with evidence whose translation their
/// true counterpart holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HitRates {
    pub zh: f32,
    pub en: f32,
}

/// Which words of a Chinese sentence i and of an English sentence j translate each other.
#[derive(Debug, Default)]
pub struct PairMasks {
    /// Row i covers English sentences `starts[i]..starts[i] + (offsets[i+1] - offsets[i])`.
    starts: Vec<usize>,
    offsets: Vec<usize>,
    /// (Chinese words matched, English stems matched) per cell, dense over each row's window.
    cells: Vec<(u64, u64)>,
}

/// A sense of one or two words needs them all; a longer one (a phrase such as an idiom's
/// gloss) needs any two of them, since translators rarely keep a gloss word for word.
pub(super) fn required(sense: &[u32]) -> usize {
    sense.len().min(2)
}

/// The stems whose postings can reveal a sense: its first for short senses (all are needed
/// anyway), every one of them for long senses.
pub(super) fn anchor_stems(sense: &[u32]) -> &[u32] {
    if sense.len() <= 2 {
        &sense[..sense.len().min(1)]
    } else {
        sense
    }
}

/// [`sense_found`] for a sense whose stem `stem` is known to stand at `at` in the sentence
/// (read off its postings): a sense of one stem is then found without a search, and a sense
/// of two with one. Most senses are of one stem, and a sentence's bag is searched word by word.
#[inline]
pub(super) fn sense_found_at(sense: &[u32], stem: u32, at: u8, words: &[u32]) -> Option<u64> {
    match sense {
        [_] => Some(1 << at),
        &[a, b] if a == stem => {
            let p = words.iter().position(|&w| w == b)?;
            Some(1 << at | 1 << p)
        }
        _ => sense_found(sense, words),
    }
}

/// The positions (as a mask) of a sense's stems found among a sentence's words, when enough
/// of them are there.
pub(super) fn sense_found(sense: &[u32], words: &[u32]) -> Option<u64> {
    let mut found = 0u64;
    let mut count = 0;
    for s in sense {
        if let Some(p) = words.iter().position(|w| w == s) {
            found |= 1 << p;
            count += 1;
        }
    }
    (count >= required(sense)).then_some(found)
}

/// Per sentence, per word: its chance rate, or None when it can tell nothing.
pub(super) type Shares = Vec<Vec<Option<f32>>>;

/// Per Chinese word and per English stem, in how many sentences of the other side it finds a
/// translation: the basis of its chance rate. Depends on the senses only, not on the band.
#[derive(Debug, Clone, Default)]
pub struct DocumentRates {
    /// Chinese vocabulary id → in how many English sentences it finds a translation.
    pub zh: FxHashMap<u32, u32>,
    /// English stem id → in how many Chinese sentences a word translates to it (the stems of
    /// the document's English side that some word translates to).
    pub en: FxHashMap<u32, u32>,
}

impl DocumentRates {
    /// Count every word's rate.
    pub fn count(words: &WordBags) -> DocumentRates {
        // Each word's count is independent of the others': counted in parallel, and the two
        // sides side by side (the English side's set-up is sequential).
        let zh = || {
            words
                .zh_vocabulary()
                .par_iter()
                .map_init(
                    || vec![u32::MAX; words.en.len()],
                    |seen, &w| (w, zh_word_rate(w, &words.en_postings, &words.senses, seen)),
                )
                .collect()
        };
        let (zh, en) = rayon::join(zh, || en_rates(words));
        DocumentRates { zh, en }
    }

    /// Count again after words gained senses (`learned`, the words and the index of each one's
    /// first new sense): only those words' counts change on the Chinese side.
    pub fn add_senses(&mut self, words: &WordBags, learned: &[(u32, usize)]) {
        let zh = &self.zh;
        let counts = || -> Vec<(u32, u32)> {
            learned
                .par_iter()
                .filter(|(w, _)| zh.contains_key(w))
                .map_init(
                    || vec![u32::MAX; words.en.len()],
                    |seen, &(w, _)| (w, zh_word_rate(w, &words.en_postings, &words.senses, seen)),
                )
                .collect()
        };
        let (counts, en) = rayon::join(counts, || en_rates(words));
        self.zh.extend(counts);
        self.en = en;
    }
}

/// In how many English sentences Chinese word `w` finds a translation. `seen` is a scratch
/// array over English sentences holding, for each, the last word that counted it.
pub(super) fn zh_word_rate(w: u32, postings: &Postings, senses: &Senses, seen: &mut [u32]) -> u32 {
    let mut count = 0;
    let mut hit = |j: u32| {
        if seen[j as usize] != w {
            seen[j as usize] = w;
            count += 1;
        }
    };
    let list = |stem: &u32| postings.get(stem).map_or(&[][..], Vec::as_slice);
    for sense in senses.get(w as usize).into_iter().flatten() {
        // The sentences holding enough of the sense's stems (see `required`), from the stems'
        // postings alone: with one stem, its postings; with two, their intersection; with
        // more, the sentences in two lists or more.
        match sense.as_slice() {
            [] => {}
            [stem] => list(stem).iter().for_each(|&j| hit(j)),
            [a, b] => intersect(list(a), list(b), &mut hit),
            stems => {
                let mut all: Vec<u32> =
                    stems.iter().flat_map(|s| list(s).iter().copied()).collect();
                all.sort_unstable();
                all.windows(2)
                    .filter(|p| p[0] == p[1])
                    .for_each(|p| hit(p[0]));
            }
        }
    }
    count
}

/// Call `hit` with each value in both sorted lists (of distinct values): the shorter list is
/// looked up in the longer by binary search from where the last one was found.
pub(super) fn intersect(a: &[u32], b: &[u32], hit: &mut impl FnMut(u32)) {
    let (short, mut long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    for &x in short {
        let at = long.partition_point(|&y| y < x);
        if long.get(at) == Some(&x) {
            hit(x);
        }
        long = &long[at..];
    }
}

/// For each English stem of the document, in how many Chinese sentences a word translates to
/// it. Stems the English side lacks are never read, so they are not counted: the counting
/// arrays span the document's stems, not the dictionary's (arrays over every stem id cost more
/// to set up than the counting on a page of a few dozen sentences).
pub(super) fn en_rates(words: &WordBags) -> FxHashMap<u32, u32> {
    // The document's stems numbered densely (in any order: the counts are the same).
    let stems: Vec<u32> = words.en_postings.keys().copied().collect();
    let index: FxHashMap<u32, u32> = (0u32..)
        .zip(stems.iter().copied())
        .map(|(k, s)| (s, k))
        .collect();
    let targets = SenseTargets::new(&words.senses, &index);
    // Sentences in a few large chunks, in parallel: each chunk counts, by stem index, the
    // sentences a stem is found in, with the last sentence that counted each stem (so that no
    // sentence needs a list of its own). The counts are integers summed, so any chunking gives
    // the same rates.
    let zh = &words.zh;
    let chunk = zh.len().div_ceil(8).max(512);
    let count = |bags: &[Bag]| {
        let (mut counts, mut last) = (vec![0u32; stems.len()], vec![u32::MAX; stems.len()]);
        for (i, bag) in (0u32..).zip(bags) {
            for &w in &bag.words {
                for &s in targets.of(w) {
                    let s = s as usize;
                    if last[s] != i {
                        last[s] = i;
                        counts[s] += 1;
                    }
                }
            }
        }
        counts
    };
    let counts = if zh.len() <= chunk {
        count(zh)
    } else {
        zh.par_chunks(chunk).map(count).reduce(
            || vec![0u32; stems.len()],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        )
    };
    stems
        .into_iter()
        .zip(counts)
        .filter(|&(_, c)| c > 0)
        .collect()
}

/// Per Chinese word, the stems of its one-stem senses that the English side holds, as indices
/// into the document's stems: looked up once per word rather than at every occurrence.
struct SenseTargets {
    /// Word w's targets are `targets[ends[w-1]..ends[w]]`.
    ends: Vec<u32>,
    targets: Vec<u32>,
}

impl SenseTargets {
    fn new(senses: &Senses, index: &FxHashMap<u32, u32>) -> SenseTargets {
        let mut ends = Vec::with_capacity(senses.len());
        let mut targets = Vec::new();
        for word in senses {
            targets.extend(
                word.iter()
                    .filter(|sense| sense.len() == 1)
                    .filter_map(|sense| index.get(&sense[0]).copied()),
            );
            ends.push(targets.len() as u32);
        }
        SenseTargets { ends, targets }
    }

    fn of(&self, w: u32) -> &[u32] {
        let w = w as usize;
        match self.ends.get(w) {
            Some(&end) => {
                let start = if w == 0 { 0 } else { self.ends[w - 1] };
                &self.targets[start as usize..end as usize]
            }
            None => &[],
        }
    }
}

/// A sense with one of its anchor stems ([`anchor_stems`]): the sentences holding the stem and
/// where it stands in each.
struct StemList<'w> {
    sense: &'w [u32],
    stem: u32,
    sentences: &'w [u32],
    at: &'w [u8],
}

impl PairMasks {
    /// Work out the masks of every pair (i, j) with j in `window(i)`.
    pub fn build(words: &WordBags, window: &impl Fn(usize) -> Range<usize>) -> PairMasks {
        let (n, m) = (words.zh.len(), words.en.len());
        let mut starts = Vec::with_capacity(n);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut total = 0;
        for i in 0..n {
            let r = window(i);
            let (lo, hi) = (r.start.min(m), r.end.min(m));
            starts.push(lo);
            offsets.push(total);
            total += hi.saturating_sub(lo);
        }
        offsets.push(total);
        let mut masks = PairMasks {
            starts,
            offsets,
            cells: filled((0, 0), total),
        };
        masks.mark(words, |_| 0);
        masks
    }

    /// Add what the senses from `learned` (each word with the index of its first new sense)
    /// reveal, so that masks need not be worked out again for the senses they already show.
    pub fn add_senses(&mut self, words: &WordBags, learned: &[(u32, usize)]) {
        if learned.is_empty() {
            return;
        }
        let first_new: FxHashMap<u32, usize> = learned.iter().copied().collect();
        self.mark(words, |w| first_new.get(&w).copied().unwrap_or(usize::MAX));
    }

    /// Mark the words and stems that word w's senses from `first(w)` on reveal. Rows are
    /// independent: each is worked out on its own thread.
    pub(super) fn mark(&mut self, words: &WordBags, first: impl Fn(u32) -> usize + Sync) {
        let (zh, en) = (&words.zh, &words.en);
        let (postings, positions, senses) =
            (&words.en_postings, &words.en_positions, &words.senses);
        let mut rows: Vec<&mut [(u64, u64)]> = Vec::with_capacity(zh.len());
        let mut rest = self.cells.as_mut_slice();
        for i in 0..zh.len() {
            let (row, tail) = rest.split_at_mut(self.offsets[i + 1] - self.offsets[i]);
            rows.push(row);
            rest = tail;
        }
        // Each word's senses (from `first(w)` on) with the postings of their anchor stems,
        // looked up once for all the word's occurrences.
        let word_lists: Vec<Vec<StemList>> = senses
            .par_iter()
            .enumerate()
            .map(|(w, all)| {
                let mut lists = Vec::new();
                for sense in all.get(first(w as u32)..).unwrap_or(&[]) {
                    for &stem in anchor_stems(sense) {
                        if let (Some(list), Some(at)) = (postings.get(&stem), positions.get(&stem))
                        {
                            lists.push(StemList {
                                sense,
                                stem,
                                sentences: list,
                                at,
                            });
                        }
                    }
                }
                lists
            })
            .collect();
        rows.into_par_iter()
            .zip(zh)
            .zip(&self.starts)
            .for_each(|((row, bag), &start)| {
                let range = start..start + row.len();
                for (k, &word) in bag.words.iter().enumerate() {
                    for list in word_lists.get(word as usize).map_or(&[][..], Vec::as_slice) {
                        let from = list
                            .sentences
                            .partition_point(|&j| (j as usize) < range.start);
                        for (&j, &at) in list.sentences[from..]
                            .iter()
                            .zip(&list.at[from..])
                            .take_while(|&(&j, _)| (j as usize) < range.end)
                        {
                            let words = &en[j as usize].words;
                            let Some(found) = sense_found_at(list.sense, list.stem, at, words)
                            else {
                                continue;
                            };
                            let m = &mut row[j as usize - range.start];
                            m.0 |= 1 << k;
                            m.1 |= found;
                        }
                    }
                }
            });
    }

    /// Row i: the first English sentence it covers, and its cells in order.
    #[inline(always)]
    pub(super) fn row(&self, i: usize) -> (usize, &[(u64, u64)]) {
        let cells = self.cells.get(self.offsets[i]..self.offsets[i + 1]);
        (self.starts[i], cells.unwrap_or(&[]))
    }

    /// How many Chinese sentences the masks cover.
    pub fn rows(&self) -> usize {
        self.starts.len()
    }

    /// The masks of pair (i, j): nothing matches outside the window they were built for.
    pub fn get(&self, i: usize, j: usize) -> (u64, u64) {
        let start = self.starts[i];
        let width = self.offsets[i + 1] - self.offsets[i];
        if j >= start && j < start + width {
            self.cells[self.offsets[i] + j - start]
        } else {
            (0, 0)
        }
    }

    /// Which words of each sentence find a translation somewhere in the masks' band.
    pub(super) fn near(&self, en: usize) -> Near {
        let mut near = Near {
            zh: vec![0; self.starts.len()],
            en: vec![0; en],
        };
        for i in 0..self.starts.len() {
            for (k, &(a, b)) in self.cells[self.offsets[i]..self.offsets[i + 1]]
                .iter()
                .enumerate()
            {
                near.zh[i] |= a;
                near.en[self.starts[i] + k] |= b;
            }
        }
        near
    }
}

/// Per sentence, which of its words (bit k: the k-th distinct word) find a translation near
/// it: in the band the model is judged over. A word that finds none tells nothing.
#[derive(Debug, Clone, Default)]
pub struct Near {
    zh: Vec<u64>,
    en: Vec<u64>,
}

impl Near {
    /// Near-ness over the whole grid, from the words alone: what masks over every sentence
    /// pair would show, without working them out pair by pair (a document searched whole in
    /// a narrow band is judged as over its grid). A Chinese word is near wherever it finds a
    /// translation in some English sentence (its rate is not zero); an English stem wherever
    /// a sense of some Chinese word of the document is found in its sentence with it.
    pub fn whole(words: &WordBags, rates: &DocumentRates) -> Near {
        let mut near = Near {
            zh: Vec::new(),
            en: vec![0; words.en.len()],
        };
        let vocabulary = words.zh_vocabulary();
        near.mark_en(words, vocabulary.iter().map(|&w| (w, 0)));
        near.mark_zh(words, rates);
        near
    }

    /// Add what the senses from `learned` (each word with the index of its first new sense)
    /// reveal, with `rates` counted with them.
    pub fn add_senses(
        &mut self,
        words: &WordBags,
        learned: &[(u32, usize)],
        rates: &DocumentRates,
    ) {
        let known = learned.iter().filter(|(w, _)| rates.zh.contains_key(w));
        self.mark_en(words, known.copied());
        self.mark_zh(words, rates);
    }

    fn mark_zh(&mut self, words: &WordBags, rates: &DocumentRates) {
        self.zh = words
            .zh
            .iter()
            .map(|bag| {
                bag.words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| rates.zh.get(w).is_some_and(|&c| c > 0))
                    .fold(0u64, |near, (k, _)| near | 1 << k)
            })
            .collect();
    }

    /// Mark the stems that the senses of each word (from the given index on) find, as
    /// `PairMasks::mark` does sentence pair by sentence pair.
    fn mark_en(&mut self, words: &WordBags, from: impl Iterator<Item = (u32, usize)>) {
        let (postings, positions) = (&words.en_postings, &words.en_positions);
        let (senses, en) = (&words.senses, &words.en);
        for (w, first) in from {
            let all = senses.get(w as usize).map_or(&[][..], Vec::as_slice);
            for sense in all.get(first..).unwrap_or(&[]) {
                for &stem in anchor_stems(sense) {
                    let (Some(list), Some(at)) = (postings.get(&stem), positions.get(&stem)) else {
                        continue;
                    };
                    for (&j, &at) in list.iter().zip(at) {
                        let words = &en[j as usize].words;
                        if let Some(found) = sense_found_at(sense, stem, at, words) {
                            self.en[j as usize] |= found;
                        }
                    }
                }
            }
        }
    }

    /// For every word of every sentence: the share of the other side's sentences, over the
    /// whole document, in which it finds a translation (its chance of a match with an
    /// unrelated sentence), or None when it finds one nowhere near — such a word tells
    /// nothing about which sentence is its counterpart. Whole-document rates keep the model
    /// the same whatever band the document is searched in.
    pub(super) fn chance_shares(
        &self,
        words: &WordBags,
        rates: &DocumentRates,
    ) -> (Shares, Shares) {
        let (zh, en) = (&words.zh, &words.en);
        let (zh_near, en_near) = (&self.zh, &self.en);
        let (zh_rates, en_rates) = (&rates.zh, &rates.en);
        // Counts smoothed with half a pseudo-count each way (the Krichevsky–Trofimov estimate,
        // Jeffreys' prior): a word that finds a translation in no other sentence, or in all,
        // keeps a chance rate strictly between 0 and 1, so its evidence stays finite.
        let smooth = |count: u32, n: usize| (count as f32 + 0.5) / (n as f32 + 1.0);
        let zh_shares = zh
            .par_iter()
            .zip(zh_near)
            .map(|(bag, &near)| {
                bag.words
                    .iter()
                    .enumerate()
                    .map(|(k, w)| {
                        (near >> k & 1 == 1)
                            .then(|| smooth(zh_rates.get(w).copied().unwrap_or(0), en.len()))
                    })
                    .collect()
            })
            .collect();
        let en_shares = en
            .par_iter()
            .zip(en_near)
            .map(|(bag, &near)| {
                bag.words
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        (near >> k & 1 == 1)
                            .then(|| smooth(en_rates.get(s).copied().unwrap_or(0), zh.len()))
                    })
                    .collect()
            })
            .collect();
        (zh_shares, en_shares)
    }
}

#[cfg(test)]
#[path = "matches_tests.rs"]
mod tests;
