//! zhen-align: sentence-aligned Chinese–English parallel corpora from bilingual articles.
//!
//! The modules follow the pipeline an article travels through:
//!
//! * [`ingest`]  — bytes → cleaned text → paragraphs tagged Chinese/English → a bilingual
//!   [`ingest::Layout`] (a Chinese block then an English block, interleaved pairs, or monolingual).
//! * [`segment`] — paragraphs → [`model::Sentence`]s (one splitter per language).
//! * [`align`]   — sentences → [`model::Link`]s: per-sentence features, a link cost model and a
//!   banded dynamic programme.
//! * [`export`]  — links → TSV rows, written atomically; the `[0,1]:[0]` link format.
//! * [`eval`]    — strict/lax precision, recall and F1 against gold alignments.
//!
//! [`pipeline`] ties them together for one article; [`cli`] holds one module per command.
//! Below all of them: [`model`] (the domain's types: sentences, links, the link notation, the
//! script of a text), [`hash`] (stable FNV-1a) and [`lexicon`] (the dictionary, word
//! segmentation, stems and the learned lexicon the aligner draws on).
//!
//! The layers, lowest first; a module uses only modules of a lower layer (checked by the
//! `layers` test):
//!
//! 1. `model`, `hash`
//! 2. `segment`, `lexicon`
//! 3. `align`, `ingest`
//! 4. `pipeline`
//! 5. `export`, `eval`
//! 6. `cli`

/// `note!` that cannot panic. `note!` panics when stderr is a pipe whose reader has
/// gone (`zhen-align corpus … 2>&1 | head -1`), which turned a finished run into exit 101; a
/// message nobody can read is dropped instead. `clippy.toml` forbids `note!` so that new
/// code uses this.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// The version of the crate, the command line (`zhen-align --version`) and the Python package.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod align;
pub mod cli;
pub mod eval;
pub mod export;
pub mod hash;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod segment;
