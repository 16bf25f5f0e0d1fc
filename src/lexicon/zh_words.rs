//! Chinese word segmentation: the most probable sequence of dictionary words.
//!
//! The classic unigram model (as in jieba without its HMM): every CC-CEDICT headword is a
//! candidate word, its probability its SUBTLEX-CH frequency over the total (see
//! [`super::unigram`]; the dictionary stores each headword's log-probability), and dynamic
//! programming picks the segmentation with the highest product. Traditional headwords carry
//! the frequency of their simplified form, so traditional text segments as well as
//! simplified. Characters the dictionary lacks stand alone.

use super::dictionary::{Dictionary, Entry, Probe};
use crate::hash::{fnv1a_64_extend, FNV1A_64_EMPTY};
use crate::model::script::is_han;
use std::cell::RefCell;

/// One word of a Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZhWord<'a> {
    pub text: &'a str,
    pub entry: Option<Entry>,
}

/// Segment the Han runs of a text into words; everything else (Latin, digits, punctuation) is
/// left out — anchors deal with it.
pub fn segment<'a>(dict: &Dictionary, text: &'a str) -> Vec<ZhWord<'a>> {
    // A Han character takes three bytes or more: a text has at most a third as many words
    // as bytes, and a run at most a third as many characters (no growing as they are added).
    let mut words = Vec::with_capacity(text.len() / 3);
    LATTICE.with_borrow_mut(|lattice| {
        let mut run_start: Option<usize> = None;
        for (pos, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (is_han(c) && pos < text.len(), run_start) {
                (true, None) => run_start = Some(pos),
                (false, Some(start)) => {
                    segment_run(dict, &text[start..pos], lattice, &mut words);
                    run_start = None;
                }
                _ => {}
            }
        }
    });
    words
}

thread_local! {
    /// Each thread's lattice, kept from sentence to sentence rather than allocated for each.
    static LATTICE: RefCell<Lattice> = RefCell::default();
}

/// The Viterbi lattice of a run, kept from run to run: character boundaries, best
/// log-probability to each, and the word that ends there.
#[derive(Default)]
struct Lattice {
    bounds: Vec<usize>,
    best: Vec<f64>,
    back: Vec<(usize, Option<Entry>)>,
}

/// Viterbi over one run of Han characters, forwards: from each position, the dictionary words
/// that start there, one character longer at a time, so that a word's hash is its prefix's
/// extended by one character rather than computed again, and the growing stops where no
/// longer headword begins with what there is.
fn segment_run<'a>(
    dict: &Dictionary,
    run: &'a str,
    lattice: &mut Lattice,
    out: &mut Vec<ZhWord<'a>>,
) {
    let Lattice { bounds, best, back } = lattice;
    bounds.clear();
    bounds.reserve(run.len() / 3 + 1);
    bounds.extend(
        run.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(run.len())),
    );
    let n = bounds.len() - 1;
    best.clear();
    best.resize(n + 1, f64::NEG_INFINITY);
    back.clear();
    back.resize(n + 1, (0, None));
    best[0] = 0.0;
    for start in 0..n {
        let mut hash = FNV1A_64_EMPTY;
        for end in start + 1..=(start + dict.max_word_chars).min(n) {
            hash = fnv1a_64_extend(hash, &run.as_bytes()[bounds[end - 1]..bounds[end]]);
            let len = end - start;
            let word = &run[bounds[start]..bounds[end]];
            // A single character is read from the dictionary's dense table when it has one.
            let single = (len == 1)
                .then(|| word.chars().next().and_then(|c| dict.probe_char(c)))
                .flatten();
            let (Probe { entry, extends }, log_prob) = match single {
                Some(probe_and_log_prob) => probe_and_log_prob,
                None => {
                    let probe = dict.probe_hashed(word, hash);
                    let log_prob = probe
                        .entry
                        .map_or(dict.unknown_char_log_prob, |e| dict.log_prob(e));
                    (probe, log_prob)
                }
            };
            if entry.is_some() || len == 1 {
                // On a tie the shortest last word wins (the latest start, which comes last here).
                let score = best[start] + log_prob;
                if score >= best[end] {
                    best[end] = score;
                    back[end] = (start, entry);
                }
            }
            if !extends {
                break;
            }
        }
    }
    let first = out.len();
    let mut end = n;
    while end > 0 {
        let (start, entry) = back[end];
        out.push(ZhWord {
            text: &run[bounds[start]..bounds[end]],
            entry,
        });
        end = start;
    }
    out[first..].reverse();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::dictionary::dictionary;

    fn words(text: &str) -> Vec<&str> {
        segment(dictionary(), text)
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn simplified_text_is_cut_into_words() {
        assert_eq!(
            words("川普试图与北京重启对话"),
            ["川普", "试图", "与", "北京", "重启", "对话"]
        );
    }

    #[test]
    fn traditional_text_is_cut_the_same_way() {
        assert_eq!(
            words("川普試圖與北京重啟對話"),
            ["川普", "試圖", "與", "北京", "重啟", "對話"]
        );
    }

    #[test]
    fn latin_digits_and_punctuation_are_left_out() {
        assert_eq!(words("TikTok问题，2025年"), ["问题", "年"]);
    }

    #[test]
    fn names_in_the_dictionary_stay_whole() {
        assert!(words("中国国家主席习近平表示").contains(&"习近平"));
    }
}
