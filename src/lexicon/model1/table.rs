//! Model 1's table: every co-occurring (Chinese word f, English stem e) of the training pairs
//! gets a slot once, the slots of one word side by side, and each pair's candidates (one per
//! Chinese word and English token) point at their slots.
//!
//! The candidates are laid out word by word (each occurrence of a word a run, one entry per
//! English token of its pair): a word's runs hold only its own slots, so the table is built
//! word by word in parallel, and EM's expected counts are summed word by word without a
//! slot → tokens transpose.

use super::NULL;
use crate::model::filled::filled;
use rayon::prelude::*;

pub(super) struct Table {
    /// slot → (f, e)
    pub pairs: Vec<(u32, u32)>,
    /// slot → in how many training pairs f and e occur together
    pub cooccur: Vec<u32>,
    /// Word fi's slots are `slot_ends[fi-1]..slot_ends[fi]`.
    pub slot_ends: Vec<u32>,
    /// Word fi's occurrences are `occurrences[occurrence_ends[fi-1]..occurrence_ends[fi]]`, in
    /// pair order: (pair, where its run of candidates starts).
    pub occurrences: Vec<(u32, u32)>,
    pub occurrence_ends: Vec<u32>,
    /// Runs of candidates, word by word: each entry the slot of (f, token) relative to f's
    /// first slot.
    pub candidates: Vec<u32>,
    pub shapes: Vec<PairShape>,
    /// Per (pair, Chinese word k): the word's index fi and where the run of candidates starts;
    /// pair p's words are at `shapes[p].first_word..+width`.
    pub words: Vec<(u32, u32)>,
    pub tokens: usize,
}

/// Where a pair's words and tokens start, and its size.
pub(super) struct PairShape {
    pub first_word: usize,
    pub first_token: usize,
    /// Chinese words, NULL included.
    pub width: usize,
    /// English tokens.
    pub tokens: usize,
}

/// Item k's range in a list laid out by `ends` (see [`ends_of`]).
pub(super) fn range(ends: &[u32], k: usize) -> std::ops::Range<usize> {
    (if k == 0 { 0 } else { ends[k - 1] as usize })..ends[k] as usize
}

/// Running sums laid out as ends: `ends[k]` = sum of `sizes[..=k]`.
fn ends_of(sizes: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut sum = 0;
    sizes
        .map(|n| {
            sum += n as u32;
            sum
        })
        .collect()
}

/// A slice cut into consecutive pieces of the given sizes, to be worked on in parallel.
pub(super) fn pieces<T>(mut rest: &mut [T], sizes: impl Iterator<Item = usize>) -> Vec<&mut [T]> {
    let mut pieces = Vec::new();
    for size in sizes {
        let (piece, tail) = rest.split_at_mut(size);
        pieces.push(piece);
        rest = tail;
    }
    pieces
}

/// Rayon jobs of at least this many words: each job sets up its own dense scratch array over
/// the English stems, so there should not be thousands of them.
pub(super) const WORDS_PER_JOB: usize = 64;

/// The training pairs numbered densely: Chinese words (NULL included, once per pair, last) by
/// first occurrence, English stems likewise.
struct Numbered {
    /// Word index → Chinese word id; stem index → English stem id.
    fs: Vec<u32>,
    es: Vec<u32>,
    shapes: Vec<PairShape>,
    /// Per (pair, Chinese word k), the word's index.
    words: Vec<u32>,
    /// Per English token, its stem's index.
    tokens: Vec<u32>,
    /// Per word index, its occurrences.
    occurrences: Vec<usize>,
}

impl Numbered {
    fn new(pairs: &[&(Vec<u32>, Vec<u32>)]) -> Numbered {
        // Ids are dense (vocabulary and stem ids): numbered through plain arrays.
        let bound = |ids: &mut dyn Iterator<Item = &u32>| {
            ids.filter(|&&x| x != NULL)
                .max()
                .map_or(0, |&x| x as usize + 1)
        };
        let mut f_index = vec![u32::MAX; bound(&mut pairs.iter().flat_map(|p| &p.0)) + 1];
        let null_at = f_index.len() - 1;
        let mut e_index = vec![u32::MAX; bound(&mut pairs.iter().flat_map(|p| &p.1))];
        // Sized up front: grown by doubling, these lists were copied over and over.
        let words = pairs.iter().map(|p| p.0.len() + 1).sum();
        let tokens = pairs.iter().map(|p| p.1.len()).sum();
        let mut n = Numbered {
            fs: Vec::new(),
            es: Vec::new(),
            shapes: Vec::with_capacity(pairs.len()),
            words: Vec::with_capacity(words),
            tokens: Vec::with_capacity(tokens),
            occurrences: Vec::new(),
        };
        for (zh, en) in pairs.iter().map(|p| (&p.0, &p.1)) {
            n.shapes.push(PairShape {
                first_word: n.words.len(),
                first_token: n.tokens.len(),
                width: zh.len() + 1,
                tokens: en.len(),
            });
            for &f in zh.iter().chain(std::iter::once(&NULL)) {
                let at = &mut f_index[if f == NULL { null_at } else { f as usize }];
                if *at == u32::MAX {
                    *at = n.fs.len() as u32;
                    n.fs.push(f);
                    n.occurrences.push(0);
                }
                n.occurrences[*at as usize] += 1;
                n.words.push(*at);
            }
            for &e in en {
                let at = &mut e_index[e as usize];
                if *at == u32::MAX {
                    *at = n.es.len() as u32;
                    n.es.push(e);
                }
                n.tokens.push(*at);
            }
        }
        n
    }
}

