//! Ingest: raw bytes → cleaned paragraphs tagged by language → a bilingual layout.

pub mod boilerplate;
pub mod clean;
pub mod decode;
pub mod doc_names;
pub mod entities;
pub mod files;
pub mod html;
pub mod layout;
pub mod lines;
pub mod office;
pub mod pairs;
pub mod read;
pub mod sniff;

pub use layout::{find_layout, Layout, LayoutKind};

/// Read an article's text into its layout.
pub fn layout_of(text: &str) -> Layout {
    find_layout(&article_paragraphs(text))
}

/// A text's paragraphs of article text: cleaned, lines that are not article text dropped,
/// paragraphs that change language cut where they do.
pub fn article_paragraphs(text: &str) -> Vec<String> {
    lines::article_lines(clean::paragraphs(text))
}

/// Read a Chinese file's text and an English file's text into one document's layout.
pub fn layout_of_pair(zh_text: &str, en_text: &str) -> Layout {
    layout::pair_layout(&article_paragraphs(zh_text), &article_paragraphs(en_text))
}
