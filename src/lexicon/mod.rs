//! Lexical resources: what the aligner knows about words, independent of any document.
//!
//! * [`dictionary`] — CC-CEDICT, compiled at build time (see `build.rs`) into stemmed English
//!   senses for every simplified and traditional headword, with hash indexes
//!   ([`static_index`]) read in place.
//! * [`zh_words`] — Chinese word segmentation over that dictionary, scoring words by
//!   [`unigram`].
//! * [`en_words`] — English normalisation: lower case, stop words, Snowball stems.
//! * [`names`] — pinyin of Chinese names against capitalised English words.
//! * [`model1`] — translation probabilities learned from the document itself (IBM Model 1,
//!   as in Moore 2002).

pub mod dictionary;
pub mod en_words;
pub mod model1;
pub mod names;
pub mod static_index;
pub mod unigram;
pub mod zh_words;
