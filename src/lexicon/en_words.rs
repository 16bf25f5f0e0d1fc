//! English normalisation: the words of a sentence as the stems a dictionary gloss would use.
//!
//! Lower-cased, stop words dropped (the same list `build.rs` drops from CC-CEDICT glosses, so
//! both sides agree), Snowball-stemmed ("relations" and "relation" both give "relat").

use super::dictionary::Dictionary;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::sync::OnceLock;

static STOP_WORDS_TEXT: &str = include_str!("stopwords.txt");
static IRREGULAR_TEXT: &str = include_str!("irregular.txt");

/// The base form of an irregular English word ("bit" → "bite", "feet" → "foot"), if it is one.
pub fn base_form(word: &str) -> Option<&'static str> {
    static FORMS: OnceLock<std::collections::HashMap<&'static str, &'static str>> = OnceLock::new();
    FORMS
        .get_or_init(|| {
            IRREGULAR_TEXT
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once(' '))
                .collect()
        })
        .get(word)
        .copied()
}

fn stop_words() -> &'static HashSet<&'static str> {
    static STOP: OnceLock<HashSet<&'static str>> = OnceLock::new();
    STOP.get_or_init(|| {
        STOP_WORDS_TEXT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

pub fn is_stop_word(word: &str) -> bool {
    stop_words().contains(word)
}

/// The words of a text as written, in order, bare numbers dropped.
fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
}

/// Stem ids for one document: the dictionary's ids for stems it knows, fresh ids (from
/// `Dictionary::stem_count` up) for the document's other stems, so that the learned lexicon
/// can use them too.
pub struct StemVocab<'d> {
    dict: &'d Dictionary,
    stemmer: Stemmer,
    extra: FxHashMap<String, u32>,
}

/// A word's stem as the dictionary knows it (its id), or the stem text for the document to
/// number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stem {
    Known(u32),
    New(String),
}

/// The stem of a lower-cased word, looked up in the dictionary. Needs no shared state, so
/// sentences can be stemmed in parallel with one stemmer per thread.
pub fn stem(dict: &Dictionary, stemmer: &Stemmer, word: &str) -> Stem {
    if let Some(id) = dict.word_stem(word) {
        return Stem::Known(id);
    }
    stem_afresh(dict, stemmer, word)
}

/// [`stem`] without the dictionary's table of words already stemmed.
fn stem_afresh(dict: &Dictionary, stemmer: &Stemmer, word: &str) -> Stem {
    let stem = stemmer.stem(base_form(word).unwrap_or(word));
    match dict.stem_id(&stem) {
        Some(id) => Stem::Known(id),
        None => Stem::New(stem.into_owned()),
    }
}

pub fn english_stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// The stems of texts' content words (lower-cased, stop words and bare numbers dropped), each
/// distinct written word lower-cased, looked up and stemmed once: a text repeats its words (the Bible's 126,000 English words are 4,500 distinct
/// ones), and stemming was most of the cost. One per thread; the words are borrowed from
/// the texts.
pub struct StemCache<'t> {
    stemmer: Stemmer,
    /// Written word → its stem, None for a stop word.
    known: FxHashMap<&'t str, Option<Stem>>,
}

impl<'t> StemCache<'t> {
    pub fn new() -> Self {
        StemCache {
            stemmer: english_stemmer(),
            known: FxHashMap::default(),
        }
    }

    /// The stems of a text's content words, in order, repeats kept.
    pub fn stems(&mut self, dict: &Dictionary, text: &'t str) -> Vec<Stem> {
        let mut out = Vec::new();
        for word in words(text) {
            let stem = self.known.entry(word).or_insert_with(|| {
                SEEN.with(|seen| {
                    let mut seen = seen.borrow_mut();
                    seen.stem(word, || {
                        let lower = word.to_lowercase();
                        (!is_stop_word(&lower)).then(|| stem(dict, &self.stemmer, &lower))
                    })
                })
            });
            out.extend(stem.clone());
        }
        out
    }
}

/// Written words stemmed before on this thread, in earlier documents too: a corpus of many
/// short documents repeats most of its words from one document to the next, and a document's
/// own cache starts empty. A word's stem depends on the word and the dictionary alone, and
/// there is one dictionary (`dictionary()`'s static: its fields are private to its module).
struct Seen {
    stems: FxHashMap<Box<str>, Option<Stem>>,
}

/// Words a thread keeps before it starts again: a few MB at most.
const SEEN_WORDS: usize = 1 << 16;

impl Seen {
    fn stem(&mut self, word: &str, work_out: impl FnOnce() -> Option<Stem>) -> Option<Stem> {
        if self.stems.len() >= SEEN_WORDS {
            self.stems.clear();
        }
        if let Some(stem) = self.stems.get(word) {
            return stem.clone();
        }
        let stem = work_out();
        self.stems.insert(word.into(), stem.clone());
        stem
    }
}

thread_local! {
    static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen {
        stems: FxHashMap::default(),
    });
}

impl Default for StemCache<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'d> StemVocab<'d> {
    pub fn new(dict: &'d Dictionary) -> Self {
        StemVocab {
            dict,
            stemmer: english_stemmer(),
            extra: FxHashMap::default(),
        }
    }

