//! Writing results: the corpus in every format its users load, and the filters that decide
//! which pairs are fit for training.
//!
//! The corpus is consumed by MT training scripts (TSV, Moses bitext, JSONL), CAT tools (TMX)
//! and evaluation tools (links), so each format has its own small module and they all write
//! the same [`Pair`](crate::pipeline::Pair)s. [`sink`] opens the files a run asked for, writes each document to all
//! of them in input order and commits them atomically at the end; [`filters`] sits in front of
//! it and says why each dropped pair was dropped.

pub mod bitext;
pub mod filters;
pub mod folder;
pub mod html;
pub mod intertext;
pub mod jsonl;
pub mod links;
pub mod record;
pub mod rejects;
pub mod sink;
pub mod tmx;
pub mod tsv;

pub use record::Document;
pub use sink::{Format, Sink};
