//! EM for Model 1 over the [`Table`]: both halves of an iteration in parallel, each summing
//! in a fixed order whatever the number of threads:
//! - the normalisers, pair by pair: each pair lists, per Chinese word (NULL last), where its
//!   run of candidates is;
//! - the expected counts and the M-step, word by word: a word's runs hold only its own slots,
//!   so each word updates its own stretch of `t` and nothing else.

use super::table::{pieces, range, Table, WORDS_PER_JOB};
use super::ITERATIONS;
use crate::model::filled::filled;
use rayon::prelude::*;

impl Table {
    /// t(e|f) after `ITERATIONS` rounds of EM from uniform, per slot.
    pub fn expectation_maximisation(&self) -> Vec<f32> {
        let mut t = filled(1.0f32, self.pairs.len());
        let mut inverse = filled(0.0f32, self.tokens);
        for iteration in 0..ITERATIONS {
            if iteration == 0 {
                // From uniform, every candidate weighs 1: a normaliser is its pair's width.
                for (inverse, shape) in pieces(&mut inverse, self.shapes.iter().map(|s| s.tokens))
                    .into_iter()
                    .zip(&self.shapes)
                {
                    inverse.fill(1.0 / shape.width as f32);
                }
            } else {
                self.inverse_normalisers(&t, &mut inverse);
            }
            self.counts_and_maximisation(&mut t, &inverse);
        }
        t
    }

    /// E-step, first half: each token's normaliser, pair by pair (a sum over the token's
    /// candidates, Chinese words in order), inverted.
    fn inverse_normalisers(&self, t: &[f32], inverse: &mut [f32]) {
        pieces(inverse, self.shapes.iter().map(|s| s.tokens))
            .into_par_iter()
            .zip(&self.shapes)
            .for_each(|(inverse, shape)| {
                inverse.fill(0.0);
                for &(fi, run) in &self.words[shape.first_word..shape.first_word + shape.width] {
                    // The word's own slots: a candidate is its slot's place among them.
                    let t = &t[range(&self.slot_ends, fi as usize)];
                    let run = &self.candidates[run as usize..run as usize + shape.tokens];
                    for (d, &s) in inverse.iter_mut().zip(run) {
                        *d += t[s as usize];
                    }
                }
                for d in inverse.iter_mut() {
                    *d = if *d > 0.0 { 1.0 / *d } else { 0.0 };
                }
            });
    }

