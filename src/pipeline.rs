//! One article through the whole pipeline: text → layout → sentences → links → rows.
//!
//! Pure and deterministic: the same text always gives the same result, so the corpus command
//! can run articles on any number of threads and still write byte-identical output.

use crate::align::{align_in_passes, params::PASSES, Evidence};
use crate::ingest::{layout_of, LayoutKind};
use crate::model::{Lang, Link, Sentence};
use crate::segment::split_paragraphs;
use std::ops::Range;

/// A sentence pair ready to be written: a link with both sides, its texts joined, with the
/// 0-based sentence ids it covers. Every export format writes these, so that the JSONL ids,
/// the TSV row and the TMX unit of a pair can never disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub zh: String,
    pub en: String,
    pub score: f64,
    pub zh_ids: Range<usize>,
    pub en_ids: Range<usize>,
}

impl Pair {
    /// The pair's shape as written in the `link` column: `2-1` is two Chinese sentences
    /// matched to one English sentence.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.zh_ids.len(), self.en_ids.len())
    }
}

/// What became of one article.
#[derive(Debug, Clone)]
pub struct ArticleResult {
    pub layout: LayoutKind,
    pub zh_sentences: usize,
    pub en_sentences: usize,
    pub pairs: Vec<Pair>,
    /// Every link of the alignment, in order, omissions (an empty side) included: the sentence
    /// ids that the links and JSONL exports need. `pairs` are the links with both sides.
    pub links: Vec<Link>,
    /// The sentences of each side, with their paragraphs: the review page and InterText show
    /// whole documents, omitted sentences and paragraph breaks included.
    pub zh: Vec<Sentence>,
    pub en: Vec<Sentence>,
}

impl ArticleResult {
    /// The one-line summary printed on stderr for this article.
    pub fn summary(&self) -> String {
        if self.layout.is_bilingual() {
            format!(
                "{}; {} zh / {} en sentences; {} pairs",
                self.layout.describe(),
                self.zh_sentences,
                self.en_sentences,
                self.pairs.len()
            )
        } else {
            format!("skipped ({})", self.layout.describe())
        }
    }
}

/// Join the sentences of one side of a link into one field: Chinese sentences run on, English
/// ones are separated by a space.
pub fn join(sentences: &[Sentence], lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "",
        Lang::En => " ",
    };
    sentences
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The written pairs of an alignment: links with both sides, texts joined.
pub fn pairs_of(zh: &[Sentence], en: &[Sentence], links: &[Link]) -> Vec<Pair> {
    links
        .iter()
        .filter(|l| l.is_pair())
        .map(|l| Pair {
            zh: join(&zh[l.zh.clone()], Lang::Zh),
            en: join(&en[l.en.clone()], Lang::En),
            score: l.score,
            zh_ids: l.zh.clone(),
            en_ids: l.en.clone(),
        })
        .collect()
}

/// The layout of an article and, when bilingual, the sentences of each side.
pub fn article_sentences(text: &str) -> (LayoutKind, Vec<Sentence>, Vec<Sentence>) {
    let layout = layout_of(text);
    if !layout.kind.is_bilingual() {
        return (layout.kind, Vec::new(), Vec::new());
    }
    (
        layout.kind,
        split_paragraphs(&layout.zh, Lang::Zh),
        split_paragraphs(&layout.en, Lang::En),
    )
}

/// Run one article's text through the pipeline, with all evidence in the default passes.
pub fn process_article(text: &str) -> ArticleResult {
    process_article_with(text, Evidence::default(), PASSES)
}

/// Run one article's text through the pipeline with the chosen evidence and passes (what
/// `corpus --evidence --passes` asks for).
pub fn process_article_with(text: &str, evidence: Evidence, passes: usize) -> ArticleResult {
    let (layout, zh, en) = article_sentences(text);
    aligned(layout, zh, en, evidence, passes)
}

/// [`process_article_with`] within a memory budget (bytes): an article whose alignment could
/// need more is not aligned, and the reason says so with the figures (see `align::budget`).
pub fn process_article_within(
    text: &str,
    budget: usize,
    evidence: Evidence,
    passes: usize,
) -> Result<ArticleResult, String> {
    let (layout, zh, en) = article_sentences(text);
    if layout.is_bilingual() {
        crate::align::budget::check(zh.len(), en.len(), budget).map_err(|e| e.to_string())?;
    }
    Ok(aligned(layout, zh, en, evidence, passes))
}

/// The result of an article whose layout and sentences are known.
fn aligned(
    layout: LayoutKind,
    zh: Vec<Sentence>,
    en: Vec<Sentence>,
    evidence: Evidence,
    passes: usize,
) -> ArticleResult {
    if !layout.is_bilingual() {
        return ArticleResult {
            layout,
            zh_sentences: 0,
            en_sentences: 0,
            pairs: Vec::new(),
            links: Vec::new(),
            zh: Vec::new(),
            en: Vec::new(),
        };
    }
    let links = align_in_passes(&zh, &en, evidence, passes);
    let pairs = pairs_of(&zh, &en, &links);
    ArticleResult {
        layout,
        zh_sentences: zh.len(),
        en_sentences: en.len(),
        pairs,
        links,
        zh,
        en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pair_takes_the_ids_and_shape_of_its_link_skipping_omissions() {
        let zh: Vec<Sentence> = ["甲。", "乙。", "丙。"].map(|t| Sentence::new(t, 0)).into();
        let en: Vec<Sentence> = ["A.", "B.", "C."].map(|t| Sentence::new(t, 0)).into();
        let link = |zh, en| Link { zh, en, score: 0.5 };
        let links = [link(0..1, 0..1), link(1..1, 1..2), link(1..3, 2..3)];
        let pairs = pairs_of(&zh, &en, &links);
        assert_eq!(pairs.len(), 2);
        assert_eq!(
            (pairs[1].zh.as_str(), pairs[1].en.as_str()),
            ("乙。丙。", "C.")
        );
        assert_eq!(
            (pairs[1].zh_ids.clone(), pairs[1].en_ids.clone()),
            (1..3, 2..3)
        );
        assert_eq!(pairs[1].shape(), "2-1");
    }
}
