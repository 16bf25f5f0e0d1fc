//! One document as the exporters take it.

use crate::align::doc_score::DocScore;
use crate::model::{Link, Sentence};
use crate::pipeline::{ArticleResult, Pair};

/// One document ready to be written: its name in the corpus, the pairs that passed the
/// filters, every link (for the links format, which needs omissions too), and the sentences of
/// both sides (for the review page and InterText, which show whole documents).
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub doc: String,
    pub pairs: Vec<Pair>,
    pub links: Vec<Link>,
    pub zh: Vec<Sentence>,
    pub en: Vec<Sentence>,
    /// The layout found, as the run summary says it (`interleaved paragraphs`).
    pub layout: String,
    /// A confidence for the whole document, when the aligner gives one; the review index shows
    /// it in a column of its own.
    pub doc_score: Option<f64>,
    /// The document score's parts, for the formats that carry them (JSONL).
    pub doc_parts: Option<DocScore>,
}

impl Document {
    /// An article's result under its corpus name, unfiltered.
    pub fn of_article(doc: &str, article: &ArticleResult) -> Document {
        Document {
            doc: doc.to_string(),
            pairs: article.pairs.clone(),
            links: article.links.clone(),
            zh: article.zh.clone(),
            en: article.en.clone(),
            layout: article.layout.describe(),
            doc_score: article.doc_score.map(|d| d.score),
            doc_parts: article.doc_score,
        }
    }
}
