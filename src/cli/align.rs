//! placeholder
use super::{CliError, Common, Outcome};
use clap::Args;
#[derive(Args, Debug)]
pub struct AlignArgs {}
pub fn run(_args: &AlignArgs, _common: &Common) -> Result<Outcome, CliError> { Err(CliError("not yet".into())) }
