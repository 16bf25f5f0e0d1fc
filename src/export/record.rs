//! One document as the exporters take it.

use crate::model::Link;
use crate::pipeline::{ArticleResult, Pair};

/// One document ready to be written: its name in the corpus, the pairs that passed the
/// filters, and every link (for the links format, which needs omissions too).
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub doc: String,
    pub pairs: Vec<Pair>,
    pub links: Vec<Link>,
}

impl Document {
    /// An article's result under its corpus name, unfiltered.
    pub fn of_article(doc: &str, article: &ArticleResult) -> Document {
        Document {
            doc: doc.to_string(),
            pairs: article.pairs.clone(),
            links: article.links.clone(),
        }
    }
}
