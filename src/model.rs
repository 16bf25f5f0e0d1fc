//! The domain vocabulary shared by every stage: languages, sentences and links.

use std::ops::Range;

/// The two languages zhen-align knows. Chinese always comes first (in link shapes such as
/// `2-1`, in the `[zh]:[en]` link format and in TSV columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "Chinese",
            Lang::En => "English",
        }
    }
}

/// One sentence of one side of a document, with the index of the paragraph it came from.
/// Paragraph indices let the aligner prefer links whose boundaries agree with paragraph
/// boundaries on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub paragraph: usize,
}

impl Sentence {
    pub fn new(text: impl Into<String>, paragraph: usize) -> Self {
        Sentence { text: text.into(), paragraph }
    }
}

/// A group of consecutive Chinese sentences matched to a group of consecutive English
/// sentences. Either side may be empty (an omission). `score` is a confidence in [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub zh: Range<usize>,
    pub en: Range<usize>,
    pub score: f64,
}

impl Link {
    /// The link's shape as written in the TSV `link` column: `2-1` is two Chinese sentences
    /// matched to one English sentence.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.zh.len(), self.en.len())
    }

    /// True when both sides hold at least one sentence (a real translation pair).
    pub fn is_pair(&self) -> bool {
        !self.zh.is_empty() && !self.en.is_empty()
    }
}