impl Table {
    pub fn new(pairs: &[&(Vec<u32>, Vec<u32>)]) -> Table {
        let n = Numbered::new(pairs);
        // Each word's occurrences, in pair order, and where their runs go: word by word, each
        // occurrence a run as long as its pair has tokens.
        let occurrence_ends = ends_of(n.occurrences.iter().copied());
        let mut fill: Vec<u32> = std::iter::once(0)
            .chain(occurrence_ends.iter().copied())
            .take(n.fs.len())
            .collect();
        let mut occurrences = filled((0u32, 0u32), n.words.len());
        // Per (pair, word), which occurrence of its word it is.
        let mut occurrence_of = Vec::with_capacity(n.words.len());
        for (p, shape) in n.shapes.iter().enumerate() {
            for &fi in &n.words[shape.first_word..shape.first_word + shape.width] {
                occurrences[fill[fi as usize] as usize] = (p as u32, 0);
                occurrence_of.push(fill[fi as usize]);
                fill[fi as usize] += 1;
            }
        }
        let mut run = 0usize;
        for o in occurrences.iter_mut() {
            o.1 = run as u32;
            run += n.shapes[o.0 as usize].tokens;
        }
        let mut candidates = filled(0u32, run);
        let words = n
            .words
            .iter()
            .zip(&occurrence_of)
            .map(|(&fi, &o)| (fi, occurrences[o as usize].1))
            .collect();
        let run_sizes = (0..n.fs.len()).map(|fi| {
            range(&occurrence_ends, fi)
                .map(|o| n.shapes[occurrences[o].0 as usize].tokens)
                .sum()
        });
        let runs = pieces(&mut candidates, run_sizes);
        let per_word = assign_slots(&n, runs, &occurrences, &occurrence_ends);
        let slot_ends = ends_of(per_word.iter().map(Vec::len));
        let slots = slot_ends.last().map_or(0, |&s| s as usize);
        let (mut pairs, mut cooccur) = (filled((0, 0), slots), filled(0, slots));
        let sizes = || per_word.iter().map(Vec::len);
        pieces(&mut pairs, sizes())
            .into_par_iter()
            .zip(pieces(&mut cooccur, sizes()))
            .zip(&per_word)
            .enumerate()
            .for_each(|(fi, ((pairs, cooccur), slots))| {
                for ((pair, count), &(e, c)) in pairs.iter_mut().zip(cooccur).zip(slots) {
                    (*pair, *count) = ((n.fs[fi], n.es[e as usize]), c);
                }
            });
        Table {
            pairs,
            cooccur,
            slot_ends,
            occurrences,
            occurrence_ends,
            candidates,
            tokens: n.tokens.len(),
            shapes: n.shapes,
            words,
        }
    }
}

/// Word by word, in parallel: the slot of each (f, token) in the word's runs, numbered in order
/// of first occurrence through a dense array over the stems (no hashing in the loop that visits
/// every candidate). Returns each word's slots as (stem index, co-occurrences).
fn assign_slots(
    n: &Numbered,
    runs: Vec<&mut [u32]>,
    occurrences: &[(u32, u32)],
    occurrence_ends: &[u32],
) -> Vec<Vec<(u32, u32)>> {
    runs.into_par_iter()
        .enumerate()
        .with_min_len(WORDS_PER_JOB)
        .map_init(
            // Per stem: the word that last claimed it, its slot there, and the last pair in
            // which the two were counted together.
            || vec![(u32::MAX, 0u32, u32::MAX); n.es.len()],
            |claimed, (fi, run)| {
                // A word has no more slots than candidates, nor than stems.
                let mut slots: Vec<(u32, u32)> = Vec::with_capacity(run.len().min(n.es.len()));
                let mut at = 0;
                for o in range(occurrence_ends, fi) {
                    let p = occurrences[o].0;
                    let shape = &n.shapes[p as usize];
                    for &e in &n.tokens[shape.first_token..shape.first_token + shape.tokens] {
                        let claim = &mut claimed[e as usize];
                        if claim.0 != fi as u32 {
                            *claim = (fi as u32, slots.len() as u32, u32::MAX);
                            slots.push((e, 0));
                        }
                        run[at] = claim.1;
                        at += 1;
                        // Counted once per pair, however often the two words repeat in it.
                        if claim.2 != p {
                            claim.2 = p;
                            slots[claim.1 as usize].1 += 1;
                        }
                    }
                }
                slots
            },
        )
        .collect()
}
