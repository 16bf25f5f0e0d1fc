//! Model 1's table: every co-occurring (Chinese word f, English stem e) of the training pairs
//! gets a slot once, the slots of one word side by side, and each pair's candidates (one per
//! Chinese word and distinct English stem) point at their slots.
//!
//! A stem repeated in a pair is one token there, with its multiplicity: its occurrences share
//! one normaliser (the same sum over the same words), so it is summed once; EM still adds its
//! share to the slot once per occurrence, one after the other, as before it was merged, so
//! that every sum is the same to the bit.
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
    /// The tokens whose stem occurs more than once in their pair, pair by pair (pair p's at
    /// `range(repeat_ends, p)`): (token, further occurrences), the token counted from its
    /// pair's first. Few stems repeat: the rest take no test for it.
    pub repeats: Vec<(u32, u32)>,
    pub repeat_ends: Vec<u32>,
    /// Tokens in all.
    pub tokens: usize,
}

/// Where a pair's words and tokens start, and its size.
pub(super) struct PairShape {
    pub first_word: usize,
    pub first_token: usize,
    /// Chinese words, NULL included.
    pub width: usize,
    /// English tokens: the pair's distinct stems.
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
/// first occurrence, English stems likewise. The two languages are numbered apart, each in
/// its own job: this runs before anything else of Model 1 can.
struct Numbered {
    zh: ZhSide,
    en: EnSide,
    shapes: Vec<PairShape>,
}

/// Ids are dense (vocabulary and stem ids): numbered through plain arrays this long.
fn bound<'a>(ids: impl Iterator<Item = &'a u32>) -> usize {
    ids.filter(|&&x| x != NULL)
        .max()
        .map_or(0, |&x| x as usize + 1)
}

/// The Chinese side of [`Numbered`]: words, and each word's occurrences.
struct ZhSide {
    /// Word index → Chinese word id.
    fs: Vec<u32>,
    /// Per (pair, Chinese word k), the word's index.
    words: Vec<u32>,
    /// Word by word, each occurrence's pair, in pair order (the run's start left for later).
    occurrences: Vec<(u32, u32)>,
    occurrence_ends: Vec<u32>,
    /// Per (pair, Chinese word k), which occurrence of its word it is.
    occurrence_of: Vec<u32>,
}

impl ZhSide {
    fn new(pairs: &[&(Vec<u32>, Vec<u32>)]) -> ZhSide {
        let mut f_index = vec![u32::MAX; bound(pairs.iter().flat_map(|p| &p.0)) + 1];
        let null_at = f_index.len() - 1;
        // Sized up front: grown by doubling, these lists were copied over and over.
        let mut words = Vec::with_capacity(pairs.iter().map(|p| p.0.len() + 1).sum());
        let (mut fs, mut counts) = (Vec::new(), Vec::new());
        for zh in pairs.iter().map(|p| &p.0) {
            for &f in zh.iter().chain(std::iter::once(&NULL)) {
                let at = &mut f_index[if f == NULL { null_at } else { f as usize }];
                if *at == u32::MAX {
                    *at = fs.len() as u32;
                    fs.push(f);
                    counts.push(0);
                }
                counts[*at as usize] += 1;
                words.push(*at);
            }
        }
        // Each word's occurrences, word by word, in pair order.
        let occurrence_ends = ends_of(counts.into_iter());
        let mut fill: Vec<u32> = std::iter::once(0)
            .chain(occurrence_ends.iter().copied())
            .take(fs.len())
            .collect();
        let mut occurrences = filled((0u32, 0u32), words.len());
        let mut occurrence_of = Vec::with_capacity(words.len());
        let mut k = 0;
        for (p, pair) in pairs.iter().enumerate() {
            for &fi in &words[k..k + pair.0.len() + 1] {
                let fill = &mut fill[fi as usize];
                occurrences[*fill as usize] = (p as u32, 0);
                occurrence_of.push(*fill);
                *fill += 1;
            }
            k += pair.0.len() + 1;
        }
        ZhSide {
            fs,
            words,
            occurrences,
            occurrence_ends,
            occurrence_of,
        }
    }
}

/// The English side of [`Numbered`]: stems, and each pair's tokens.
struct EnSide {
    /// Stem index → English stem id.
    es: Vec<u32>,
    /// Per English token (a pair's distinct stems, by first occurrence), its stem's index.
    tokens: Vec<u32>,
    /// As [`Table::repeats`] and [`Table::repeat_ends`].
    repeats: Vec<(u32, u32)>,
    repeat_ends: Vec<u32>,
    /// Per pair, its number of tokens.
    per_pair: Vec<usize>,
}

