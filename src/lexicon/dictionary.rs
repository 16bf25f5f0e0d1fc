//! CC-CEDICT as compiled by `build.rs`: headword → frequency and senses, each sense a small
//! set of English stem ids.
//!
//! The tables are embedded in the binary; start-up only builds two hash indexes over them
//! (about 200k headwords and 40k stems), once, on first use. Why not jieba-rs: its own
//! dictionary is simplified-only (traditional text falls apart into single characters) and it
//! takes 60–100 ms to initialise; CC-CEDICT has both scripts as headwords and SUBTLEX-CH
//! frequencies give the segmenter what jieba's dictionary gives it.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

static KEYS: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon_keys.txt"));
static ENTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_entries.bin"));
static IDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_ids.bin"));
static STEMS: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon_stems.txt"));

/// Separates senses in the id table.
const SENSE_END: u32 = u32::MAX;

fn u32_at(bytes: &[u8], index: usize) -> u32 {
    let b = &bytes[index * 4..index * 4 + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// A headword of the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entry(pub u32);

pub struct Dictionary {
    keys: FxHashMap<&'static str, u32>,
    stems: FxHashMap<&'static str, u32>,
    /// Longest headword, in characters: the segmenter looks no further.
    pub max_word_chars: usize,
    /// Sum of all frequencies, for the segmenter's probabilities.
    pub total_frequency: f64,
}

/// The dictionary, indexed on first use.
pub fn dictionary() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(Dictionary::load)
}

impl Dictionary {
    fn load() -> Dictionary {
        let mut keys = FxHashMap::default();
        keys.reserve(210_000);
        let mut max_word_chars = 1;
        let mut total = 0f64;
        for (i, key) in KEYS.lines().enumerate() {
            keys.insert(key, i as u32);
            max_word_chars = max_word_chars.max(key.chars().count());
            total += u32_at(ENTRIES, i * 3) as f64;
        }
        let stems = STEMS.lines().enumerate().map(|(i, s)| (s, i as u32)).collect();
        Dictionary { keys, stems, max_word_chars: max_word_chars.min(8), total_frequency: total.max(1.0) }
    }

    pub fn lookup(&self, word: &str) -> Option<Entry> {
        self.keys.get(word).map(|&i| Entry(i))
    }

    /// How often the word occurs in SUBTLEX-CH (0 when it does not).
    pub fn frequency(&self, entry: Entry) -> u32 {
        u32_at(ENTRIES, entry.0 as usize * 3)
    }

    /// The senses of a headword, each a sorted list of English stem ids.
    pub fn senses(&self, entry: Entry) -> impl Iterator<Item = Vec<u32>> + '_ {
        let start = u32_at(ENTRIES, entry.0 as usize * 3 + 1) as usize;
        let end = u32_at(ENTRIES, entry.0 as usize * 3 + 2) as usize;
        let ids: Vec<u32> = (start..end).map(|k| u32_at(IDS, k)).collect();
        ids.split(|&id| id == SENSE_END).filter(|s| !s.is_empty()).map(<[u32]>::to_vec).collect::<Vec<_>>().into_iter()
    }

    /// The id of an English stem that occurs in some gloss.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).copied()
    }

    /// Number of stems known to the dictionary; ids from here up are free for a document's
    /// own words.
    pub fn stem_count(&self) -> u32 {
        self.stems.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::{Algorithm, Stemmer};

    fn stem_ids(words: &[&str]) -> Vec<u32> {
        let stemmer = Stemmer::create(Algorithm::English);
        words.iter().map(|w| dictionary().stem_id(&stemmer.stem(w)).expect(w)).collect()
    }

    fn has_sense(word: &str, english: &[&str]) -> bool {
        let d = dictionary();
        let mut want = stem_ids(english);
        want.sort_unstable();
        d.senses(d.lookup(word).expect(word)).any(|s| s == want)
    }

    #[test]
    fn simplified_and_traditional_headwords_share_their_senses() {
        assert!(has_sense("关系", &["relation"]));
        assert!(has_sense("關係", &["relation"]));
        assert!(has_sense("试图", &["attempt"]));
        assert!(has_sense("試圖", &["attempt"]));
    }

    #[test]
    fn names_carry_their_romanisation() {
        assert!(has_sense("习近平", &["xi", "jinping"]));
        assert!(has_sense("習近平", &["xi", "jinping"]));
    }

    #[test]
    fn stop_words_and_notes_are_gone_from_senses() {
        // 试图 "/to attempt/to try/": "to" is a stop word, so each sense is a single stem.
        let d = dictionary();
        let senses: Vec<Vec<u32>> = d.senses(d.lookup("试图").unwrap()).collect();
        assert_eq!(senses, [stem_ids(&["attempt"]), stem_ids(&["try"])]);
        // 关系 ends with "/CL:個|个[ge4]/": grammatical notes give no sense.
        assert!(d.stem_id("cl").is_none());
    }

    #[test]
    fn frequencies_come_from_subtlex() {
        let d = dictionary();
        assert!(d.frequency(d.lookup("我们").unwrap()) > d.frequency(d.lookup("试图").unwrap()));
    }
}
