//! Sentence segmentation: one splitter per language, both working on one paragraph at a time.

pub mod en;
pub mod zh;

use crate::model::{Lang, Sentence};

/// Split one paragraph (a line of running text) into sentences, trimmed, none empty.
pub fn split(text: &str, lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => zh::split(text),
        Lang::En => en::split(text),
    }
}

/// Split every paragraph, remembering which paragraph each sentence came from.
pub fn split_paragraphs<S: AsRef<str>>(paragraphs: &[S], lang: Lang) -> Vec<Sentence> {
    paragraphs
        .iter()
        .enumerate()
        .flat_map(|(p, text)| split(text.as_ref(), lang).into_iter().map(move |s| Sentence::new(s, p)))
        .collect()
}

/// Split a whole text: every non-empty line is a paragraph.
pub fn split_text(text: &str, lang: Lang) -> Vec<Sentence> {
    let paragraphs: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    split_paragraphs(&paragraphs, lang)
}
