//! Ingest: raw bytes → cleaned paragraphs tagged by language → a bilingual layout.

pub mod boilerplate;
pub mod clean;
pub mod decode;
pub mod entities;
pub mod files;
pub mod html;
pub mod layout;

pub use layout::{find_layout, Layout, LayoutKind};

/// Read an article's text into its layout.
pub fn layout_of(text: &str) -> Layout {
    find_layout(&clean::paragraphs(text))
}
