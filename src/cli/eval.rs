//! `zhen-align eval`. (placeholder)
use super::{CliError, Common, Outcome};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Folder of Chinese documents, one sentence a line.
    #[arg(long)]
    pub zh: PathBuf,
    /// Folder of English documents, one sentence a line.
    #[arg(long)]
    pub en: PathBuf,
    /// Folder of gold alignments, one `[zh]:[en]` link a line; names match the documents'.
    #[arg(long)]
    pub gold: PathBuf,
    /// Verse files (one verse label a line) for the Chinese and English side: links inside one
    /// verse are merged before scoring, as for the Bible set.
    #[arg(long, num_args = 2, value_names = ["ZH", "EN"])]
    pub verses: Option<Vec<PathBuf>>,
}

pub fn run(_args: &EvalArgs, _common: &Common) -> Result<Outcome, CliError> {
    Err(CliError("eval: not written yet".into()))
}