impl EnSide {
    fn new(pairs: &[&(Vec<u32>, Vec<u32>)]) -> EnSide {
        // Per stem id: its index, and the pair and token where it was last seen.
        let mut e_index = vec![(u32::MAX, u32::MAX, 0u32); bound(pairs.iter().flat_map(|p| &p.1))];
        let most = pairs.iter().map(|p| p.1.len()).sum();
        let mut side = EnSide {
            es: Vec::new(),
            tokens: Vec::with_capacity(most),
            repeats: Vec::new(),
            repeat_ends: Vec::with_capacity(pairs.len()),
            per_pair: Vec::with_capacity(pairs.len()),
        };
        // Per token of the pair at hand, how often its stem occurs.
        let mut occurs: Vec<u32> = Vec::new();
        for (p, en) in pairs.iter().map(|p| &p.1).enumerate() {
            let first_token = side.tokens.len();
            occurs.clear();
            for &e in en {
                let (at, seen_in, token) = &mut e_index[e as usize];
                if *at == u32::MAX {
                    *at = side.es.len() as u32;
                    side.es.push(e);
                }
                if *seen_in == p as u32 {
                    occurs[*token as usize] += 1;
                } else {
                    (*seen_in, *token) = (p as u32, occurs.len() as u32);
                    side.tokens.push(*at);
                    occurs.push(1);
                }
            }
            side.per_pair.push(side.tokens.len() - first_token);
            let repeated = occurs.iter().enumerate().filter(|(_, &n)| n > 1);
            side.repeats
                .extend(repeated.map(|(token, &n)| (token as u32, n - 1)));
            side.repeat_ends.push(side.repeats.len() as u32);
        }
        side
    }
}

impl Numbered {
    fn new(pairs: &[&(Vec<u32>, Vec<u32>)]) -> Numbered {
        let (zh, en) = rayon::join(|| ZhSide::new(pairs), || EnSide::new(pairs));
        let (mut first_word, mut first_token) = (0, 0);
        let shapes = pairs
            .iter()
            .zip(&en.per_pair)
            .map(|(pair, &tokens)| {
                let shape = PairShape {
                    first_word,
                    first_token,
                    width: pair.0.len() + 1,
                    tokens,
                };
                first_word += shape.width;
                first_token += tokens;
                shape
            })
            .collect();
        Numbered { zh, en, shapes }
    }
}

impl Table {
    pub fn new(pairs: &[&(Vec<u32>, Vec<u32>)]) -> Table {
        let mut n = Numbered::new(pairs);
        // Where each occurrence's run goes: word by word, each as long as its pair has tokens.
        let mut occurrences = std::mem::take(&mut n.zh.occurrences);
        let mut run = 0usize;
        for o in occurrences.iter_mut() {
            o.1 = run as u32;
            run += n.shapes[o.0 as usize].tokens;
        }
        let mut candidates = filled(0u32, run);
        let words =
            n.zh.words
                .par_iter()
                .zip(&n.zh.occurrence_of)
                .map(|(&fi, &o)| (fi, occurrences[o as usize].1))
                .collect();
        // A word's runs lie side by side: they end where the next word's begin.
        let first = |fi: usize| match fi {
            0 => 0,
            _ => n.zh.occurrence_ends[fi - 1] as usize,
        };
        let run_start = |fi: usize| occurrences.get(first(fi)).map_or(run, |o| o.1 as usize);
        let run_sizes = (0..n.zh.fs.len()).map(|fi| run_start(fi + 1) - run_start(fi));
        let runs = pieces(&mut candidates, run_sizes);
        let per_word = assign_slots(&n, runs, &occurrences);
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
                    (*pair, *count) = ((n.zh.fs[fi], n.en.es[e as usize]), c);
                }
            });
        Table {
            pairs,
            cooccur,
            slot_ends,
            occurrences,
            occurrence_ends: n.zh.occurrence_ends,
            candidates,
            shapes: n.shapes,
            words,
            tokens: n.en.tokens.len(),
            repeats: n.en.repeats,
            repeat_ends: n.en.repeat_ends,
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
) -> Vec<Vec<(u32, u32)>> {
    runs.into_par_iter()
        .enumerate()
        .with_min_len(WORDS_PER_JOB)
        .map_init(
            // Per stem: the word that last claimed it, its slot there, and the last pair in
            // which the two were counted together.
            || vec![(u32::MAX, 0u32, u32::MAX); n.en.es.len()],
            |claimed, (fi, run)| {
                // A word has no more slots than candidates, nor than stems.
                let mut slots: Vec<(u32, u32)> = Vec::with_capacity(run.len().min(n.en.es.len()));
                let mut at = 0;
                for o in range(&n.zh.occurrence_ends, fi) {
                    let p = occurrences[o].0;
                    let shape = &n.shapes[p as usize];
                    for &e in &n.en.tokens[shape.first_token..shape.first_token + shape.tokens] {
                        let claim = &mut claimed[e as usize];
                        if claim.0 != fi as u32 {
                            *claim = (fi as u32, slots.len() as u32, u32::MAX);
                            slots.push((e, 0));
                        }
                        run[at] = claim.1;
                        at += 1;
                        // Counted once per pair, however often the word repeats in it.
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
