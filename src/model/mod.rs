//! The domain vocabulary shared by every stage: languages, sentences and links, the link
//! notation ([`ids`]) and the script of a text ([`script`]). Every other module may use it; it
//! uses none of them.

pub mod filled;
pub mod ids;
pub mod script;

pub use ids::{excerpt, IdLink, LinkIds};

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
        Sentence {
            text: text.into(),
            paragraph,
        }
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

/// Why `links` are not an alignment of `n_zh` Chinese and `n_en` English sentences, or None
/// when they are: every sentence of each side in exactly one link, links in order, none empty
/// on both sides. The invariant every aligner output must keep; tests and fuzz targets check it.
pub fn alignment_fault(links: &[Link], n_zh: usize, n_en: usize) -> Option<String> {
    let (mut i, mut j) = (0, 0);
    for (k, l) in links.iter().enumerate() {
        if (l.zh.start, l.en.start) != (i, j) || l.zh.end < l.zh.start || l.en.end < l.en.start {
            return Some(format!(
                "link {k} ({:?}, {:?}) does not start at ({i}, {j}), where the links before it end",
                l.zh, l.en
            ));
        }
        if l.zh.is_empty() && l.en.is_empty() {
            return Some(format!("link {k} is empty on both sides"));
        }
        (i, j) = (l.zh.end, l.en.end);
    }
    ((i, j) != (n_zh, n_en))
        .then(|| format!("links end at ({i}, {j}), the document has ({n_zh}, {n_en}) sentences"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: Range<usize>, en: Range<usize>) -> Link {
        Link { zh, en, score: 0.5 }
    }

    #[test]
    fn an_alignment_covers_every_sentence_once_in_order() {
        assert_eq!(
            alignment_fault(&[link(0..2, 0..1), link(2..2, 1..2)], 2, 2),
            None
        );
        assert_eq!(alignment_fault(&[], 0, 0), None);
    }

    #[test]
    fn gaps_overlaps_empty_links_and_short_alignments_are_faults() {
        assert!(alignment_fault(&[link(0..1, 0..1), link(2..3, 1..2)], 3, 2).is_some());
        assert!(alignment_fault(&[link(0..2, 0..1), link(1..2, 1..2)], 2, 2).is_some());
        assert!(alignment_fault(&[link(0..1, 0..1), link(1..1, 1..1)], 1, 1).is_some());
        assert!(alignment_fault(&[link(0..1, 0..1)], 2, 1).is_some());
    }
}
