//! The words of a document, interned once: Chinese words segmented and looked up in the
//! dictionary, English words normalised to stems. Everything downstream (lexical masks, the
//! learned lexicon) works on these integer ids.

use super::dp::Step;
use super::lexical::Senses;
use crate::lexicon::model1;
use crate::lexicon::dictionary::dictionary;
use crate::lexicon::en_words::StemVocab;
use crate::lexicon::zh_words::segment;
use crate::model::Sentence;
use rustc_hash::FxHashMap;

pub struct DocumentWords {
    /// Per Chinese sentence, its words as vocabulary ids, in order, repeats kept.
    pub zh_tokens: Vec<Vec<u32>>,
    /// Per English sentence, its content stems as stem ids, in order, repeats kept.
    pub en_tokens: Vec<Vec<u32>>,
    /// Vocabulary id → the Chinese word.
    pub zh_words: Vec<String>,
    /// Vocabulary id → its senses (from the dictionary; more may be added).
    pub senses: Senses,
    /// One past the largest English stem id in use.
    pub en_vocab_len: u32,
}

impl DocumentWords {
    /// Segment and normalise both sides. With `with_dictionary` false the senses stay empty
    /// (for ablation: evidence from the learned lexicon alone).
    pub fn new(zh: &[Sentence], en: &[Sentence], with_dictionary: bool) -> DocumentWords {
        let dict = dictionary();
        let mut index: FxHashMap<String, u32> = FxHashMap::default();
        let mut zh_words = Vec::new();
        let mut senses: Senses = Vec::new();
        let zh_tokens = zh
            .iter()
            .map(|s| {
                segment(dict, &s.text)
                    .into_iter()
                    .map(|w| {
                        if let Some(&id) = index.get(w.text) {
                            return id;
                        }
                        let id = zh_words.len() as u32;
                        index.insert(w.text.to_string(), id);
                        zh_words.push(w.text.to_string());
                        let word_senses = match (with_dictionary, w.entry) {
                            (true, Some(e)) => dict.senses(e).collect(),
                            _ => Vec::new(),
                        };
                        senses.push(word_senses);
                        id
                    })
                    .collect()
            })
            .collect();
        let mut vocab = StemVocab::new(dict);
        let en_tokens = en.iter().map(|s| vocab.stems(&s.text)).collect();
        DocumentWords { zh_tokens, en_tokens, zh_words, senses, en_vocab_len: vocab.len() }
    }
}

impl DocumentWords {
    /// Learn translations from the links of a first pass that `trust` accepts, and add each
    /// as a one-stem sense of its Chinese word.
    pub fn learn_from(&mut self, path: &[Step], trust: impl Fn(std::ops::Range<usize>, std::ops::Range<usize>) -> bool) {
        let pairs: Vec<(Vec<u32>, Vec<u32>)> = path
            .iter()
            .filter(|s| !s.zh.is_empty() && !s.en.is_empty() && trust(s.zh.clone(), s.en.clone()))
            .map(|s| (self.zh_tokens[s.zh.clone()].concat(), self.en_tokens[s.en.clone()].concat()))
            .collect();
        let mut learned: Vec<(u32, Vec<u32>)> = model1::learn(&pairs).into_iter().collect();
        learned.sort_unstable_by_key(|(f, _)| *f);
        for (f, stems) in learned {
            let senses = &mut self.senses[f as usize];
            for e in stems {
                let sense = vec![e];
                if !senses.contains(&sense) {
                    senses.push(sense);
                }
            }
        }
    }
}
