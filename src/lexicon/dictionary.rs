//! CC-CEDICT as compiled by `build.rs`: headword → frequency and senses, each sense a small
//! set of English stem ids.
//!
//! The tables and their hash indexes are embedded in the binary and read where they lie
//! (see [`super::static_index`]): there is nothing to load or index at start-up. Why not
//! jieba-rs: its own dictionary is simplified-only (traditional text falls apart into single
//! characters) and it takes 60–100 ms to initialise; CC-CEDICT has both scripts as headwords
//! and SUBTLEX-CH frequencies give the segmenter what jieba's dictionary gives it.

use super::static_index::StaticIndex;

static ENTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_entries.bin"));
/// Per headword, its log-probability as a word ([`super::unigram::log_prob`]), an f64.
static LOG_PROBS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_log_probs.bin"));
static IDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_ids.bin"));
/// Headwords, then beginnings of headwords that are not headwords (from `meta::KEY_COUNT` on).
/// `EXTEND` is a bitset over them: set where a longer headword begins with the string.
static KEYS: StaticIndex = StaticIndex::new(
    include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_keys_slots.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_keys_starts.bin")),
    include_str!(concat!(env!("OUT_DIR"), "/lexicon_keys.txt")),
);
/// The glosses' words (lower-cased) and, in `WORD_STEMS`, their stem ids: see
/// [`Dictionary::word_stem`].
static WORDS: StaticIndex = StaticIndex::new(
    include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_words_slots.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_words_starts.bin")),
    include_str!(concat!(env!("OUT_DIR"), "/lexicon_words.txt")),
);
static WORD_STEMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_word_stems.bin"));
static EXTEND: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_keys_extend.bin"));
/// For each character of the CJK Unified Ideographs block (`HAN_FIRST..=HAN_LAST`), its key
/// index + 1 (0 for none) with `HAN_EXTENDS` set when a longer headword begins with it, and its
/// log-probability as a word: see [`Dictionary::probe_char`].
static HAN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_han.bin"));
/// The block `HAN` covers (as `build.rs` writes it), where almost all running Chinese text is.
const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;
const HAN_EXTENDS: u32 = 1 << 31;
static STEMS: StaticIndex = StaticIndex::new(
    include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_stems_slots.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_stems_starts.bin")),
    include_str!(concat!(env!("OUT_DIR"), "/lexicon_stems.txt")),
);

mod meta {
    include!(concat!(env!("OUT_DIR"), "/lexicon_meta.rs"));
}

/// Separates senses in the id table.
const SENSE_END: u32 = u32::MAX;

fn u32_at(bytes: &[u8], index: usize) -> u32 {
    let b = &bytes[index * 4..index * 4 + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// The f64 at byte `offset`.
fn f64_at(bytes: &[u8], offset: usize) -> f64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[offset..offset + 8]);
    f64::from_le_bytes(b)
}

/// What the dictionary knows of a string: the headword it is, and whether longer headwords
/// begin with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub entry: Option<Entry>,
    pub extends: bool,
}

/// A headword of the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entry(pub u32);

pub struct Dictionary {
    keys: &'static StaticIndex,
    stems: &'static StaticIndex,
    /// Longest headword, in characters: the segmenter looks no further.
    pub max_word_chars: usize,
    /// Sum of all frequencies, for the segmenter's probabilities.
    pub total_frequency: f64,
    /// The log-probability of a character the dictionary does not know, as a word.
    pub unknown_char_log_prob: f64,
}

/// The dictionary (a handle on the embedded tables: nothing is built).
pub fn dictionary() -> &'static Dictionary {
    static DICT: Dictionary = Dictionary {
        keys: &KEYS,
        stems: &STEMS,
        max_word_chars: meta::MAX_WORD_CHARS,
        total_frequency: meta::TOTAL_FREQUENCY,
        unknown_char_log_prob: meta::UNKNOWN_CHAR_LOG_PROB,
    };
    &DICT
}

impl Dictionary {
    pub fn lookup(&self, word: &str) -> Option<Entry> {
        self.keys
            .get(word)
            .filter(|&i| i < meta::KEY_COUNT)
            .map(Entry)
    }

    /// The headword `word` is, if any, and whether a longer headword begins with it, from the
    /// word's FNV-1a hash: the segmenter grows words while this says they can grow.
    pub fn probe_hashed(&self, word: &str, hash: u64) -> Probe {
        match self.keys.get_hashed(word, hash) {
            Some(i) => Probe {
                entry: (i < meta::KEY_COUNT).then_some(Entry(i)),
                extends: EXTEND[i as usize / 8] >> (i % 8) & 1 == 1,
            },
            None => Probe {
                entry: None,
                extends: false,
            },
        }
    }

    /// [`Dictionary::probe_hashed`] of a single character, with its log-probability as a word
    /// (its entry's [`Dictionary::log_prob`], or the unknown character's when it has none),
    /// read from a dense table for the CJK Unified Ideographs block: the segmenter probes every
    /// character of a text, and the table answers from the cache where the hash index misses
    /// it. None for a character outside the block.
    pub fn probe_char(&self, c: char) -> Option<(Probe, f64)> {
        let at = (c as u32).checked_sub(HAN_FIRST)?;
        if c as u32 > HAN_LAST {
            return None;
        }
        let key = u32_at(HAN, at as usize * 3);
        let index = key & !HAN_EXTENDS;
        let entry = (index != 0 && index - 1 < meta::KEY_COUNT).then(|| Entry(index - 1));
        let probe = Probe {
            entry,
            extends: key & HAN_EXTENDS != 0,
        };
        Some((probe, f64_at(HAN, at as usize * 12 + 4)))
    }

