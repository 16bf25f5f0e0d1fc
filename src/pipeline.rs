//! One article through the whole pipeline: text → layout → sentences → links → rows.
//!
//! Pure and deterministic: the same text always gives the same result, so the corpus command
//! can run articles on any number of threads and still write byte-identical output.

use crate::align::align;
use crate::ingest::{layout_of, LayoutKind};
use crate::model::{Lang, Link, Sentence};
use crate::segment::split_paragraphs;

/// A sentence pair ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub zh: String,
    pub en: String,
    pub score: f64,
    pub link: String,
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

/// Join the sentences of one side of a link into one field.
fn join(sentences: &[Sentence], lang: Lang) -> String {
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
            link: l.shape(),
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

/// Run one article's text through the pipeline.
pub fn process_article(text: &str) -> ArticleResult {
    let (layout, zh, en) = article_sentences(text);
    if !layout.is_bilingual() {
        return ArticleResult {
            layout,
            zh_sentences: 0,
            en_sentences: 0,
            pairs: Vec::new(),
            links: Vec::new(),
        };
    }
    let links = align(&zh, &en);
    let pairs = pairs_of(&zh, &en, &links);
    ArticleResult {
        layout,
        zh_sentences: zh.len(),
        en_sentences: en.len(),
        pairs,
        links,
    }
}