    /// E-step, second half, and M-step, word by word: each slot's expected count is t(e|f)
    /// times the sum of 1/normaliser over the tokens it may generate (in token order, a
    /// repeated stem's once per occurrence), then normalised over the word's slots.
    fn counts_and_maximisation(&self, t: &mut [f32], inverse: &[f32]) {
        let per_word = pieces(
            t,
            (0..self.slot_ends.len()).map(|fi| range(&self.slot_ends, fi).len()),
        );
        per_word
            .into_par_iter()
            .enumerate()
            .with_min_len(WORDS_PER_JOB)
            .for_each_init(Vec::new, |sums, (fi, t)| {
                sums.clear();
                sums.resize(t.len(), 0.0f32);
                let occurrences = &self.occurrences[range(&self.occurrence_ends, fi)];
                // A word repeated in a pair has several runs there: token by token across them,
                // so that each slot adds its tokens in order.
                let mut o = 0;
                while o < occurrences.len() {
                    let p = occurrences[o].0;
                    let same = occurrences[o..].iter().take_while(|x| x.0 == p).count();
                    let shape = &self.shapes[p as usize];
                    let inverse = &inverse[shape.first_token..shape.first_token + shape.tokens];
                    let run = occurrences[o].1 as usize;
                    let run = &self.candidates[run..run + shape.tokens];
                    // The word's runs in this pair are alike (same word, same stems), and each
                    // of its slots here is one token's: a slot takes the token's share once
                    // per occurrence of the word and of the stem, in a row.
                    if same == 1 {
                        for (&s, &d) in run.iter().zip(inverse) {
                            sums[s as usize] += d;
                        }
                    } else {
                        for (&s, &d) in run.iter().zip(inverse) {
                            for _ in 0..same {
                                sums[s as usize] += d;
                            }
                        }
                    }
                    for &(token, further) in &self.repeats[range(&self.repeat_ends, p as usize)] {
                        let (s, d) = (run[token as usize], inverse[token as usize]);
                        for _ in 0..same * further as usize {
                            sums[s as usize] += d;
                        }
                    }
                    o += same;
                }
                let mut total = 0.0f32;
                for (v, &sum) in t.iter_mut().zip(sums.iter()) {
                    *v *= sum;
                    total += *v;
                }
                for v in t.iter_mut() {
                    *v = if total > 0.0 { *v / total } else { 0.0 };
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ITERATIONS, NULL};
    use super::Table;
    use rustc_hash::FxHashMap;

    /// Model 1's EM written out token by token, a repeated stem or word as many candidates as it
    /// has occurrences, adding in the order the table's EM keeps: normalisers over the words in
    /// order, counts pair by pair and token by token, and each word's total over its slots in
    /// order of first occurrence.
    fn token_by_token(pairs: &[&(Vec<u32>, Vec<u32>)]) -> FxHashMap<(u32, u32), f32> {
        let zh = |p: &(Vec<u32>, Vec<u32>)| -> Vec<u32> {
            p.0.iter().copied().chain(std::iter::once(NULL)).collect()
        };
        let mut words: Vec<u32> = Vec::new();
        for p in pairs {
            for f in zh(p) {
                if !words.contains(&f) {
                    words.push(f);
                }
            }
        }
        let slots: Vec<Vec<u32>> = words
            .iter()
            .map(|&f| {
                let mut es: Vec<u32> = Vec::new();
                for p in pairs.iter().filter(|p| zh(p).contains(&f)) {
                    for &e in &p.1 {
                        if !es.contains(&e) {
                            es.push(e);
                        }
                    }
                }
                es
            })
            .collect();
        let mut t: FxHashMap<(u32, u32), f32> = FxHashMap::default();
        for (&f, es) in words.iter().zip(&slots) {
            for &e in es {
                t.insert((f, e), 1.0);
            }
        }
        for iteration in 0..ITERATIONS {
            let mut counts: FxHashMap<(u32, u32), f32> = t.keys().map(|&k| (k, 0.0)).collect();
            for p in pairs {
                let fs = zh(p);
                for &e in &p.1 {
                    let inverse = if iteration == 0 {
                        1.0 / fs.len() as f32
                    } else {
                        let sum = fs.iter().fold(0.0f32, |sum, &f| sum + t[&(f, e)]);
                        if sum > 0.0 {
                            1.0 / sum
                        } else {
                            0.0
                        }
                    };
                    for &f in &fs {
                        *counts.get_mut(&(f, e)).unwrap() += inverse;
                    }
                }
            }
            for (&f, es) in words.iter().zip(&slots) {
                let mut total = 0.0f32;
                for &e in es {
                    let v = t[&(f, e)] * counts[&(f, e)];
                    t.insert((f, e), v);
                    total += v;
                }
                for &e in es {
                    let v = t[&(f, e)];
                    t.insert((f, e), if total > 0.0 { v / total } else { 0.0 });
                }
            }
        }
        t
    }

    #[test]
    fn repeated_stems_and_words_learn_what_one_candidate_per_token_learns_to_the_bit() {
        // Few ids, so that stems and words repeat within pairs; some pairs with no English.
        let mut state = 12345u32;
        let mut next = |n: u32| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) % n
        };
        let pairs: Vec<(Vec<u32>, Vec<u32>)> = (0..300)
            .map(|_| {
                let zh = (0..1 + next(6)).map(|_| next(12)).collect();
                let en = (0..next(9)).map(|_| 100 + next(15)).collect();
                (zh, en)
            })
            .collect();
        let pairs: Vec<&(Vec<u32>, Vec<u32>)> = pairs.iter().collect();
        let table = Table::new(&pairs);
        let t = table.expectation_maximisation();
        let expected = token_by_token(&pairs);
        assert_eq!(t.len(), expected.len());
        for (s, &(f, e)) in table.pairs.iter().enumerate() {
            assert_eq!(t[s].to_bits(), expected[&(f, e)].to_bits(), "t({e}|{f})");
        }
    }
}
