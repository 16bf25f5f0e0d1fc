//! Build step: compile CC-CEDICT into the lookup tables the aligner embeds.
//!
//! The dictionary text comes from the `haoxue-dict` crate's package (CC-CEDICT 2024-06-07, CC
//! BY-SA 4.0, plus SUBTLEX-CH word frequencies), which cargo unpacks because it is a
//! build-dependency: nothing is downloaded here. `ZHEN_CEDICT_DIR` may point to another folder
//! holding the same two files.
//!
//! Glosses are turned into what the aligner compares at run time — lower-cased, stop words
//! dropped, Snowball-stemmed English words — and indexed, so that start-up has nothing left to
//! parse or compute. Output (in OUT_DIR):
//! - `lexicon_keys.txt`: sorted headwords, simplified and traditional, then the beginnings of
//!   headwords that are not headwords themselves;
//! - `lexicon_entries.bin` (per headword: frequency, start and end into the ids) and
//!   `lexicon_ids.bin` (stem ids, senses separated by u32::MAX);
//! - `lexicon_log_probs.bin`: per headword, its log-probability as the segmenter scores it
//!   (`src/lexicon/unigram.rs`, an f64), so that segmenting calls no `ln`;
//! - `lexicon_stems.txt`: stem id → stem;
//! - a hash index over the keys and one over the stems (`*_slots.bin`, `*_starts.bin`, see
//!   `src/lexicon/static_index.rs`), and which keys a longer headword begins with
//!   (`lexicon_keys_extend.bin`, a bitset);
//! - `lexicon_words.txt` and `lexicon_word_stems.bin`: the glosses' words with their stem ids
//!   (and a hash index over them), so that a document's words are mostly looked up, not stemmed;
//! - `lexicon_han.bin`: the same facts, and the log-probability, for each single character of
//!   the CJK Unified Ideographs block, in a dense table the segmenter reads first;
//! - `lexicon_meta.rs`: the longest headword, the sum of the frequencies, the number of
//!   headwords, the log-probability of a character the dictionary does not know.

#[path = "src/hash.rs"]
#[allow(dead_code)]
mod hash;
#[path = "src/lexicon/static_index.rs"]
#[allow(dead_code)]
mod static_index;
#[path = "src/lexicon/unigram.rs"]
mod unigram;

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};

const CEDICT: &str = "cedict-2024-06-07.txt";
const SUBTLEX: &str = "SUBTLEX-CH-WF.utf8.txt";
/// A sense with more content words than this is an explanation, not a translation. (Senses
/// of three or more words match when any two are found: see `align::lexical`.)
const MAX_SENSE_STEMS: usize = 5;

fn data_dir() -> PathBuf {
    if let Ok(dir) = env::var("ZHEN_CEDICT_DIR") {
        return PathBuf::from(dir);
    }
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut candidates = vec![
        manifest.join("vendor/haoxue-dict-0.1.7/data"),
        manifest.join("vendor/haoxue-dict/data"),
    ];
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    if let Ok(entries) = fs::read_dir(home.join("registry/src")) {
        let mut registries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        registries.sort();
        candidates.extend(
            registries
                .into_iter()
                .map(|r| r.join("haoxue-dict-0.1.7/data")),
        );
    }
    candidates
        .into_iter()
        .find(|c| c.join(CEDICT).is_file())
        .unwrap_or_else(|| panic!("CC-CEDICT ({CEDICT}) not found in the haoxue-dict package; set ZHEN_CEDICT_DIR to a folder holding it"))
}

struct GlossCleaner {
    stop: HashSet<String>,
    stemmer: Stemmer,
    stems: HashMap<String, u32>,
    /// Every content word the glosses are made of, lower-cased.
    words: BTreeSet<String>,
}

impl GlossCleaner {
    fn stem_id(&mut self, word: &str) -> u32 {
        let stem = self.stemmer.stem(word).into_owned();
        let next = self.stems.len() as u32;
        *self.stems.entry(stem).or_insert(next)
    }

