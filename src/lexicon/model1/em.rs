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
    /// times the sum of 1/normaliser over the tokens it may generate (in token order), then
    /// normalised over the word's slots.
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
                    if same == 1 {
                        let run = occurrences[o].1 as usize;
                        for (&s, &d) in self.candidates[run..run + shape.tokens].iter().zip(inverse)
                        {
                            sums[s as usize] += d;
                        }
                    } else {
                        for (token, &d) in inverse.iter().enumerate() {
                            for &(_, run) in &occurrences[o..o + same] {
                                sums[self.candidates[run as usize + token] as usize] += d;
                            }
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
