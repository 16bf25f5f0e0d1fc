//! The segmenter's unigram model: a word's log-probability from its SUBTLEX-CH frequency.
//!
//! `build.rs` includes this file and stores the value for every headword and every character
//! of the Han table, so that segmenting calls no `ln`; the dictionary's tests check that what
//! is stored is, bit for bit, what [`log_prob`] gives here.

/// Frequency given to dictionary words of two or more characters that SUBTLEX-CH never saw
/// (news and literary vocabulary is rare in film subtitles): about a word per 300,000, so
/// that such a word still beats splitting it into common characters.
pub const UNSEEN_WORD_FREQUENCY: f64 = 100.0;
/// Frequency of a character the dictionary does not know: below any known word.
pub const UNKNOWN_CHAR_FREQUENCY: f64 = 0.5;

/// The log-probability of a word of `chars` characters among `total_frequency` words:
/// `frequency` is its entry's, None for a character the dictionary does not know.
pub fn log_prob(total_frequency: f64, frequency: Option<u32>, chars: usize) -> f64 {
    let f = match frequency {
        Some(f) => {
            let f = f as f64;
            if f == 0.0 && chars >= 2 {
                UNSEEN_WORD_FREQUENCY
            } else {
                f.max(1.0)
            }
        }
        None => UNKNOWN_CHAR_FREQUENCY,
    };
    (f / total_frequency).ln()
}