    /// The id of a stem: the dictionary's, or the next free document id.
    pub fn intern(&mut self, stem: Stem) -> u32 {
        match stem {
            Stem::Known(id) => id,
            Stem::New(text) => {
                let next = self.dict.stem_count() + self.extra.len() as u32;
                *self.extra.entry(text).or_insert(next)
            }
        }
    }

    pub fn id(&mut self, word: &str) -> u32 {
        let stem = stem(self.dict, &self.stemmer, word);
        self.intern(stem)
    }

    /// The stem ids of a text's content words, in order, repeats kept.
    pub fn stems(&mut self, text: &str) -> Vec<u32> {
        StemCache::new()
            .stems(self.dict, text)
            .into_iter()
            .map(|s| self.intern(s))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::dictionary::dictionary;

    #[test]
    fn the_dictionary_stems_its_words_as_the_stemmer_does() {
        let (dict, stemmer) = (dictionary(), english_stemmer());
        let mut count = 0;
        for word in dict.stemmed_words() {
            let id = dict.word_stem(word).expect(word);
            assert_eq!(stem_afresh(dict, &stemmer, word), Stem::Known(id), "{word}");
            count += 1;
        }
        // The glosses' vocabulary, not an empty table.
        assert!(count > 10_000, "{count} words");
        assert_eq!(dict.word_stem("went"), dict.stem_id("go"));
        assert_eq!(dict.word_stem("qwzxv"), None);
    }

    #[test]
    fn stop_words_go_and_inflections_meet() {
        let mut v = StemVocab::new(dictionary());
        let a = v.stems("The relations of the countries");
        let b = v.stems("relation country");
        assert_eq!(a, b);
    }

    #[test]
    fn irregular_forms_meet_their_base_form() {
        let mut v = StemVocab::new(dictionary());
        assert_eq!(v.stems("She bit her lip"), v.stems("bite lip"));
        assert_eq!(v.stems("feet"), v.stems("foot"));
        assert_eq!(v.stems("went"), v.stems("go"));
    }

    /// `build.rs` stems the dictionary's glosses and this module a text's words: a word must
    /// give the same stem either way, or the gloss and the text never match. CC-CEDICT glosses
    /// 人们 "people", 孩子们 "children", 男人 "men", 所知 "known": irregular forms, which the
    /// text side reads through the table of base forms; 关系 "relations" a regular one.
    ///
    /// Fails today: `build.rs` stems glosses without the table, so the gloss "people" is
    /// `peopl` while the text's "people" is `person`. Every way of reading glosses through the
    /// table that was measured (issue 15, main at MAC-Dev 0.902, Bible 0.983 strict F1) lowered
    /// the Bible to 0.982 or below, so none is applied:
    /// - the whole table: MAC-Dev 0.898, Bible 0.982 (the glosses "ground", "left", "people",
    ///   "better" start to match; 话's "what sb said" now matches every "said" of a dialogue);
    /// - without the forms that are also words of their own (left, found, wound, saw, bit, …):
    ///   MAC-Dev 0.898, Bible 0.982; those forms also left out of the text side: 0.900, 0.981;
    /// - noun plurals only, or only glosses of a single word: MAC-Dev links unchanged (0.902),
    ///   Bible 0.982;
    /// - a text's homograph read both ways (its own stem and its base form's): 0.902, 0.981.
    ///
    /// With glosses read through the table (any of the first three), the Bible's loss is the
    /// same two low-confidence places (Exodus 39:22–23, Numbers 30:13–14, linked 1-1 at scores
    /// 0.82 and 0.79) merged into a 2-2 and a 3-2 link; with noun plurals only, no English word
    /// of theirs is in the table: they move through the document's learned parameters.
    #[test]
    #[ignore = "glosses are stemmed without the table of base forms: every variant measured lowered the Bible's strict F1 0.983 -> 0.982 (issue 15)"]
    fn a_gloss_word_and_the_same_word_in_a_text_have_one_stem() {
        let dict = dictionary();
        let mut v = StemVocab::new(dict);
        for (zh, gloss) in [
            ("人们", "people"),
            ("孩子们", "children"),
            ("男人", "men"),
            ("所知", "known"),
            ("关系", "relations"),
        ] {
            let entry = dict.lookup(zh).expect("in CC-CEDICT");
            let text = v.stems(gloss);
            assert!(
                dict.senses(entry).any(|sense| sense == text),
                "{zh}: no sense is the text's stem of {gloss:?} ({text:?})"
            );
        }
    }

    #[test]
    fn a_cache_shared_by_texts_stems_each_as_a_fresh_one_would() {
        let dict = dictionary();
        let texts = [
            "The Relations of the countries",
            "She bit the relations; 2025 feet",
            "Qqzyxw said THE",
            "relations",
        ];
        let mut cache = StemCache::new();
        for text in texts {
            assert_eq!(cache.stems(dict, text), StemCache::new().stems(dict, text));
        }
        // "She" and "the" are stop words and 2025 a bare number: "bit", "relations" (as
        // "relation") and "feet" are left.
        let second = cache.stems(dict, texts[1]);
        assert_eq!(second.len(), 3);
        assert_eq!(second[1], cache.stems(dict, "relation")[0]);
    }

    #[test]
    fn unknown_words_get_document_ids_above_the_dictionary() {
        let mut v = StemVocab::new(dictionary());
        let id = v.id("qqzyxw");
        assert!(id >= dictionary().stem_count());
        assert_eq!(v.id("qqzyxw"), id);
    }
}