    /// The log-probability of the headword as a word ([`super::unigram::log_prob`] of its
    /// frequency and length), worked out by `build.rs`.
    pub fn log_prob(&self, entry: Entry) -> f64 {
        f64_at(LOG_PROBS, entry.0 as usize * 8)
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
        ids.split(|&id| id == SENSE_END)
            .filter(|s| !s.is_empty())
            .map(<[u32]>::to_vec)
            .collect::<Vec<_>>()
            .into_iter()
    }

    /// The id of an English stem that occurs in some gloss.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem)
    }

    /// The stem id of a lower-cased English word of the glosses, as stemming it (see
    /// `en_words::stem`) would give: worked out by `build.rs` for every gloss word whose stem
    /// the dictionary has. None for other words, which are stemmed.
    pub fn word_stem(&self, word: &str) -> Option<u32> {
        WORDS.get(word).map(|i| u32_at(WORD_STEMS, i as usize))
    }

    /// Words [`Dictionary::word_stem`] knows, in the order of their ids (for tests).
    #[cfg(test)]
    pub(crate) fn stemmed_words(&self) -> impl Iterator<Item = &'static str> {
        (0..WORDS.len()).map(|i| WORDS.key(i))
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
        words
            .iter()
            .map(|w| dictionary().stem_id(&stemmer.stem(w)).expect(w))
            .collect()
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
    fn variant_spellings_take_the_senses_they_point_to() {
        // 摔交 is only "variant of 摔跤[shuai1 jiao1]"; 侄儿 only "see 姪子|侄子[zhi2 zi5]".
        assert!(has_sense("摔跤", &["wrestle"]));
        assert!(has_sense("摔交", &["wrestle"]));
        assert!(has_sense("侄儿", &["nephew"]));
        // A headword with senses of its own keeps only those: 那 is also "old variant of
        // 挪[nuo2]" (to move).
        assert!(has_sense("挪", &["move"]));
        assert!(!has_sense("那", &["move"]));
    }

    #[test]
    fn a_probe_says_whether_longer_headwords_begin_with_a_string() {
        let d = dictionary();
        let probe = |s: &str| d.probe_hashed(s, crate::hash::fnv1a_64(s.as_bytes()));
        // 中华人民共和国 is a headword: 中华人民 is a beginning of it, though no headword.
        assert_eq!(d.lookup("中华人民"), None);
        assert_eq!(
            probe("中华人民"),
            Probe {
                entry: None,
                extends: true
            }
        );
        let full = probe("中华人民共和国");
        assert!(full.entry.is_some() && full.entry == d.lookup("中华人民共和国"));
        assert_eq!(
            probe("中华人民共和国万岁万岁"),
            Probe {
                entry: None,
                extends: false
            }
        );
    }

    #[test]
    fn the_han_table_answers_as_the_index_does_for_every_character_of_its_block() {
        let d = dictionary();
        let mut known = 0;
        for c in (HAN_FIRST..=HAN_LAST).filter_map(char::from_u32) {
            let s = c.to_string();
            let probe = d.probe_hashed(&s, crate::hash::fnv1a_64(s.as_bytes()));
            let log_prob = probe
                .entry
                .map_or(d.unknown_char_log_prob, |e| d.log_prob(e));
            let (char_probe, char_log_prob) = d.probe_char(c).unwrap();
            assert_eq!(char_probe, probe, "{c}");
            assert_eq!(char_log_prob.to_bits(), log_prob.to_bits(), "{c}");
            known += usize::from(probe.entry.is_some());
        }
        // The block's common characters are headwords: the table is not empty by mistake.
        assert!(known > 10_000, "{known} headwords");
        assert_eq!(d.probe_char(char::from_u32(HAN_FIRST - 1).unwrap()), None);
        assert_eq!(d.probe_char(char::from_u32(HAN_LAST + 1).unwrap()), None);
        assert_eq!(d.probe_char('a'), None);
    }

    #[test]
    fn stored_log_probabilities_are_what_the_unigram_model_gives() {
        use crate::lexicon::unigram::log_prob;
        let d = dictionary();
        let total = d.total_frequency;
        for i in 0..meta::KEY_COUNT {
            let entry = Entry(i);
            let chars = KEYS.key(i as usize).chars().count();
            let expected = log_prob(total, Some(d.frequency(entry)), chars);
            assert_eq!(d.log_prob(entry).to_bits(), expected.to_bits(), "{i}");
        }
        let unknown = log_prob(total, None, 1);
        assert_eq!(d.unknown_char_log_prob.to_bits(), unknown.to_bits());
    }

    #[test]
    fn frequencies_come_from_subtlex() {
        let d = dictionary();
        assert!(d.frequency(d.lookup("我们").unwrap()) > d.frequency(d.lookup("试图").unwrap()));
    }
}
