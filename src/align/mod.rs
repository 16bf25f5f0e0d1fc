//! Sentence alignment. (being written)
use crate::model::{Link, Sentence};

/// Align two sentence lists; every sentence ends up in exactly one link, in order.
pub fn align(zh: &[Sentence], en: &[Sentence]) -> Vec<Link> {
    let mut links = Vec::new();
    let n = zh.len().max(en.len());
    for i in 0..n {
        let z = if i < zh.len() { i..i + 1 } else { zh.len()..zh.len() };
        let e = if i < en.len() { i..i + 1 } else { en.len()..en.len() };
        links.push(Link { zh: z, en: e, score: 0.5 });
    }
    links
}
