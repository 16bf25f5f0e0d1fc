//! Filters for training data: which aligned pairs to keep, and why each dropped pair was dropped.
//!
//! The aligner writes every pair it found with a confidence score; what is fit for training an
//! MT model is the user's call, so every filter here is off unless asked for, and every drop is
//! counted by reason (for the run summary) and can be written to a rejects file (for auditing).
//!
//! Units, chosen to be the same for both languages so that the options are easy to state:
//!
//! * **length** is the number of characters of a side, whitespace not counted. A Chinese
//!   sentence carries about three times the content of an English one of the same length, so
//!   `--min-len 2` keeps a two-character Chinese sentence (一切) and drops a one-letter English
//!   one; `--max-len` catches the run-on paragraphs a bad split leaves.
//! * **ratio** is English characters over Chinese characters, same counting. News translation
//!   runs at about 2–4; a pair far outside that is usually a misalignment or a partial
//!   translation.
//!
//! A whole document goes first: under `--min-doc-score` every pair of it is dropped with reason
//! `doc-score` (and seen by no other check), so that a document of unrelated or one-language
//! sides never reaches the corpus, and the run can name it.
//!
//! Checks run in a fixed order (score, length, ratio, identical, wrong language, duplicate) and a
//! pair is reported under the first that fails, so the counts add up to the pairs dropped. The
//! duplicate check comes last and remembers only kept pairs: a pair dropped for another reason
//! never makes a later copy of itself a "duplicate". Writing is sequential in input order, so
//! which copy of a duplicate survives (the first) is the same for any thread count.

use crate::hash::fnv1a_128;
use crate::model::script::classify;
use crate::model::Lang;
use crate::pipeline::Pair;
use std::collections::HashSet;
use std::fmt;

/// Which filters are on, and their bounds. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterConfig {
    /// Documents whose score (see `align::doc_score`) is below this write no pair.
    pub min_doc_score: Option<f64>,
    pub min_score: Option<f64>,
    pub min_ratio: Option<f64>,
    pub max_ratio: Option<f64>,
    pub min_len: Option<usize>,
    pub max_len: Option<usize>,
    pub drop_identical: bool,
    pub drop_wrong_lang: bool,
    pub dedup: bool,
}

/// Why a pair was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    DocScore,
    Score,
    Length,
    Ratio,
    Identical,
    WrongLanguage,
    Duplicate,
}

impl Reason {
    /// Every reason, in the order the checks run.
    pub const ALL: [Reason; 7] = [
        Reason::DocScore,
        Reason::Score,
        Reason::Length,
        Reason::Ratio,
        Reason::Identical,
        Reason::WrongLanguage,
        Reason::Duplicate,
    ];

    /// The word written in the summary and in the rejects file's `reason` column.
    pub fn name(self) -> &'static str {
        match self {
            Reason::DocScore => "doc-score",
            Reason::Score => "score",
            Reason::Length => "length",
            Reason::Ratio => "ratio",
            Reason::Identical => "identical",
            Reason::WrongLanguage => "wrong-language",
            Reason::Duplicate => "duplicate",
        }
    }
}

impl FilterConfig {
    /// True when some filter is on (and so the summary has something to say).
    pub fn is_active(&self) -> bool {
        *self != FilterConfig::default()
    }

    /// A usage error for bounds that cannot be meant: not a finite number, negative, or a
    /// minimum above its maximum.
    pub fn validate(&self) -> Result<(), String> {
        for (name, value) in [
            ("--min-doc-score", self.min_doc_score),
            ("--min-score", self.min_score),
            ("--min-ratio", self.min_ratio),
            ("--max-ratio", self.max_ratio),
        ] {
            if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
                return Err(format!("{name} must be a number of at least 0"));
            }
        }
        if let (Some(lo), Some(hi)) = (self.min_ratio, self.max_ratio) {
            if lo > hi {
                return Err(format!("--min-ratio {lo} is above --max-ratio {hi}"));
            }
        }
        if let (Some(lo), Some(hi)) = (self.min_len, self.max_len) {
            if lo > hi {
                return Err(format!("--min-len {lo} is above --max-len {hi}"));
            }
        }
        Ok(())
    }
}

