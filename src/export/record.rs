//! What every export format writes: a sentence pair together with the sentence ids it covers.
//!
//! The pipeline hands back pairs (links with both sides, texts joined) and the full list of
//! links; the ids of a pair come from the link it was made of. Keeping them together in one
//! [`Record`] means the JSONL ids, the TSV row and the TMX unit of a pair can never disagree.

use crate::model::Link;
use crate::pipeline::{ArticleResult, Pair};
use std::ops::Range;

/// One sentence pair and the 0-based sentence ids of each side.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub pair: Pair,
    pub zh_ids: Range<usize>,
    pub en_ids: Range<usize>,
}

/// One document ready to be written: its name in the corpus, the pairs that passed the
/// filters, and every link (for the links format, which needs omissions too).
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub doc: String,
    pub records: Vec<Record>,
    pub links: Vec<Link>,
}

/// Pair each written pair with the link it came from. `pairs` are the links with both sides,
/// in order (see [`crate::pipeline::pairs_of`]), so the two lists zip one to one.
pub fn records_of(pairs: &[Pair], links: &[Link]) -> Vec<Record> {
    pairs
        .iter()
        .zip(links.iter().filter(|l| l.is_pair()))
        .map(|(pair, link)| Record {
            pair: pair.clone(),
            zh_ids: link.zh.clone(),
            en_ids: link.en.clone(),
        })
        .collect()
}

impl Document {
    /// An article's result under its corpus name, unfiltered.
    pub fn of_article(doc: &str, article: &ArticleResult) -> Document {
        Document {
            doc: doc.to_string(),
            records: records_of(&article.pairs, &article.links),
            links: article.links.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: Range<usize>, en: Range<usize>) -> Link {
        Link { zh, en, score: 0.5 }
    }

    fn pair(zh: &str, en: &str) -> Pair {
        Pair {
            zh: zh.into(),
            en: en.into(),
            score: 0.5,
            link: "1-1".into(),
        }
    }

    #[test]
    fn each_pair_takes_the_ids_of_its_link_skipping_omissions() {
        let links = [link(0..1, 0..1), link(1..1, 1..2), link(1..3, 2..3)];
        let records = records_of(&[pair("a", "A"), pair("bc", "C")], &links);
        assert_eq!(records.len(), 2);
        assert_eq!(
            (records[1].zh_ids.clone(), records[1].en_ids.clone()),
            (1..3, 2..3)
        );
    }
}