    /// The senses of one gloss: each comma- or semicolon-separated part, parentheses removed,
    /// as sorted stem ids. Cross-references and grammatical notes give nothing.
    fn senses(&mut self, gloss: &str) -> Vec<Vec<u32>> {
        let skip = [
            "CL:",
            "variant of",
            "old variant of",
            "see ",
            "see also",
            "used in",
            "abbr. for",
            "Taiwan pr.",
            "also written",
            "erhua variant",
            "(old)",
            "pr. ",
        ];
        if skip.iter().any(|s| gloss.starts_with(s)) {
            return Vec::new();
        }
        let gloss = gloss.strip_prefix("surname ").unwrap_or(gloss);
        let mut plain = String::with_capacity(gloss.len());
        let mut depth = 0usize;
        for c in gloss.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for part in plain.split([',', ';']) {
            let words: Vec<String> = part
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .filter(|w| !self.stop.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
                .collect();
            self.words.extend(words.iter().cloned());
            if words.is_empty() || words.len() > MAX_SENSE_STEMS {
                continue;
            }
            let mut ids: Vec<u32> = words.iter().map(|w| self.stem_id(w)).collect();
            ids.sort_unstable();
            ids.dedup();
            out.push(ids);
        }
        out
    }
}

/// The headwords a cross-reference gloss names: "variant of 摔跤[shuai1 jiao1]",
/// "erhua variant of 一點|一点[yi1 dian3]", "see 姪子|侄子[zhi2 zi5]" give 摔跤, or 一點 and 一点.
fn cross_reference(gloss: &str) -> Vec<String> {
    const REFERENCES: [&str; 5] = [
        "variant of ",
        "old variant of ",
        "erhua variant of ",
        "also written ",
        "see ",
    ];
    let Some(rest) = REFERENCES.iter().find_map(|r| gloss.strip_prefix(r)) else {
        return Vec::new();
    };
    let word: &str = rest
        .split(|c: char| c == '[' || c == ',' || c == ';' || c.is_whitespace())
        .next()
        .unwrap_or("");
    word.split('|')
        .filter(|w| !w.is_empty() && !w.is_ascii())
        .map(str::to_string)
        .collect()
}

/// A headword CC-CEDICT defines only by pointing to another (a variant spelling: novels write
/// 摔交 where the dictionary translates 摔跤) takes the senses of the headwords it names, so
/// that its translation is found; headwords with senses of their own keep only those.
fn resolve_cross_references(
    entries: &mut BTreeMap<String, (u32, Vec<Vec<u32>>)>,
    refers: &BTreeMap<String, Vec<String>>,
) {
    let mut borrowed: Vec<(String, Vec<Vec<u32>>)> = Vec::new();
    for (key, targets) in refers {
        if !entries.get(key).is_some_and(|e| e.1.is_empty()) {
            continue;
        }
        let mut senses: Vec<Vec<u32>> = Vec::new();
        for target in targets {
            for s in entries.get(target).map(|e| e.1.as_slice()).unwrap_or(&[]) {
                if !senses.contains(s) {
                    senses.push(s.clone());
                }
            }
        }
        if !senses.is_empty() {
            borrowed.push((key.clone(), senses));
        }
    }
    for (key, senses) in borrowed {
        if let Some(e) = entries.get_mut(&key) {
            e.1 = senses;
        }
    }
}

fn frequencies(path: &Path) -> HashMap<String, u32> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_string(), f.next()?.trim().parse().ok()?))
        })
        .collect()
}

/// First and last code points of the CJK Unified Ideographs block, the characters of almost
/// all running Chinese text: the block `lexicon_han.bin` covers.
const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

/// What the segmenter asks of a single character, for every character of the CJK Unified
/// Ideographs block in code-point order, 12 little-endian bytes each: the character's index
/// among the keys + 1 (0 when it is none, a u32), with the top bit set when a longer headword
/// begins with it; and its log-probability as a word (an f64: the unknown character's when it
/// is no headword). Every character of a Han run is probed, and a dense table of 252 KB
/// answers that from the cache where the hash index and the entries (megabytes) miss it.
fn han_table(
    index_list: &[&str],
    beginnings: &BTreeSet<&str>,
    entries: &BTreeMap<String, (u32, Vec<Vec<u32>>)>,
    total_frequency: f64,
) -> Vec<u8> {
    let position: HashMap<&str, u32> = index_list
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u32))
        .collect();
    let mut table = Vec::with_capacity((HAN_LAST - HAN_FIRST + 1) as usize * 12);
    let mut buf = [0u8; 4];
    for c in (HAN_FIRST..=HAN_LAST).filter_map(char::from_u32) {
        let s: &str = c.encode_utf8(&mut buf);
        let key = match position.get(s) {
            Some(&i) => {
                assert!(i < 1 << 31, "too many keys for the han table");
                let extends = if beginnings.contains(s) { 1 << 31 } else { 0 };
                (i + 1) | extends
            }
            None => 0,
        };
        let log_prob = unigram::log_prob(total_frequency, entries.get(s).map(|e| e.0), 1);
        table.extend_from_slice(&key.to_le_bytes());
        table.extend_from_slice(&log_prob.to_le_bytes());
    }
    table
}

