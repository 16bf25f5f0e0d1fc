//! Ingest: raw bytes → cleaned paragraphs tagged by language → a bilingual layout.

pub mod clean;
pub mod decode;
pub mod doc_names;
pub mod files;
pub mod layout;
pub mod read;

pub use layout::{find_layout, Layout, LayoutKind};

/// Read an article's text into its layout.
pub fn layout_of(text: &str) -> Layout {
    find_layout(&clean::paragraphs(text))
}
