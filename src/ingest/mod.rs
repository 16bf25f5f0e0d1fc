//! Ingest: raw bytes → cleaned paragraphs tagged by language → bilingual layout. (being written)
pub mod decode;