/// Characters of a text, whitespace not counted: the length unit of every filter.
pub fn length(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// English characters per Chinese character. A pair always has text on both sides, but a side
/// of whitespace only would give zero Chinese characters: that is an infinite ratio, not a panic.
pub fn ratio(pair: &Pair) -> f64 {
    let zh = length(&pair.zh);
    if zh == 0 {
        return f64::INFINITY;
    }
    length(&pair.en) as f64 / zh as f64
}

/// The text compared by the identical and duplicate checks: full-width ASCII folded to ASCII
/// (ＡＰＥＣ is APEC), lower-cased, whitespace runs made one space, trimmed. Catches the copies
/// that differ only in how they were typed or scraped, and nothing a reader would call different.
pub fn normalise(text: &str) -> String {
    let folded = text.chars().map(|c| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    });
    let lower: String = folded.flat_map(char::to_lowercase).collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A side written in the other language: an English sentence on the Chinese side or the other
/// way round. A side of digits or punctuation only has no language and passes.
fn wrong_language(pair: &Pair) -> bool {
    classify(&pair.zh) == Some(Lang::En) || classify(&pair.en) == Some(Lang::Zh)
}

/// The duplicate key of a pair: a 128-bit hash of both normalised sides, with a separator that
/// cannot occur in text so that ("ab", "c") and ("a", "bc") differ.
fn pair_key(pair: &Pair) -> u128 {
    let joined = format!("{}\u{0}{}", normalise(&pair.zh), normalise(&pair.en));
    fnv1a_128(joined.as_bytes())
}

/// The filters of one run: the configuration, the keys of the pairs kept so far (for the
/// duplicate check) and the counts for the summary.
#[derive(Debug, Default)]
pub struct Filter {
    config: FilterConfig,
    seen: HashSet<u128>,
    summary: Summary,
}

/// Pairs seen, kept, and dropped per reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub seen: usize,
    pub kept: usize,
    pub dropped: [usize; Reason::ALL.len()],
}

impl Filter {
    pub fn new(config: FilterConfig) -> Filter {
        Filter {
            config,
            ..Filter::default()
        }
    }

    pub fn config(&self) -> &FilterConfig {
        &self.config
    }

    /// Whether a document with this score (None: not aligned, no pair) is dropped whole.
    pub fn drops_document(&self, doc_score: Option<f64>) -> bool {
        match (self.config.min_doc_score, doc_score) {
            // A NaN score fails too: it is not at least `min`.
            (Some(min), Some(score)) => score.partial_cmp(&min).is_none_or(|o| o.is_lt()),
            _ => false,
        }
    }

    /// [`Filter::apply`] for a whole document with score `doc_score`: every pair dropped with
    /// reason `doc-score` when the document is under `--min-doc-score`.
    pub fn apply_document(
        &mut self,
        pairs: Vec<Pair>,
        doc_score: Option<f64>,
    ) -> (Vec<Pair>, Vec<(Pair, Reason)>) {
        if !self.drops_document(doc_score) {
            return self.apply(pairs);
        }
        self.summary.seen += pairs.len();
        self.summary.dropped[Reason::DocScore as usize] += pairs.len();
        let dropped = pairs.into_iter().map(|p| (p, Reason::DocScore)).collect();
        (Vec::new(), dropped)
    }

    /// Why `pair` is dropped, if it is; a kept pair is remembered for the duplicate check.
    pub fn check(&mut self, pair: &Pair) -> Option<Reason> {
        let reason = self.first_failure(pair);
        self.summary.seen += 1;
        match reason {
            Some(r) => self.summary.dropped[r as usize] += 1,
            None => self.summary.kept += 1,
        }
        reason
    }

    /// Split a document's pairs into the kept ones and the dropped ones with their reasons.
    pub fn apply(&mut self, pairs: Vec<Pair>) -> (Vec<Pair>, Vec<(Pair, Reason)>) {
        let mut kept = Vec::with_capacity(pairs.len());
        let mut dropped = Vec::new();
        for pair in pairs {
            match self.check(&pair) {
                None => kept.push(pair),
                Some(reason) => dropped.push((pair, reason)),
            }
        }
        (kept, dropped)
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    fn first_failure(&mut self, pair: &Pair) -> Option<Reason> {
        let c = &self.config;
        // A NaN score fails too: it is not at least `min`.
        if c.min_score
            .is_some_and(|min| pair.score.partial_cmp(&min).is_none_or(|o| o.is_lt()))
        {
            return Some(Reason::Score);
        }
        let (lz, le) = (length(&pair.zh), length(&pair.en));
        let too_short = c.min_len.is_some_and(|min| lz < min || le < min);
        let too_long = c.max_len.is_some_and(|max| lz > max || le > max);
        if too_short || too_long {
            return Some(Reason::Length);
        }
        let r = ratio(pair);
        if c.min_ratio.is_some_and(|min| r < min) || c.max_ratio.is_some_and(|max| r > max) {
            return Some(Reason::Ratio);
        }
        if c.drop_identical && normalise(&pair.zh) == normalise(&pair.en) {
            return Some(Reason::Identical);
        }
        if c.drop_wrong_lang && wrong_language(pair) {
            return Some(Reason::WrongLanguage);
        }
        if c.dedup && !self.seen.insert(pair_key(pair)) {
            return Some(Reason::Duplicate);
        }
        None
    }
}

impl fmt::Display for Summary {
    /// `filters kept 290 of 300 pairs; dropped: score 4, duplicate 6` (reasons with no drop
    /// left out).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "filters kept {} of {} pairs", self.kept, self.seen)?;
        let parts: Vec<String> = Reason::ALL
            .iter()
            .zip(self.dropped)
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| format!("{} {n}", r.name()))
            .collect();
        if !parts.is_empty() {
            write!(f, "; dropped: {}", parts.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "filters_tests.rs"]
mod tests;
