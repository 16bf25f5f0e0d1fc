//! The words of a document, interned once: Chinese words segmented and looked up in the
//! dictionary, English words normalised to stems. Everything downstream (lexical masks, the
//! learned lexicon) works on these integer ids.

use super::dp::Step;
use super::lexical::{distinct, postings, Bag, Postings, Senses};
use crate::lexicon::model1;
use crate::lexicon::names::guess;
use crate::lexicon::dictionary::dictionary;
use crate::lexicon::en_words::{Stem, StemCache, StemVocab};
use crate::lexicon::zh_words::{segment, ZhWord};
use rayon::prelude::*;
use crate::model::Sentence;
use rustc_hash::FxHashMap;

pub struct DocumentWords {
    /// Per Chinese sentence, its words as vocabulary ids, in order, repeats kept.
    pub zh_tokens: Vec<Vec<u32>>,
    /// Per English sentence, its content stems as stem ids, in order, repeats kept.
    pub en_tokens: Vec<Vec<u32>>,
    /// Vocabulary id → its senses (from the dictionary; more may be added).
    pub senses: Senses,
    /// Each sentence's distinct words, as the lexical model takes them.
    pub zh_bags: Vec<Bag>,
    pub en_bags: Vec<Bag>,
    /// For each English stem, the sentences holding it.
    pub en_postings: Postings,
}

/// Interns Chinese words (and guessed names) as vocabulary ids with their senses.
struct ZhVocab {
    index: FxHashMap<String, u32>,
    senses: Senses,
}

impl ZhVocab {
    fn id(&mut self, text: &str, senses: impl FnOnce() -> Vec<Vec<u32>>) -> u32 {
        if let Some(&id) = self.index.get(text) {
            return id;
        }
        let id = self.senses.len() as u32;
        self.index.insert(text.to_string(), id);
        self.senses.push(senses());
        id
    }
}

impl DocumentWords {
    /// Segment and normalise both sides. `with_dictionary` and `with_names` choose where the
    /// senses come from (for ablation; without either, only the learned lexicon gives any).
    pub fn new(zh: &[Sentence], en: &[Sentence], with_dictionary: bool, with_names: bool) -> DocumentWords {
        let dict = dictionary();
        let mut stems = StemVocab::new(dict);
        // Stemming, like segmenting, is done in parallel; numbering the stems new to the
        // dictionary is done in order, so that ids do not depend on the threads.
        let en_stems: Vec<Vec<Stem>> = en.par_iter().map_init(StemCache::new, |cache, s| cache.stems(dict, &s.text)).collect();
        let en_tokens = en_stems.into_iter().map(|sentence| sentence.into_iter().map(|s| stems.intern(s)).collect()).collect();
        let mut vocab = ZhVocab { index: FxHashMap::default(), senses: Vec::new() };
        // Segmenting is the costly part and needs no shared state: done in parallel first.
        let segmented: Vec<Vec<ZhWord>> = zh.par_iter().map(|s| segment(dict, &s.text)).collect();
        let zh_tokens = segmented
            .iter()
            .map(|words| {
                let mut tokens: Vec<u32> = words
                    .iter()
                    .map(|w| {
                        vocab.id(w.text, || match (with_dictionary, w.entry) {
                            (true, Some(e)) => dict.senses(e).collect(),
                            _ => Vec::new(),
                        })
                    })
                    .collect();
                if with_names {
                    for name in guess(words) {
                        let key = format!("#{}", name.text);
                        tokens.push(vocab.id(&key, || name.spellings.iter().map(|sp| vec![stems.id(sp)]).collect()));
                    }
                }
                tokens
            })
            .collect();
        let bags = |tokens: &Vec<Vec<u32>>| -> Vec<Bag> { tokens.iter().map(|t| Bag { words: distinct(t) }).collect() };
        let (zh_bags, en_bags) = (bags(&zh_tokens), bags(&en_tokens));
        let en_postings = postings(&en_bags);
        DocumentWords { zh_tokens, en_tokens, senses: vocab.senses, zh_bags, en_bags, en_postings }
    }
}

impl DocumentWords {
    /// Learn translations from the links of a first pass that `trust` accepts (by the link's
    /// index), and add each as a one-stem sense of its Chinese word. Returns the words that
    /// gained senses, in order, each with the index of its first new sense.
    pub fn learn_from(&mut self, path: &[Step], trust: impl Fn(usize) -> bool) -> Vec<(u32, usize)> {
        let pairs: Vec<(Vec<u32>, Vec<u32>)> = path
            .iter()
            .enumerate()
            .filter(|&(k, s)| !s.zh.is_empty() && !s.en.is_empty() && trust(k))
            .map(|(_, s)| (self.zh_tokens[s.zh.clone()].concat(), self.en_tokens[s.en.clone()].concat()))
            .collect();
        let mut learned: Vec<(u32, Vec<u32>)> = model1::learn(&pairs).into_iter().collect();
        learned.sort_unstable_by_key(|(f, _)| *f);
        let mut gained = Vec::new();
        for (f, stems) in learned {
            let senses = &mut self.senses[f as usize];
            let before = senses.len();
            for e in stems {
                let sense = vec![e];
                if !senses.contains(&sense) {
                    senses.push(sense);
                }
            }
            if senses.len() > before {
                gained.push((f, before));
            }
        }
        gained
    }
}
