//! The words of a document, interned once: Chinese words segmented and looked up in the
//! dictionary, English words normalised to stems. Everything downstream (lexical masks, the
//! learned lexicon) works on these integer ids.

use super::dp::Step;
use super::lexical::{distinct, positions, postings, Bag, Senses, WordBags};
use crate::lexicon::dictionary::dictionary;
use crate::lexicon::dictionary::Entry;
use crate::lexicon::en_words::{Stem, StemCache, StemVocab};
use crate::lexicon::model1;
use crate::lexicon::names::{guess, Name};
use crate::lexicon::zh_words::{segment, ZhWord};
use crate::model::Sentence;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

pub struct DocumentWords {
    /// Per Chinese sentence, its words as vocabulary ids, in order, repeats kept.
    pub zh_tokens: Vec<Vec<u32>>,
    /// Per English sentence, its content stems as stem ids, in order, repeats kept.
    pub en_tokens: Vec<Vec<u32>>,
    /// Each sentence's distinct words, the English postings and the senses, as the lexical
    /// model takes them.
    pub bags: WordBags,
}

/// Interns Chinese words (borrowed from the sentences) and guessed names as vocabulary ids,
/// numbered in order of first occurrence; each id remembers where its senses will come from.
struct ZhVocab<'t, 'n> {
    words: FxHashMap<&'t str, u32>,
    names: FxHashMap<&'n str, u32>,
    sources: Vec<SenseSource<'n>>,
}

enum SenseSource<'n> {
    Word(Option<Entry>),
    Name(&'n Name),
}

impl<'t, 'n> ZhVocab<'t, 'n> {
    fn word(&mut self, word: &ZhWord<'t>) -> u32 {
        let next = self.sources.len() as u32;
        let id = *self.words.entry(word.text).or_insert(next);
        if id == next {
            self.sources.push(SenseSource::Word(word.entry));
        }
        id
    }

    fn name(&mut self, name: &'n Name) -> u32 {
        let next = self.sources.len() as u32;
        let id = *self.names.entry(name.text.as_str()).or_insert(next);
        if id == next {
            self.sources.push(SenseSource::Name(name));
        }
        id
    }
}

impl DocumentWords {
    /// Segment and normalise both sides. `with_dictionary` and `with_names` choose where the
    /// senses come from (for ablation; without either, only the learned lexicon gives any).
    pub fn new(
        zh: &[Sentence],
        en: &[Sentence],
        with_dictionary: bool,
        with_names: bool,
    ) -> DocumentWords {
        let dict = dictionary();
        let mut stems = StemVocab::new(dict);
        let bags = |tokens: &[Vec<u32>]| -> Vec<Bag> {
            tokens
                .par_iter()
                .map(|t| Bag { words: distinct(t) })
                .collect()
        };
        // The two sides are independent but for the stems of names' spellings, numbered last:
        // worked out side by side.
        let english = || {
            // Stemming is done in parallel; numbering the stems new to the dictionary is done
            // in order, so that ids do not depend on the threads.
            let en_stems: Vec<Vec<Stem>> = en
                .par_iter()
                .map_init(StemCache::new, |cache, s| cache.stems(dict, &s.text))
                .collect();
            let en_tokens: Vec<Vec<u32>> = en_stems
                .into_iter()
                .map(|sentence| sentence.into_iter().map(|s| stems.intern(s)).collect())
                .collect();
            let en_bags = bags(&en_tokens);
            let (en_postings, en_positions) = (postings(&en_bags), positions(&en_bags));
            (en_tokens, en_bags, en_postings, en_positions)
        };
        let chinese = || {
            // Segmenting and guessing names need no shared state: done in parallel; numbering
            // is done in order, so that ids do not depend on the threads.
            let segmented: Vec<(Vec<ZhWord>, Vec<Name>)> = zh
                .par_iter()
                .map(|s| {
                    let words = segment(dict, &s.text);
                    let names = if with_names {
                        guess(&words)
                    } else {
                        Vec::new()
                    };
                    (words, names)
                })
                .collect();
            let mut vocab = ZhVocab {
                words: FxHashMap::default(),
                names: FxHashMap::default(),
                sources: Vec::new(),
            };
            let zh_tokens: Vec<Vec<u32>> = segmented
                .iter()
                .map(|(words, names)| {
                    let mut tokens: Vec<u32> = words.iter().map(|w| vocab.word(w)).collect();
                    tokens.extend(names.iter().map(|name| vocab.name(name)));
                    tokens
                })
                .collect();
            // A dictionary word's senses are read in parallel; names get theirs below.
            let senses: Senses = vocab
                .sources
                .par_iter()
                .map(|source| match (source, with_dictionary) {
                    (SenseSource::Word(Some(e)), true) => dict.senses(*e).collect(),
                    _ => Vec::new(),
                })
                .collect();
            let names: Vec<(usize, Vec<String>)> = vocab
                .sources
                .iter()
                .enumerate()
                .filter_map(|(id, source)| match source {
                    SenseSource::Name(name) => Some((id, name.spellings.clone())),
                    SenseSource::Word(_) => None,
                })
                .collect();
            let zh_bags = bags(&zh_tokens);
            (zh_tokens, zh_bags, senses, names)
        };
        let (
            (en_tokens, en_bags, en_postings, en_positions),
            (zh_tokens, zh_bags, mut senses, names),
        ) = rayon::join(english, chinese);
        // A name's spellings are stems to number, after the English text's, in order.
        for (id, spellings) in names {
            senses[id] = spellings.iter().map(|sp| vec![stems.id(sp)]).collect();
        }
        DocumentWords {
            zh_tokens,
            en_tokens,
            bags: WordBags {
                zh: zh_bags,
                en: en_bags,
                en_postings,
                en_positions,
                senses,
            },
        }
    }
}

impl DocumentWords {
    /// Learn translations from the links of a first pass that `trust` accepts (by the link's
    /// index), and add each as a one-stem sense of its Chinese word. Returns the words that
    /// gained senses, in order, each with the index of its first new sense.
    pub fn learn_from(
        &mut self,
        path: &[Step],
        trust: impl Fn(usize) -> bool + Sync,
    ) -> Vec<(u32, usize)> {
        let pairs: Vec<(Vec<u32>, Vec<u32>)> = path
            .par_iter()
            .enumerate()
            .filter(|&(k, s)| !s.zh.is_empty() && !s.en.is_empty() && trust(k))
            .map(|(_, s)| {
                (
                    self.zh_tokens[s.zh.clone()].concat(),
                    self.en_tokens[s.en.clone()].concat(),
                )
            })
            .collect();
        let mut learned: Vec<(u32, Vec<u32>)> = model1::learn(&pairs).into_iter().collect();
        learned.sort_unstable_by_key(|(f, _)| *f);
        let mut gained = Vec::new();
        for (f, stems) in learned {
            let senses = &mut self.bags.senses[f as usize];
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
