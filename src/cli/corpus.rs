//! placeholder
use super::{CliError, Common, Outcome};
use clap::Args;
#[derive(Args, Debug)]
pub struct CorpusArgs {}
pub fn run(_args: &CorpusArgs, _common: &Common) -> Result<Outcome, CliError> { Err(CliError("not yet".into())) }
