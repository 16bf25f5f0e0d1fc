//! `zhen-align split`: one sentence a line. (placeholder)
use super::{CliError, Common, Outcome};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct SplitArgs {
    /// Language of the text: zh or en.
    #[arg(long, value_parser = ["zh", "en"])]
    pub lang: String,
    /// File to split (stdin when absent).
    pub file: Option<PathBuf>,
}

pub fn run(_args: &SplitArgs, _common: &Common) -> Result<Outcome, CliError> {
    Err(CliError("split: not written yet".into()))
}