/// The gloss words whose stem, worked out as `lexicon::en_words::stem` does at run time (the
/// base form of an irregular word, then Snowball), is a stem of the dictionary, with that stem's
/// id (little-endian u32, in the words' order): a document's words are mostly words of the
/// glosses, and a word looked up is not stemmed again in every process.
fn word_stems(cleaner: &GlossCleaner) -> (Vec<String>, Vec<u8>) {
    let irregular = fs::read_to_string("src/lexicon/irregular.txt").expect("irregular forms");
    let base: HashMap<&str, &str> = irregular
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .collect();
    let mut words = Vec::new();
    let mut ids = Vec::new();
    for word in &cleaner.words {
        let stem = cleaner
            .stemmer
            .stem(base.get(word.as_str()).copied().unwrap_or(word));
        if let Some(id) = cleaner.stems.get(stem.as_ref()) {
            words.push(word.clone());
            ids.extend_from_slice(&id.to_le_bytes());
        }
    }
    (words, ids)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/lexicon/stopwords.txt");
    println!("cargo:rerun-if-changed=src/lexicon/irregular.txt");
    println!("cargo:rerun-if-changed=src/hash.rs");
    println!("cargo:rerun-if-changed=src/lexicon/static_index.rs");
    println!("cargo:rerun-if-env-changed=ZHEN_CEDICT_DIR");
    let dir = data_dir();
    let cedict = fs::read_to_string(dir.join(CEDICT)).expect("CC-CEDICT readable");
    let freq = frequencies(&dir.join(SUBTLEX));
    let stop_text = fs::read_to_string("src/lexicon/stopwords.txt").expect("stop words");
    let stop = stop_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect();
    let mut cleaner = GlossCleaner {
        stop,
        stemmer: Stemmer::create(Algorithm::English),
        stems: HashMap::new(),
        words: BTreeSet::new(),
    };

    // key → (frequency, senses)
    let mut entries: BTreeMap<String, (u32, Vec<Vec<u32>>)> = BTreeMap::new();
    // key → the headwords its cross-references name ("variant of 摔跤[shuai1 jiao1]")
    let mut refers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in cedict.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.splitn(3, ' ');
        let (Some(trad), Some(simp), Some(rest)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let Some(slash) = rest.find('/') else {
            continue;
        };
        let mut senses = Vec::new();
        let mut targets = Vec::new();
        for gloss in rest[slash..].split('/').filter(|g| !g.trim().is_empty()) {
            senses.extend(cleaner.senses(gloss.trim()));
            targets.extend(cross_reference(gloss.trim()));
        }
        let f = freq.get(simp).copied().unwrap_or(0);
        for key in [simp, trad] {
            let e = entries.entry(key.to_string()).or_insert((0, Vec::new()));
            e.0 = e.0.max(f);
            for s in &senses {
                if !e.1.contains(s) {
                    e.1.push(s.clone());
                }
            }
            refers
                .entry(key.to_string())
                .or_default()
                .extend(targets.iter().cloned());
        }
    }
    resolve_cross_references(&mut entries, &refers);

    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    // Summed in key order, as an f64.
    let total_frequency = entries
        .values()
        .fold(0f64, |total, (f, _)| total + *f as f64)
        .max(1.0);
    let mut table = Vec::new();
    let mut log_probs = Vec::new();
    let mut ids: Vec<u8> = Vec::new();
    let mut n_ids = 0u32;
    for (key, (f, senses)) in &entries {
        let log_prob = unigram::log_prob(total_frequency, Some(*f), key.chars().count());
        log_probs.extend_from_slice(&log_prob.to_le_bytes());
        let start = n_ids;
        for (k, sense) in senses.iter().enumerate() {
            if k > 0 {
                ids.extend_from_slice(&u32::MAX.to_le_bytes());
                n_ids += 1;
            }
            for id in sense {
                ids.extend_from_slice(&id.to_le_bytes());
                n_ids += 1;
            }
        }
        for v in [*f, start, n_ids] {
            table.extend_from_slice(&v.to_le_bytes());
        }
    }
    let mut stems: Vec<(&String, &u32)> = cleaner.stems.iter().collect();
    stems.sort_by_key(|(_, id)| **id);
    let stems_text: String = stems.iter().map(|(s, _)| format!("{s}\n")).collect();
    // The indexes, and what the segmenter needs to know of all the keys: the longest (in
    // characters, at most 8: the segmenter looks no further) and the frequencies' sum.
    //
    // The headword index also holds every beginning of a headword that is not one itself
    // (after the headwords, so that an entry's index is still its key's), and marks the strings
    // that some longer headword begins with: the segmenter, growing a word a character at a
    // time, stops as soon as nothing longer can be a headword.
    let key_list: Vec<&str> = entries.keys().map(String::as_str).collect();
    let mut beginnings: BTreeSet<&str> = BTreeSet::new();
    for key in &key_list {
        for (at, _) in key.char_indices().skip(1) {
            beginnings.insert(&key[..at]);
        }
    }
    let only_beginnings: Vec<&str> = beginnings
        .iter()
        .copied()
        .filter(|b| !entries.contains_key(*b))
        .collect();
    let index_list: Vec<&str> = key_list.iter().chain(&only_beginnings).copied().collect();
    let mut extends = vec![0u8; index_list.len().div_ceil(8)];
    for (i, s) in index_list.iter().enumerate() {
        if beginnings.contains(s) {
            extends[i / 8] |= 1 << (i % 8);
        }
    }
    let stem_list: Vec<&str> = stems.iter().map(|(s, _)| s.as_str()).collect();
    let (word_list, word_stems) = word_stems(&cleaner);
    let word_refs: Vec<&str> = word_list.iter().map(String::as_str).collect();
    fs::write(
        out.join("lexicon_words.txt"),
        word_refs
            .iter()
            .map(|w| format!("{w}\n"))
            .collect::<String>(),
    )
    .expect("write words");
    fs::write(out.join("lexicon_word_stems.bin"), word_stems).expect("write words");
    for (name, list) in [
        ("lexicon_keys", &index_list),
        ("lexicon_stems", &stem_list),
        ("lexicon_words", &word_refs),
    ] {
        let (slots, starts) = static_index::build(list);
        fs::write(out.join(format!("{name}_slots.bin")), slots).expect("write index");
        fs::write(out.join(format!("{name}_starts.bin")), starts).expect("write index");
    }
    fs::write(out.join("lexicon_keys_extend.bin"), extends).expect("write index");
    fs::write(
        out.join("lexicon_han.bin"),
        han_table(&index_list, &beginnings, &entries, total_frequency),
    )
    .expect("write han table");
    let max_word_chars = key_list
        .iter()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(1)
        .clamp(1, 8);
    // Debug formatting writes the shortest decimal that reads back as the same f64.
    let unknown_char_log_prob = unigram::log_prob(total_frequency, None, 1);
    let meta = format!(
        "pub const MAX_WORD_CHARS: usize = {max_word_chars};\npub const TOTAL_FREQUENCY: f64 = {total_frequency:?};\npub const KEY_COUNT: u32 = {};\npub const UNKNOWN_CHAR_LOG_PROB: f64 = {unknown_char_log_prob:?};\n",
        key_list.len()
    );
    fs::write(out.join("lexicon_meta.rs"), meta).expect("write meta");
    let keys: String = index_list.iter().map(|k| format!("{k}\n")).collect();
    fs::write(out.join("lexicon_keys.txt"), keys).expect("write keys");
    fs::write(out.join("lexicon_entries.bin"), table).expect("write entries");
    fs::write(out.join("lexicon_log_probs.bin"), log_probs).expect("write log-probabilities");
    fs::write(out.join("lexicon_ids.bin"), ids).expect("write ids");
    fs::write(out.join("lexicon_stems.txt"), stems_text).expect("write stems");
}
