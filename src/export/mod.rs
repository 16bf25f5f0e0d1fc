//! Writing results: TSV corpus rows (written atomically) and the `[0,1]:[0]` link format.

pub mod links;
pub mod tsv;
